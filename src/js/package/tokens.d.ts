// The types of stripe-apps-secrets/tokens (ESM and CommonJS alike).
import type { SecretStore } from 'stripe-apps-secrets';

/**
 * A token as the helper keeps it: the provider's token response (RFC 6749,
 * section 5.1) as JSON, its lifetimes as times. Fields the helper does not
 * know are kept as they came.
 */
export interface Token {
  access_token: string;
  token_type?: string;
  refresh_token?: string;
  /** When the access token ends, Unix seconds (from the response's `expires_in`). */
  expires_at?: number;
  /** When the refresh token ends, Unix seconds (from `refresh_token_expires_in`, where the provider sends it). */
  refresh_token_expires_at?: number;
  scope?: string;
  [field: string]: unknown;
}

/** What `save()` takes and `refresh` may resolve with: a `Token`, or the provider's answer with lifetimes in seconds from now. */
export type TokenInput = Omit<Token, 'expires_at' | 'refresh_token_expires_at'> & {
  expires_at?: number;
  refresh_token_expires_at?: number;
  expires_in?: number;
  refresh_token_expires_in?: number;
};

export interface TokenStoreOptions {
  /** The store that keeps the token (`new SecretStore({ userId, fetch: stripeApiFetch })`). */
  secrets: SecretStore;
  /** The secret's name. */
  name: string;
  /** Where the secret lives; default `'user'`, the store's own user. */
  scope?: 'user' | 'account' | { type: 'user'; user: string } | { type: 'account' };
  /** The app's refresh: calls the provider's token endpoint with `current.refresh_token`, resolves with its answer. */
  refresh?: (current: Token) => Promise<TokenInput>;
  /** Seconds before `expires_at` from which a token is refreshed before use; default 60. */
  margin?: number;
}

export interface TokenStore {
  readonly name: string;
  readonly scope: Readonly<{ type: 'user'; user: string | undefined } | { type: 'account' }>;
  /** The saved token, or null; refreshed first (and saved) where it ends within the margin. */
  get(): Promise<Token | null>;
  /** Saves a token; the secret expires with its refresh token where the provider says when, else with the access token unless a refresh token is there. */
  save(token: TokenInput): Promise<Token>;
  /** Refreshes the saved token now; null where none is saved. */
  refresh(): Promise<Token | null>;
  /** Calls `request` with the saved token; on a 401, refreshes once and calls it once more. */
  withToken<R>(request: (token: Token) => Promise<R>): Promise<R>;
  /** Deletes the secret; a secret already gone is not an error. */
  clear(): Promise<void>;
}

/** A token helper for one secret. Throws a `StripeInvalidRequestError` naming the option at fault. */
export function tokenStore(options: TokenStoreOptions): TokenStore;

/** The most characters a secret's payload holds: a token's JSON must fit. */
export const PAYLOAD_LIMIT: 5000;

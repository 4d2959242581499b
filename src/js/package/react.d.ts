// The types of stripe-apps-secrets/react (ESM and CommonJS alike).
import type { SecretStore } from 'stripe-apps-secrets';
import type { Token, TokenInput, TokenStore } from 'stripe-apps-secrets/tokens';

/** What a view renders: loading (a read or an action under way), the value, the last error. */
export interface StoredState<T> {
  loading: boolean;
  /** null where nothing is saved (and while the first read is under way). */
  value: T | null;
  /** What the last read or action rejected with; cleared by the next one. */
  error: unknown;
}

export interface SecretState extends StoredState<string> {
  /** Saves the payload; never rejects (an error goes to `error`). */
  save(payload: string, options?: { expires_at?: number }): Promise<void>;
  /** Deletes the secret; a missing one is not an error. */
  remove(): Promise<void>;
  /** Reads it again. */
  refresh(): Promise<void>;
}

export interface TokenState extends StoredState<Token> {
  save(token: TokenInput): Promise<void>;
  /** Signs out: the token helper's clear(). */
  remove(): Promise<void>;
  /** Refreshes the token now. */
  refresh(): Promise<void>;
}

/** A secret's payload for a view; read again when the store's user, the scope or the name changes. */
export function useSecret(
  secrets: SecretStore,
  options: { name: string; scope?: 'user' | 'account' | { type: 'user'; user: string } | { type: 'account' } },
): SecretState;

/** A token helper's token for a view; read again when the helper's user, scope or name changes. */
export function useToken(tokens: TokenStore): TokenState;

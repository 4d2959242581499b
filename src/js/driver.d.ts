// Types of the JS driver (src/js/driver.js), the package's main entry.
// scripts/finish-pkg.mjs makes pkg/stripe_apps_secrets.d.ts from this file.
/** Where a secret lives. `'account'` and `'user'` (the store's own user) are shorthands. */
export type Scope = { type: 'account' } | { type: 'user'; user: string };
export type ScopeInput = Scope | 'account' | 'user';

/** The SDK's `SerializableResponse`, as `stripeApiFetch` resolves. */
export interface SerializableResponse {
  status: number;
  ok?: boolean;
  statusText?: string;
  headers?: Record<string, string>;
  json?: unknown;
}

/** A `stripeApiFetch`-shaped function (`@stripe/ui-extension-sdk/api_fetch`). */
export type StripeApiFetch = (
  path: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
) => Promise<SerializableResponse>;

export interface SecretStoreOptions {
  /** The caller's own Dashboard user (`userContext.id`). Without it only the account scope is allowed. */
  userId?: string;
  /** The UI-extension transport. Refused together with `apiKey`. */
  fetch?: StripeApiFetch;
  /** Key for the global-fetch transport (backends, tests, the demo). */
  apiKey?: string;
  /** Default `https://api.stripe.com`; `http://` only for loopback hosts. */
  baseUrl?: string;
  /** `Stripe-Version`; default `2024-04-10`. */
  apiVersion?: string;
  /** `Stripe-Account`, to act on a connected account. */
  stripeAccount?: string;
  /** Retries of connection errors, 409, 429 and 5xx; default 2, at most 10. */
  maxNetworkRetries?: number;
  /** Milliseconds per attempt; default 80000. */
  timeout?: number;
}

export interface RequestOptions {
  /** Used as given for the call and all its retries; random by default. */
  idempotencyKey?: string;
  /** Aborting it stops the call at once with a `StripeAbortError`. */
  signal?: AbortSignal;
}

export interface CreateParams {
  name: string;
  payload: string;
  scope: ScopeInput;
  /** Unix seconds, in (now, now + 100 years]. */
  expires_at?: number;
  expand?: string[];
}

export interface FindParams {
  name: string;
  scope: ScopeInput;
  expand?: string[];
}

export type DeleteParams = FindParams;

export interface ListParams {
  scope: ScopeInput;
  /** 1 to 100; the server's default is 10. */
  limit?: number;
  starting_after?: string;
  ending_before?: string;
  expand?: string[];
}

export interface Secret {
  id: string;
  object: 'apps.secret';
  created?: number;
  deleted?: boolean;
  expires_at: number | null;
  livemode: boolean;
  name?: string;
  /** Present only when expanded. */
  payload?: string;
  scope?: Scope;
}

export interface SecretList {
  object: 'list';
  url: string;
  has_more: boolean;
  data: Secret[];
}

export type SecretStoreErrorType =
  | 'StripeScopeError'
  | 'StripeInvalidRequestError'
  | 'StripeAuthenticationError'
  | 'StripePermissionError'
  | 'StripeRateLimitError'
  | 'StripeAPIError'
  | 'StripeConnectionError'
  | 'StripeIdempotencyError'
  | 'StripeAbortError';

/** What every rejection of this library is: an `Error` with these fields. */
export interface SecretStoreError extends Error {
  type: SecretStoreErrorType;
  code?: string;
  param?: string;
  statusCode?: number;
  requestId?: string;
  /** Stripe's documentation link for the error, when it sent one. */
  doc_url?: string;
}

/** The async iterator `listAll` returns: `for await` works, `break` ends the walk. */
export interface ListAllIterator extends AsyncIterableIterator<Secret> {
  next(): Promise<IteratorResult<Secret, undefined>>;
  return(): Promise<IteratorResult<Secret, undefined>>;
  [Symbol.asyncIterator](): ListAllIterator;
}

/** A Secret Store client bound to one caller. See the README for options. */
export declare class SecretStore {
  /** Throws a `StripeInvalidRequestError` for bad options. */
  constructor(options: SecretStoreOptions);
  /** The `userId` this store was built with. */
  readonly userId: string | undefined;
  /** Creates a secret, or replaces the one with that name in that scope. */
  create(params: CreateParams, options?: RequestOptions): Promise<Secret>;
  /** Finds a secret by name and scope. */
  find(params: FindParams, options?: RequestOptions): Promise<Secret>;
  /** Deletes a secret by name and scope; resolves with it, `deleted: true`. */
  deleteWhere(params: DeleteParams, options?: RequestOptions): Promise<Secret>;
  /** One page of a scope, newest first: `{ object, url, has_more, data }`. */
  list(params: ListParams, options?: RequestOptions): Promise<SecretList>;
  /** Every secret of a scope: `for await (const secret of store.listAll(params))`. Pages are fetched as the loop needs them, each through the rule. */
  listAll(params: ListParams, options?: RequestOptions): ListAllIterator;
  /** Releases the store's wasm memory now rather than at garbage collection. */
  free(): void;
}

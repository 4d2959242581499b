//! TypeScript declarations for the objects the JS API takes and returns.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
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
"#;

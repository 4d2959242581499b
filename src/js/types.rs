//! The TypeScript types of the JS API, next to the Rust that reads and
//! writes them; wasm-bindgen puts them into the generated `.d.ts`. They use
//! no DOM type, so a project compiling with `lib: ["es2022"]` alone checks.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Where a secret lives. */
export type Scope = { type: 'account' } | { type: 'user'; user: string };
/**
 * A scope as a call names it: `'account'` and `'user'` (the store's own
 * user) are shorthands. `user` may be `undefined`, as the SDK types the
 * view's `userContext.id`: a user scope without its user is refused before
 * anything is sent.
 */
export type ScopeInput = { type: 'account' } | { type: 'user'; user: string | undefined } | 'account' | 'user';

/** The SDK's `SerializableResponse`, as `stripeApiFetch` resolves. */
export interface SerializableResponse {
  status: number;
  ok?: boolean;
  statusText?: string;
  headers?: Record<string, string>;
  json?: unknown;
  /** The body, when it was not `application/json`: read as UTF-8 JSON. */
  arrayBuffer?: ArrayBuffer;
}

/** A `stripeApiFetch`-shaped function (`@stripe/ui-extension-sdk/api_fetch`): given the full URL. */
export type StripeApiFetch = (
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
) => Promise<SerializableResponse>;

/** What `signal` must be: an `AbortSignal` (described here without the DOM library). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

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
  signal?: AbortSignalLike;
}

export interface CreateParams {
  name: string;
  payload: string;
  scope: ScopeInput;
  /** Unix seconds, in (now, now + 100 years]: a number, or its exact decimal digits. */
  expires_at?: number | string;
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
  /** 1 to 100 (a number, or its exact decimal digits); the server's default is 10. */
  limit?: number | string;
  starting_after?: string;
  ending_before?: string;
  expand?: string[];
}

/**
 * As stripe-node's `Stripe.Apps.Secret`: `id`, `object`, `created`,
 * `livemode`, `name` and `scope` are always there (code written against
 * stripe-node, `secret.name.length`, compiles under `--strict`).
 */
export interface Secret {
  id: string;
  object: 'apps.secret';
  created: number;
  deleted?: boolean;
  expires_at: number | null;
  livemode: boolean;
  name: string;
  /** Present only when expanded. */
  payload?: string;
  scope: Scope;
}

export interface SecretList {
  object: 'list';
  url: string;
  has_more: boolean;
  data: Secret[];
}

/** What came back with a result: the answer's status and headers (never a request header). */
export interface LastResponse {
  requestId: string | undefined;
  statusCode: number;
  /** Names in lower case; a null-prototype object, as Node's `message.headers`. */
  headers: Record<string, string>;
}

/** A result with stripe-node's `lastResponse`, which `JSON.stringify` leaves out. */
export type StripeResponse<T> = T & { readonly lastResponse: LastResponse };

/**
 * What `list()` returns, as stripe-node's `ApiListPromise`: the first page,
 * and an async iterator over every item of every page, fetched as needed.
 */
export interface ApiListPromise extends Promise<StripeResponse<SecretList>>, AsyncIterableIterator<Secret> {
  /** Calls `onItem` for each item of each page; it returns `false` (or a Promise of it) to stop. */
  autoPagingEach(
    onItem: (item: Secret) => boolean | void | Promise<boolean | void>,
    onDone?: (error?: unknown) => void,
  ): Promise<void>;
  /** The first `limit` items (at most 10,000), across pages. */
  autoPagingToArray(options: { limit: number }, onDone?: (error: unknown, items?: Secret[]) => void): Promise<Secret[]>;
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

/** Base class of every rejection of this library, named as stripe-node's. */
export declare class StripeError extends Error {
  readonly type: SecretStoreErrorType;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;
  /** Stripe's documentation link for the error, when it sent one. */
  readonly doc_url: string | undefined;
}
export declare class StripeInvalidRequestError extends StripeError { readonly type: 'StripeInvalidRequestError'; }
export declare class StripeAuthenticationError extends StripeError { readonly type: 'StripeAuthenticationError'; }
export declare class StripePermissionError extends StripeError { readonly type: 'StripePermissionError'; }
export declare class StripeRateLimitError extends StripeError { readonly type: 'StripeRateLimitError'; }
export declare class StripeAPIError extends StripeError { readonly type: 'StripeAPIError'; }
export declare class StripeConnectionError extends StripeError { readonly type: 'StripeConnectionError'; }
export declare class StripeIdempotencyError extends StripeError { readonly type: 'StripeIdempotencyError'; }
/** The scope rule refused a call (nothing sent), or an answer held another scope's secret. */
export declare class StripeScopeError extends StripeError { readonly type: 'StripeScopeError'; }
/** The caller's `AbortSignal` stopped the call. */
export declare class StripeAbortError extends StripeError { readonly type: 'StripeAbortError'; }

/** Any error this library rejects with. */
export type SecretStoreError = StripeError;
"#;

#[cfg(test)]
mod tests;

// The JS side of the binding that Rust cannot express: error classes that
// `instanceof` works with, and the async-iterator protocol for listAll.
// wasm-bindgen links this module as a snippet; the package entry
// re-exports the classes.

/** Base class of every error the package rejects with, as stripe-node's. */
export class StripeError extends Error {
  constructor(type, message, code, param, statusCode, requestId, docUrl) {
    super(message);
    // Own properties, all of them, even when undefined: a polluted
    // Object.prototype can then never show through an error.
    this.name = type;
    this.type = type;
    this.code = code;
    this.param = param;
    this.statusCode = statusCode;
    this.requestId = requestId;
    this.doc_url = docUrl;
  }
}
export class StripeInvalidRequestError extends StripeError {}
export class StripeAuthenticationError extends StripeError {}
export class StripePermissionError extends StripeError {}
export class StripeRateLimitError extends StripeError {}
export class StripeAPIError extends StripeError {}
export class StripeConnectionError extends StripeError {}
export class StripeIdempotencyError extends StripeError {}
/** The scope rule refused a call (nothing sent), or an answer held another scope's secret. */
export class StripeScopeError extends StripeError {}
/** The caller's AbortSignal stopped the call. */
export class StripeAbortError extends StripeError {}

const CLASSES = new Map([
  ['StripeInvalidRequestError', StripeInvalidRequestError],
  ['StripeAuthenticationError', StripeAuthenticationError],
  ['StripePermissionError', StripePermissionError],
  ['StripeRateLimitError', StripeRateLimitError],
  ['StripeAPIError', StripeAPIError],
  ['StripeConnectionError', StripeConnectionError],
  ['StripeIdempotencyError', StripeIdempotencyError],
  ['StripeScopeError', StripeScopeError],
  ['StripeAbortError', StripeAbortError],
]);

/** The error instance for Rust's `Error` (src/js/write.rs). */
export function makeError(type, message, code, param, statusCode, requestId, docUrl) {
  const Class = CLASSES.get(type) ?? StripeError;
  return new Class(type, message, code, param, statusCode, requestId, docUrl);
}

const DONE = Object.freeze({ done: true, value: undefined });

/**
 * The async iterator of a listAll walk (a Rust `SecretWalk`): one page
 * request at a time, whatever the caller does; `return()` ends the walk at
 * once and sends nothing more.
 */
export function asyncIterable(walk) {
  let queue = Promise.resolve();
  let finished = false;
  const step = () => (finished ? undefined : walk.next());
  const end = () => {
    if (!finished) {
      finished = true;
      walk.stop();
    }
  };
  return {
    next() {
      const result = queue.then(step, step).then(
        (secret) => {
          if (secret === undefined) {
            end();
            return DONE;
          }
          return { done: false, value: secret };
        },
        (error) => {
          end();
          throw error;
        },
      );
      queue = result.then(undefined, () => undefined);
      return result;
    },
    return(value) {
      end();
      return Promise.resolve({ done: true, value });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

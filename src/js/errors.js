// The error classes every rejection is an instance of, as stripe-node names
// them, recognised across copies of the package. wasm-bindgen links this
// module as a snippet; every entry re-exports its classes (public-api.js).
import { define } from '../interop/objects.js';

/**
 * The brand of an error built by any copy of this package (the ESM and the
 * CommonJS build, two entries, two versions bundled side by side): an own,
 * non-enumerable, read-only property under a registered symbol, whose value
 * is the type of the class that built it. `instanceof` checks it, so an
 * error of one copy is an instance of another copy's class of its type.
 * Objects that no copy's constructor built (a stripe-node error, an
 * `Object.create` of a prototype, a clone) do not carry it, whatever their
 * `name` or `type`. The package itself never decides anything by
 * `instanceof`: a forged brand misleads only the code that forged it.
 */
const BRAND = Symbol.for('stripe-apps-secrets.error');

/** Each class of this copy, by itself: its type. */
const TYPES = new Map();

/** Base class of every error the package rejects with, as stripe-node's. */
export class StripeError extends Error {
  constructor(type, message, code, param, statusCode, requestId, docUrl) {
    // Error's constructor defines `message` (it does not assign it).
    super(message);
    // Own properties, all of them, even when undefined: a polluted
    // Object.prototype can then never show through an error. Defined, not
    // assigned (see `define` in src/interop/objects.js); enumerable, as the assignments made them.
    define(this, 'name', type);
    define(this, 'type', type);
    define(this, 'code', code);
    define(this, 'param', param);
    define(this, 'statusCode', statusCode);
    define(this, 'requestId', requestId);
    define(this, 'doc_url', docUrl);
    // The brand is the class's type, whatever `type` was passed; an app's
    // subclass of one of these classes carries its parent's.
    // `Reflect.construct` with an unrelated `new.target` brands nothing;
    // the walk is bounded, as a Proxy's prototype chain need not end.
    let Class = new.target;
    for (let depth = 0; depth < 32 && Class !== null && !TYPES.has(Class); depth++) Class = Object.getPrototypeOf(Class);
    if (TYPES.has(Class)) Object.defineProperty(this, BRAND, { __proto__: null, value: TYPES.get(Class) });
  }

  /**
   * `instanceof` across copies of the package: an error of any copy is an
   * instance of this copy's class of the same type (and of `StripeError`).
   * An app's subclass keeps the ordinary prototype check.
   */
  static [Symbol.hasInstance](value) {
    const type = TYPES.get(this);
    if (type === undefined) return Function.prototype[Symbol.hasInstance].call(this, value);
    let brand;
    try {
      brand = Object.getOwnPropertyDescriptor(value, BRAND).value;
    } catch {
      // No brand, `undefined` or `null`, or a Proxy whose trap throws: not one of ours.
    }
    return type === 'StripeError' ? typeof brand === 'string' : brand === type;
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

// Minifiers rename classes (the single-file entries ship minified, and so
// does a Stripe App's bundle): `constructor.name` and stack traces keep
// stripe-node's names.
for (const [name, Class] of [['StripeError', StripeError], ...CLASSES]) {
  Object.defineProperty(Class, 'name', { __proto__: null, value: name });
  TYPES.set(Class, name);
}

/** The error instance for Rust's `Error` (src/js/write.rs). */
export function makeError(type, message, code, param, statusCode, requestId, docUrl) {
  const Class = CLASSES.get(type) ?? StripeError;
  return new Class(type, message, code, param, statusCode, requestId, docUrl);
}

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

// Minifiers rename classes (the single-file entries ship minified, and so
// does a Stripe App's bundle): `constructor.name` and stack traces keep
// stripe-node's names.
for (const [name, Class] of [['StripeError', StripeError], ...CLASSES]) Object.defineProperty(Class, 'name', { value: name });

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

/**
 * Attaches stripe-node's `lastResponse` to a result: not enumerable, so
 * `JSON.stringify(result)` and spreads leave it out. `headerPairs` is
 * [name, value, name, value, ...] of the answer's headers only.
 */
export function withResponse(result, statusCode, requestId, headerPairs) {
  // Null prototype, as Node's own `message.headers`: a header named
  // `__proto__` stays a header.
  const headers = Object.create(null);
  for (let i = 0; i + 1 < headerPairs.length; i += 2) headers[headerPairs[i]] = headerPairs[i + 1];
  Object.defineProperty(result, 'lastResponse', {
    __proto__: null,
    value: { requestId, statusCode, headers },
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return result;
}

/**
 * stripe-node's `ApiListPromise`: the promise of the first page, also an
 * async iterator over every item of every page. Pages after the first come
 * from `walk` (a Rust `SecretWalk`, each page through the rule again), one
 * at a time and only when needed; stopping early sends nothing more.
 * Walking backwards (`ending_before`), items come last to first within each
 * page, as stripe-node yields them.
 */
export function listPromise(firstPage, walk, backwards) {
  let items;
  const iterator = () => (items ??= asyncIterable(new ItemsAfter(firstPage, walk, backwards)));
  firstPage.next = () => iterator().next();
  firstPage.return = (value) => iterator().return(value);
  firstPage[Symbol.asyncIterator] = () => iterator();
  firstPage.autoPagingEach = function autoPagingEach(onItem, onDone) {
    if (typeof onItem !== 'function') throw new TypeError('autoPagingEach takes a callback: (item) => false | void to stop or go on.');
    if (onDone !== undefined && typeof onDone !== 'function') throw new TypeError('The second argument of autoPagingEach, if given, must be a function.');
    const it = iterator();
    const each =
      onItem.length === 2 ? (item) => new Promise((next) => onItem(item, next)) : async (item) => onItem(item);
    const done = (async () => {
      for (;;) {
        const step = await it.next();
        if (step.done) return;
        if ((await each(step.value)) === false) {
          await it.return();
          return;
        }
      }
    })();
    if (onDone !== undefined) done.then(() => onDone(), (error) => onDone(error));
    return done;
  };
  firstPage.autoPagingToArray = function autoPagingToArray(options, onDone) {
    const limit = options !== null && typeof options === 'object' && Object.hasOwn(options, 'limit') ? options.limit : undefined;
    if (!limit) throw new TypeError('You must pass a `limit` option to autoPagingToArray, e.g., `autoPagingToArray({limit: 1000});`.');
    if (limit > 10000) throw new TypeError('autoPagingToArray takes a limit of at most 10,000 items; use autoPagingEach for longer walks.');
    const found = [];
    const all = firstPage
      .autoPagingEach((item) => {
        found.push(item);
        return found.length < limit;
      })
      .then(() => found);
    if (onDone !== undefined) all.then((list) => onDone(null, list), (error) => onDone(error));
    return all;
  };
  return firstPage;
}

/** The items of a list: the first page's, then the walk's (the `walk` protocol of `asyncIterable`). */
class ItemsAfter {
  constructor(firstPage, walk, backwards) {
    this.firstPage = firstPage;
    this.walk = walk;
    this.backwards = backwards;
    this.page = undefined;
    this.index = 0;
  }

  async next() {
    if (this.page === undefined) this.page = (await this.firstPage).data;
    if (this.index < this.page.length) {
      const i = this.index++;
      return this.page[this.backwards ? this.page.length - 1 - i : i];
    }
    return this.walk.next();
  }

  stop() {
    this.walk.stop();
  }
}

/** What `ownValue` answers for a key the object does not have as its own. */
export const ABSENT = Symbol('absent');
/** What `ownValue` answers for a getter or setter (which it never runs). */
export const ACCESSOR = Symbol('accessor');

/**
 * The own data property `key` of `target`, without running a getter and
 * without looking at prototypes (src/own.rs): one call from the wasm
 * instead of three. Throws what a Proxy trap throws.
 */
export function ownValue(target, key) {
  const found = Object.getOwnPropertyDescriptor(target, key);
  if (found === undefined) return ABSENT;
  // A descriptor is a fresh object: `value` is its own property exactly
  // when it describes data, whatever Object.prototype holds.
  return Object.hasOwn(found, 'value') ? found.value : ACCESSOR;
}

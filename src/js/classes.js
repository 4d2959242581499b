// The JS side of the binding that Rust cannot express: error classes that
// `instanceof` works with, and the async-iterator protocol for listAll.
// wasm-bindgen links this module as a snippet; the package entry
// re-exports the classes.

/**
 * Makes `key` an own, writable, enumerable data property of `target`.
 * Everything this package hands to JS is built this way, as an object
 * literal, or by assignment while the object has no prototype (`headersOf`,
 * `makeSecret`); never by assignment through a prototype:
 * `target[key] = value` runs a setter that a polluted Object.prototype
 * (or Array.prototype) holds for `key`, which would see the value (a
 * payload, the form body) and keep the own property from being made; and
 * it throws where that prototype holds `key` non-writable, which would
 * leave a promise never settled. The descriptor has no prototype, so an
 * inherited `get` or `set` cannot join it.
 */
export function define(target, key, value) {
  return Object.defineProperty(target, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
}

/** `item` at the end of `array`, defined (see `define`), not pushed. */
export function append(array, item) {
  define(array, array.length, item);
}

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
    // assigned (see `define`); enumerable, as the assignments made them.
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
      brand = Object.getOwnPropertyDescriptor(value, BRAND)?.value;
    } catch {
      // A primitive, or a Proxy whose trap throws: not one of ours.
      return false;
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
  // The walk's `stop` may run more than once (the last page, then
  // `return()`): it only marks the walk ended.
  const end = () => {
    finished = true;
    walk.stop();
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
 * The `count` headers of `lines` (`name\nvalue\nname\nvalue`,
 * src/js/write.rs) as own data properties of an object with `prototype`,
 * or `undefined` when the lines are not `count` pairs (a transport handed
 * a header with a line feed, which no HTTP header holds). They are
 * assigned while the object has no prototype, where no inherited setter
 * can run (see `define`), and it gets `prototype` last: as safe as
 * `define`, at a third of its cost per call. A header named `__proto__`
 * stays a header.
 */
function headersOf(lines, count, prototype) {
  const parts = count === 0 ? [] : lines.split('\n');
  if (parts.length !== 2 * count) return undefined;
  const headers = Object.create(null);
  for (let i = 0; i < parts.length; i += 2) headers[parts[i]] = parts[i + 1];
  return Object.setPrototypeOf(headers, prototype);
}

/**
 * Attaches stripe-node's `lastResponse` to a result: not enumerable, so
 * `JSON.stringify(result)` and spreads leave it out. `headerLines` holds
 * the answer's headers only (none, if they are not `headerCount` pairs);
 * they keep a null prototype, as Node's own `message.headers`.
 */
export function withResponse(result, statusCode, requestId, headerLines, headerCount) {
  Object.defineProperty(result, 'lastResponse', {
    __proto__: null,
    // A literal: its properties are defined, whatever Object.prototype holds.
    value: { requestId, statusCode, headers: headersOf(headerLines, headerCount, null) ?? Object.create(null) },
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
  // Defined, not assigned (see `define`): an inherited `next` setter or a
  // non-writable `return` on Object.prototype changes nothing here.
  define(firstPage, 'next', () => iterator().next());
  define(firstPage, 'return', (value) => iterator().return(value));
  define(firstPage, Symbol.asyncIterator, () => iterator());
  define(firstPage, 'autoPagingEach', function autoPagingEach(onItem, onDone) {
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
  });
  define(firstPage, 'autoPagingToArray', function autoPagingToArray(options, onDone) {
    const limit = options !== null && typeof options === 'object' && Object.hasOwn(options, 'limit') ? options.limit : undefined;
    if (!limit) throw new TypeError('You must pass a `limit` option to autoPagingToArray, e.g., `autoPagingToArray({limit: 1000});`.');
    if (limit > 10000) throw new TypeError('autoPagingToArray takes a limit of at most 10,000 items; use autoPagingEach for longer walks.');
    const found = [];
    const all = firstPage
      .autoPagingEach((item) => {
        append(found, item);
        return found.length < limit;
      })
      .then(() => found);
    if (onDone !== undefined) all.then((list) => onDone(null, list), (error) => onDone(error));
    return all;
  });
  return firstPage;
}

/** The items of a list: the first page's, then the walk's (the `walk` protocol of `asyncIterable`). */
class ItemsAfter {
  // Fields, not assignments in the constructor: fields are defined, so
  // nothing inherited from Object.prototype runs (see `define`).
  firstPage;
  walk;
  backwards;
  page = undefined;
  index = 0;

  constructor(firstPage, walk, backwards) {
    this.firstPage = firstPage;
    this.walk = walk;
    this.backwards = backwards;
  }

  async next() {
    // The first page's items as it answered, read once.
    this.page ??= (await this.firstPage).data;
    // Rejects with `store_freed` once the store is freed, even for items in hand.
    this.walk.check();
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

/**
 * A Secret as Stripe's JSON spells it (src/js/write.rs): `expires_at` is
 * `null` when it does not expire; `created`, `deleted` (only when true),
 * `name`, `payload` and `scope` are left out when the answer left them
 * out. Every field is the result's own, and no inherited setter sees the
 * payload: they are assigned while the object has no prototype (as in
 * `headersOf`), and it gets Object.prototype last.
 */
export function makeSecret(id, created, deleted, expiresAt, livemode, name, payload, scopeType, scopeUser) {
  const secret = Object.create(null);
  secret.id = id;
  secret.object = 'apps.secret';
  if (created !== undefined) secret.created = created;
  if (deleted) secret.deleted = true;
  secret.expires_at = expiresAt ?? null;
  secret.livemode = livemode;
  if (name !== undefined) secret.name = name;
  if (payload !== undefined) secret.payload = payload;
  if (scopeType !== undefined) secret.scope = scopeUser === undefined ? { type: scopeType } : { type: scopeType, user: scopeUser };
  return Object.setPrototypeOf(secret, Object.prototype);
}

/** A list page; `data` was filled by `append` from Rust. */
export function makeList(url, hasMore, data) {
  return { object: 'list', url, has_more: hasMore, data };
}

/**
 * The init of a `stripeApiFetch` call (src/transport/extension.rs):
 * `{ method, headers, body }`, and an own `undefined` for every other
 * member `fetch` reads. The SDK's frame transport spreads it into the
 * init of the realm's `fetch`, where a missing member would be read
 * through a possibly polluted Object.prototype (an inherited `signal`,
 * `body` or `mode` broke every call). `undefined` is "absent" to `fetch`
 * and survives `structuredClone` and the spread. A literal, headers by
 * `headersOf`: an inherited `body` or `Authorization` setter sees nothing.
 */
export function makeInit(method, headerLines, headerCount, body) {
  const headers = headersOf(headerLines, headerCount, Object.prototype);
  // The request's headers are checked visible ASCII (src/options.rs): this
  // never throws, and were it to, the call fails before anything is sent.
  if (headers === undefined) throw new TypeError('unsendable headers');
  return {
    method,
    headers,
    body,
    cache: undefined,
    credentials: undefined,
    duplex: undefined,
    integrity: undefined,
    keepalive: undefined,
    mode: undefined,
    priority: undefined,
    redirect: undefined,
    referrer: undefined,
    referrerPolicy: undefined,
    signal: undefined,
    window: undefined,
  };
}

/**
 * The status and the first `max` headers of what the global `fetch`
 * resolved with, as `[status, name, value, name, value, ...]`, or
 * `undefined` when it is not a `Response` with real `Headers` (src/transport/global.rs).
 * Everything that could throw runs here, inside one `try`: a stand-in
 * `fetch`, a Proxy or a patched prototype then makes the call fail with a
 * typed error, where a throw inside the wasm would leave it pending for ever.
 */
export function answerParts(response, max) {
  try {
    if (!(response instanceof Response)) return undefined;
    const headers = response.headers;
    if (!(headers instanceof Headers)) return undefined;
    // The status is checked in Rust (a whole number from 100 to 599).
    const parts = [response.status];
    let count = 0;
    for (const entry of headers) {
      if (count++ >= max) break;
      const name = entry[0];
      const value = entry[1];
      if (typeof name !== 'string' || typeof value !== 'string') return undefined;
      append(parts, name);
      append(parts, value);
    }
    return parts;
  } catch {
    return undefined;
  }
}

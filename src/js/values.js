// The values the JS API hands over: Secrets, list pages, `lastResponse`, and
// the async-iterator protocol of listAll and list(). wasm-bindgen links this
// module as a snippet.
import { append, define, headersOf } from '../interop/objects.js';

// Pure: a bundle that takes only `shielded` (the token helper) leaves it out.
const DONE = /* @__PURE__ */ Object.freeze({ done: true, value: undefined });

/** An own `undefined`, neither enumerable nor seen by spreads, that shadows what a prototype holds. */
const SHADOW = { __proto__: null, value: undefined, writable: true, configurable: true };
/** See `shielded`. */
const SHIELDS = { __proto__: null, then: SHADOW, toJSON: SHADOW };

/**
 * `result` with own `then` and `toJSON` that shadow Object.prototype's, for
 * every object of a result: a promise reads `then` on what it
 * resolves with and `JSON.stringify` reads `toJSON`, each through the
 * prototype chain, so a getter planted there would be called with the
 * result. Not enumerable: spreads, `JSON.stringify`, structured clone and
 * equality tests see the result as stripe-node's plain data.
 */
export function shielded(result) {
  return Object.defineProperties(result, SHIELDS);
}

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
          return shielded({ done: false, value: secret });
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
  // Defined, not assigned (see `define` in src/interop/objects.js): an inherited `next` setter or a
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
    const found = shielded([]);
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
  // nothing inherited from Object.prototype runs (see `define` in src/interop/objects.js).
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
  if (scopeType !== undefined) secret.scope = shielded(scopeUser === undefined ? { type: scopeType } : { type: scopeType, user: scopeUser });
  return shielded(Object.setPrototypeOf(secret, Object.prototype));
}

/** A list page; `data` was filled by `append` from Rust. */
export function makeList(url, hasMore, data) {
  return shielded({ object: 'list', url, has_more: hasMore, data: shielded(data) });
}

// The JS driver of stripe-apps-secrets: the `SecretStore` class, over the
// wasm `Core` (src/js/mod.rs). It owns the async loop only: it snapshots the
// arguments (each property read once, getters in scopes never run), hands
// the snapshot to the wasm in one string, sends the request the wasm
// prepared, races the per-attempt timeout and the caller's signal, hands the
// answer back in one call, and sleeps when the wasm says to retry. Every
// decision (the rule, the checks, the encoding, the idempotency key, the
// reading of answers, the retry policy, the listAll cursor) is the wasm's.
//
// scripts/finish-pkg.mjs puts this file into pkg/stripe_apps_secrets.js,
// bound to the Core class of the wasm-bindgen glue; the browser tests load
// it as it is (tests/common/mod.rs).

// Operations, as Core.prepare numbers them, with the keys their params
// may have, in the order the wasm reads them (scope first).
const CREATE = [0, ['scope', 'name', 'payload', 'expires_at', 'expand']];
const FIND = [1, ['scope', 'name', 'expand']];
const DELETE = [2, FIND[1]];
const LIST = [3, ['scope', 'limit', 'starting_after', 'ending_before', 'expand']];
const LIST_ALL = [4, LIST[1]];
const OPTIONS = ['idempotencyKey', 'signal'];
const STORE_OPTIONS = ['fetch', 'userId', 'apiKey', 'baseUrl', 'apiVersion', 'stripeAccount', 'maxNetworkRetries', 'timeout'];

// Core.fail kinds.
const CONNECTION = 0;
const TIMEOUT = 1;
const ABORTED = 2;
const MALFORMED = 3;

const OBJECT_PROTOTYPE = Object.prototype;
const wellFormed =
  typeof String.prototype.isWellFormed === 'function'
    ? (s) => s.isWellFormed()
    : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const keyText = (key) => (wellFormed(key) ? key : key.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

// A value, as src/js/snapshot.rs reads it: strings and finite numbers as
// themselves, a lone surrogate as false, arrays item by item, anything else null.
function value(v) {
  if (typeof v === 'string') return wellFormed(v) ? v : false;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) {
    const items = [];
    for (let i = 0, n = v.length; i < n; i++) {
      const item = v[i];
      items.push(typeof item === 'string' ? (wellFormed(item) ? item : false) : null);
    }
    return items;
  }
  return null;
}

// A scope, without running any of its code: a string, the own data
// properties of a plain object as [key, value] pairs (0 for undefined, null
// for accessors and non-strings), or null for anything else.
function scope(v) {
  if (typeof v === 'string') return wellFormed(v) ? v : null;
  if (typeof v !== 'object' || v === null) return null;
  try {
    if (Array.isArray(v)) return null;
    const prototype = Reflect.getPrototypeOf(v);
    if (prototype !== null && prototype !== OBJECT_PROTOTYPE) return null;
    const keys = Reflect.ownKeys(v);
    const fields = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key !== 'string') {
        fields.push(['(symbol)', null]);
        continue;
      }
      let field = null;
      try {
        const d = Reflect.getOwnPropertyDescriptor(v, key);
        if (d !== undefined && 'value' in d) {
          const x = d.value;
          field = x === undefined ? 0 : typeof x === 'string' && wellFormed(x) ? x : null;
        }
      } catch {
        // unreadable: refused as a non-string
      }
      fields.push([keyText(key), field]);
    }
    return fields;
  } catch {
    return null;
  }
}

// An argument object: 0 left out, 1 not an object, 2 unreadable, its own
// keys when one is not allowed (0 for a symbol), else the allowed keys'
// values (true where reading threw). `special` marks a key whose value
// only has to be of a kind (`fetch`, `signal`): 1 if it is, null if not.
function args(a, allowed, special, kind) {
  if (a === undefined) return [0, undefined];
  if (typeof a !== 'object' || a === null) return [1, undefined];
  let keys;
  try {
    if (Array.isArray(a)) return [1, undefined];
    keys = Reflect.ownKeys(a);
  } catch {
    return [2, undefined];
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof key !== 'string' || !allowed.includes(key)) {
      return [keys.map((k) => (typeof k === 'string' ? keyText(k) : 0)), undefined];
    }
  }
  const out = {};
  let held;
  for (let i = 0; i < allowed.length; i++) {
    const key = allowed[i];
    let v;
    try {
      v = a[key];
    } catch {
      out[key] = true;
      continue;
    }
    if (v === undefined) continue;
    if (key === 'scope') out.scope = scope(v);
    else if (key === special) {
      out[key] = kind(v) ? 1 : null;
      held = v;
    } else out[key] = value(v);
  }
  return [out, held];
}

const isSignal = (v) => typeof AbortSignal === 'function' && v instanceof AbortSignal;
const isFunction = (v) => typeof v === 'function';

function toError(e) {
  const error = new Error(e.message);
  error.name = e.type;
  error.type = e.type;
  error.code = e.code;
  error.param = e.param;
  error.statusCode = e.statusCode;
  error.requestId = e.requestId;
  if (e.doc_url !== undefined) error.doc_url = e.doc_url;
  return error;
}

// stripeApiFetch needs the full URL (the SDK's host transport parses it).
const API_ORIGIN = 'https://api.stripe.com';
const utf8 = new TextDecoder('utf-8', { fatal: true });
const decode = (bytes) => {
  try {
    return utf8.decode(bytes);
  } catch {
    return '';
  }
};
const flag = (header) => (header === 'true' ? true : header === 'false' ? false : undefined);

/** Builds the `SecretStore` class over a wasm-bindgen `Core` class. */
export function secretStoreClass(Core) {
  // Reads the answer of one attempt into [status, requestId, shouldRetry, body].
  async function readResponse(response) {
    if (!(response instanceof Response)) return MALFORMED;
    const headers = response.headers;
    const requestId = headers.get('request-id') ?? undefined;
    const shouldRetry = flag(headers.get('stripe-should-retry'));
    return [response.status, requestId, shouldRetry, await response.text()];
  }

  function readSerializable(answer) {
    if (typeof answer !== 'object' || answer === null) return MALFORMED;
    const status = answer.status;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return MALFORMED;
    let requestId;
    let shouldRetry;
    const headers = answer.headers;
    if (typeof headers === 'object' && headers !== null) {
      // Own enumerable string keys, as Object.entries reads them.
      for (const name in headers) {
        if (!Object.hasOwn(headers, name)) continue;
        const v = headers[name];
        if (typeof v !== 'string') continue;
        const lower = name.length === 10 || name.length === 19 ? name.toLowerCase() : '';
        if (lower === 'request-id') requestId = v;
        else if (lower === 'stripe-should-retry') shouldRetry = flag(v);
      }
    }
    const json = answer.json;
    const bytes = answer.arrayBuffer;
    // No `json` (the SDK's frame transport fills it only for exactly
    // `application/json`): the body as UTF-8 from `arrayBuffer`.
    const body =
      json !== undefined ? JSON.stringify(json) : bytes instanceof ArrayBuffer ? decode(bytes) : '';
    return [status, requestId, shouldRetry, typeof body === 'string' ? body : ''];
  }

  // One attempt: the answer as an array, or a Core.fail kind. The timer and
  // the listener are gone when it settles.
  function attempt(store, request, signal) {
    return new Promise((resolve) => {
      let timer;
      let controller;
      let settled = false;
      const finish = (outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (signal !== undefined) signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const onAbort = () => {
        if (controller !== undefined) controller.abort();
        finish(ABORTED);
      };
      timer = setTimeout(() => {
        if (controller !== undefined) controller.abort();
        finish(TIMEOUT);
      }, store.timeout);
      if (signal !== undefined) signal.addEventListener('abort', onAbort);
      let sent;
      try {
        const init = { method: request.method, headers: request.headers };
        if (request.body !== undefined) init.body = request.body;
        if (store.fetch === undefined) {
          controller = new AbortController();
          init.signal = controller.signal;
          sent = fetch(store.baseUrl + request.path, init).then(readResponse);
        } else {
          sent = Promise.resolve(store.fetch.call(undefined, API_ORIGIN + request.path, init)).then(readSerializable);
        }
      } catch {
        sent = Promise.reject();
      }
      sent.then(finish, () => finish(signal !== undefined && signal.aborted ? ABORTED : CONNECTION));
    });
  }

  function sleep(ms, signal) {
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        if (signal !== undefined) signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      if (signal !== undefined) signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  // Sends a prepared call until the wasm's verdict is final: the result,
  // or an Error thrown.
  async function run(store, call, signal) {
    const request = JSON.parse(call.request());
    if (request.error !== undefined) throw toError(request.error);
    for (let retries = 0; ; retries++) {
      let verdict;
      if (signal !== undefined && signal.aborted) {
        verdict = call.fail(ABORTED, retries);
      } else {
        const answer = await attempt(store, request, signal);
        verdict =
          typeof answer === 'number' ? call.fail(answer, retries) : call.accept(answer[0], answer[1], answer[2], answer[3], retries);
      }
      const v = JSON.parse(verdict);
      if (v.retry === undefined) {
        if (v.error !== undefined) throw toError(v.error);
        return v;
      }
      if (!(await sleep(v.retry, signal))) {
        throw toError(JSON.parse(call.fail(ABORTED, retries)).error);
      }
    }
  }

  const internal = new WeakMap();

  function prepare(self, op, params, options) {
    const store = internal.get(self);
    const [p] = args(params, op[1]);
    const [o, signal] = args(options, OPTIONS, 'signal', isSignal);
    return [store, store.core.prepare(op[0], JSON.stringify([p, o])), signal];
  }

  async function single(self, op, params, options) {
    const [store, call, signal] = prepare(self, op, params, options);
    try {
      return (await run(store, call, signal)).ok;
    } finally {
      call.free();
    }
  }

  class ListAllIterator {
    #store;
    #call;
    #signal;
    #buffer = [];
    #more = true;
    #busy = false;
    #done = false;
    #pages = 0;

    constructor(store, call, signal) {
      this.#store = store;
      this.#call = call;
      this.#signal = signal;
    }

    [Symbol.asyncIterator]() {
      return this;
    }

    async next() {
      if (this.#busy) {
        const error = new Error('listAll: next() was called before the previous call settled.');
        throw Object.assign(error, {
          name: 'StripeInvalidRequestError',
          type: 'StripeInvalidRequestError',
          code: 'concurrent_next',
          param: undefined,
          statusCode: undefined,
          requestId: undefined,
        });
      }
      this.#busy = true;
      try {
        while (this.#buffer.length === 0) {
          if (this.#done || !this.#more) {
            this.#finish();
            return { value: undefined, done: true };
          }
          let page;
          try {
            page = await run(this.#store, this.#call, this.#signal);
          } catch (error) {
            // Refused arguments end the walk; a failed page may be asked again.
            if (this.#pages === 0 && JSON.parse(this.#call.request()).error !== undefined) this.#finish();
            throw error;
          }
          this.#pages++;
          this.#buffer = page.ok;
          this.#more = page.more;
        }
        return { value: this.#buffer.shift(), done: false };
      } finally {
        this.#busy = false;
      }
    }

    return() {
      if (!this.#busy) this.#finish();
      return Promise.resolve({ value: undefined, done: true });
    }

    #finish() {
      this.#done = true;
      this.#buffer = [];
      if (this.#call !== undefined) {
        this.#call.free();
        this.#call = undefined;
      }
    }
  }

  class SecretStore {
    /** Throws a `StripeInvalidRequestError` for bad options. */
    constructor(options) {
      const [snapshot, fetchFn] = args(options, STORE_OPTIONS, 'fetch', isFunction);
      let core;
      try {
        core = new Core(JSON.stringify(snapshot));
      } catch (e) {
        throw typeof e === 'string' ? toError(JSON.parse(e)) : e;
      }
      internal.set(this, { core, fetch: fetchFn, baseUrl: core.baseUrl, timeout: core.timeout });
    }

    /** The `userId` this store was built with. */
    get userId() {
      return internal.get(this).core.userId;
    }

    /** Creates a secret, or replaces the one with that name in that scope. */
    create(params, options) {
      return single(this, CREATE, params, options);
    }

    /** Finds a secret by name and scope. */
    find(params, options) {
      return single(this, FIND, params, options);
    }

    /** Deletes a secret by name and scope; resolves with it, `deleted: true`. */
    deleteWhere(params, options) {
      return single(this, DELETE, params, options);
    }

    /** One page of a scope, newest first: `{ object, url, has_more, data }`. */
    list(params, options) {
      return single(this, LIST, params, options);
    }

    /** Every secret of a scope: `for await (const secret of store.listAll(params))`. */
    listAll(params, options) {
      const [store, call, signal] = prepare(this, LIST_ALL, params, options);
      return new ListAllIterator(store, call, signal);
    }

    /** Releases the store's wasm memory now rather than at garbage collection. */
    free() {
      const store = internal.get(this);
      if (store !== undefined) {
        internal.delete(this);
        store.core.free();
      }
    }
  }
  if (typeof Symbol.dispose === 'symbol') SecretStore.prototype[Symbol.dispose] = SecretStore.prototype.free;

  return SecretStore;
}

// The package's main entry: wasm-bindgen's glue, plus what a generated
// module cannot say. scripts/finish-pkg.mjs copies it into
// pkg/stripe_apps_secrets.js, pointing './glue.js' and './classes.js' at
// the glue and at the snippet wasm-bindgen wrote for src/js/classes.js.
//
// - `init()` / `initSync()` remember that the wasm is ready, so a store
//   built before then throws a typed error instead of a TypeError from
//   inside the glue.
// - When this browser cannot compile WebAssembly (a Content-Security-Policy
//   without 'wasm-unsafe-eval', Lockdown Mode, WebAssembly switched off),
//   `init()` loads the JS engine instead: the same crate compiled to JS by
//   wasm2js, in './engine-js.js', imported only then. `engine()` says which
//   one runs.
// - Every method of `SecretStore` checks its receiver first: only a store
//   this module built, not freed, whose pointer is the one it was built
//   with, reaches the engine. Anything else (a freed store, a foreign
//   object, `Object.create(SecretStore.prototype)`, a forged or overwritten
//   `__wbg_ptr`, a pointer a polluted Object.prototype supplies) rejects
//   with a typed error and never touches wasm memory. The engine's own
//   class (the base class, reachable through the prototype chain) is
//   guarded the same way, `free()` and the `userId` getter included.
import initWasm, { initSync as initWasmSync, SecretStore as BoundStore } from './glue.js';
import { StripeInvalidRequestError } from './classes.js';

export {
  StripeError,
  StripeInvalidRequestError,
  StripeAuthenticationError,
  StripePermissionError,
  StripeRateLimitError,
  StripeAPIError,
  StripeConnectionError,
  StripeIdempotencyError,
  StripeScopeError,
  StripeAbortError,
} from './classes.js';

/** The engine that runs the stores: 'wasm', 'js', or undefined before init. */
let running;

/** Which engine runs this package's stores: 'wasm', 'js' (the fallback), or undefined before init. */
export function engine() {
  return running;
}

/** Whether this realm compiles WebAssembly: false without `WebAssembly`, or under a CSP that forbids it. */
function wasmCompiles() {
  try {
    // The smallest module: magic and version. A CSP without 'wasm-unsafe-eval'
    // refuses even this one, with a CompileError.
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    return true;
  } catch {
    return false;
  }
}

let loadingJs;
/** Loads and starts the JS engine, once; the stores then run on it. */
function initJs() {
  loadingJs ??= import('./engine-js.js').then(
    (js) => {
      js.initEngine();
      originals = guard(js.SecretStore);
      // The entry's class now extends the JS engine's: `super()` and the
      // inherited methods (free, userId, ...) resolve through these.
      Object.setPrototypeOf(SecretStore, js.SecretStore);
      Object.setPrototypeOf(SecretStore.prototype, js.SecretStore.prototype);
      running = 'js';
    },
    (error) => {
      loadingJs = undefined;
      throw error;
    },
  );
  return loadingJs;
}

const plain = (value) => typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Compiles and instantiates the .wasm, once; later calls share the result.
 * Where WebAssembly cannot compile, loads the JS engine instead (nothing is
 * fetched for the .wasm then). `{ engine: 'js' }` asks for the JS engine,
 * `{ engine: 'wasm' }` for the wasm only. The first engine started stays.
 */
export default async function init(input) {
  if (running !== undefined) return;
  let wanted;
  if (plain(input) && Object.hasOwn(input, 'engine')) {
    ({ engine: wanted, ...input } = input);
    if (wanted !== 'js' && wanted !== 'wasm') {
      throw misuse('invalid_engine', "init(): engine must be 'wasm' or 'js'.");
    }
  }
  if (wanted === 'js' || (wanted === undefined && !wasmCompiles())) return initJs();
  await initWasm(input);
  running ??= 'wasm';
}

/** The synchronous form of `init()`, given the .wasm's bytes or module (wasm only). */
export function initSync(input) {
  if (running === 'js') return;
  initWasmSync(input);
  running = 'wasm';
}

const misuse = (code, message) => new StripeInvalidRequestError('StripeInvalidRequestError', message, code);

/** Stores this module built and has not freed, each with the pointer it was built with. */
const live = new WeakMap();
/** Stores freed through `free()`: told apart from foreign objects in errors. */
const freed = new WeakSet();

/** Why `store` cannot take a call, or undefined when it can. */
function unusable(store) {
  if (freed.has(store)) return misuse('store_freed', 'This SecretStore was freed: build a new one.');
  const pointer = live.get(store);
  if (pointer === undefined || !Object.hasOwn(store, '__wbg_ptr') || store.__wbg_ptr !== pointer || pointer === 0) {
    return misuse('invalid_receiver', 'This method must be called on a SecretStore.');
  }
  return undefined;
}


/** An iterator whose first `next()` rejects with `error`. */
function refusedWalk(error) {
  return {
    next: () => Promise.reject(error),
    return: (value) => Promise.resolve({ done: true, value }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

const guarded = {
  create(params, options) {
    const refusal = unusable(this);
    return refusal === undefined ? originals.create.call(this, params, options) : Promise.reject(refusal);
  },
  find(params, options) {
    const refusal = unusable(this);
    return refusal === undefined ? originals.find.call(this, params, options) : Promise.reject(refusal);
  },
  deleteWhere(params, options) {
    const refusal = unusable(this);
    return refusal === undefined ? originals.deleteWhere.call(this, params, options) : Promise.reject(refusal);
  },
  list(params, options) {
    const refusal = unusable(this);
    return refusal === undefined ? originals.list.call(this, params, options) : Promise.reject(refusal);
  },
  listAll(params, options) {
    const refusal = unusable(this);
    return refusal === undefined ? originals.listAll.call(this, params, options) : refusedWalk(refusal);
  },
  /** Frees the engine's side; calls afterwards reject with `store_freed`. A no-op on anything else. */
  free() {
    if (unusable(this) !== undefined) return;
    live.delete(this);
    freed.add(this);
    originals.free.call(this);
  },
};

const userIdOf = {
  /** The `userId` the store was built with; throws a typed error on a freed or foreign receiver. */
  get userId() {
    const refusal = unusable(this);
    if (refusal !== undefined) throw refusal;
    return originals.userId.call(this);
  },
};

/**
 * Replaces the methods of an engine's class (reachable through
 * Object.getPrototypeOf(SecretStore.prototype)) by the guarded ones, and
 * returns its own, which only the guarded ones call.
 */
function guard(Class) {
  const proto = Class.prototype;
  const own = {
    create: proto.create,
    find: proto.find,
    deleteWhere: proto.deleteWhere,
    list: proto.list,
    listAll: proto.listAll,
    free: proto.free,
    userId: Object.getOwnPropertyDescriptor(proto, 'userId').get,
  };
  for (const [name, method] of Object.entries(guarded)) {
    Object.defineProperty(proto, name, { value: method, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(proto, 'userId', { get: Object.getOwnPropertyDescriptor(userIdOf, 'userId').get, configurable: true, enumerable: false });
  if (typeof Symbol.dispose === 'symbol') {
    Object.defineProperty(proto, Symbol.dispose, { value: guarded.free, writable: true, configurable: true, enumerable: false });
  }
  return own;
}

/** The running engine's own methods (the wasm's until the JS engine starts). */
let originals = guard(BoundStore);

/** A Secret Store client bound to one caller; see the README. */
export class SecretStore extends BoundStore {
  constructor(options) {
    if (running === undefined) {
      throw misuse(
        'not_initialized',
        'The wasm is not loaded yet: await init() first (the inline entry and Node need no init).',
      );
    }
    super(options);
    live.set(this, this.__wbg_ptr);
  }

  create(params, options) {
    return guarded.create.call(this, params, options);
  }

  find(params, options) {
    return guarded.find.call(this, params, options);
  }

  deleteWhere(params, options) {
    return guarded.deleteWhere.call(this, params, options);
  }

  list(params, options) {
    return guarded.list.call(this, params, options);
  }

  listAll(params, options) {
    return guarded.listAll.call(this, params, options);
  }

  free() {
    guarded.free.call(this);
  }
}

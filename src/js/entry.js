// The package's main entry: wasm-bindgen's glue, plus what a generated
// module cannot say. scripts/finish-pkg.mjs copies it into
// pkg/stripe_apps_secrets.js, pointing './glue.js' and './classes.js' at
// the glue and at the snippet wasm-bindgen wrote for src/js/classes.js.
//
// - `init()` / `initSync()` remember that the wasm is ready, so a store
//   built before then throws a typed error instead of a TypeError from
//   inside the glue.
// - Every method of `SecretStore` checks its receiver first: only a store
//   this module built, not freed, whose pointer is the one it was built
//   with, reaches the wasm. Anything else (a freed store, a foreign object,
//   `Object.create(SecretStore.prototype)`, a forged or overwritten
//   `__wbg_ptr`, a pointer a polluted Object.prototype supplies) rejects
//   with a typed error and never touches wasm memory. The glue's own class
//   (the base class, reachable through the prototype chain) is guarded the
//   same way, `free()` and the `userId` getter included.
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

let ready = false;

/** Compiles and instantiates the .wasm, once; later calls share the result. */
export default async function init(input) {
  await initWasm(input);
  ready = true;
}

/** The synchronous form of `init()`, given the .wasm's bytes or module. */
export function initSync(input) {
  initWasmSync(input);
  ready = true;
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

const glue = BoundStore.prototype;
const { create, find, deleteWhere, list, listAll, free } = glue;
const userIdGetter = Object.getOwnPropertyDescriptor(glue, 'userId').get;

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
    return refusal === undefined ? create.call(this, params, options) : Promise.reject(refusal);
  },
  find(params, options) {
    const refusal = unusable(this);
    return refusal === undefined ? find.call(this, params, options) : Promise.reject(refusal);
  },
  deleteWhere(params, options) {
    const refusal = unusable(this);
    return refusal === undefined ? deleteWhere.call(this, params, options) : Promise.reject(refusal);
  },
  list(params, options) {
    const refusal = unusable(this);
    return refusal === undefined ? list.call(this, params, options) : Promise.reject(refusal);
  },
  listAll(params, options) {
    const refusal = unusable(this);
    return refusal === undefined ? listAll.call(this, params, options) : refusedWalk(refusal);
  },
  /** Frees the wasm side; calls afterwards reject with `store_freed`. A no-op on anything else. */
  free() {
    if (unusable(this) !== undefined) return;
    live.delete(this);
    freed.add(this);
    free.call(this);
  },
};

const userIdOf = {
  /** The `userId` the store was built with; throws a typed error on a freed or foreign receiver. */
  get userId() {
    const refusal = unusable(this);
    if (refusal !== undefined) throw refusal;
    return userIdGetter.call(this);
  },
};

// The glue's class is reachable (Object.getPrototypeOf(SecretStore.prototype)):
// its methods are replaced by the guarded ones too.
for (const [name, method] of Object.entries(guarded)) {
  Object.defineProperty(glue, name, { value: method, writable: true, configurable: true, enumerable: false });
}
Object.defineProperty(glue, 'userId', { get: Object.getOwnPropertyDescriptor(userIdOf, 'userId').get, configurable: true, enumerable: false });
if (typeof Symbol.dispose === 'symbol') {
  Object.defineProperty(glue, Symbol.dispose, { value: guarded.free, writable: true, configurable: true, enumerable: false });
}

/** A Secret Store client bound to one caller; see the README. */
export class SecretStore extends BoundStore {
  constructor(options) {
    if (!ready) {
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

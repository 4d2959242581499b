// The `SecretStore` class every entry exports, and the one place that knows
// which engine runs it. An entry starts an engine (the wasm's glue, or the
// JS engine's: the same Rust compiled to JS by wasm2js) with `startEngine`;
// this module then makes `SecretStore` a subclass of that engine's class.
//
// - One engine per module instance, ever: the first entry call that picks
//   one (`claimEngine`) wins, and a store can never move to another engine
//   with its pointer (issue 23).
// - A store built before an engine runs throws a typed error instead of a
//   TypeError from inside the glue.
// - Every method of `SecretStore` checks its receiver first: only a store
//   this module built, not freed, whose pointer is the one it was built
//   with, reaches the engine. Anything else (a freed store, a foreign
//   object, `Object.create(SecretStore.prototype)`, a forged or overwritten
//   `__wbg_ptr`, a pointer a polluted Object.prototype supplies) rejects
//   with a typed error and never touches the engine's memory. The engine's
//   own class (reachable through the prototype chain) is guarded the same
//   way, `free()` and the `userId` getter included.
// - The glue writes `obj.__wbg_ptr = ptr` by assignment, then reads it back
//   for its FinalizationRegistry: an accessor planted on Object.prototype
//   would see (or supply) the pointer. A data property on each engine class's
//   own prototype shadows it, so the assignment always creates an own
//   property.
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

/** The engine that runs the stores ('wasm' or 'js'), once one has started. */
let running;
/** The engine an entry has picked, from the moment it starts loading it. */
let claimed;

/** Which engine runs this package's stores: 'wasm', 'js' (wasm2js), or undefined before one starts. */
export function engine() {
  return running;
}

/** Which engine has been picked, possibly still loading; undefined before any. */
export function claimedEngine() {
  return claimed;
}

/** Picks `name` as this module's engine if none was picked yet; true when `name` is (now) the one. */
export function claimEngine(name) {
  claimed ??= name;
  return claimed === name;
}

/** Gives up a claim whose engine failed to load, so that a later call may pick again. */
export function releaseEngine(name) {
  if (running === undefined && claimed === name) claimed = undefined;
}

/** A typed error for a misuse of the package itself (nothing is sent). */
export const misuse = (code, message) => new StripeInvalidRequestError('StripeInvalidRequestError', message, code);

/** Whether this realm compiles WebAssembly: false without `WebAssembly`, or under a CSP that forbids it. */
export function wasmCompiles() {
  try {
    // The smallest module: magic and version. A CSP without 'wasm-unsafe-eval'
    // refuses even this one, with a CompileError.
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes `SecretStore` run on an engine whose glue is instantiated:
 * `classes` holds that glue's `SecretStore` and `SecretWalk`. Only the
 * claimed engine may start, and only once.
 */
export function startEngine(name, classes) {
  if (claimed !== name || running !== undefined) throw misuse('engine_conflict', `The ${running ?? claimed} engine was picked first.`);
  for (const Class of [classes.SecretStore, classes.SecretWalk]) {
    Object.defineProperty(Class.prototype, '__wbg_ptr', { value: 0, writable: true, enumerable: false, configurable: false });
  }
  originals = guard(classes.SecretStore);
  // `super()` and the inherited methods (free, userId, ...) resolve through these.
  Object.setPrototypeOf(SecretStore, classes.SecretStore);
  Object.setPrototypeOf(SecretStore.prototype, classes.SecretStore.prototype);
  running = name;
}

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

/** The running engine's own methods, once one runs. */
let originals;

/** Stands for the engine's class until one starts; `startEngine` re-parents `SecretStore`. */
class NoEngine {}

/** A Secret Store client bound to one caller; see the README. */
export class SecretStore extends NoEngine {
  constructor(options) {
    if (running === undefined) {
      throw misuse('not_initialized', 'The wasm is not loaded yet: await init() first (the inline entries and Node need no init).');
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
// Minifiers rename classes; `constructor.name` stays the documented one.
Object.defineProperty(SecretStore, 'name', { value: 'SecretStore' });

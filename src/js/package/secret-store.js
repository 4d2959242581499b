// The `SecretStore` every entry exports, and the one place that knows which
// engine runs it: an entry starts the wasm's glue or the JS engine's with
// `startEngine`, once per module instance, which hands that engine's class
// to `SecretStore`. Each store holds its engine's store in a private field:
// only a store built here reaches the engine, anything else rejects typed,
// and no page code can reach the engine's object. Whether a store was
// freed is the engine's to know (src/js/store.rs).
// ./snippets.js (generated): src/interop/objects.js, src/js/errors.js, src/js/values.js and src/transport/http.js as one module, by scripts/finish-pkg.mjs.
import { StripeInvalidRequestError } from './snippets.js';

/** The engine that runs the stores, once one started; and the one picked, from when it starts loading. */
let running, claimed;

/** Which engine runs this package's stores: 'wasm', 'js' (wasm2js), or undefined before one starts. */
export const engine = () => running;
/** Which engine has been picked, maybe still loading. */
export const claimedEngine = () => claimed;
/** Picks `name` unless another was picked. */
export function claimEngine(name) {
  claimed ??= name;
}
/** Gives up a claim whose engine failed to load, so a later call may pick again. */
export function releaseEngine(name) {
  if (running === undefined && claimed === name) claimed = undefined;
}

/**
 * Why no store can be built yet: the bundler entry says "await init()", an
 * entry whose engine cannot start says why. No default: every entry sets it
 * on import, before any store can be built, unless an engine runs by then.
 */
let unavailable;
/** Sets what a store built before any engine runs throws: `error`, or what `error()` makes. */
export function engineUnavailable(error) {
  unavailable = typeof error === 'function' ? error : () => error;
}

/** A typed error for a misuse of the package (nothing is sent). */
export const misuse = (code, message) => new StripeInvalidRequestError('StripeInvalidRequestError', message, code);

/** Whether this realm compiles WebAssembly (not under a CSP without 'wasm-unsafe-eval'). */
export function wasmCompiles() {
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); // magic and version
    return true;
  } catch {
    return false;
  }
}

/** The running engine's store class, once one started. */
let EngineStore;

/** An iterator whose first `next()` rejects with `error`. */
const refusedWalk = (error) => ({
  next: () => Promise.reject(error),
  return: (value) => Promise.resolve({ done: true, value }),
  [Symbol.asyncIterator]() {
    return this;
  },
});

/** Why a method was called on something that is not a store built here. */
const notAStore = () => misuse('invalid_receiver', 'This method must be called on a SecretStore.');

/**
 * Hands `SecretStore` the engine whose glue is instantiated (`classes`: its
 * `SecretStore` and `SecretWalk`). Only the claimed engine starts, once.
 */
export function startEngine(name, classes) {
  if (claimed !== name || running !== undefined) throw misuse('engine_conflict', `The ${running ?? claimed} engine was picked first.`);
  // The glue writes `obj.__wbg_ptr = ptr`, then reads it back for its
  // FinalizationRegistry: a data property here shadows any accessor planted
  // on Object.prototype, so the assignment always makes an own property.
  for (const Class of [classes.SecretStore, classes.SecretWalk]) {
    Object.defineProperty(Class.prototype, '__wbg_ptr', { __proto__: null, value: 0, writable: true });
  }
  EngineStore = classes.SecretStore;
  running = name;
}

/** A Secret Store client bound to one caller; see the README. */
export class SecretStore {
  /** The engine's store this one drives. */
  #engine;

  constructor(options) {
    if (running === undefined) throw unavailable();
    this.#engine = new EngineStore(options);
  }

  /** The engine's store of `store`, or undefined when it is not a store built here. */
  static #engineOf(store) {
    return typeof store === 'object' && store !== null && #engine in store ? store.#engine : undefined;
  }

  /** The `userId` the store was built with; throws typed after `free()` or on a foreign receiver. */
  get userId() {
    const engine = SecretStore.#engineOf(this);
    if (engine === undefined) throw notAStore();
    return engine.userId;
  }

  create(params, options) {
    return SecretStore.#engineOf(this)?.create(params, options) ?? Promise.reject(notAStore());
  }

  find(params, options) {
    return SecretStore.#engineOf(this)?.find(params, options) ?? Promise.reject(notAStore());
  }

  deleteWhere(params, options) {
    return SecretStore.#engineOf(this)?.deleteWhere(params, options) ?? Promise.reject(notAStore());
  }

  list(params, options) {
    return SecretStore.#engineOf(this)?.list(params, options) ?? Promise.reject(notAStore());
  }

  listAll(params, options) {
    return SecretStore.#engineOf(this)?.listAll(params, options) ?? refusedWalk(notAStore());
  }

  /** Frees the engine's side; later calls reject with `store_freed`. A no-op on anything else. */
  free() {
    SecretStore.#engineOf(this)?.release();
  }
}
if (typeof Symbol.dispose === 'symbol') {
  Object.defineProperty(SecretStore.prototype, Symbol.dispose, {
    __proto__: null,
    value: SecretStore.prototype.free,
    writable: true,
    configurable: true,
  });
}
// Minifiers rename classes; `constructor.name` stays the documented one.
Object.defineProperty(SecretStore, 'name', { __proto__: null, value: 'SecretStore' });

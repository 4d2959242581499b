// The `SecretStore` every entry exports, and the one place that knows which
// engine runs it: an entry starts the wasm's glue or the JS engine's with
// `startEngine`, once per module instance (a store never moves to another
// engine with its pointer); `SecretStore` then extends that engine's class.
// Each method checks its receiver first: only a live store built here, with
// its own pointer, reaches the engine; anything else rejects typed.
import { StripeInvalidRequestError } from './errors.js';

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

/** Why no store can be built yet: the bundler entry says "await init()", an entry whose engine cannot start says why. */
let unavailable = () => misuse('not_initialized', 'No engine runs yet.');
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

const METHODS = ['create', 'find', 'deleteWhere', 'list', 'listAll'];
/** The engine's own methods and `userId` getter: only the guarded ones call them. */
let originals;
/** Live stores built here, each with its pointer; and the freed ones. */
const live = new WeakMap();
const freed = new WeakSet();

/** Why `store` cannot take a call, or undefined. */
function unusable(store) {
  if (freed.has(store)) return misuse('store_freed', 'This SecretStore was freed: build a new one.');
  const pointer = live.get(store);
  if (pointer === undefined || !Object.hasOwn(store, '__wbg_ptr') || store.__wbg_ptr !== pointer || pointer === 0) {
    return misuse('invalid_receiver', 'This method must be called on a SecretStore.');
  }
}

/** An iterator whose first `next()` rejects with `error`. */
const refusedWalk = (error) => ({
  next: () => Promise.reject(error),
  return: (value) => Promise.resolve({ done: true, value }),
  [Symbol.asyncIterator]() {
    return this;
  },
});

const guarded = {
  /** Frees the engine's side; later calls reject with `store_freed`. A no-op on anything else. */
  free() {
    if (unusable(this) !== undefined) return;
    live.delete(this);
    freed.add(this);
    originals.free.call(this);
  },
};
/** Each result holds its store: only free() ends a walk, not a GC. */
const holding = new WeakMap();
for (const name of METHODS) {
  guarded[name] = function (params, options) {
    const refusal = unusable(this);
    if (refusal !== undefined) return name === 'listAll' ? refusedWalk(refusal) : Promise.reject(refusal);
    const result = originals[name].call(this, params, options);
    holding.set(result, this);
    return result;
  };
}
/** The store's `userId`; throws typed on a freed or foreign receiver. */
function userId() {
  const refusal = unusable(this);
  if (refusal !== undefined) throw refusal;
  return originals.userId.call(this);
}

const method = (value) => ({ value, writable: true, configurable: true });

/**
 * Makes `SecretStore` run on an engine whose glue is instantiated (`classes`:
 * its `SecretStore` and `SecretWalk`). Only the claimed engine starts, once.
 */
export function startEngine(name, classes) {
  if (claimed !== name || running !== undefined) throw misuse('engine_conflict', `The ${running ?? claimed} engine was picked first.`);
  // The glue writes `obj.__wbg_ptr = ptr`, then reads it back for its
  // FinalizationRegistry: a data property here shadows any accessor planted
  // on Object.prototype, so the assignment always makes an own property.
  for (const Class of [classes.SecretStore, classes.SecretWalk]) Object.defineProperty(Class.prototype, '__wbg_ptr', method(0));
  // The engine's class, reachable through the prototype chain, is guarded too.
  const proto = classes.SecretStore.prototype;
  originals = { userId: Object.getOwnPropertyDescriptor(proto, 'userId').get };
  for (const name of [...METHODS, 'free']) {
    originals[name] = proto[name];
    Object.defineProperty(proto, name, method(guarded[name]));
  }
  Object.defineProperty(proto, 'userId', { get: userId, configurable: true });
  if (typeof Symbol.dispose === 'symbol') Object.defineProperty(proto, Symbol.dispose, method(guarded.free));
  // `super()` and the inherited members resolve through these.
  Object.setPrototypeOf(SecretStore, classes.SecretStore);
  Object.setPrototypeOf(SecretStore.prototype, proto);
  running = name;
}

/** A Secret Store client bound to one caller; see the README. */
export class SecretStore extends class NoEngine {} {
  constructor(options) {
    if (running === undefined) {
      throw unavailable();
    }
    super(options);
    live.set(this, this.__wbg_ptr);
  }
}
for (const name of [...METHODS, 'free']) Object.defineProperty(SecretStore.prototype, name, method(guarded[name]));
// Minifiers rename classes; `constructor.name` stays the documented one.
Object.defineProperty(SecretStore, 'name', { value: 'SecretStore' });

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
// - Every method of `SecretStore` checks its receiver first: on a freed
//   store or a foreign object it rejects with a typed error (the glue would
//   throw synchronously, or read a pointer a polluted Object.prototype
//   could supply).
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
let Bound = BoundStore;
let methods = BoundStore.prototype;

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
      Bound = js.SecretStore;
      methods = Bound.prototype;
      // The entry's class now extends the JS engine's: `super()` and the
      // inherited methods (free, userId, ...) resolve through these.
      Object.setPrototypeOf(SecretStore, Bound);
      Object.setPrototypeOf(SecretStore.prototype, Bound.prototype);
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
  if (plain(input) && 'engine' in input) {
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

/** Why `store` cannot take a call, or undefined when it can. */
function unusable(store) {
  if (!(store instanceof Bound) || !Object.hasOwn(store, '__wbg_ptr')) {
    return misuse('invalid_receiver', 'This method must be called on a SecretStore.');
  }
  if (store.__wbg_ptr === 0) return misuse('store_freed', 'This SecretStore was freed: build a new one.');
  return undefined;
}

function call(store, method, params, options) {
  const refusal = unusable(store);
  return refusal === undefined ? method.call(store, params, options) : Promise.reject(refusal);
}


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
  }

  create(params, options) {
    return call(this, methods.create, params, options);
  }

  find(params, options) {
    return call(this, methods.find, params, options);
  }

  deleteWhere(params, options) {
    return call(this, methods.deleteWhere, params, options);
  }

  list(params, options) {
    return call(this, methods.list, params, options);
  }

  listAll(params, options) {
    const refusal = unusable(this);
    if (refusal === undefined) return methods.listAll.call(this, params, options);
    return {
      next: () => Promise.reject(refusal),
      return: (value) => Promise.resolve({ done: true, value }),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

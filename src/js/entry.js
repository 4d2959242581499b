// The package's main entry: wasm-bindgen's glue, plus what a generated
// module cannot say. scripts/finish-pkg.mjs copies it into
// pkg/stripe_apps_secrets.js, pointing './glue.js' and './classes.js' at
// the glue and at the snippet wasm-bindgen wrote for src/js/classes.js.
//
// - `init()` / `initSync()` remember that the wasm is ready, so a store
//   built before then throws a typed error instead of a TypeError from
//   inside the glue.
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

/** Why `store` cannot take a call, or undefined when it can. */
function unusable(store) {
  if (!(store instanceof BoundStore) || !Object.hasOwn(store, '__wbg_ptr')) {
    return misuse('invalid_receiver', 'This method must be called on a SecretStore.');
  }
  if (store.__wbg_ptr === 0) return misuse('store_freed', 'This SecretStore was freed: build a new one.');
  return undefined;
}

function call(store, method, params, options) {
  const refusal = unusable(store);
  return refusal === undefined ? method.call(store, params, options) : Promise.reject(refusal);
}

const { create, find, deleteWhere, list, listAll } = BoundStore.prototype;

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
  }

  create(params, options) {
    return call(this, create, params, options);
  }

  find(params, options) {
    return call(this, find, params, options);
  }

  deleteWhere(params, options) {
    return call(this, deleteWhere, params, options);
  }

  list(params, options) {
    return call(this, list, params, options);
  }

  listAll(params, options) {
    const refusal = unusable(this);
    if (refusal === undefined) return listAll.call(this, params, options);
    return {
      next: () => Promise.reject(refusal),
      return: (value) => Promise.resolve({ done: true, value }),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

/* @ts-self-types="./stripe_apps_secrets.d.ts" */
// stripe-apps-secrets, the main entry: for bundlers that emit the .wasm as
// an asset and split dynamic imports into chunks (Vite, webpack 5, Rollup
// with an import.meta asset plugin). `await init()` fetches and compiles the
// .wasm; where WebAssembly cannot compile (a Content-Security-Policy without
// 'wasm-unsafe-eval', Lockdown Mode, no WebAssembly), it imports the JS
// engine instead, which such bundlers emit as a chunk of its own, fetched
// only then.
import initWasm, { initSync as initWasmSync, SecretStore as WasmStore, SecretWalk as WasmWalk } from './stripe_apps_secrets_core.js';
import { claimEngine, claimedEngine, engine, misuse, releaseEngine, startEngine, wasmCompiles } from './secret-store.js';

export {
  SecretStore,
  engine,
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
} from './secret-store.js';

/** The first init() call's work: later calls share it. */
let starting;

const plain = (value) => typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Compiles and instantiates the .wasm, once; later calls share the result.
 * Where WebAssembly cannot compile, loads the JS engine instead (nothing is
 * fetched for the .wasm then). `{ engine: 'js' }` asks for the JS engine,
 * `{ engine: 'wasm' }` for the wasm only. The first engine picked stays.
 */
export default function init(input) {
  if (engine() !== undefined) return Promise.resolve();
  let wanted;
  if (plain(input) && Object.hasOwn(input, 'engine')) {
    ({ engine: wanted, ...input } = input);
    if (wanted !== 'js' && wanted !== 'wasm') {
      return Promise.reject(misuse('invalid_engine', "init(): engine must be 'wasm' or 'js'."));
    }
  }
  if (starting !== undefined) return starting;
  const name = wanted ?? (wasmCompiles() ? 'wasm' : 'js');
  claimEngine(name);
  const load = name === 'js' ? loadJsEngine() : initWasm(input).then(() => startEngine('wasm', { SecretStore: WasmStore, SecretWalk: WasmWalk }));
  starting = load.catch((error) => {
    // A failed load (a 404, a refused compile) may be tried again.
    starting = undefined;
    releaseEngine(name);
    throw error;
  });
  return starting;
}

/** The JS engine, imported only here: bundlers that split make it a chunk of its own. */
function loadJsEngine() {
  return import('./stripe_apps_secrets_js.js').then((js) => {
    js.initEngine();
    startEngine('js', js);
  });
}

/**
 * The synchronous form of `init()`, given the .wasm's bytes or compiled
 * module (wasm only). Does nothing once an engine runs; throws while an
 * `init()` is still loading one, since two loads would race for the stores.
 */
export function initSync(input) {
  if (engine() !== undefined) return;
  if (claimedEngine() !== undefined) {
    throw misuse('init_in_progress', 'init() is still loading an engine: await it instead of calling initSync().');
  }
  claimEngine('wasm');
  try {
    initWasmSync(input);
  } catch (error) {
    releaseEngine('wasm');
    throw error;
  }
  startEngine('wasm', { SecretStore: WasmStore, SecretWalk: WasmWalk });
}

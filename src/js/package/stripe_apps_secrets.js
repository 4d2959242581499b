/* @ts-self-types="./stripe_apps_secrets.d.ts" */
// stripe-apps-secrets, the main entry: for bundlers that emit the .wasm and
// split chunks. `init()` compiles the .wasm, or where WebAssembly cannot
// compile, imports the JS engine: a chunk of its own, fetched only then.
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

const wasmClasses = { SecretStore: WasmStore, SecretWalk: WasmWalk };
/** The first init() call's work, which later calls share. */
let starting;

/**
 * Loads an engine, once: the .wasm, or the JS engine where WebAssembly
 * cannot compile (then nothing is fetched for the .wasm). `{ engine: 'js' }`
 * or `{ engine: 'wasm' }` picks one. The first engine picked stays.
 */
export default function init(input) {
  if (engine() !== undefined) return Promise.resolve();
  let wanted;
  if (typeof input === 'object' && input !== null && Object.getPrototypeOf(input) === Object.prototype && Object.hasOwn(input, 'engine')) {
    ({ engine: wanted, ...input } = input);
    if (wanted !== 'js' && wanted !== 'wasm') return Promise.reject(misuse('invalid_engine', "init(): engine must be 'wasm' or 'js'."));
  }
  if (starting !== undefined) return starting;
  const name = wanted ?? (wasmCompiles() ? 'wasm' : 'js');
  claimEngine(name);
  const load =
    name === 'js'
      ? import('./stripe_apps_secrets_js.js').then((js) => {
          js.initEngine();
          startEngine('js', js);
        })
      : initWasm(input).then(() => startEngine('wasm', wasmClasses));
  // A failed load (a 404, a refused compile) may be tried again.
  return (starting = load.catch((error) => {
    starting = undefined;
    releaseEngine(name);
    throw error;
  }));
}

/**
 * `init()` from the .wasm's bytes or module, synchronously (wasm only). Does
 * nothing once an engine runs; throws while an `init()` is loading one.
 */
export function initSync(input) {
  if (engine() !== undefined) return;
  if (claimedEngine() !== undefined) throw misuse('init_in_progress', 'init() is still loading an engine: await it instead.');
  claimEngine('wasm');
  try {
    initWasmSync(input);
  } catch (error) {
    releaseEngine('wasm');
    throw error;
  }
  startEngine('wasm', wasmClasses);
}

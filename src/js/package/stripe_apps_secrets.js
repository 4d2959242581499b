/* @ts-self-types="./index.d.ts" */
// stripe-apps-secrets/bundler: for bundlers that emit the .wasm and split
// chunks (Vite, webpack, Rollup with an asset plugin). `init()` compiles the
// .wasm, or where WebAssembly cannot compile, imports the JS engine: a chunk
// of its own, fetched only then. The bare import needs neither.
// ./stripe_apps_secrets_core.js (generated): wasm-bindgen's glue of the crate, which scripts/build-pkg.sh builds.
import initWasm, { initSync as initWasmSync, SecretStore as WasmStore, SecretWalk as WasmWalk } from './stripe_apps_secrets_core.js';
import { claimEngine, claimedEngine, engine, engineUnavailable, misuse, releaseEngine, startEngine, wasmCompiles } from './secret-store.js';

export * from './public-api.js';

const wasmClasses = { SecretStore: WasmStore, SecretWalk: WasmWalk };

engineUnavailable(() => misuse('not_initialized', "No engine is loaded yet: await init() first. (The bare import 'stripe-apps-secrets' is ready on import.)"));

/** Why init() cannot find the .wasm in a build without `import.meta.url`. */
const WASM_URL_UNKNOWN =
  "This build gives 'stripe-apps-secrets/bundler' no URL to fetch its .wasm from (an IIFE or CommonJS bundle, as the Stripe CLI makes): " +
  "import 'stripe-apps-secrets', which carries the .wasm and is ready on import, or pass init({ module_or_path }).";

/** Where init()'s argument says the .wasm is, as wasm-bindgen's glue reads it; undefined when it says nothing. */
const wasmSource = (input) =>
  typeof input === 'object' && input !== null && Object.getPrototypeOf(input) === Object.prototype
    ? Object.hasOwn(input, 'module_or_path') ? input.module_or_path : undefined
    : input;
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
  if (name === 'wasm' && wasmSource(input) === undefined && typeof import.meta.url !== 'string') {
    return Promise.reject(misuse('wasm_url_unknown', WASM_URL_UNKNOWN));
  }
  claimEngine(name);
  const load =
    name === 'js'
      ? // The JS engine (generated: the crate through wasm2js, scripts/build-js-engine.sh).
        import('./stripe_apps_secrets_js.js').then((js) => {
          js.initEngine();
          startEngine('js', js);
        })
      : boundedLoad(initWasm(input)).then(() => startEngine('wasm', wasmClasses));
  // A failed load (a 404, a refused compile, a stalled fetch) may be tried
  // again, with either engine.
  return (starting = load.catch((error) => {
    starting = undefined;
    releaseEngine(name);
    throw error;
  }));
}

/** How long the .wasm may take to load before init() gives up on it: a slow network's minute. */
const WASM_LOAD_BOUND_MS = 60_000;

/**
 * `loading`, or a typed rejection once it has taken WASM_LOAD_BOUND_MS: a
 * fetch that never settles would leave init() pending for ever, and no
 * engine could be picked after it. A load that ends after the bound starts
 * nothing: the race has settled, so what follows it never runs for that load.
 */
function boundedLoad(loading) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(misuse('wasm_load_timeout', `The .wasm did not load within ${WASM_LOAD_BOUND_MS / 1000} s: init() may be called again, or init({ engine: 'js' }) runs without it.`)), WASM_LOAD_BOUND_MS);
  });
  return Promise.race([loading, late]).finally(() => clearTimeout(timer));
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

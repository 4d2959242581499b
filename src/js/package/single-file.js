// What the single-file entries (`inline`, `inline-wasm`, `inline-js`) share:
// they start an engine on import, synchronously (no top-level await, no
// second file, no `import.meta`), and offer `init()` / `initSync()` only so
// that code written for the main entry still runs.
import { claimEngine, engine, releaseEngine, startEngine, wasmCompiles } from './secret-store.js';
import { EMBEDDED_WASM_GZIP_BYTES, JS_ENGINE_GZIP_BYTES } from './engine-sizes.js';

/**
 * Starts the first engine of `engines` that runs here: `wasm` ({ initSync,
 * bytes, classes }) where this realm compiles WebAssembly, else `js` (the JS
 * engine's module). The .wasm's `bytes()` are inflated only then: where the
 * JS engine runs, start-up spends nothing on them. Returns what `init()` and
 * `initSync()` answer: nothing once an engine runs, else why none could start.
 */
export function startOnImport({ wasm, js }) {
  let failure;
  if (wasm !== undefined && (js === undefined || wasmCompiles())) {
    claimEngine('wasm');
    try {
      wasm.initSync({ module: wasm.bytes() });
      startEngine('wasm', wasm.classes);
    } catch (error) {
      // A module this engine cannot run (a refused compile, an old engine,
      // a damaged embedded module): the JS engine, if this entry has it,
      // takes over.
      releaseEngine('wasm');
      failure = error;
    }
  }
  if (engine() === undefined && js !== undefined) {
    claimEngine('js');
    js.initEngine();
    startEngine('js', js);
    failure = undefined;
  }
  if (wasm !== undefined && js !== undefined) developmentHint();
  const ready = failure === undefined ? Promise.resolve() : Promise.reject(failure);
  ready.catch(() => {});
  return {
    /** Resolves once the engine is ready (it is, on import); rejects with why none could start. */
    init: () => ready,
    /** Kept for code written for the main entry: the engine is ready on import. */
    initSync() {
      if (failure !== undefined) throw failure;
    },
  };
}

const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;

/**
 * A development build's one-time note on which engine of the two-engine
 * entry runs here, and what the other one costs. esbuild (the Stripe CLI's
 * bundler) writes `process.env.NODE_ENV` as "development" in unminified
 * browser builds and "production" in minified ones; unbundled code, Node
 * and jest ("test") stay quiet.
 */
function developmentHint() {
  let development = false;
  try {
    development = process.env.NODE_ENV === 'development';
  } catch {
    // No `process` and no bundler to replace it: not a development build.
  }
  if (!development || typeof console !== 'object') return;
  const note =
    engine() === 'wasm'
      ? `running on the wasm engine. The JS engine in this bundle (${kb(JS_ENGINE_GZIP_BYTES)} gzip) runs only where a page refuses WebAssembly; if every page your code runs in allows 'wasm-unsafe-eval', import 'stripe-apps-secrets/inline-wasm' to leave it out.`
      : `running on the JS engine: this page refuses WebAssembly (a Content-Security-Policy without 'wasm-unsafe-eval'). The wasm in this bundle (${kb(EMBEDDED_WASM_GZIP_BYTES)} gzip) is unused here; if every page your code runs in refuses it, import 'stripe-apps-secrets/inline-js' to leave it out.`;
  console.info(`stripe-apps-secrets: ${note} (Shown once, in development builds only.)`);
}

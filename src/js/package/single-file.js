// What the single-file entries (`inline`, `inline-wasm`, `inline-js`) share:
// they start an engine on import, synchronously (no top-level await, no
// second file, no `import.meta`), and offer `init()` / `initSync()` only so
// that code written for the main entry still runs.
// ./snippets.js (generated): src/interop/objects.js, src/js/errors.js, src/js/values.js and src/transport/http.js as one module, by scripts/finish-pkg.mjs.
import { StripeError } from './snippets.js';
import { claimEngine, engine, engineUnavailable, misuse, releaseEngine, startEngine, wasmCompiles } from './secret-store.js';

/**
 * Starts the first engine of `engines` that runs here: `wasm` ({ initSync,
 * bytes, classes, unavailable: why none runs where it cannot }) where this
 * realm compiles WebAssembly, else `js` (the JS engine's module). The .wasm's `bytes()` are inflated only then: where the
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
      failure = error instanceof StripeError ? error : misuse('wasm_unavailable', wasm.unavailable);
    }
  }
  if (engine() === undefined && js !== undefined) {
    claimEngine('js');
    js.initEngine();
    startEngine('js', js);
    failure = undefined;
  }
  if (failure !== undefined) engineUnavailable(failure);
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

// stripe-apps-secrets/inline-wasm: the single-file entry with the wasm
// engine only, for code that always runs where WebAssembly may compile
// (every page's Content-Security-Policy allows 'wasm-unsafe-eval'). Where it
// cannot compile, `init()` rejects with why, and a store built then throws
// `not_initialized`. Ready on import.
//
// scripts/build-pkg.sh bundles this file with esbuild into the shipped
// pkg/inline-wasm.js (ESM) and pkg/inline-wasm.cjs, the .wasm inside,
// deflated (see embedded-wasm.js).
// ./stripe_apps_secrets_core.js (generated): wasm-bindgen's glue of the crate, which scripts/build-pkg.sh builds.
import { initSync as initWasmSync, SecretStore as WasmStore, SecretWalk as WasmWalk } from './stripe_apps_secrets_core.js';
import { embeddedWasm } from './embedded-wasm.js';
import { startOnImport } from './single-file.js';

export * from './public-api.js';

const started = startOnImport({
  wasm: {
    initSync: initWasmSync,
    bytes: embeddedWasm,
    classes: { SecretStore: WasmStore, SecretWalk: WasmWalk },
    // The one message only this entry needs: the others always have an engine.
    unavailable:
      "WebAssembly cannot run here (no WebAssembly, or a Content-Security-Policy without 'wasm-unsafe-eval'), " +
      "and this entry has no other engine: import 'stripe-apps-secrets' instead.",
  },
});

/** Resolves once the wasm is ready (it is, on import); rejects with why it could not be compiled. */
export default function init() {
  return started.init();
}

/** Kept for code written for the main entry: throws why the wasm could not be compiled, if it could not. */
export function initSync() {
  started.initSync();
}

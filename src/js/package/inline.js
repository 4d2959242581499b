// stripe-apps-secrets, the bare import (shipped as inline.js and, for
// `require`, inline.cjs): one file with both engines, ready on import, for
// the Stripe CLI's single IIFE file of a UI extension and every build that
// cannot emit or fetch a second file (esbuild's defaults, classic workers).
// Where the page compiles WebAssembly, the embedded .wasm runs; where it
// does not (the Stripe Dashboard's Content-Security-Policy may refuse it),
// the JS engine does: the same Rust, compiled to JS by wasm2js. Decided at
// run time, on import.
//
// scripts/build-pkg.sh bundles this file with esbuild into pkg/inline.js
// (ESM) and pkg/inline.cjs, the .wasm inside, deflated (see embedded-wasm.js).
// ./stripe_apps_secrets_core.js (generated): wasm-bindgen's glue of the crate, which scripts/build-pkg.sh builds.
// ./stripe_apps_secrets_js.js (generated): the JS engine, the crate through wasm2js (scripts/build-js-engine.sh).
import { initSync as initWasmSync, SecretStore as WasmStore, SecretWalk as WasmWalk } from './stripe_apps_secrets_core.js';
import * as jsEngine from './stripe_apps_secrets_js.js';
import { embeddedWasm } from './embedded-wasm.js';
import { startOnImport } from './single-file.js';
import { developmentHint } from './development-hint.js';

export * from './public-api.js';

const started = startOnImport({
  wasm: { initSync: initWasmSync, bytes: embeddedWasm, classes: { SecretStore: WasmStore, SecretWalk: WasmWalk } },
  js: jsEngine,
});
developmentHint();

/** Resolves once an engine is ready (one is, on import). */
export default function init() {
  return started.init();
}

/** Kept for code written for the main entry: an engine is ready on import. */
export function initSync() {
  started.initSync();
}

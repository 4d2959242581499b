// stripe-apps-secrets/inline-js: the single-file entry with the JS engine
// only (the Rust compiled to JS by wasm2js), for code that always runs where
// WebAssembly is refused. It compiles no WebAssembly, so a page's
// Content-Security-Policy never reports a refused compile. Ready on import.
//
// scripts/build-pkg.sh bundles this file with esbuild into the shipped
// pkg/inline-js.js (ESM) and pkg/inline-js.cjs.
// ./stripe_apps_secrets_js.js (generated): the JS engine, the crate through wasm2js (scripts/build-js-engine.sh).
import * as jsEngine from './stripe_apps_secrets_js.js';
import { startOnImport } from './single-file.js';

export * from './public-api.js';

const started = startOnImport({ js: jsEngine });

/** Resolves at once: the JS engine is ready on import. */
export default function init() {
  return started.init();
}

/** Kept for code written for the main entry: the JS engine is ready on import. */
export function initSync() {
  started.initSync();
}

// The `inline` entry's one-time note in development builds, in a module of
// its own so that the one-engine entries, which have nothing to say, do not
// carry it.
import { engine } from './secret-store.js';
// ./engine-sizes.js (generated): each engine's gzip size in the bundle, by scripts/finish-pkg.mjs.
import { EMBEDDED_WASM_GZIP_BYTES, JS_ENGINE_GZIP_BYTES } from './engine-sizes.js';

const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;

/**
 * A development build's one-time note on which engine of the two-engine
 * entry runs here, and what the other one costs. esbuild (the Stripe CLI's
 * bundler) writes `process.env.NODE_ENV` as "development" in unminified
 * browser builds and "production" in minified ones; unbundled code, Node
 * and jest ("test") stay quiet.
 */
export function developmentHint() {
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

// Benchmarks only (the tests run the SDK unchanged, see
// tests/extension/sdk-bundle.mjs). Bundles stripe-node and @stripe/ui-extension-sdk for Node with esbuild
// (the SDK ships ESM imports without file extensions, which Node refuses),
// with the SDK's transport swapped for a stand-in: the SDK's
// `utils/apiFetch` module, which `@stripe/ui-extension-sdk/api_fetch` and
// `createHttpClient()` both use, becomes one that forwards to
// `globalThis.__stripeApiFetchStandIn`. Everything above that module (the
// SDK's StripeAppsHttpClient, stripe-node) is the published code, unchanged.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { virtualModules } from '../../tests/extension/sdk-bundle.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

const ENTRY = `
export { default as Stripe } from 'stripe';
export { default as StripeAppsHttpClient, createHttpClient, STRIPE_API_KEY, AUTHORIZATION_VALUE } from '@stripe/ui-extension-sdk/http_client';
export { default as stripeApiFetch } from '@stripe/ui-extension-sdk/api_fetch';
`;

const STAND_IN = `
export const stripeApiFetch = (path, init) => {
  const standIn = globalThis.__stripeApiFetchStandIn;
  if (typeof standIn !== 'function') throw new Error('no stripeApiFetch stand-in installed');
  return standIn(path, init);
};
`;

/** Which SDK module files the plugin replaced (to assert the swap happened). */
export const swapped = [];

const swapApiFetch = {
  name: 'swap-sdk-api-fetch',
  setup(b) {
    b.onLoad({ filter: /ui-extension-sdk[\\/]utils[\\/]apiFetch\.js$/ }, (args) => {
      swapped.push(args.path);
      return { contents: STAND_IN, loader: 'js' };
    });
  },
};

/**
 * Bundles `entry` (JS source) with the SDK's transport swapped, and imports
 * it; `modules` are extra virtual modules (see virtualModules). Adds
 * `setStandIn(fn)` to the module's exports.
 */
export async function loadBundle(entry, modules = {}) {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    jsx: 'automatic',
    plugins: [virtualModules(modules), swapApiFetch],
    // Some CommonJS dependencies (invariant, react) use require at runtime.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const dir = mkdtempSync(join(tmpdir(), 'sdk-bundle-'));
  const file = join(dir, 'sdk.mjs');
  writeFileSync(file, result.outputFiles[0].contents);
  try {
    const sdk = await import(pathToFileURL(file).href);
    return {
      ...sdk,
      setStandIn(fn) {
        globalThis.__stripeApiFetchStandIn = fn;
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The SDK for the parity test. Returns { Stripe, StripeAppsHttpClient,
 * createHttpClient, STRIPE_API_KEY, AUTHORIZATION_VALUE, stripeApiFetch,
 * setStandIn(fn) }.
 */
export const loadSdk = () => loadBundle(ENTRY);

// esbuild bundles the benchmark needs, built in memory at run time from the
// pinned packages in the root node_modules (stripe 23.1.0,
// @stripe/ui-extension-sdk 9.3.0).
//
// - stripeNodeSizeBundle(): what a UI extension following Stripe's docs ships,
//   bundled for the browser with `--bundle --minify --format=esm`.
// - stripeNodeStartupBundle(): the same entry with the SDK's `utils/apiFetch`
//   swapped for a stand-in (as bench/lib/sdk-stand-in.mjs does for Node),
//   so a page outside the Dashboard can make a first call.
// - perCallPageBundle(): the per-call harness for the Chromium page: stripe-node
//   + the SDK (transport swapped) + bench/lib/harness.mjs, with this library
//   left as an import of `/pkg/stripe_apps_secrets.js` (the file as shipped).
// - oursMinifiedBundle(): an app entry importing this library, bundled with
//   the same esbuild flags (the glue as a consumer's bundler would ship it).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

const DOCS_ENTRY = `
import Stripe from 'stripe';
import { createHttpClient, STRIPE_API_KEY } from '@stripe/ui-extension-sdk/http_client';
export const stripe = new Stripe(STRIPE_API_KEY, { httpClient: createHttpClient() });
`;

const STAND_IN = `
export const stripeApiFetch = (path, init) => {
  const standIn = globalThis.__stripeApiFetchStandIn;
  if (typeof standIn !== 'function') throw new Error('no stripeApiFetch stand-in installed');
  return standIn(path, init);
};
`;

function swapApiFetch(swapped) {
  return {
    name: 'swap-sdk-api-fetch',
    setup(b) {
      b.onLoad({ filter: /ui-extension-sdk[\\/]utils[\\/]apiFetch\.js$/ }, (args) => {
        swapped.push(args.path);
        return { contents: STAND_IN, loader: 'js' };
      });
    },
  };
}

/** `stripe-apps-secrets` -> an external import of the shipped file under /pkg/. */
const oursExternal = {
  name: 'ours-external',
  setup(b) {
    b.onResolve({ filter: /^stripe-apps-secrets$/ }, () => ({ path: '/pkg/stripe_apps_secrets.js', external: true }));
  },
};

async function bundle(contents, { minify = true, plugins = [], resolveDir = root } = {}) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'js', sourcefile: 'entry.mjs' },
    bundle: true,
    minify,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    plugins,
  });
  return Buffer.from(result.outputFiles[0].contents);
}

export const stripeNodeSizeBundle = () => bundle(DOCS_ENTRY);

export async function stripeNodeStartupBundle() {
  const swapped = [];
  const code = await bundle(DOCS_ENTRY, { plugins: [swapApiFetch(swapped)] });
  if (swapped.length === 0) throw new Error('the SDK apiFetch module was not swapped');
  return code;
}

export async function perCallPageBundle() {
  const swapped = [];
  const entry = `
import init, { SecretStore } from 'stripe-apps-secrets';
import Stripe from 'stripe';
import { createHttpClient, STRIPE_API_KEY } from '@stripe/ui-extension-sdk/http_client';
import stripeApiFetch from '@stripe/ui-extension-sdk/api_fetch';
import { makeStandIn, makeCases, runPerCall } from ${JSON.stringify(fileURLToPath(new URL('./harness.mjs', import.meta.url)))};
globalThis.benchPerCall = async (options) => {
  await init();
  const standIn = makeStandIn();
  globalThis.__stripeApiFetchStandIn = standIn;
  const cases = makeCases({ SecretStore, Stripe, createHttpClient, STRIPE_API_KEY, stripeApiFetch });
  const result = await runPerCall(cases, options);
  return { ...result, standInCalls: standIn.calls };
};
// For bench/profile.mjs --chromium: n calls of one client; resolves with the ms taken.
globalThis.benchLoop = async (op, client, n) => {
  await init();
  globalThis.__stripeApiFetchStandIn = makeStandIn();
  const fn = makeCases({ SecretStore, Stripe, createHttpClient, STRIPE_API_KEY, stripeApiFetch })[op].find((c) => c.name === client).fn;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return performance.now() - t0;
};
`;
  const code = await bundle(entry, { minify: false, plugins: [oursExternal, swapApiFetch(swapped)] });
  if (swapped.length === 0) throw new Error('the SDK apiFetch module was not swapped');
  return code;
}

/** Our glue as a consumer's esbuild would ship it (the .wasm stays a separate file). */
export function oursMinifiedBundle(entryModule = 'pkg/stripe_apps_secrets.js') {
  return bundle(`
import init, { SecretStore } from './${entryModule}';
await init();
export const store = new SecretStore({ userId: 'usr_1', fetch: (p, i) => globalThis.stripeApiFetch(p, i) });
`);
}

// Bundles stripe-node and @stripe/ui-extension-sdk with esbuild, UNCHANGED:
// the SDK ships ESM imports without file extensions, which Node refuses, and
// a browser cannot resolve bare specifiers. Nothing is swapped: what the SDK
// cannot reach outside the Dashboard (its host endpoint, the network) is
// faked by tests/support/fake-dashboard.mjs, not by editing the SDK.
//
// The SDK chooses its transport (host or frame) once per module instance, so
// every `loadBundle`/`loadSdk` call imports a fresh instance of the bundle
// (the same file with another `?instance=` query).
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What the extension tests need from the SDK and stripe-node. */
export const SDK_ENTRY = `
export { default as Stripe } from 'stripe';
export { default as StripeAppsHttpClient, createHttpClient, STRIPE_API_KEY, AUTHORIZATION_VALUE } from '@stripe/ui-extension-sdk/http_client';
export { default as stripeApiFetch } from '@stripe/ui-extension-sdk/api_fetch';
`;

/** Which SDK files went into the last bundle (to assert the published transport code is in). */
export const bundledSdkFiles = [];

/**
 * Virtual modules: `{ specifier: { contents, loader } }` resolved from the
 * repository root, plus `stripe-apps-secrets` (the bare import's browser
 * build) and `stripe-apps-secrets/bundler` mapped to pkg/ (as a consumer
 * imports them).
 */
export function virtualModules(modules) {
  const pkg = {
    'stripe-apps-secrets': join(root, 'pkg/inline.js'),
    'stripe-apps-secrets/bundler': join(root, 'pkg/stripe_apps_secrets.js'),
  };
  return {
    name: 'virtual-modules',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.path in modules) return { path: args.path, namespace: 'virtual' };
        if (args.path in pkg) return { path: pkg[args.path] };
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'virtual' }, (args) => ({ ...modules[args.path], resolveDir: root }));
    },
  };
}

/** Bundles `entry` (JS source) for `platform` ('node' or 'browser'); resolves with the code and the SDK files used. */
export async function bundle(entry, { modules = {}, platform = 'node' } = {}) {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    bundle: true,
    platform,
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    jsx: 'automatic',
    plugins: [virtualModules(modules)],
    // Some CommonJS dependencies (invariant, react) use require at runtime.
    ...(platform === 'node'
      ? { banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } }
      : { define: { 'process.env.NODE_ENV': '"development"' } }),
  });
  const sdkFiles = Object.keys(result.metafile.inputs).filter((p) => p.includes('@stripe/ui-extension-sdk/'));
  return { code: result.outputFiles[0].contents, sdkFiles };
}

/** Writes a browser bundle of `entry` (default: SDK_ENTRY) to `outfile`. */
export async function writeBrowserBundle(outfile, entry = SDK_ENTRY) {
  const { code, sdkFiles } = await bundle(entry, { platform: 'browser' });
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, code);
  return sdkFiles;
}

const built = new Map(); // entry source -> file path
let dir;
let instances = 0;

/**
 * Bundles `entry` for Node (once per distinct entry) and imports a FRESH
 * module instance of it: its own SDK, which will choose its own transport.
 */
export async function loadBundle(entry, modules = {}) {
  let file = built.get(entry);
  if (!file) {
    const { code, sdkFiles } = await bundle(entry, { modules });
    bundledSdkFiles.splice(0, bundledSdkFiles.length, ...sdkFiles);
    if (!dir) {
      dir = mkdtempSync(join(tmpdir(), 'sdk-bundle-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
    file = join(dir, `bundle-${built.size}.mjs`);
    writeFileSync(file, code);
    built.set(entry, file);
  }
  instances += 1;
  return import(`${pathToFileURL(file).href}?instance=${instances}`);
}

/**
 * A fresh instance of the SDK and stripe-node: { Stripe, StripeAppsHttpClient,
 * createHttpClient, STRIPE_API_KEY, AUTHORIZATION_VALUE, stripeApiFetch }.
 */
export const loadSdk = () => loadBundle(SDK_ENTRY);

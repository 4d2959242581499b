// The Node 20 way, type-checked under `moduleResolution: "nodenext"` (which
// reads the `types` conditions of the package's `exports`), with @types/node
// and without the DOM lib: the main entry is ready on import in Node (export
// condition `node`), initSync / init with the bytes still type-check.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import init, { SecretStore, initSync, type Secret } from 'stripe-apps-secrets';
import initBundler from 'stripe-apps-secrets/bundler';

export async function main(api: string): Promise<Secret> {
  const wasm = new URL(import.meta.resolve('stripe-apps-secrets/stripe_apps_secrets_bg.wasm'));
  initSync({ module: readFileSync(wasm) });
  await init({ module_or_path: readFile(wasm) });
  await initBundler();
  const controller = new AbortController();
  const store = new SecretStore({ apiKey: 'sk_test_anything', baseUrl: api });
  await store.create({ name: 'n', payload: 'p', scope: 'account' }, { signal: controller.signal });
  return store.find({ name: 'n', scope: 'account', expand: ['payload'] });
}

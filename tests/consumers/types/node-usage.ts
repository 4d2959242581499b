// The Node 20 way, type-checked under `moduleResolution: "nodenext"` (which
// reads the `types` conditions of the package's `exports`).
import { readFileSync } from 'node:fs';
import { SecretStore, initSync, type Secret } from 'stripe-apps-secrets';
import initInline from 'stripe-apps-secrets/inline';

declare function readWasm(url: URL): Uint8Array<ArrayBuffer>;

export async function main(api: string): Promise<Secret> {
  initSync({ module: readWasm(new URL(import.meta.resolve('stripe-apps-secrets/stripe_apps_secrets_bg.wasm'))) });
  await initInline();
  const store = new SecretStore({ apiKey: 'sk_test_anything', baseUrl: api });
  await store.create({ name: 'n', payload: 'p', scope: 'account' });
  return store.find({ name: 'n', scope: 'account', expand: ['payload'] });
}
void readFileSync;

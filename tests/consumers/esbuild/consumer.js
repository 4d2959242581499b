// A UI-extension-like consumer of the bare import (both engines in one file), bundled by esbuild with
// default settings (--bundle --format=esm): no loader, no plugin, no asset.
// The test also bundles it with the inline-wasm entry in its place.
import init, { engine, initSync, SecretStore } from 'stripe-apps-secrets';

const params = new URLSearchParams(location.search);
const status = document.getElementById('status');

async function main() {
  if (params.has('sync')) initSync();
  else await init();
  const store = new SecretStore({ userId: 'usr_esbuild', apiKey: 'sk_test_anything', baseUrl: location.origin });
  const scope = { type: 'user', user: 'usr_esbuild' };
  await store.create({ name: 'esbuild_inline', payload: 'from an esbuild bundle', scope });
  const found = await store.find({ name: 'esbuild_inline', scope, expand: ['payload'] });
  status.textContent = `Found ${found.name} in the ${found.scope.type} scope: ${found.payload} (engine: ${engine()})`;
  status.dataset.status = 'done';
}

main().catch((error) => {
  status.textContent = `${error.type ?? error.name}: ${error.message}`;
  status.dataset.status = 'error';
});

// A page's code, bundled by webpack 5 and by Rollup (tests/consumers/
// webpack.test.mjs, rollup.test.mjs): the main entry, `await init()` (the
// bundler has to emit the .wasm that `new URL(..., import.meta.url)` names),
// then one create + find.
import init, { SecretStore } from 'stripe-apps-secrets/bundler';
import { show } from './show.js';

show('main entry', async () => {
  await init();
  return new SecretStore({ userId: 'usr_bundler', apiKey: 'sk_test_anything', baseUrl: location.origin });
});

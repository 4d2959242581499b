// Writes what the demo page's Extension mode runs into www/vendor/ (generated,
// not committed): the UI extension SDK's `stripeApiFetch`, bundled unchanged
// for the browser by esbuild from node_modules (@stripe/ui-extension-sdk
// 9.3.0 ships extensionless imports a browser cannot load), and the fake
// Dashboard (tests/support/fake-dashboard.mjs) that stands in for the host
// and the network. scripts/demo.sh and tests/e2e/demo.test.mjs run it.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { writeBrowserBundle } from '../tests/extension/sdk-bundle.mjs';

const path = (p) => fileURLToPath(new URL(p, import.meta.url));

export async function buildDemoSdk() {
  mkdirSync(path('../www/vendor/'), { recursive: true });
  await writeBrowserBundle(
    path('../www/vendor/ui-extension-sdk.js'),
    `export { default as stripeApiFetch } from '@stripe/ui-extension-sdk/api_fetch';\n`,
  );
  copyFileSync(path('../tests/support/fake-dashboard.mjs'), path('../www/vendor/fake-dashboard.mjs'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDemoSdk();
  console.log('wrote www/vendor/ui-extension-sdk.js and www/vendor/fake-dashboard.mjs');
}

/* @ts-self-types="./index.d.ts" */
// stripe-apps-secrets for Node's `import` (export condition `node`; a
// `require` gets inline.cjs): the bundler entry, ready on import. The
// .wasm beside this file is read and compiled synchronously, so init()
// resolves at once. Where Node has no WebAssembly (node --jitless),
// the JS engine is loaded instead, asynchronously: await init() before the
// first store.
import { readFileSync } from 'node:fs';
import init, { initSync } from './stripe_apps_secrets.js';

if (typeof WebAssembly === 'object') initSync({ module: readFileSync(new URL('./stripe_apps_secrets_bg.wasm', import.meta.url)) });
else init().catch(() => {});

export * from './stripe_apps_secrets.js';
export { default } from './stripe_apps_secrets.js';

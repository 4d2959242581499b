/* @ts-self-types="./index.d.ts" */
// stripe-apps-secrets for Node's `import` (export condition `node`; a
// `require` gets inline.cjs): the bundler entry, ready on import. The
// .wasm beside this file is read and compiled synchronously, so init()
// resolves at once. Where Node has no WebAssembly (node --jitless), or
// cannot compile it (a runtime that refuses code generation), the JS engine
// is loaded instead, asynchronously: await init() before the first store.
import { readFileSync } from 'node:fs';
import init, { initSync } from './stripe_apps_secrets.js';

let compiled = false;
if (typeof WebAssembly === 'object') {
  try {
    initSync({ module: readFileSync(new URL('./stripe_apps_secrets_bg.wasm', import.meta.url)) });
    compiled = true;
  } catch {
    // Not thrown at the importer: the JS engine takes over below.
  }
}
if (!compiled) init({ engine: 'js' }).catch(() => {});

export * from './stripe_apps_secrets.js';
export { default } from './stripe_apps_secrets.js';

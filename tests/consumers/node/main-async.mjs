// Node 20, main entry, asynchronous init with the bytes of the .wasm, as
// earlier versions needed (node.js is ready on import; init() keeps working).
import { readFile } from 'node:fs/promises';
import init, { SecretStore } from 'stripe-apps-secrets';

const wasm = new URL(import.meta.resolve('stripe-apps-secrets/stripe_apps_secrets_bg.wasm'));
await init({ module_or_path: readFile(wasm) });

const store = new SecretStore({ apiKey: 'sk_test_anything', baseUrl: process.env.API });
const created = await store.create({ name: 'node-async', payload: 'account secret', scope: 'account' });
const found = await store.find({ name: 'node-async', scope: { type: 'account' }, expand: ['payload'] });
console.log(JSON.stringify({ created, found }));

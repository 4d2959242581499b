// Node 20, main entry, synchronous init: the .wasm file is read from the
// installed package and handed to initSync (Node's fetch cannot load file: URLs,
// so a bare `await init()` does not work in Node).
import { readFileSync } from 'node:fs';
import { SecretStore, initSync } from 'stripe-apps-secrets';

initSync({ module: readFileSync(new URL(import.meta.resolve('stripe-apps-secrets/stripe_apps_secrets_bg.wasm'))) });

const store = new SecretStore({ userId: 'usr_node', apiKey: 'sk_test_anything', baseUrl: process.env.API });
const scope = { type: 'user', user: 'usr_node' };
const created = await store.create({ name: 'node-sync', payload: 'a&b=c+d%\n€', scope });
const found = await store.find({ name: 'node-sync', scope: 'user', expand: ['payload'] });
console.log(JSON.stringify({ created, found }));

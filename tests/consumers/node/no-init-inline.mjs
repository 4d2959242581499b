// Node 20, inline entry with no init at all: the wasm is inside the module
// and compiled on import.
import { SecretStore } from './node_modules/stripe-apps-secrets/inline.js';

const store = new SecretStore({ apiKey: 'sk_test_anything', baseUrl: process.env.API });
const created = await store.create({ name: 'node-inline-no-init', payload: 'inline, no init', scope: 'account' });
const found = await store.find({ name: 'node-inline-no-init', scope: 'account', expand: ['payload'] });
console.log(JSON.stringify({ created, found }));

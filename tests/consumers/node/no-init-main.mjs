// Node 20, main entry with no init at all: the `node` export condition
// gives node.js, which has loaded the .wasm on import.
import { SecretStore } from 'stripe-apps-secrets';

const store = new SecretStore({ userId: 'usr_node', apiKey: 'sk_test_anything', baseUrl: process.env.API });
const created = await store.create({ name: 'node-no-init', payload: 'no init', scope: 'user' });
const found = await store.find({ name: 'node-no-init', scope: 'user', expand: ['payload'] });
console.log(JSON.stringify({ created, found }));

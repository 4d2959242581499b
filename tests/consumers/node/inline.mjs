// Node 20, inline entry: nothing to read, init() takes no argument.
import init, { SecretStore } from 'stripe-apps-secrets/inline';

await init();

const store = new SecretStore({ userId: 'usr_node', apiKey: 'sk_test_anything', baseUrl: process.env.API });
const created = await store.create({ name: 'node-inline', payload: 'inline', scope: 'user' });
const found = await store.find({ name: 'node-inline', scope: 'user', expand: ['payload'] });
console.log(JSON.stringify({ created, found }));

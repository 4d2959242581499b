// Node 20, inline entry: `await init()` with no argument (earlier versions
// needed it; the entry is ready on import, and init() still resolves).
import init, { SecretStore } from 'stripe-apps-secrets/inline';

await init();

const store = new SecretStore({ userId: 'usr_node', apiKey: 'sk_test_anything', baseUrl: process.env.API });
const created = await store.create({ name: 'node-inline', payload: 'inline', scope: 'user' });
const found = await store.find({ name: 'node-inline', scope: 'user', expand: ['payload'] });
console.log(JSON.stringify({ created, found }));

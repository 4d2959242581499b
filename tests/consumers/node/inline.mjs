// Node 20, the bare import's browser build (inline.js; in Node the bare
// import gives node.js, so it is imported by its file): `await init()` with no argument (earlier versions
// needed it; the entry is ready on import, and init() still resolves).
import init, { SecretStore } from './node_modules/stripe-apps-secrets/inline.js';

await init();

const store = new SecretStore({ userId: 'usr_node', apiKey: 'sk_test_anything', baseUrl: process.env.API });
const created = await store.create({ name: 'node-inline', payload: 'inline', scope: 'user' });
const found = await store.find({ name: 'node-inline', scope: 'user', expand: ['payload'] });
console.log(JSON.stringify({ created, found }));

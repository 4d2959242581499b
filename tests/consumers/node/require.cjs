// A CommonJS script: require() of the ES-module package. Node runs it from
// 20.19 (require(esm), the package having no top-level await); the main
// entry resolves to node.js (conditions node, require), ready on require.
const { SecretStore, StripeError, StripeScopeError } = require('stripe-apps-secrets');
const inline = require('stripe-apps-secrets/inline');

async function main() {
  const store = new SecretStore({ userId: 'usr_cjs', apiKey: 'sk_test_anything', baseUrl: process.env.API });
  const created = await store.create({ name: 'node-cjs', payload: 'from require', scope: 'user' });
  const found = await store.find({ name: 'node-cjs', scope: 'user', expand: ['payload'] });
  // The rule refuses another user's scope before anything is sent.
  const refused = await store
    .find({ name: 'node-cjs', scope: { type: 'user', user: 'usr_other' } })
    .then(() => null, (error) => ({
      scopeError: error instanceof StripeScopeError,
      stripeError: error instanceof StripeError,
      type: error.type,
    }));
  const inlineStore = new inline.SecretStore({ apiKey: 'sk_test_anything', baseUrl: process.env.API });
  const inlineFound = await inlineStore.list({ scope: 'account' });
  console.log(JSON.stringify({ created, found, refused, inlineObject: inlineFound.object }));
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});

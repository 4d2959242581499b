// A CommonJS script: require() of every entry. The export condition
// `require` gives each entry's CommonJS build (inline.cjs for the bare
// import and `bundler`), so no require(esm) is needed.
const path = require('node:path');
const { SecretStore, StripeError, StripeScopeError, engine } = require('stripe-apps-secrets');
const bundler = require('stripe-apps-secrets/bundler');
const inlineWasm = require('stripe-apps-secrets/inline-wasm');
const inlineJs = require('stripe-apps-secrets/inline-js');

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
      name: error.constructor.name,
    }));
  const bundlerStore = new bundler.SecretStore({ apiKey: 'sk_test_anything', baseUrl: process.env.API });
  const bundlerFound = await bundlerStore.list({ scope: 'account' });
  const file = (id) => path.basename(require.resolve(id));
  console.log(
    JSON.stringify({
      created,
      found,
      refused,
      bundlerObject: bundlerFound.object,
      sameModule: bundler.SecretStore === SecretStore,
      engines: { main: engine(), bundler: bundler.engine(), 'inline-wasm': inlineWasm.engine(), 'inline-js': inlineJs.engine() },
      resolved: {
        main: file('stripe-apps-secrets'),
        bundler: file('stripe-apps-secrets/bundler'),
        'inline-wasm': file('stripe-apps-secrets/inline-wasm'),
        'inline-js': file('stripe-apps-secrets/inline-js'),
      },
    }),
  );
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});

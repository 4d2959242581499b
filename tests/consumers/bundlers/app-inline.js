// The same page with a single-file entry: no init(), no asset to emit. The
// wasm-only one: where a bundler splits chunks, the two-engine `inline`
// entry (for the Stripe CLI's one file) would carry an engine for nothing.
import { SecretStore } from 'stripe-apps-secrets/inline-wasm';
import { show } from './show.js';

show('inline-wasm entry', async () =>
  new SecretStore({ userId: 'usr_bundler', apiKey: 'sk_test_anything', baseUrl: location.origin }),
);

// The same page with the inline entry: no init(), no asset to emit.
import { SecretStore } from 'stripe-apps-secrets/inline';
import { show } from './show.js';

show('inline entry', async () =>
  new SecretStore({ userId: 'usr_bundler', apiKey: 'sk_test_anything', baseUrl: location.origin }),
);

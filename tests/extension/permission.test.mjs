// A Stripe App that did not declare `secret_write`: the Dashboard answers
// 403, with Stripe's `more_permissions_required_for_*` codes or with no body
// at all. Through the SDK's own `stripeApiFetch` (bundled unchanged) behind
// the fake Dashboard, over both of its transports, the call rejects with
// `StripePermissionError`, whose message says to declare the permission;
// another 403 keeps the server's words. tests/node/js-engine.test.mjs runs
// this suite on the JS engine too.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';

import { SecretStore, StripePermissionError } from '../../pkg/stripe_apps_secrets.js';
import { startEngine } from '../support/engine.mjs';
import { installFakeDashboard } from '../support/fake-dashboard.mjs';
import { startHostileServer } from '../hostile/support/hostile-server.mjs';
import { loadSdk } from './sdk-bundle.mjs';

const USER = 'usr_permission';
const HINT = ' Does the app declare the secret_write permission in stripe-app.json?';
const refusal = (code, message) => ({ status: 403, body: { error: { type: 'invalid_request_error', code, message } } });

/** What the Dashboard answers, and what the error must say. */
const CASES = {
  'more_permissions_required_for_application': {
    answer: refusal('more_permissions_required_for_application', 'This application does not have the required permissions.'),
    message: `This application does not have the required permissions.${HINT}`,
    code: 'more_permissions_required_for_application',
  },
  'more_permissions_required_for_session': {
    answer: refusal('more_permissions_required_for_session', 'The current session is missing permissions.'),
    message: `The current session is missing permissions.${HINT}`,
    code: 'more_permissions_required_for_session',
  },
  'no body': {
    answer: { status: 403, headers: { 'content-type': 'text/plain' }, body: '' },
    message: `The Stripe API answered 403 without an error object.${HINT}`,
    code: undefined,
  },
  'another 403': {
    answer: refusal('secret_forbidden', 'Not for you.'),
    message: 'Not for you.',
    code: 'secret_forbidden',
  },
};

let server;
let current;
before(async () => {
  await startEngine();
  server = await startHostileServer(() => current);
});
after(() => server?.stop());

for (const transport of ['host', 'frame']) {
  describe(`through the SDK's ${transport} transport`, () => {
    let dashboard;
    let sdk;
    beforeEach(async () => {
      server.reset();
      dashboard = installFakeDashboard({ emulatorUrl: server.url, userId: USER, transport });
      sdk = await loadSdk();
    });
    afterEach(() => dashboard.uninstall());

    for (const [name, { answer, message, code }] of Object.entries(CASES)) {
      test(`a 403, ${name}: StripePermissionError${code === 'secret_forbidden' ? ' in the server\'s words' : ' that says to declare secret_write'}`, async () => {
        current = answer;
        const store = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch });
        const error = await store.create({ name: 'api_token', payload: 'tok_permission', scope: 'user' }).then(
          () => assert.fail('resolved'),
          (e) => e,
        );
        assert.ok(error instanceof StripePermissionError, String(error));
        assert.equal(error.statusCode, 403);
        assert.equal(error.code, code);
        assert.equal(error.message, message);
        assert.equal(server.requests.length, 1, 'a 403 is not retried');
      });
    }
  });
}

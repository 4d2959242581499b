// Answers that leave out what a Secret always carries (issue 23): the types,
// as stripe-node's `Stripe.Apps.Secret`, say `name` and `created` are always
// there, so an answer to create, find or list without them (or with them of
// another type) is refused as an unexpected answer: a typed StripeAPIError,
// one request (no retry), and nothing of the answer's payload in the error.
// A delete's answer may be Stripe's minimal deleted object
// (`{ id, object, deleted }`) and is taken as it comes.
// On the wasm here, and on the JS engine through tests/node/js-engine.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inspect } from 'node:util';

import { SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { startEngine } from '../support/engine.mjs';
import { startHostileServer } from './support/hostile-server.mjs';

const PAYLOAD = 'answered payload 9d2c';
const FULL = { id: 'appsecret_a1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'n', payload: PAYLOAD, scope: { type: 'account' } };

/** A Secret without `field`, or with it set to `value`. */
function changed(field, value) {
  const { [field]: _, ...rest } = FULL;
  return value === undefined ? rest : { ...rest, [field]: value };
}

const BROKEN = {
  'no name': changed('name'),
  'name null': changed('name', null),
  'name a number': changed('name', 7),
  'no created': changed('created'),
  'created null': changed('created', null),
  'created a string': changed('created', '1700000000'),
  'created not an integer': changed('created', 1.5),
};

const list = (data) => ({ object: 'list', url: '/v1/apps/secrets', has_more: false, data });

/** Each operation with the answer its server gives, given a broken Secret. */
const OPERATIONS = {
  create: { call: (s) => s.create({ name: 'n', payload: 'sent payload', scope: 'account' }, { idempotencyKey: 'answers-1' }), answer: (secret) => secret },
  find: { call: (s) => s.find({ name: 'n', scope: 'account', expand: ['payload'] }), answer: (secret) => secret },
  list: { call: (s) => s.list({ scope: 'account', expand: ['data.payload'] }), answer: (secret) => list([secret]) },
  listAll: { call: (s) => s.listAll({ scope: 'account', expand: ['data.payload'] }).next(), answer: (secret) => list([secret]) },
};

let server;
before(async () => {
  await startEngine();
  server = await startHostileServer(() => ({ status: 200, body: FULL }));
});
after(() => server.stop());

const store = () => new SecretStore({ apiKey: 'sk_test_answers', baseUrl: server.url });

/** Everything of an error a caller could print. */
const shown = (error) => [JSON.stringify(error), String(error), error.stack, inspect(error, { showHidden: true, depth: 5 })].join('\n');

test(`a Secret without name or created is an unexpected answer, its payload in no error`, async () => {
  for (const [operation, { call, answer }] of Object.entries(OPERATIONS)) {
    for (const [label, secret] of Object.entries(BROKEN)) {
      server.reset();
      server.answerWith(() => ({ status: 200, headers: { 'request-id': 'req_answers' }, body: answer(secret) }));
      const error = await call(store()).then(
        (value) => assert.fail(`${operation} / ${label}: resolved ${JSON.stringify(value)}`),
        (e) => e,
      );
      const where = `${operation} / ${label}`;
      assert.equal(error.type, 'StripeAPIError', `${where}: ${error}`);
      assert.equal(error.code, 'unexpected_response', where);
      assert.ok(!shown(error).includes(PAYLOAD), `${where}: the answer's payload shows in the error`);
      assert.equal(server.requests.length, 1, `${where}: one request, no retry`);
    }
  }
});

test(`the whole Secret, and a delete's minimal answer, are taken`, async () => {
  for (const [operation, { call, answer }] of Object.entries(OPERATIONS)) {
    server.answerWith(() => ({ status: 200, body: answer(FULL) }));
    const result = await call(store());
    const secret = operation === 'list' ? result.data[0] : operation === 'listAll' ? result.value : result;
    assert.equal(secret.name, 'n', operation);
    assert.equal(secret.created, 1700000000, operation);
    assert.equal(secret.payload, PAYLOAD, operation);
  }
  server.answerWith(() => ({ status: 200, body: { id: 'appsecret_a1', object: 'apps.secret', deleted: true } }));
  const deleted = await store().deleteWhere({ name: 'n', scope: 'account' });
  assert.equal(deleted.id, 'appsecret_a1');
  assert.equal(deleted.deleted, true);
  server.answerWith(() => ({ status: 200, body: { ...FULL, deleted: true } }));
  const whole = await store().deleteWhere({ name: 'n', scope: 'account', expand: ['payload'] });
  assert.deepEqual([whole.name, whole.created, whole.payload], ['n', 1700000000, PAYLOAD]);
});

// The headers of a `stripeApiFetch` answer cross from the engine to JS as
// one string of lines (src/interop/headers.rs `header_lines`, objects.js
// `headersOf`). A transport may hand anything: a header name or value with
// a line feed (which no HTTP header holds) must not shift the others into
// the wrong names. Then `lastResponse.headers` keeps none, and the result
// itself is whole. The request's own headers reach the transport intact.
// On the wasm here, and on the JS engine through tests/node/js-engine.test.mjs.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { startEngine } from '../support/engine.mjs';

const SECRET = { id: 'appsecret_h1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'n', payload: 'p', scope: { type: 'account' } };

before(startEngine);

/** A store whose transport answers with `headers` (then `later`) and records each init. */
function storeAnswering(headers, later = headers) {
  const inits = [];
  const fetch = async (url, init) => {
    inits.push(init);
    return { status: 200, ok: true, headers: inits.length === 1 ? headers : later, json: { ...SECRET } };
  };
  return { store: new SecretStore({ fetch, maxNetworkRetries: 0 }), inits };
}

test('the answer headers arrive as they were, each under its own name', async () => {
  const { store, inits } = storeAnswering({ 'request-id': 'req_lines1', 'x-empty': '', 'x-b': 'two words', __proto__x: 'y' });
  const found = await store.find({ name: 'n', scope: 'account', expand: ['payload'] });
  assert.deepEqual({ ...found }, SECRET);
  assert.equal(Object.getPrototypeOf(found), Object.prototype);
  const headers = found.lastResponse.headers;
  assert.equal(Object.getPrototypeOf(headers), null);
  assert.deepEqual({ ...headers }, { 'request-id': 'req_lines1', 'x-empty': '', 'x-b': 'two words', __proto__x: 'y' });
  assert.equal(found.lastResponse.requestId, 'req_lines1');
  // What went out: the request's headers, each whole, on an ordinary object.
  assert.equal(inits.length, 1);
  assert.equal(Object.getPrototypeOf(inits[0].headers), Object.prototype);
  assert.equal(inits[0].headers['Stripe-Version'] !== undefined || inits[0].headers['stripe-version'] !== undefined, true, JSON.stringify(inits[0].headers));
  for (const [name, value] of Object.entries(inits[0].headers)) assert.match(`${name}: ${value}`, /^[!-~]+: [ -~]+$/);
});

test('an answer without headers: lastResponse.headers is empty, and the result whole', async () => {
  const { store } = storeAnswering({});
  const found = await store.find({ name: 'n', scope: 'account', expand: ['payload'] });
  assert.deepEqual({ ...found }, SECRET);
  assert.deepEqual(Reflect.ownKeys(found.lastResponse.headers), []);
  assert.equal(Object.getPrototypeOf(found.lastResponse.headers), null);
  assert.equal(found.lastResponse.requestId, undefined);
});

for (const [label, headers] of Object.entries({
  'a value with a line feed': { 'request-id': 'req_lines2', 'x-a': 'one\nx-b\ntwo', 'x-c': 'three' },
  'a name with a line feed': { 'request-id': 'req_lines2', 'x-a\nx-b': 'one', 'x-c': 'three' },
})) {
  test(`${label}: lastResponse keeps no header, and the result is whole`, async () => {
    const { store, inits } = storeAnswering(headers, { 'x-d': 'four' });
    const found = await store.find({ name: 'n', scope: 'account', expand: ['payload'] });
    assert.deepEqual({ ...found }, SECRET);
    assert.deepEqual(Object.keys(found.lastResponse.headers), []);
    assert.equal(Object.getPrototypeOf(found.lastResponse.headers), null);
    // The id is read on its own, with its shape checked: it stays.
    assert.equal(found.lastResponse.requestId, 'req_lines2');
    assert.equal(inits.length, 1);
    // The store still works afterwards.
    const again = await store.find({ name: 'n', scope: 'account' });
    assert.deepEqual({ ...again.lastResponse.headers }, { 'x-d': 'four' });
    assert.equal(inits.length, 2);
  });
}

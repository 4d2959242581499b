// stripe-node as published, through the UI extension SDK's own
// `createHttpClient()`, against `createSecretStoreApi`: nothing in either is
// mocked. esbuild bundles them with the SDK's `utils/apiFetch` module (what
// `@stripe/ui-extension-sdk/api_fetch` re-exports, and what `createHttpClient`
// calls) swapped for the testing function, as an extension's jest test does
// with `jest.mock('@stripe/ui-extension-sdk/api_fetch', …)`.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadBundle } from '../extension/sdk-bundle.mjs';
import { MODULE } from './support.mjs';

const USER = 'usr_node1';

const ENTRY = `
export { default as Stripe } from 'stripe';
export { createHttpClient, STRIPE_API_KEY } from '@stripe/ui-extension-sdk/http_client';
export { api } from 'virtual:secret-store-api';
`;
// The SDK's utils/httpClient.js imports './apiFetch'; so does nothing else in the bundle.
const MODULES = {
  'virtual:secret-store-api': {
    loader: 'js',
    contents: `
      import { createSecretStoreApi } from ${JSON.stringify(MODULE)};
      export const api = createSecretStoreApi({ userId: ${JSON.stringify(USER)} });
    `,
  },
  './apiFetch': {
    loader: 'js',
    contents: `import { api } from 'virtual:secret-store-api'; export const stripeApiFetch = api;`,
  },
};

const { Stripe, createHttpClient, STRIPE_API_KEY, api } = await loadBundle(ENTRY, MODULES);
const stripe = (options = {}) => new Stripe(STRIPE_API_KEY, { httpClient: createHttpClient(), ...options });
const mine = { type: 'user', user: USER };

test('stripe.apps.secrets.create, find, list and deleteWhere work against it', async () => {
  api.reset();
  const s = stripe();
  const created = await s.apps.secrets.create({ name: 'oauth-token', payload: 'tok_123', scope: mine });
  assert.match(created.id, /^appsecret_/);
  assert.equal(created.payload, undefined);
  assert.match(created.lastResponse.requestId, /^req_/);
  assert.equal(created.lastResponse.statusCode, 200);
  const found = await s.apps.secrets.find({ name: 'oauth-token', scope: mine, expand: ['payload'] });
  assert.deepEqual([found.id, found.payload], [created.id, 'tok_123']);
  await s.apps.secrets.create({ name: 'shared', payload: 'acct', scope: { type: 'account' } });
  const listed = await s.apps.secrets.list({ scope: mine, expand: ['data.payload'] });
  assert.deepEqual(listed.data.map((x) => [x.name, x.payload]), [['oauth-token', 'tok_123']]);
  const deleted = await s.apps.secrets.deleteWhere({ name: 'oauth-token', scope: mine });
  assert.equal(deleted.deleted, true);
  assert.deepEqual(api.secrets().map((x) => x.name), ['shared']);
  // What stripe-node sent, as the store received it.
  const [first] = api.requests();
  assert.equal(first.path, '/v1/apps/secrets');
  assert.deepEqual(first.params.map(([k]) => k), ['name', 'payload', 'scope[type]', 'scope[user]']);
  assert.ok(first.headers.includes('idempotency-key'), 'stripe-node sends an idempotency key on POST');
});

test('auto-pagination over list pages', async () => {
  api.reset();
  const s = stripe();
  for (let i = 0; i < 7; i += 1) await s.apps.secrets.create({ name: `s${i}`, payload: 'p', scope: mine });
  const names = [];
  for await (const secret of s.apps.secrets.list({ scope: mine, limit: 3 })) names.push(secret.name);
  assert.deepEqual(names, ['s6', 's5', 's4', 's3', 's2', 's1', 's0']);
  assert.equal(api.requests().filter((r) => r.method === 'GET').length, 3);
});

test("errors arrive as stripe-node's classes: another user's scope, a missing secret, the limit", async () => {
  api.reset();
  const s = stripe();
  await assert.rejects(s.apps.secrets.create({ name: 'k', payload: 'p', scope: { type: 'user', user: 'usr_other' } }), (e) => {
    assert.equal(e.type, 'StripePermissionError');
    assert.deepEqual([e.statusCode, e.code, e.param], [403, 'secret_scope_not_allowed', 'scope[user]']);
    assert.equal(e.doc_url, 'https://stripe.com/docs/error-codes/secret-scope-not-allowed');
    assert.match(e.requestId, /^req_/);
    return true;
  });
  await assert.rejects(s.apps.secrets.find({ name: 'nope', scope: mine }), (e) => {
    assert.deepEqual([e.type, e.statusCode, e.code], ['StripeInvalidRequestError', 404, 'resource_missing']);
    // What stripe-node reads from the error body for a coded error, as from Stripe.
    assert.equal(e.doc_url, 'https://stripe.com/docs/error-codes/resource-missing');
    assert.equal(e.raw.doc_url, e.doc_url);
    return true;
  });
  for (let i = 0; i < 10; i += 1) await s.apps.secrets.create({ name: `n${i}`, payload: 'p', scope: mine });
  // No code, no doc_url.
  await assert.rejects(s.apps.secrets.create({ name: 'n10', payload: 'p', scope: mine }), (e) => {
    assert.deepEqual([e.statusCode, e.code, e.doc_url], [400, undefined, undefined]);
    return true;
  });
  assert.equal(api.secrets().length, 10);
});

test('faults: stripe-node retries a 500 and a drop with one idempotency key; a 429 it surfaces', async () => {
  api.reset();
  const s = stripe({ maxNetworkRetries: 2 });
  api.fault([{ status: 500 }, { drop: true }]);
  const created = await s.apps.secrets.create({ name: 'k', payload: 'p', scope: mine });
  assert.match(created.id, /^appsecret_/);
  const sent = api.requests();
  assert.deepEqual(sent.map((r) => r.status), [500, null, 200]);
  assert.equal(new Set(sent.map((r) => r.idempotency_key)).size, 1, 'one key across the retries');

  api.fault({ status: 429, should_retry: false });
  await assert.rejects(s.apps.secrets.find({ name: 'k', scope: mine }), (e) => e.type === 'StripeRateLimitError');
  api.fault({ drop: true });
  const once = stripe({ maxNetworkRetries: 0 });
  await assert.rejects(once.apps.secrets.find({ name: 'k', scope: mine }), (e) => e.type === 'StripeConnectionError');
});

test('time travel: a secret expires for stripe-node too', async () => {
  api.reset();
  const s = stripe();
  const at = Math.floor(api.now() / 1000) + 3600;
  await s.apps.secrets.create({ name: 'brief', payload: 'p', scope: mine, expires_at: at });
  assert.equal((await s.apps.secrets.find({ name: 'brief', scope: mine })).expires_at, at);
  api.advanceTime(3600);
  await assert.rejects(s.apps.secrets.find({ name: 'brief', scope: mine }), (e) => e.statusCode === 404);
});

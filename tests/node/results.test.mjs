// What a call resolves with is the Secret Stripe answered, field for field
// and in Stripe's order, as plain data: own, enumerable properties on an
// ordinary object (values.js `makeSecret`, `makeList`). Over a
// `stripeApiFetch`-shaped transport that answers each path with a canned
// Stripe answer. On the wasm here, and on the JS engine through
// tests/node/js-engine.test.mjs.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { startEngine } from '../support/engine.mjs';

const USER_SECRET = {
  id: 'appsecret_r1',
  object: 'apps.secret',
  created: 1700000001,
  expires_at: 1900000002,
  livemode: true,
  name: 'token',
  payload: 'p 🔐 \u0000 "q"',
  scope: { type: 'user', user: 'usr_results' },
};
const ACCOUNT_SECRET = { id: 'appsecret_r2', object: 'apps.secret', created: 1700000003, expires_at: null, livemode: false, name: 'shared', scope: { type: 'account' } };
const DELETED = { id: 'appsecret_r2', object: 'apps.secret', created: 1700000003, deleted: true, expires_at: null, livemode: false, name: 'shared', scope: { type: 'account' } };
const LIST = { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [USER_SECRET, { ...USER_SECRET, id: 'appsecret_r3', name: 'other', payload: '', expires_at: null }] };

before(startEngine);

function store() {
  const fetch = async (url) => {
    const { pathname, searchParams } = new URL(url);
    const json = pathname.endsWith('/find') ? USER_SECRET : pathname.endsWith('/delete') ? DELETED : searchParams.size > 0 ? LIST : ACCOUNT_SECRET;
    return { status: 200, ok: true, headers: { 'request-id': 'req_results' }, json: structuredClone(json) };
  };
  return new SecretStore({ fetch, userId: 'usr_results', maxNetworkRetries: 0 });
}

/** `value` is plain data equal to `expected`: the same own keys in the same order, ordinary prototypes, all enumerable. */
function assertPlainEqual(value, expected, where) {
  assert.deepEqual(value, expected, where);
  assert.equal(Object.getPrototypeOf(value), Array.isArray(expected) ? Array.prototype : Object.prototype, `${where}: prototype`);
  if (expected === null || typeof expected !== 'object') return;
  assert.deepEqual(Object.keys(value), Object.keys(expected), `${where}: own keys, in Stripe's order`);
  for (const key of Object.keys(expected)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    assert.ok(descriptor.enumerable && descriptor.writable && 'value' in descriptor, `${where}.${key}: an own, writable, enumerable data property`);
    if (expected[key] !== null && typeof expected[key] === 'object') assertPlainEqual(value[key], expected[key], `${where}.${key}`);
  }
}

test('find, create and deleteWhere resolve with the Secret as answered', async () => {
  const s = store();
  assertPlainEqual(await s.find({ name: 'token', scope: { type: 'user', user: 'usr_results' }, expand: ['payload'] }), USER_SECRET, 'find');
  assertPlainEqual(await s.create({ name: 'shared', payload: 'x', scope: { type: 'account' } }), ACCOUNT_SECRET, 'create');
  assertPlainEqual(await s.deleteWhere({ name: 'shared', scope: { type: 'account' } }), DELETED, 'deleteWhere');
});

test("deleteWhere over a minimal deleted object: no name, created or scope is made up", async () => {
  const fetch = async () => ({ status: 200, ok: true, headers: { 'request-id': 'req_min' }, json: { id: 'appsecret_m1', object: 'apps.secret', deleted: true } });
  const s = new SecretStore({ fetch, userId: 'usr_results', maxNetworkRetries: 0 });
  const deleted = await s.deleteWhere({ name: 'shared', scope: 'account' });
  // `expires_at` and `livemode` are always there, as in every result.
  assertPlainEqual(deleted, { id: 'appsecret_m1', object: 'apps.secret', deleted: true, expires_at: null, livemode: false }, 'deleteWhere');
});

test('a list page, and every item of a walk, is the page as answered', async () => {
  const s = store();
  const page = await s.list({ scope: { type: 'user', user: 'usr_results' }, expand: ['data.payload'] });
  assertPlainEqual(page, LIST, 'list');
  const walked = [];
  for await (const secret of s.listAll({ scope: { type: 'user', user: 'usr_results' }, expand: ['data.payload'] })) walked.push(secret);
  assertPlainEqual(walked, LIST.data, 'listAll');
});

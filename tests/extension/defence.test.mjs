// Defence in depth, shown in Node (pkg/ via initSync) against the emulator's
// extension mode, through the SDK's own `stripeApiFetch` (bundled unchanged)
// behind the fake Dashboard (tests/support/fake-dashboard.mjs), over both of
// the SDK's transports:
//   (a) the library refuses another user's scope and sends nothing;
//   (b) a raw request that bypasses the library is refused by the emulator;
//   (c) the own user's scope and the account scope work;
//   (d) no key in extension mode, and answers carrying another user's
//       secret are refused without leaking the payload.
// The fake Dashboard runs for one user (alice); bob's secrets are seeded by
// an app backend acting for bob (an `sk_test_` store with bob's userId).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';

import { initSync, SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { AUTHORIZATION_VALUE, installFakeDashboard } from '../support/fake-dashboard.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { loadSdk } from './sdk-bundle.mjs';

initSync({ module: readFileSync(new URL('../../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });

const ALICE = 'usr_alice1';
const BOB = 'usr_bob1';
const BOB_PAYLOAD = 'bob-only-payload-7f3a';

// Captured before any fake Dashboard replaces the global fetch.
const nativeFetch = globalThis.fetch;

let emulator;
let backend;
before(async () => {
  emulator = await startEmulator();
  backend = new SecretStore({ userId: BOB, apiKey: 'sk_test_defence', baseUrl: emulator.url });
});
after(() => emulator?.stop());
beforeEach(() => emulator.reset());

for (const transport of ['host', 'frame']) {
  describe(`through the SDK's ${transport} transport`, () => {
    let dashboard;
    let sdk;
    beforeEach(async () => {
      const origin = new URL(emulator.url).origin;
      // Only the backend store reaches the emulator directly (Node resolves no bare path anyway).
      dashboard = installFakeDashboard({ emulatorUrl: emulator.url, userId: ALICE, transport, passThrough: (url) => url.origin === origin });
      sdk = await loadSdk();
    });
    afterEach(() => dashboard.uninstall());

    /** Alice's store in extension mode, as the README writes it. */
    const extensionStore = (options = {}) => new SecretStore({ userId: ALICE, fetch: sdk.stripeApiFetch, ...options });

    test('(a) the library refuses another user\'s scope and nothing is sent', async () => {
      const alice = extensionStore();
      const bobs = { type: 'user', user: BOB };
      const refusals = [
        ['find', () => alice.find({ name: 'token', scope: bobs, expand: ['payload'] })],
        ['create', () => alice.create({ name: 'token', payload: 'x', scope: bobs })],
        ['list', () => alice.list({ scope: bobs })],
        ['deleteWhere', () => alice.deleteWhere({ name: 'token', scope: bobs })],
        ['listAll', () => alice.listAll({ scope: bobs }).next()],
        // Near misses of the own id are other users too: byte for byte.
        ['case', () => alice.find({ name: 'token', scope: { type: 'user', user: ALICE.toUpperCase() } })],
        ['space', () => alice.find({ name: 'token', scope: { type: 'user', user: `${ALICE} ` } })],
        ['account+user', () => alice.find({ name: 'token', scope: { type: 'account', user: BOB } })],
        ['other type', () => alice.find({ name: 'token', scope: { type: 'organization' } })],
      ];
      for (const [label, call] of refusals) {
        const error = await call().then(() => assert.fail(`${label} resolved`), (e) => e);
        assert.ok(error instanceof Error, label);
        assert.equal(error.type, 'StripeScopeError', `${label}: ${error.message}`);
        assert.equal(error.code, 'scope_not_allowed', label);
        assert.match(error.param, /^scope/, label);
      }
      // A store without userId allows the account scope only.
      const anonymous = new SecretStore({ fetch: sdk.stripeApiFetch });
      await assert.rejects(anonymous.find({ name: 'token', scope: { type: 'user', user: ALICE } }), {
        type: 'StripeScopeError',
        code: 'scope_not_allowed',
      });
      assert.deepEqual(dashboard.requests, [], 'the Dashboard was never asked');
      assert.deepEqual(await emulator.requests(), [], 'the emulator received nothing');
      // The same store does reach the emulator for its own scope.
      await assert.rejects(alice.find({ name: 'token', scope: 'user' }), { code: 'resource_missing' });
      assert.equal(dashboard.requests.length, 1);
    });

    test('(c) the own user\'s scope and the account scope work in extension mode', async () => {
      const alice = extensionStore();
      await backend.create({ name: 'token', payload: BOB_PAYLOAD, scope: { type: 'user', user: BOB } });

      const mine = await alice.create({ name: 'token', payload: 'alice &=+ 🔐', scope: { type: 'user', user: ALICE } });
      assert.deepEqual(mine.scope, { type: 'user', user: ALICE });
      const shared = await alice.create({ name: 'shared', payload: 'account secret', scope: { type: 'account' } });
      assert.deepEqual(shared.scope, { type: 'account' });

      assert.equal((await alice.find({ name: 'token', scope: 'user', expand: ['payload'] })).payload, 'alice &=+ 🔐');
      assert.equal((await backend.find({ name: 'shared', scope: 'account', expand: ['payload'] })).payload, 'account secret');

      const own = await alice.list({ scope: { type: 'user', user: ALICE }, expand: ['data.payload'] });
      assert.deepEqual(own.data.map((s) => s.payload), ['alice &=+ 🔐'], 'only her own secret, never bob\'s');
      const names = [];
      for await (const s of alice.listAll({ scope: 'account' })) names.push(s.name);
      assert.deepEqual(names, ['shared']);

      assert.equal((await alice.deleteWhere({ name: 'token', scope: 'user' })).deleted, true);
      assert.equal((await alice.deleteWhere({ name: 'shared', scope: 'account' })).deleted, true);

      const log = await emulator.requests();
      assert.ok(log.every((q) => q.status === 200), JSON.stringify(log.map((q) => q.status)));
      const viaDashboard = log.filter((q) => q.headers.includes('stripe-emulator-user'));
      assert.equal(viaDashboard.length, 7, 'alice\'s seven requests, in extension mode');
      assert.equal(dashboard.requests.length, 7);
      assert.ok(dashboard.requests.every((r) => r.transport === transport && r.status === 200));
      // Bob's secret is untouched.
      assert.equal((await backend.find({ name: 'token', scope: { type: 'user', user: BOB }, expand: ['payload'] })).payload, BOB_PAYLOAD);
    });

    test('(d) an answer carrying another user\'s secret is refused, the payload not in the error', async () => {
      const bobsSecret = {
        id: 'appsecret_bob',
        object: 'apps.secret',
        created: 1700000000,
        expires_at: null,
        livemode: false,
        name: 'token',
        payload: BOB_PAYLOAD,
        scope: { type: 'user', user: BOB },
      };
      // A lying API behind the Dashboard: every answer holds bob's secret.
      dashboard.answerWith(async (response, request) => {
        const pathname = request.path.split('?')[0];
        const json =
          request.method === 'GET' && pathname === '/v1/apps/secrets'
            ? { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [bobsSecret] }
            : { ...bobsSecret, ...(pathname.endsWith('/delete') ? { deleted: true } : {}) };
        await response.arrayBuffer();
        return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json', 'request-id': 'req_evil' } });
      });
      const alice = extensionStore();
      const calls = [
        ['find own', () => alice.find({ name: 'token', scope: 'user', expand: ['payload'] })],
        ['find account', () => alice.find({ name: 'token', scope: 'account', expand: ['payload'] })],
        ['create', () => alice.create({ name: 'token', payload: 'mine', scope: 'user', expand: ['payload'] })],
        ['deleteWhere', () => alice.deleteWhere({ name: 'token', scope: 'user', expand: ['payload'] })],
        ['list own', () => alice.list({ scope: 'user', expand: ['data.payload'] })],
        ['list account', () => alice.list({ scope: 'account', expand: ['data.payload'] })],
        ['listAll', async () => {
          for await (const s of alice.listAll({ scope: 'user', expand: ['data.payload'] })) return s;
        }],
      ];
      for (const [label, call] of calls) {
        const error = await call().then(
          (value) => assert.fail(`${label} resolved: ${JSON.stringify(value)?.length} chars`),
          (e) => e,
        );
        assert.ok(error instanceof Error, label);
        assert.equal(error.type, 'StripeScopeError', `${label}: ${error.type} ${error.code}`);
        assert.equal(error.code, 'scope_mismatch_in_response', label);
        const everything = [
          error.message,
          String(error),
          String(error.stack),
          JSON.stringify(error),
          JSON.stringify(Object.getOwnPropertyNames(error).map((k) => String(error[k]))),
        ].join('\n');
        assert.ok(!everything.includes(BOB_PAYLOAD), `${label}: the payload leaked into the error`);
      }
      assert.equal(dashboard.requests.length, calls.length, 'each call went through the Dashboard once');
      // The store stays usable afterwards.
      dashboard.answerWith(null);
      assert.equal((await alice.list({ scope: 'user' })).object, 'list');
    });
  });
}

test('(b) a raw request bypassing the library is refused by the emulator (4xx, not 404)', async () => {
  // Bob's secret exists, so "not found" would be a leak of a different kind: the answer must be a refusal.
  await backend.create({ name: 'token', payload: BOB_PAYLOAD, scope: { type: 'user', user: BOB } });

  const asAlice = (path, init = {}) =>
    nativeFetch(emulator.url + path, {
      ...init,
      headers: { Authorization: AUTHORIZATION_VALUE, 'Stripe-Emulator-User': ALICE, ...init.headers },
    });
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const raw = [
    ['find', asAlice(`/v1/apps/secrets/find?name=token&scope[type]=user&scope[user]=${BOB}&expand[0]=payload`)],
    ['list', asAlice(`/v1/apps/secrets?scope[type]=user&scope[user]=${BOB}&expand[0]=data.payload`)],
    ['create', asAlice('/v1/apps/secrets', { method: 'POST', headers: form, body: `name=token&payload=overwritten&scope[type]=user&scope[user]=${BOB}` })],
    ['delete', asAlice('/v1/apps/secrets/delete', { method: 'POST', headers: form, body: `name=token&scope[type]=user&scope[user]=${BOB}` })],
  ];
  for (const [label, pending] of raw) {
    const response = await pending;
    const text = await response.text();
    assert.ok(response.status >= 400 && response.status < 500, `${label}: ${response.status}`);
    assert.notEqual(response.status, 404, `${label}: a refusal, not "not found"`);
    assert.equal(response.status, 403, label);
    const body = JSON.parse(text);
    assert.equal(body.error.code, 'secret_scope_not_allowed', label);
    assert.ok(!text.includes(BOB_PAYLOAD), `${label}: no payload in the refusal`);
  }
  const log = await emulator.requests();
  assert.deepEqual(
    log.slice(-4).map((q) => q.status),
    [403, 403, 403, 403],
    'the emulator logged the four refusals',
  );
  // Bob's secret is untouched.
  const found = await backend.find({ name: 'token', scope: { type: 'user', user: BOB }, expand: ['payload'] });
  assert.equal(found.payload, BOB_PAYLOAD);
});

test('(d) no key in extension mode', async () => {
  const { stripeApiFetch: fetch } = await loadSdk();
  const keys = [
    'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
    'sk_live_51H8xyzABCdef',
    'rk_test_51H8xyzABCdef',
    'rk_live_51H8xyzABCdef',
    'pk_test_51H8xyzABCdef',
    'pk_live_51H8xyzABCdef',
    'DO_NOT_PASS_A_REAL_API_KEY', // even the placeholder: the transport sets Authorization itself
  ];
  for (const apiKey of keys) {
    let error;
    try {
      new SecretStore({ userId: ALICE, fetch, apiKey });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error, `${apiKey} was accepted with fetch`);
    assert.equal(error.type, 'StripeInvalidRequestError');
    assert.equal(error.param, 'apiKey');
    assert.ok(!error.message.includes(apiKey), 'the key is not echoed');
    assert.ok(!String(error.stack).includes(apiKey));
  }
  // Without apiKey the same options build a store.
  assert.equal(new SecretStore({ userId: ALICE, fetch }).userId, ALICE);
});

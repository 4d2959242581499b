// The rule through the JS API, as a table: every operation (create, find,
// deleteWhere, list, list()'s iterator, listAll) against every way of
// naming a scope that is not the account scope or the store's own user.
// Each must reject with a StripeScopeError and send nothing; the allowed
// scopes, through the same table, must reach the server (so the table can
// fail both ways). On the wasm, and on the JS engine through
// tests/node/js-engine.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { SecretStore, StripeScopeError } from '../../pkg/stripe_apps_secrets.js';
import { startEmulator } from '../support/emulator.mjs';
import { startEngine } from '../support/engine.mjs';

const OWN = 'usr_alice';

let emulator;
before(async () => {
  await startEngine();
  emulator = await startEmulator();
});
after(() => emulator.stop());

/** Each operation, called with a scope; resolves or rejects as the API does. */
const OPERATIONS = {
  create: (store, scope) => store.create({ name: 'n', payload: 'p', scope }),
  find: (store, scope) => store.find({ name: 'n', scope }),
  deleteWhere: (store, scope) => store.deleteWhere({ name: 'n', scope }),
  list: (store, scope) => store.list({ scope }),
  'list() iterator': (store, scope) => store.list({ scope }).autoPagingToArray({ limit: 5 }),
  listAll: (store, scope) => store.listAll({ scope }).next(),
};

const OTHERS = {
  'another user': { type: 'user', user: 'usr_bob' },
  'case changed': { type: 'user', user: 'usr_Alice' },
  'trailing space': { type: 'user', user: `${OWN} ` },
  'leading space': { type: 'user', user: ` ${OWN}` },
  'full-width look-alike': { type: 'user', user: 'ｕsr_alice' },
  'NUL appended': { type: 'user', user: `${OWN}\u0000` },
  'decomposed accent': { type: 'user', user: 'usr_alice\u0301' },
  'no user': { type: 'user' },
  'empty user': { type: 'user', user: '' },
  'account naming a user': { type: 'account', user: OWN },
  'type in capitals': { type: 'User', user: OWN },
  'unknown type': { type: 'organization' },
  'extra key': { type: 'user', user: OWN, admin: true },
  'String object': { type: 'user', user: new String(OWN) },
  'getter': Object.defineProperty({ type: 'user' }, 'user', { enumerable: true, get: () => OWN }),
  'class instance': new (class Scope { type = 'user'; user = OWN; })(),
  'array': ['user', OWN],
  'other shorthand': 'usr_bob',
  'user shorthand spelt differently': 'User',
};

test('every operation refuses every other scope, before sending', async () => {
  await emulator.reset();
  const store = new SecretStore({ userId: OWN, apiKey: 'sk_test_rule', baseUrl: emulator.url, maxNetworkRetries: 0 });
  for (const [operation, call] of Object.entries(OPERATIONS)) {
    for (const [label, scope] of Object.entries(OTHERS)) {
      const error = await call(store, scope).then(
        () => assert.fail(`${operation} / ${label}: resolved`),
        (e) => e,
      );
      assert.ok(error instanceof StripeScopeError, `${operation} / ${label}: ${error?.type}: ${error?.message}`);
      assert.equal(error.code, 'scope_not_allowed', `${operation} / ${label}`);
      assert.ok(typeof error.param === 'string' && error.param.startsWith('scope'), `${operation} / ${label}: param ${error.param}`);
    }
  }
  assert.deepEqual(await emulator.requests(), [], 'nothing reached the server');
});

test('a store without a userId refuses every user scope, before sending', async () => {
  await emulator.reset();
  const store = new SecretStore({ apiKey: 'sk_test_rule', baseUrl: emulator.url });
  for (const [operation, call] of Object.entries(OPERATIONS)) {
    for (const scope of ['user', { type: 'user', user: OWN }]) {
      const error = await call(store, scope).then(() => null, (e) => e);
      assert.ok(error instanceof StripeScopeError, `${operation}: ${error?.type}`);
    }
  }
  assert.deepEqual(await emulator.requests(), []);
});

test('the allowed scopes go through the same table to the server', async () => {
  for (const scope of ['account', { type: 'account' }, 'user', { type: 'user', user: OWN }, Object.assign(Object.create(null), { type: 'user', user: OWN })]) {
    await emulator.reset();
    const store = new SecretStore({ userId: OWN, apiKey: 'sk_test_rule', baseUrl: emulator.url, maxNetworkRetries: 0 });
    for (const [operation, call] of Object.entries(OPERATIONS)) {
      const before = (await emulator.requests()).length;
      // find/deleteWhere of a missing name is a 404 from the server: it was sent.
      await call(store, scope).catch((e) => assert.equal(e.statusCode, 404, `${operation}: ${e.type} ${e.message}`));
      const after = (await emulator.requests()).length;
      assert.ok(after > before, `${operation} with ${JSON.stringify(scope)} reached the server`);
    }
  }
});

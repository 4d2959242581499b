// pkg/ in Node 20: global fetch against the emulator, every operation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { initSync, SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { startEmulator } from '../support/emulator.mjs';

let emulator;
before(async () => {
  initSync({ module: readFileSync(new URL('../../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });
  emulator = await startEmulator();
});
after(() => emulator.stop());

const store = () => new SecretStore({ userId: 'usr_node', apiKey: 'sk_test_node', baseUrl: emulator.url });

test('every operation, end to end', async () => {
  const secrets = store();
  const payload = 'node & wasm = 🔐 +%20';
  const created = await secrets.create({ name: 'token', payload, scope: 'user' });
  assert.equal(created.object, 'apps.secret');
  assert.equal(created.payload, undefined);
  const found = await secrets.find({ name: 'token', scope: { type: 'user', user: 'usr_node' }, expand: ['payload'] });
  assert.equal(found.payload, payload);
  await secrets.create({ name: 'shared', payload: 'p', scope: { type: 'account' } });
  const page = await secrets.list({ scope: 'account', limit: 1 });
  assert.deepEqual(Object.keys(page).sort(), ['data', 'has_more', 'object', 'url']);
  const names = [];
  for await (const secret of secrets.listAll({ scope: 'user' })) names.push(secret.name);
  assert.deepEqual(names, ['token']);
  const deleted = await secrets.deleteWhere({ name: 'token', scope: 'user' });
  assert.equal(deleted.deleted, true);
  await assert.rejects(secrets.find({ name: 'token', scope: 'user' }), { type: 'StripeInvalidRequestError', code: 'resource_missing', statusCode: 404 });
});

test('a refusal sends nothing and the error is an Error with Stripe fields', async () => {
  await emulator.reset();
  const secrets = store();
  const error = await secrets.find({ name: 'x', scope: { type: 'user', user: 'usr_other' } }).catch((e) => e);
  assert.ok(error instanceof Error);
  assert.equal(error.type, 'StripeScopeError');
  assert.equal(error.code, 'scope_not_allowed');
  assert.equal(error.param, 'scope[user]');
  assert.match(String(error), /^StripeScopeError: /);
  assert.deepEqual(await emulator.requests(), []);
});

test('no timer outlives a call (Node would stay alive for the whole timeout)', async () => {
  const secrets = new SecretStore({ apiKey: 'sk_test_node', baseUrl: emulator.url, timeout: 60_000 });
  await secrets.list({ scope: 'account' });
  // process.getActiveResourcesInfo lists pending timers by name.
  const timers = process.getActiveResourcesInfo().filter((name) => name === 'Timeout');
  assert.deepEqual(timers, []);
});

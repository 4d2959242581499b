// `createSecretStoreApi` of stripe-apps-secrets/testing, loaded as built
// (scripts/build-testing.sh): the four endpoints, limits, expiry by time
// travel, pagination, idempotency, the scope rule and faults, plus the
// stripeApiFetch shape the SDK's transports resolve with.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACCOUNT, API, AUTH, FORM, form, loadTesting, secretsClient, userScope } from './support.mjs';

const { createSecretStoreApi, STRIPE_API_KEY } = await loadTesting();
const ME = 'usr_me1';
const T0 = Date.UTC(2030, 0, 1); // a fixed clock

function setup(options = {}) {
  const api = createSecretStoreApi({ userId: ME, now: T0, ...options });
  return { api, ...secretsClient(api) };
}

test('the answer has the shape of the SDK transports', async () => {
  const { api, set } = setup();
  const res = await set({ name: 'k', payload: 'v', ...ACCOUNT });
  assert.deepEqual(Object.keys(res).sort(), [
    'arrayBuffer', 'headers', 'json', 'ok', 'redirected', 'status', 'statusText', 'type', 'url',
  ]);
  assert.equal(res.ok, true);
  assert.equal(res.status, 200);
  assert.equal(res.statusText, 'OK');
  assert.equal(res.redirected, false);
  assert.equal(res.url, `${API}/v1/apps/secrets`);
  assert.equal(res.arrayBuffer, undefined);
  assert.equal(res.headers['content-type'], 'application/json');
  assert.match(res.headers['request-id'], /^req_[A-Za-z0-9]{14}$/);
  for (const name of Object.keys(res.headers)) assert.equal(name, name.toLowerCase());
  // What crosses postMessage must survive structuredClone.
  assert.deepEqual(structuredClone(res), res);
  assert.equal(STRIPE_API_KEY, 'DO_NOT_PASS_A_REAL_API_KEY');
  assert.equal(api.userId, ME);
});

test('like the SDK host transport and the Dashboard: a full URL, the placeholder key, cloneable init', async () => {
  const { api } = setup();
  await assert.rejects(api('/v1/apps/secrets?scope[type]=account', { headers: AUTH }), TypeError);
  await assert.rejects(
    api(`${API}/v1/apps/secrets?scope[type]=account`, { headers: { Authorization: 'Bearer sk_test_123' } }),
    /Authorization must be the SDK placeholder/,
  );
  await assert.rejects(api(`${API}/v1/apps/secrets?scope[type]=account`), /Authorization/);
  await assert.rejects(
    api(`${API}/v1/apps/secrets?scope[type]=account`, { headers: AUTH, transform: () => {} }),
    (e) => e.name === 'DataCloneError',
  );
  await assert.rejects(api(`${API}/v1/apps/secrets?scope[type]=account`, { headers: AUTH, body: 'x' }), TypeError);
  assert.equal(api.requests().length, 0, 'nothing reached the store');
  assert.throws(() => createSecretStoreApi({ userId: 'bob' }), TypeError);
  assert.throws(() => createSecretStoreApi({}), TypeError);
});

test('create, find, list and deleteWhere', async () => {
  const { api, set, find, list, del } = setup();
  const created = await set({ name: 'token', payload: 's3cret', ...userScope(ME), 'expand[]': 'payload' });
  assert.equal(created.status, 200);
  assert.match(created.json.id, /^appsecret_[A-Za-z0-9]{24}$/);
  assert.deepEqual(
    { ...created.json, id: 'x' },
    {
      id: 'x', object: 'apps.secret', created: T0 / 1000, expires_at: null, livemode: false,
      name: 'token', payload: 's3cret', scope: { type: 'user', user: ME },
    },
  );
  const found = await find({ name: 'token', ...userScope(ME), 'expand[0]': 'payload' });
  assert.equal(found.json.payload, 's3cret');
  assert.equal((await find({ name: 'token', ...userScope(ME) })).json.payload, undefined);
  const listed = await list({ ...userScope(ME), 'expand[]': 'data.payload' });
  assert.deepEqual(
    { ...listed.json, data: listed.json.data.map((s) => [s.name, s.payload]) },
    { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [['token', 's3cret']] },
  );
  assert.deepEqual(api.secrets().map((s) => [s.name, s.payload, s.scope]), [['token', 's3cret', { type: 'user', user: ME }]]);
  const replaced = await set({ name: 'token', payload: 'new', ...userScope(ME) });
  assert.equal(replaced.json.id, created.json.id, 'a re-set replaces, keeping the id');
  const deleted = await del({ name: 'token', ...userScope(ME) });
  assert.equal(deleted.json.deleted, true);
  const gone = await find({ name: 'token', ...userScope(ME) });
  assert.equal(gone.status, 404);
  assert.equal(gone.ok, false);
  assert.equal(gone.statusText, 'Not Found');
  assert.equal(gone.json.error.code, 'resource_missing');
  assert.deepEqual(api.secrets(), []);
});

test('10 secrets per scope; a replace or another scope still works', async () => {
  const { api, set, del } = setup();
  for (let i = 0; i < 10; i += 1) assert.equal((await set({ name: `n${i}`, payload: 'p', ...ACCOUNT })).status, 200);
  const full = await set({ name: 'n10', payload: 'p', ...ACCOUNT });
  assert.equal(full.status, 400);
  assert.equal(full.json.error.type, 'invalid_request_error');
  assert.match(full.json.error.message, /10 secrets/);
  assert.equal((await set({ name: 'n3', payload: 'again', ...ACCOUNT })).status, 200);
  assert.equal((await set({ name: 'n10', payload: 'p', ...userScope(ME) })).status, 200);
  assert.equal((await del({ name: 'n0', ...ACCOUNT })).status, 200);
  assert.equal((await set({ name: 'n10', payload: 'p', ...ACCOUNT })).status, 200);
  assert.equal(api.secrets().length, 11);
});

test('expiry by time travel: advanceTime and setNow', async () => {
  const { api, set, find, list } = setup();
  const at = T0 / 1000 + 60;
  assert.equal((await set({ name: 'brief', payload: 'p', ...ACCOUNT, expires_at: at })).json.expires_at, at);
  const past = await set({ name: 'old', payload: 'p', ...ACCOUNT, expires_at: T0 / 1000 - 1 });
  assert.equal(past.status, 400);
  assert.equal(past.json.error.param, 'expires_at');
  api.advanceTime(59);
  assert.equal(api.now(), T0 + 59_000);
  assert.equal((await find({ name: 'brief', ...ACCOUNT })).status, 200);
  api.advanceTime(1);
  assert.equal((await find({ name: 'brief', ...ACCOUNT })).status, 404);
  assert.equal((await list(ACCOUNT)).json.data.length, 0);
  assert.deepEqual(api.secrets(), []);
  api.setNow(new Date(T0));
  assert.equal(api.now(), T0);
  // A clock function is read at each request.
  let clock = T0;
  const ticking = createSecretStoreApi({ userId: ME, now: () => clock });
  const c = secretsClient(ticking);
  await c.set({ name: 'k', payload: 'p', ...ACCOUNT, expires_at: T0 / 1000 + 10 });
  clock += 10_000;
  assert.equal((await c.find({ name: 'k', ...ACCOUNT })).status, 404);
});

test('pagination: newest first, starting_after, ending_before, has_more', async () => {
  const { set, list } = setup();
  const ids = [];
  for (let i = 0; i < 7; i += 1) ids.push((await set({ name: `s${i}`, payload: 'p', ...ACCOUNT })).json.id);
  const newestFirst = [...ids].reverse();
  const page1 = (await list({ ...ACCOUNT, limit: 3 })).json;
  assert.deepEqual([page1.data.map((s) => s.id), page1.has_more], [newestFirst.slice(0, 3), true]);
  const page2 = (await list({ ...ACCOUNT, limit: 3, starting_after: page1.data[2].id })).json;
  assert.deepEqual([page2.data.map((s) => s.id), page2.has_more], [newestFirst.slice(3, 6), true]);
  const page3 = (await list({ ...ACCOUNT, limit: 3, starting_after: page2.data[2].id })).json;
  assert.deepEqual([page3.data.map((s) => s.id), page3.has_more], [newestFirst.slice(6), false]);
  const back = (await list({ ...ACCOUNT, limit: 2, ending_before: page2.data[0].id })).json;
  assert.deepEqual([back.data.map((s) => s.id), back.has_more], [newestFirst.slice(1, 3), true]);
  const bad = await list({ ...ACCOUNT, starting_after: 'appsecret_nope' });
  assert.deepEqual([bad.status, bad.json.error.param], [400, 'starting_after']);
  assert.equal((await list({ ...ACCOUNT, limit: 101 })).status, 400);
});

test('idempotent replay, and a key reused with other params', async () => {
  const { api, set } = setup();
  const key = { 'Idempotency-Key': 'retry-me' };
  const first = await set({ name: 'k', payload: 'p', ...ACCOUNT }, key);
  const again = await set({ name: 'k', payload: 'p', ...ACCOUNT }, key);
  assert.deepEqual(again.json, first.json);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(first.headers['idempotent-replayed'], undefined);
  assert.equal(again.headers['idempotency-key'], 'retry-me');
  const other = await set({ name: 'k', payload: 'q', ...ACCOUNT }, key);
  assert.equal(other.status, 400);
  assert.equal(other.json.error.type, 'idempotency_error');
  assert.equal(api.secrets()[0].payload, 'p');
  assert.deepEqual(api.requests().map((r) => r.idempotency_key), ['retry-me', 'retry-me', 'retry-me']);
});

test("another user's scope is refused with the emulator's 403, and nothing is stored", async () => {
  const { api, set, find, list, del } = setup();
  for (const res of [
    await set({ name: 'k', payload: 'p', ...userScope('usr_other') }),
    await find({ name: 'k', ...userScope('usr_other') }),
    await list(userScope('usr_other')),
    await del({ name: 'k', ...userScope('usr_other') }),
  ]) {
    assert.equal(res.status, 403);
    assert.equal(res.statusText, 'Forbidden');
    assert.deepEqual([res.json.error.code, res.json.error.param], ['secret_scope_not_allowed', 'scope[user]']);
  }
  // A Stripe-Emulator-User header cannot change who the extension is.
  const spoofed = await set({ name: 'k', payload: 'p', ...userScope('usr_other') }, { 'Stripe-Emulator-User': 'usr_other' });
  assert.equal(spoofed.status, 403);
  assert.deepEqual(api.secrets(), []);
});

test('faults: statuses, Stripe-Should-Retry, a dropped connection, a delay; bounded', async () => {
  const { api, list } = setup();
  assert.equal(api.fault([{ status: 500 }, { status: 429, should_retry: true }, { drop: true }, { delay_ms: 80, status: 503 }, {}]), 5);
  assert.equal(api.faults().length, 5);
  const e500 = await list(ACCOUNT);
  assert.deepEqual([e500.status, e500.json.error.type], [500, 'api_error']);
  const e429 = await list(ACCOUNT);
  assert.deepEqual([e429.status, e429.json.error.code, e429.headers['stripe-should-retry']], [429, 'rate_limit', 'true']);
  await assert.rejects(list(ACCOUNT), TypeError);
  const started = performance.now();
  const e503 = await list(ACCOUNT);
  assert.equal(e503.status, 503);
  assert.ok(performance.now() - started >= 75, 'the delay was waited');
  assert.equal((await list(ACCOUNT)).status, 200);
  assert.deepEqual(api.requests().map((r) => r.status), [500, 429, null, 503, 200]);
  assert.throws(() => api.fault({ status: 200 }), /400\.\.=599/);
  assert.throws(() => api.fault({ delay_ms: 60_001 }), /at most 60000/);
  assert.throws(() => api.fault(Array.from({ length: 1001 }, () => ({}))), /Too many faults/);
  assert.deepEqual(api.faults(), []);
  api.fault({ status: 500 });
  api.reset();
  assert.deepEqual([api.faults(), api.requests(), api.secrets()], [[], [], []]);
});

test('the request log keeps payloads as lengths only', async () => {
  const { api, set } = setup();
  await set({ name: 'k', payload: 'TOP-SECRET-VALUE', ...ACCOUNT });
  const [entry] = api.requests();
  assert.deepEqual(entry.params, [['name', 'k'], ['payload', { length: 16 }], ['scope[type]', 'account']]);
  assert.ok(!JSON.stringify(api.requests()).includes('TOP-SECRET'));
  assert.deepEqual(entry.headers, ['authorization', 'content-type', 'stripe-emulator-user']);
});

test('params arrive as the SDK sends them: a form body, a query string', async () => {
  const { api } = setup();
  const res = await api(`${API}/v1/apps/secrets`, {
    method: 'POST',
    headers: { ...AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'k' }),
  });
  assert.equal(res.status, 400);
  assert.match(res.json.error.message, /form-encoded/);
  const unknown = await api(`${API}/v1/nope?${form(ACCOUNT)}`, { headers: AUTH });
  assert.deepEqual([unknown.status, unknown.json.error.message], [404, 'Unrecognized request URL (GET: /v1/nope).']);
  const seeded = (seed) => secretsClient(createSecretStoreApi({ userId: ME, now: T0, seed }));
  const a = await seeded(7).set({ name: 'k', payload: 'p', ...ACCOUNT });
  const b = await seeded(7).set({ name: 'k', payload: 'p', ...ACCOUNT });
  assert.equal(a.json.id, b.json.id, 'a seed makes ids repeatable');
  void FORM;
});

// Parity: the same request sequences through the Secret Store emulator over
// HTTP (the axum server, started as tests/support/emulator.mjs does) and
// through `createSecretStoreApi` (the same engine in WebAssembly), as a UI
// extension of one user. Answers must be identical once normalised: secret
// ids become `appsecret#N` (in order of first appearance), request ids
// `req_*`, `created` and the "now is …" of messages `T`. Compared: status,
// reason phrase, the headers the engine decides, the JSON body, the queued
// faults, and the request log (params, statuses, idempotency keys, the
// headers that matter).
//
// HTTP Basic auth (`Authorization: Basic base64("sk_test_…:")`) has no
// parity case: `createSecretStoreApi` is reached as the Dashboard reaches
// Stripe for an extension, and, as the Dashboard does, it throws unless
// `Authorization` is exactly the SDK placeholder `Bearer
// DO_NOT_PASS_A_REAL_API_KEY`, so no other form of the key reaches its
// engine. The last test below checks that refusal; the HTTP emulator's Basic
// auth is covered in emulator/tests/api/auth.rs.
//
// Needs `cargo build -p secret-store-emulator` and scripts/build-testing.sh.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startEmulator } from '../support/emulator.mjs';
import { ACCOUNT, API, AUTH, FORM, form, loadTesting, nowSecs, userScope } from './support.mjs';

const { createSecretStoreApi } = await loadTesting();
const USER = 'usr_parity1';
const OTHER = 'usr_other2';
const MINE = userScope(USER);
const DECIDED_HEADERS = ['content-type', 'stripe-version', 'idempotency-key', 'idempotent-replayed', 'stripe-should-retry'];
const LOGGED_HEADERS = new Set(['authorization', 'content-type', 'idempotency-key', 'stripe-version', 'stripe-account', 'stripe-emulator-user']);

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator?.stop());

// ---- steps ------------------------------------------------------------------
// A step is a request { method, path, query?, body?, headers? }, { faults: [...] },
// { wait: seconds }, or a function of the run so far (ctx.ids: secret ids in
// order of first appearance) returning one.

const post = (path, params, headers = {}) => ({
  method: 'POST',
  path,
  body: typeof params === 'string' ? params : form(params),
  headers: { ...AUTH, ...FORM, ...headers },
});
const get = (path, params, headers = {}) => ({
  method: 'GET',
  path,
  query: typeof params === 'string' ? params : form(params),
  headers: { ...AUTH, ...headers },
});
const set = (params, headers) => post('/v1/apps/secrets', params, headers);
const find = (params, headers) => get('/v1/apps/secrets/find', params, headers);
const del = (params, headers) => post('/v1/apps/secrets/delete', params, headers);
const list = (params, headers) => get('/v1/apps/secrets', params, headers);
const raw = (method, path, extra = {}) => ({ method, path, headers: { ...AUTH }, ...extra });

// ---- the two ways in ---------------------------------------------------------

const pathAndQuery = (step) => step.path + (step.query ? `?${step.query}` : '');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function viaHttp() {
  const control = async (path, init) => {
    const res = await fetch(emulator.url + path, init);
    return { status: res.status, json: await res.json() };
  };
  return {
    async send(step) {
      let res;
      try {
        res = await fetch(emulator.url + pathAndQuery(step), {
          method: step.method,
          headers: { ...step.headers, 'Stripe-Emulator-User': USER },
          body: step.body,
        });
      } catch (error) {
        if (error instanceof TypeError) return { dropped: true };
        throw error;
      }
      const text = await res.text();
      return {
        status: res.status,
        statusText: res.statusText,
        headers: Object.fromEntries(['request-id', ...DECIDED_HEADERS].map((n) => [n, res.headers.get(n) ?? undefined])),
        json: JSON.parse(text),
      };
    },
    async faults(list) {
      const res = await control('/_emulator/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(list),
      });
      if (res.status === 200) return { queued: res.json.queued };
      // The emulator reads JSON text and says where in it a list went wrong;
      // the testing engine reads a JS value, which has no line or column.
      return { refused: res.json.error.message.replace(/ at line \d+ column \d+$/, '') };
    },
    queued: async () => (await control('/_emulator/faults')).json,
    wait: (secs) => sleep(secs * 1000 + 100),
    requests: async () => (await control('/_emulator/requests')).json,
  };
}

function viaTesting(base) {
  const started = Date.now();
  // Its clock starts at the sequence's base second, as the emulator's did.
  const api = createSecretStoreApi({ userId: USER, now: () => base * 1000 + (Date.now() - started) });
  return {
    async send(step) {
      let res;
      try {
        res = await api(API + pathAndQuery(step), { method: step.method, headers: step.headers, body: step.body });
      } catch (error) {
        if (error instanceof TypeError) return { dropped: true };
        throw error;
      }
      return {
        status: res.status,
        statusText: res.statusText,
        headers: Object.fromEntries(['request-id', ...DECIDED_HEADERS].map((n) => [n, res.headers[n]])),
        json: res.json,
      };
    },
    async faults(list) {
      try {
        return { queued: api.fault(list) };
      } catch (error) {
        return { refused: error.message };
      }
    },
    queued: async () => api.faults(),
    wait: async (secs) => api.advanceTime(secs),
    requests: async () => api.requests(),
  };
}

// ---- normalising -----------------------------------------------------------

function normaliser() {
  const ids = [];
  const text = (s) =>
    s
      .replace(/appsecret_[A-Za-z0-9]{24}/g, (id) => {
        if (!ids.includes(id)) ids.push(id);
        return `appsecret#${ids.indexOf(id) + 1}`;
      })
      .replace(/req_[A-Za-z0-9]{14}/g, 'req_*')
      .replace(/now is \d+/g, 'now is T');
  const value = (v, key) => {
    if (typeof v === 'string') return text(v);
    if (key === 'created' && typeof v === 'number') return 'T';
    if (Array.isArray(v)) return v.map((x) => value(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x, k)]));
    return v;
  };
  return { ids, value };
}

/** Runs `steps` through `way`; resolves with every normalised answer and the final log. */
async function run(way, steps) {
  const { ids, value } = normaliser();
  const answers = [];
  for (const [i, make] of steps.entries()) {
    const step = typeof make === 'function' ? make({ ids }) : make;
    let answer;
    if (step.faults) answer = { faults: await way.faults(step.faults), queued: await way.queued() };
    else if (step.wait) answer = { waited: await way.wait(step.wait) };
    else answer = await way.send(step);
    answers.push({ step: i, ...value(answer) });
  }
  const log = (await way.requests()).map((entry) => ({
    ...value(entry),
    headers: entry.headers.filter((h) => LOGGED_HEADERS.has(h)).sort(),
  }));
  return { answers, log };
}

async function parity(steps) {
  const base = nowSecs();
  const sequence = steps(base);
  await emulator.reset();
  const http = await run(viaHttp(), sequence);
  const wasm = await run(viaTesting(base), sequence);
  for (const [i, answer] of http.answers.entries()) assert.deepEqual(wasm.answers[i], answer, `step ${i}`);
  assert.deepEqual(wasm.log, http.log, 'request log');
  return http;
}

// ---- the sequences ---------------------------------------------------------

test('every endpoint, both scopes an extension may reach, Stripe-Version and Stripe-Account', async () => {
  const { answers } = await parity((base) => [
    set({ name: 'a', payload: 'p1', ...ACCOUNT, 'expand[]': 'payload' }),
    set({ name: 'b', payload: 'p2', ...MINE }),
    find({ name: 'a', ...ACCOUNT, 'expand[0]': 'payload' }),
    find({ name: 'b', ...MINE }),
    list({ ...ACCOUNT, 'expand[]': 'data.payload' }),
    list(MINE),
    set({ name: 'a', payload: 'p3 with spaces & symbols ✓', ...ACCOUNT, expires_at: base + 3600 }),
    find({ name: 'a', ...ACCOUNT, 'expand[]': 'payload' }),
    del({ name: 'a', ...ACCOUNT, 'expand[]': 'payload' }),
    find({ name: 'a', ...ACCOUNT }),
    del({ name: 'a', ...ACCOUNT }),
    list(ACCOUNT),
    list(MINE, { 'Stripe-Version': '2025-03-31.basil' }),
    set({ name: 'c', payload: 'p4', ...ACCOUNT }, { 'Stripe-Account': 'acct_1Parity' }),
    list(ACCOUNT),
    list(ACCOUNT, { 'Stripe-Account': 'acct_1Parity' }),
    raw('GET', '/v1/apps/secrets', { query: 'scope%5Btype%5D=account&expand%5B%5D=data.payload' }),
  ]);
  assert.equal(answers[0].status, 200);
  assert.equal(answers[9].status, 404);
});

test('errors: params, scopes, forms, URLs, body limits', async () => {
  const big = 'x'.repeat(5001);
  const { answers } = await parity((base) => [
    set({}),
    set({ name: 'a' }),
    set({ name: 'a', payload: 'p' }),
    set({ name: '', payload: 'p', ...ACCOUNT }),
    set({ name: big, payload: 'p', ...ACCOUNT }),
    set({ name: 'a', payload: 'é'.repeat(5001), ...ACCOUNT }),
    set({ name: 'a', payload: 'p', ...ACCOUNT, foo: '1' }),
    set({ name: 'a', payload: 'p', 'scope[type]': 'bogus' }),
    set({ name: 'a', payload: 'p', 'scope[type]': 'account', 'scope[user]': USER }),
    set({ name: 'a', payload: 'p', 'scope[type]': 'user' }),
    set({ name: 'a', payload: 'p', 'scope[type]': 'user', 'scope[user]': 'bob' }),
    set({ name: 'a', payload: 'p', 'scope[type]': 'user', 'scope[user]': '' }),
    set({ name: 'a', payload: 'p', ...ACCOUNT, 'scope[x]': '1' }),
    set({ name: 'a', payload: 'p', scope: 'account' }),
    set({ name: 'a', payload: 'p', ...ACCOUNT, expires_at: base - 10 }),
    set({ name: 'a', payload: 'p', ...ACCOUNT, expires_at: base + 36_525 * 86_400 + 10 }),
    set({ name: 'a', payload: 'p', ...ACCOUNT, expires_at: 'soon' }),
    set({ name: 'a', payload: 'p', ...ACCOUNT, expand: 'payload' }),
    set({ name: 'a', payload: 'p', ...ACCOUNT, 'expand[]': 'data.payload' }),
    list({ ...ACCOUNT, limit: 0 }),
    list({ ...ACCOUNT, limit: 101 }),
    list({ ...ACCOUNT, limit: 'ten' }),
    list({ ...ACCOUNT, starting_after: 'appsecret_x', ending_before: 'appsecret_y' }),
    list({ ...ACCOUNT, starting_after: 'appsecret_nope' }),
    list({ ...ACCOUNT, 'expand[]': 'payload' }),
    find({ name: 'a', ...ACCOUNT, 'expand[]': 'data.payload' }),
    find({ ...ACCOUNT }),
    set('name=a&payload=p&scope[type][x]=account'),
    set('name=a&payload=p&scope[type=account'),
    set('name=%zz&payload=p&scope[type]=account'),
    set('name=%ff&payload=p&scope[type]=account'),
    set('name=a&name=b&payload=p&scope[type]=account&expand[]=payload'),
    set('name=a&payload=p&scope=account&scope[type]=account'),
    set(Array.from({ length: 1001 }, (_, i) => `k${i}=v`).join('&')),
    find('name=%zz&scope[type]=account'),
    { ...set({ name: 'a', payload: 'p', ...ACCOUNT }), headers: { ...AUTH, 'Content-Type': 'application/json' } },
    { ...set({ name: 'a', payload: 'p', ...ACCOUNT }), body: `name=a&scope[type]=account&payload=${'x'.repeat(1024 * 1024)}` },
    raw('GET', '/v1/nope', { query: form(ACCOUNT) }),
    raw('POST', '/v1', { body: '' }),
    raw('GET', '/v1/apps/secrets/delete', { query: form(ACCOUNT) }),
    raw('PUT', '/v1/apps/secrets', { body: form(ACCOUNT) }),
    raw('DELETE', '/v1/apps/secrets/find'),
    raw('PATCH', '/v1/apps/secrets/x/y'),
    raw('post', '/v1/apps/secrets/delete', { body: form({ name: 'a', ...ACCOUNT }), headers: { ...AUTH, ...FORM } }),
    raw('patch', '/v1/apps/secrets'),
    set({ name: 'a', payload: 'p', ...userScope(OTHER) }),
    find({ name: 'a', ...userScope(OTHER) }),
    list(userScope(OTHER)),
    del({ name: 'a', ...userScope(OTHER) }),
  ]);
  // All refused but the repeated plain key, which keeps its last value (as Rack does).
  assert.deepEqual(answers.filter((a) => a.status < 400).map((a) => a.json.name), ['b']);
  assert.deepEqual(answers.slice(-4).map((a) => a.status), [403, 403, 403, 403]);
});

test('limits: 10 per scope, replace at the limit, another scope, a delete frees a slot', async () => {
  const { answers } = await parity(() => [
    ...Array.from({ length: 10 }, (_, i) => set({ name: `n${i}`, payload: 'p', ...ACCOUNT })),
    set({ name: 'n10', payload: 'p', ...ACCOUNT }),
    set({ name: 'n4', payload: 'replaced', ...ACCOUNT, 'expand[]': 'payload' }),
    ...Array.from({ length: 10 }, (_, i) => set({ name: `u${i}`, payload: 'p', ...MINE })),
    set({ name: 'u10', payload: 'p', ...MINE }),
    del({ name: 'n0', ...ACCOUNT }),
    set({ name: 'n10', payload: 'p', ...ACCOUNT }),
    list({ ...ACCOUNT, limit: 100 }),
    list({ ...MINE, limit: 100, 'expand[]': 'data.payload' }),
  ]);
  assert.equal(answers[10].status, 400);
});

test('pagination: pages both ways, has_more, cursors', async () => {
  await parity(() => [
    ...Array.from({ length: 7 }, (_, i) => set({ name: `s${i}`, payload: `p${i}`, ...MINE })),
    list(MINE),
    list({ ...MINE, limit: 3 }),
    ({ ids }) => list({ ...MINE, limit: 3, starting_after: ids[4] }),
    ({ ids }) => list({ ...MINE, limit: 3, starting_after: ids[1] }),
    ({ ids }) => list({ ...MINE, limit: 3, starting_after: ids[0] }),
    ({ ids }) => list({ ...MINE, limit: 2, ending_before: ids[1] }),
    ({ ids }) => list({ ...MINE, limit: 10, ending_before: ids[2] }),
    ({ ids }) => list({ ...MINE, ending_before: ids[6] }),
    ({ ids }) => list({ ...ACCOUNT, starting_after: ids[3] }),
    ({ ids }) => del({ name: 's3', ...MINE, 'expand[]': 'payload', starting_after: ids[3] }),
    ({ ids }) => list({ ...MINE, starting_after: ids[3] }),
    ({ ids }) => list({ ...MINE, limit: 1, starting_after: ids[5], 'expand[]': 'data.payload' }),
  ]);
});

test('idempotent replays, conflicts, invalid keys, what is remembered', async () => {
  const key = (k) => ({ 'Idempotency-Key': k });
  const { answers } = await parity(() => [
    set({ name: 'k', payload: 'p', ...ACCOUNT }, key('k1')),
    set({ name: 'k', payload: 'p', ...ACCOUNT }, key('k1')),
    set({ name: 'k', payload: 'other', ...ACCOUNT }, key('k1')),
    set({ name: 'k', payload: 'p', ...ACCOUNT }, key('has space')),
    set({ name: 'k', payload: 'p', ...ACCOUNT }, key('x'.repeat(256))),
    set({ name: 'k', payload: 'p', ...ACCOUNT }, key('x'.repeat(255))),
    set({ name: 'j', ...ACCOUNT }, key('k2')),
    set({ name: 'j', payload: 'p', ...ACCOUNT }, key('k2')),
    del({ name: 'gone', ...ACCOUNT }, key('k3')),
    set({ name: 'gone', payload: 'p', ...ACCOUNT }),
    del({ name: 'gone', ...ACCOUNT }, key('k3')),
    find({ name: 'gone', ...ACCOUNT }),
    find({ name: 'k', ...ACCOUNT }, key('k4')),
    find({ name: 'k', ...ACCOUNT }, key('k4')),
    del({ name: 'k', ...ACCOUNT }, key('k1')),
    set({ name: 'k', payload: 'p', ...userScope(OTHER) }, key('k5')),
    set({ name: 'k', payload: 'p', ...userScope(OTHER) }, key('k5')),
  ]);
  assert.equal(answers[1].headers['idempotent-replayed'], 'true');
  assert.equal(answers[2].json.error.type, 'idempotency_error');
});

test('faults: statuses, Stripe-Should-Retry, drops, delays, pass-through; refused lists', async () => {
  const { answers } = await parity(() => [
    { faults: [{ status: 500 }, { status: 429, should_retry: true }, { status: 503, should_retry: false }] },
    { faults: [{ status: 409 }, { status: 404 }, { status: 418 }, { status: 402 }, { drop: true }] },
    { faults: [{ delay_ms: 30, status: 502 }, { delay_ms: 20 }, {}, { drop: true, delay_ms: 10 }] },
    ...Array.from({ length: 12 }, () => list(ACCOUNT)),
    { faults: [{ status: 200 }] },
    { faults: [{ drop: true, status: 500 }] },
    { faults: [{ should_retry: true }] },
    { faults: [{ delay_ms: 60_001 }] },
    { faults: [{ bogus: 1 }] },
    { faults: Array.from({ length: 1001 }, () => ({})) },
    { faults: [{ status: 500 }] },
    set({ name: 'k', payload: 'p', ...ACCOUNT }, { 'Idempotency-Key': 'f1' }),
    set({ name: 'k', payload: 'p', ...ACCOUNT }, { 'Idempotency-Key': 'f1' }),
    set({ name: 'k', payload: 'p', ...ACCOUNT }, { 'Idempotency-Key': 'f1' }),
  ]);
  assert.deepEqual(
    answers.slice(3, 15).map((a) => a.status ?? 'dropped'),
    [500, 429, 503, 409, 404, 418, 402, 'dropped', 502, 200, 200, 'dropped'],
  );
});

test('expiry: a secret vanishes once expires_at passes, freeing its slot', async () => {
  const { answers } = await parity((base) => [
    set({ name: 'brief', payload: 'p', ...MINE, expires_at: base + 2 }),
    set({ name: 'long', payload: 'p', ...MINE, expires_at: base + 3600 }),
    find({ name: 'brief', ...MINE }),
    list(MINE),
    { wait: 3 },
    find({ name: 'brief', ...MINE }),
    del({ name: 'brief', ...MINE }),
    list(MINE),
  ]);
  assert.equal(answers[5].status, 404);
});

// ---- what other Stripe clients rely on (issue 31) ------------------------------

/** Stripe's page for an error code, spelled as live Stripe answers spell it. */
const docUrl = (code) => `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;

/** Every answer with an error: `doc_url` goes with its `code`, and only with one. */
function assertDocUrls(answers) {
  let coded = 0;
  for (const answer of answers) {
    const error = answer.json?.error;
    if (!error) continue;
    if (error.code === undefined) {
      assert.equal(Object.hasOwn(error, 'doc_url'), false, `step ${answer.step}: ${JSON.stringify(error)}`);
    } else {
      assert.equal(error.doc_url, docUrl(error.code), `step ${answer.step}`);
      coded += 1;
    }
  }
  return coded;
}

test('doc_url: every error with a code names its page, on both engines; none without a code', async () => {
  const { answers } = await parity((base) => [
    find({ name: 'nope', ...ACCOUNT }),
    del({ name: 'nope', ...MINE }),
    set({ name: 'a', payload: 'p' }),
    set({ name: 'a', payload: 'p', ...ACCOUNT, foo: '1' }),
    set({ name: '', payload: 'p', ...ACCOUNT }),
    set({ name: 'a', payload: 'p', 'scope[type]': 'account', 'scope[user]': USER }),
    list({ ...ACCOUNT, starting_after: 'appsecret_nope' }),
    set({ name: 'a', payload: 'p', ...userScope(OTHER) }),
    // No code, so no doc_url.
    set({ name: 'a', payload: 'p', ...ACCOUNT, expires_at: base - 10 }),
    list({ ...ACCOUNT, limit: 0 }),
    raw('GET', '/v1/nope'),
    set({ name: 'a', payload: 'p', ...ACCOUNT }, { 'Idempotency-Key': 'd1' }),
    set({ name: 'a', payload: 'q', ...ACCOUNT }, { 'Idempotency-Key': 'd1' }),
    // Injected faults, and a remembered 404 replayed byte for byte.
    { faults: [{ status: 404 }, { status: 409 }, { status: 429, should_retry: true }, { status: 500 }] },
    ...Array.from({ length: 4 }, () => list(ACCOUNT)),
    del({ name: 'gone', ...ACCOUNT }, { 'Idempotency-Key': 'd2' }),
    del({ name: 'gone', ...ACCOUNT }, { 'Idempotency-Key': 'd2' }),
  ]);
  assert.equal(answers[0].json.error.doc_url, 'https://stripe.com/docs/error-codes/resource-missing');
  assert.equal(answers[7].json.error.doc_url, 'https://stripe.com/docs/error-codes/secret-scope-not-allowed');
  assert.equal(answers[12].json.error.type, 'idempotency_error');
  assert.deepEqual(answers.slice(14, 18).map((a) => a.json.error.code), ['resource_missing', 'lock_timeout', 'rate_limit', undefined]);
  assert.equal(answers[19].headers['idempotent-replayed'], 'true');
  assert.equal(assertDocUrls(answers), 13);
});

test('Idempotency-Key on a GET is ignored, malformed or reused: no 400, no replay, no conflict, not echoed', async () => {
  const key = (k) => ({ 'Idempotency-Key': k });
  const malformed = ['has space', 'x'.repeat(256), '', 'tab\there', 'caf\u00e9'];
  const { answers } = await parity(() => [
    set({ name: 'k', payload: 'p', ...MINE }, key('g1')),
    ...malformed.map((k) => find({ name: 'k', ...MINE }, key(k))),
    ...malformed.map((k) => list(MINE, key(k))),
    find({ name: 'nope', ...MINE }, key('has space')),
    // The POST's key on a GET: answered afresh, not replayed nor a conflict.
    find({ name: 'k', ...MINE, 'expand[]': 'payload' }, key('g1')),
    set({ name: 'k', payload: 'changed', ...MINE }),
    find({ name: 'k', ...MINE, 'expand[]': 'payload' }, key('g1')),
    list(MINE, key('g2')),
    list(MINE, key('g2')),
    // A POST still refuses a malformed key, and still replays its own.
    set({ name: 'k', payload: 'p', ...MINE }, key('has space')),
    set({ name: 'k', payload: 'p', ...MINE }, key('g1')),
  ]);
  const gets = answers.slice(1, 17);
  assert.deepEqual(gets.map((a) => a.status), [...Array(10).fill(200), 404, ...Array(5).fill(200)]);
  for (const answer of gets) {
    assert.equal(answer.headers['idempotent-replayed'], undefined, `step ${answer.step}`);
    assert.equal(answer.headers['idempotency-key'], undefined, `step ${answer.step}`);
  }
  assert.equal(answers[12].json.payload, 'p');
  assert.equal(answers[14].json.payload, 'changed');
  assert.equal(answers[17].status, 400);
  assert.match(answers[17].json.error.message, /Idempotency-Key/);
  assert.equal(answers[18].headers['idempotent-replayed'], 'true');
});

test('Basic auth cannot reach the in-process engine: it takes only the placeholder, as the Dashboard does', async () => {
  const api = createSecretStoreApi({ userId: USER });
  const basic = `Basic ${Buffer.from('DO_NOT_PASS_A_REAL_API_KEY:').toString('base64')}`;
  const url = `${API}/v1/apps/secrets?${form(ACCOUNT)}`;
  await assert.rejects(api(url, { headers: { Authorization: basic } }), /Authorization must be the SDK placeholder/);
  assert.deepEqual(api.requests(), []);
  // Over HTTP the same credentials act as that user's extension.
  await emulator.reset();
  const res = await fetch(emulator.url + `/v1/apps/secrets?${form(ACCOUNT)}`, {
    headers: { Authorization: basic, 'Stripe-Emulator-User': USER },
  });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).object, 'list');
});

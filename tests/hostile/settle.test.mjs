// Every call settles, and nothing inherited sees what goes out (issue 23,
// findings 2 and 4), on both engines. Each case runs in a fresh Node
// process (support/child.mjs): a case pollutes its realm, and the bug it
// guards against killed the process with an uncaught exception.
//
// - The global fetch resolves with something that is not a Response with
//   real Headers (a plain object, a Proxy, a throwing iterator or getter):
//   the call rejects with a typed error, nothing is thrown out of reach,
//   and the same store works afterwards.
// - A property made non-writable on Object.prototype (`code`, `payload`,
//   `data`, ...): building a result or an error by assignment threw inside
//   the engine, and the call never settled. Every call still settles as in
//   a clean realm.
// - A setter planted on Object.prototype (`payload`, `body`, ...): results
//   and the stripeApiFetch init were built by assignment, so the setter saw
//   the payload or the form body, and the own property was never made. The
//   setters are never called, results carry the payload as their own, and
//   the SDK's real stripeApiFetch (behind the fake Dashboard) gets the body.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { ENGINES, inChild } from './support/child.mjs';
import { sdkBundleFor } from './support/realms.mjs';

const PAYLOAD = 'hunter2 & more';
const SECRET = { id: 'appsecret_1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'n', payload: PAYLOAD, scope: { type: 'account' } };

// A `fetch` option answering as the SDK's stripeApiFetch does, built from
// literals only (so it runs the same in a polluted realm), logging what it
// was given into a Map (an Array's push would run an inherited setter).
const STUB = `
  const SECRET = ${JSON.stringify(SECRET)};
  const calls = new Map();
  const fetchStub = async (url, init) => {
    const path = new URL(url).pathname;
    const body = Object.hasOwn(init, 'body') ? init.body : 'not own';
    calls.set(calls.size, { method: Object.hasOwn(init, 'method') ? init.method : 'not own', path, body });
    const ok = (json) => ({ status: 200, ok: true, headers: { 'request-id': 'req_ok', 'content-type': 'application/json' }, json });
    if (path === '/v1/apps/secrets/find') {
      return url.includes('name=missing')
        ? { status: 404, ok: false, headers: { 'request-id': 'req_404' }, json: { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such secret.' } } }
        : ok(SECRET);
    }
    if (path === '/v1/apps/secrets/delete') return ok({ id: 'appsecret_1', object: 'apps.secret', deleted: true });
    if (path === '/v1/apps/secrets' && init.method === 'GET') return ok({ object: 'list', url: '/v1/apps/secrets', has_more: false, data: [SECRET] });
    return ok({ ...SECRET, payload: undefined });
  };
`;

// Every operation, a refusal and a server error; what each did, checked
// in the realm (own properties, pending or not).
const OPERATIONS = `
  const store = new lib.SecretStore({ userId: 'usr_me', fetch: fetchStub, maxNetworkRetries: 0 });
  const own = (o, k) => (o !== null && typeof o === 'object' && Object.hasOwn(o, k) ? o[k] : 'not own');
  out.refused = await settled(store.find({ name: 'n', scope: { type: 'user', user: 'usr_other' } }));
  const found = await settled(store.find({ name: 'n', scope: 'account', expand: ['payload'] }));
  out.found = { pending: own(found, 'pending'), payload: own(own(found, 'resolved'), 'payload'), requestId: own(own(own(found, 'resolved'), 'lastResponse'), 'requestId'), rejected: own(found, 'rejected') };
  out.missing = await settled(store.find({ name: 'missing', scope: 'account' }));
  const created = await settled(store.create({ name: 'n', payload: ${JSON.stringify(PAYLOAD)}, scope: 'account' }));
  out.madeOne = { pending: own(created, 'pending'), id: own(own(created, 'resolved'), 'id'), rejected: own(created, 'rejected') };
  const page = await settled(store.list({ scope: 'account' }));
  const data = own(own(page, 'resolved'), 'data');
  out.listed = { pending: own(page, 'pending'), payloads: Array.isArray(data) ? data.map((s) => own(s, 'payload')) : data, rejected: own(page, 'rejected') };
  const walk = store.listAll({ scope: 'account' });
  const first = await settled(walk.next());
  out.walked = { pending: own(first, 'pending'), payload: own(own(own(first, 'resolved'), 'value'), 'payload'), rejected: own(first, 'rejected') };
  const deleted = await settled(store.deleteWhere({ name: 'n', scope: 'account' }));
  out.removed = { pending: own(deleted, 'pending'), deleted: own(own(deleted, 'resolved'), 'deleted'), rejected: own(deleted, 'rejected') };
  out.calls = [...calls.values()];
`;

function assertOperations(out, where) {
  assert.deepEqual(out.uncaught, [], `${where}: nothing thrown out of reach`);
  assert.equal(out.threw, undefined, `${where}: nothing thrown`);
  assert.equal(out.refused.rejected?.type, 'StripeScopeError', `${where}: the refusal settles, typed (${JSON.stringify(out.refused)})`);
  assert.equal(out.refused.rejected.code, 'scope_not_allowed', where);
  assert.equal(out.found.payload, PAYLOAD, `${where}: find resolves, the payload its own (${JSON.stringify(out.found)})`);
  assert.equal(out.found.requestId, 'req_ok', `${where}: lastResponse`);
  assert.equal(out.missing.rejected?.code, 'resource_missing', `${where}: a server error settles, typed (${JSON.stringify(out.missing)})`);
  assert.equal(out.missing.rejected.type, 'StripeInvalidRequestError', where);
  assert.equal(out.madeOne.id, 'appsecret_1', `${where}: create (${JSON.stringify(out.madeOne)})`);
  assert.deepEqual(out.listed.payloads, [PAYLOAD], `${where}: list (${JSON.stringify(out.listed)})`);
  assert.equal(out.walked.payload, PAYLOAD, `${where}: listAll (${JSON.stringify(out.walked)})`);
  assert.equal(out.removed.deleted, true, `${where}: deleteWhere (${JSON.stringify(out.removed)})`);
  const posts = out.calls.filter((c) => c.method === 'POST');
  assert.equal(posts.length, 2, `${where}: create and deleteWhere sent (${JSON.stringify(out.calls)})`);
  assert.match(posts[0].body, /(^|&)payload=hunter2%20%26%20more(&|$)/, `${where}: the init's body is its own`);
  // find, the 404, create, list, one page of listAll, deleteWhere: the refusal sent nothing.
  assert.equal(out.calls.length, 6, `${where}: the refusal sent nothing`);
}

for (const engine of ENGINES) {
  describe(`${engine} engine: the global fetch answers with what is not a Response with Headers`, () => {
    const RESPONSES = {
      'headers a plain object': "(() => { const r = new Response(A); Object.defineProperty(r, 'headers', { value: { 'request-id': 'req_1' } }); return r; })()",
      // Iterable as name/value pairs, as Headers are: only real Headers are read.
      'headers a Map of name/value pairs': "(() => { const r = new Response(A); Object.defineProperty(r, 'headers', { value: new Map([['request-id', 'req_1'], ['content-type', 'application/json']]) }); return r; })()",
      'headers a Proxy of a Headers': "(() => { const r = new Response(A); Object.defineProperty(r, 'headers', { value: new Proxy(new Headers({ 'request-id': 'req_1' }), {}) }); return r; })()",
      'headers whose entries and iterator throw': "(() => { const h = new Headers({ 'request-id': 'req_1' }); const boom = () => { throw new TypeError('boom'); }; h.entries = boom; h[Symbol.iterator] = boom; h.forEach = boom; const r = new Response(A); Object.defineProperty(r, 'headers', { value: h }); return r; })()",
      'a headers getter that throws': "(() => { const r = new Response(A); Object.defineProperty(r, 'headers', { get() { throw new TypeError('no headers'); } }); return r; })()",
      'Object.create(Response.prototype)': 'Object.create(Response.prototype)',
      'a plain object shaped like a Response': "({ status: 200, ok: true, headers: { 'request-id': 'req_1' }, text: async () => A })",
      'Headers whose iterator yields a name that is not a string': "(() => { const h = new Headers({ 'request-id': 'req_1' }); h[Symbol.iterator] = function* () { yield ['request-id', 'req_1']; yield [1, 'one']; }; const r = new Response(A); Object.defineProperty(r, 'headers', { value: h }); return r; })()",
      'Headers whose iterator yields a value that is not a string': "(() => { const h = new Headers({ 'request-id': 'req_1' }); h[Symbol.iterator] = function* () { yield ['request-id', 'req_1']; yield ['x-one', 1]; }; const r = new Response(A); Object.defineProperty(r, 'headers', { value: h }); return r; })()",
      'a plain object with real Headers': "({ status: 200, ok: true, headers: new Headers({ 'request-id': 'req_1' }), text: async () => A, json: async () => JSON.parse(A), arrayBuffer: async () => new TextEncoder().encode(A).buffer })",
      'a Response whose status is not a number': "(() => { const r = new Response(A); Object.defineProperty(r, 'status', { value: '200' }); return r; })()",
    };
    for (const [what, expression] of Object.entries(RESPONSES)) {
      test(`${what}: rejects typed, and the store works afterwards`, async () => {
        const out = await inChild(
          engine,
          `
          const A = ${JSON.stringify(JSON.stringify(SECRET))};
          const store = new lib.SecretStore({ apiKey: 'sk_test_settle', baseUrl: 'http://127.0.0.1:9', maxNetworkRetries: 2 });
          let sent = 0;
          globalThis.fetch = async () => { sent += 1; return ${expression}; };
          out.odd = await settled(store.find({ name: 'n', scope: 'account', expand: ['payload'] }));
          out.sent = sent;
          globalThis.fetch = async () => new Response(A, { status: 200, headers: { 'content-type': 'application/json', 'request-id': 'req_ok' } });
          out.after = await settled(store.find({ name: 'n', scope: 'account', expand: ['payload'] }));
          `,
        );
        assert.equal(out.engine, engine);
        assert.deepEqual(out.uncaught, [], 'nothing thrown out of reach');
        assert.equal(out.odd.rejected?.type, 'StripeAPIError', `rejects typed: ${JSON.stringify(out.odd)}`);
        assert.equal(out.odd.rejected.code, 'unexpected_response');
        assert.equal(out.odd.rejected.stripe, true);
        assert.equal(out.sent, 1, 'a malformed answer is not retried');
        assert.equal(out.after.resolved?.payload, PAYLOAD, `the store works afterwards: ${JSON.stringify(out.after)}`);
      });
    }
  });

  describe(`${engine} engine: a property made non-writable on Object.prototype`, () => {
    // Not tried here, because Node's own JavaScript breaks on them before
    // the library runs (checked alone, in a bare `node -e`): `object`
    // (crypto.getRandomValues assigns it), `id` (setTimeout's TimersList),
    // `signal` (process.stdout's stream setup).
    const KEYS = ['code', 'type', 'param', 'requestId', 'statusCode', 'doc_url', 'message', 'name', 'payload', 'body', 'headers', 'method',
      'scope', 'data', 'lastResponse', 'url', 'has_more', 'created', 'livemode', 'expires_at', 'deleted', 'user',
      'next', 'return', 'autoPagingEach', 'autoPagingToArray', 'cache', 'mode', 'status', 'json', 'value', 'done'];
    for (const key of KEYS) {
      test(`${key}: every call settles as in a clean realm`, async () => {
        const out = await inChild(
          engine,
          `${STUB}
          Object.defineProperty(Object.prototype, ${JSON.stringify(key)}, { __proto__: null, value: 'attacker', writable: false, enumerable: false, configurable: true });
          ${OPERATIONS}`,
        );
        assert.equal(out.engine, engine);
        assertOperations(out, key);
      });
    }
  });

  describe(`${engine} engine: setters planted on Object.prototype`, () => {
    // Not tried in Node, whose timers run them: index setters ('0', '1'; a
    // heap in an array with holes, which then breaks) and `id` (assigned to
    // every TimersList). The library appends to arrays by definition all
    // the same (`append` in src/interop/objects.js).
    const KEYS = ['payload', 'body', 'data', 'headers', 'method', 'scope', 'name', 'lastResponse', 'requestId', 'code', 'message',
      'type', 'next', 'value', 'cache', 'signal', 'Authorization', 'Idempotency-Key', 'Stripe-Version'];
    test('none is called, results carry every field as their own, the init its body', async () => {
      const out = await inChild(
        engine,
        `${STUB}
        const setterCalls = new Map();
        for (const key of ${JSON.stringify(KEYS)}) {
          Object.defineProperty(Object.prototype, key, { __proto__: null, set(value) { setterCalls.set(setterCalls.size, [key, String(value)]); }, enumerable: false, configurable: true });
        }
        ${OPERATIONS}
        out.setterCalls = [...setterCalls.values()];
        for (const key of ${JSON.stringify(KEYS)}) delete Object.prototype[key];
        `,
      );
      assert.equal(out.engine, engine);
      assert.deepEqual(out.setterCalls, [], `no inherited setter ran (${JSON.stringify(out)})`);
      assertOperations(out, 'setters');
    });

    let sdk;
    before(async () => {
      sdk = await sdkBundleFor('node');
    });

    test("the SDK's real stripeApiFetch gets the form body; an inherited body setter gets nothing", async () => {
      const out = await inChild(
        engine,
        `
        // The Dashboard's network, stood in for without Node's fetch (which
        // assigns a request's body internally, inherited setters included).
        const answer = ${JSON.stringify({ ...SECRET, payload: undefined })};
        globalThis.fetch = async () => ({ status: 200, ok: true, statusText: 'OK', headers: new Map([['content-type', 'application/json'], ['request-id', 'req_sdk']]), json: async () => answer, arrayBuffer: async () => new ArrayBuffer(0) });
        const dashboard = installFakeDashboard({ emulatorUrl: 'http://127.0.0.1:9', userId: 'usr_me' });
        const setterCalls = new Map();
        for (const key of ['body', 'payload', 'headers', 'method']) {
          Object.defineProperty(Object.prototype, key, { __proto__: null, set(value) { setterCalls.set(setterCalls.size, [key, String(value)]); }, configurable: true });
        }
        const store = new lib.SecretStore({ userId: 'usr_me', fetch: sdk.stripeApiFetch, maxNetworkRetries: 0 });
        const created = await settled(store.create({ name: 'n', payload: ${JSON.stringify(PAYLOAD)}, scope: 'account' }));
        out.created = created.resolved?.id ?? created;
        out.setterCalls = [...setterCalls.values()];
        out.bodies = dashboard.requests.map((r) => r.body);
        `,
        { imports: { sdk: sdk.url } },
      );
      assert.equal(out.engine, engine);
      assert.deepEqual(out.uncaught, []);
      assert.equal(out.created, 'appsecret_1', JSON.stringify(out.created));
      assert.deepEqual(out.setterCalls, [], 'no inherited setter ran');
      assert.equal(out.bodies.length, 1);
      assert.match(out.bodies[0], /(^|&)payload=hunter2%20%26%20more(&|$)/, 'the Dashboard got the body');
    });
  });
}

// Wire parity with stripe-node in a UI extension.
//
// Each operation runs twice against one recording stand-in for the SDK's
// `stripeApiFetch`:
//   - through stripe-node 23.1.0 with the SDK's own http client, as Stripe's
//     docs write it: `new Stripe(STRIPE_API_KEY, { httpClient: createHttpClient() })`;
//   - through this library: `new SecretStore({ userId, fetch: stripeApiFetch })`,
//     `stripeApiFetch` being the default export of `@stripe/ui-extension-sdk/api_fetch`.
// The SDK is bundled by esbuild with its `utils/apiFetch` module (the one
// both of those use) swapped for the stand-in (see sdk-bundle.mjs).
//
// Asserted: same method, path, parameters (multisets of decoded pairs:
// query for GET, body for POST), the headers Stripe needs, equal results,
// and that every init this library passes survives `structuredClone`. The
// remaining differences are computed and must equal DOCUMENTED_DIFFERENCES
// (also listed in README-snippet.md): a new one fails the test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import { initSync, SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { loadSdk, swapped } from './sdk-bundle.mjs';

initSync({ module: readFileSync(new URL('../../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });

const USER = 'usr_alice1';
const PLACEHOLDER = 'Bearer DO_NOT_PASS_A_REAL_API_KEY';
const PAYLOAD = 'tok &=+ 🔐 end';
const NAME = 'oauth token';

/** Header-level differences between the two clients that are accepted and documented. */
const DOCUMENTED_DIFFERENCES = {
  // stripe-node pins its own release's API version; this library pins 2024-04-10 (apiVersion option).
  valueDiffers: ['stripe-version'],
  // Sent by stripe-node only. Accept: the API answers JSON anyway. Content-Type on GET: there is no
  // body. User-Agent / X-Stripe-Client-User-Agent / X-Stripe-Client-Telemetry: stripe-node's
  // self-identification and latency telemetry. Content-Length: a forbidden header for fetch,
  // computed by the transport.
  onlyStripeNode: {
    GET: ['accept', 'content-type', 'user-agent', 'x-stripe-client-user-agent'],
    POST: ['accept', 'content-length', 'user-agent', 'x-stripe-client-user-agent'],
  },
  // stripe-node adds it from its second request on (the previous request's id and duration).
  sometimesOnlyStripeNode: ['x-stripe-client-telemetry'],
  onlyThisLibrary: { GET: [], POST: [] },
};

// ---------------------------------------------------------------------------
// The recording stand-in, answering canned SerializableResponses.

function secretJson(fields) {
  return {
    id: 'appsecret_1',
    object: 'apps.secret',
    created: 1700000000,
    expires_at: null,
    livemode: false,
    name: NAME,
    scope: { type: 'user', user: USER },
    ...fields,
  };
}

function serializable(json, status = 200) {
  return {
    json,
    // Lowercase, as the Dashboard builds them from a fetch Headers object.
    headers: { 'content-type': 'application/json', 'request-id': 'req_canned1' },
    ok: status >= 200 && status < 300,
    redirected: false,
    status,
    statusText: status === 200 ? 'OK' : 'Error',
    type: 'basic',
    url: 'https://api.stripe.com/v1/apps/secrets',
  };
}

/** Canned answer for a request (path may be a full URL or a path). */
function answer(method, path) {
  const url = new URL(path, 'https://api.stripe.com');
  const params = new URLSearchParams(url.search);
  const route = `${method} ${url.pathname}`;
  switch (route) {
    case 'POST /v1/apps/secrets':
      return serializable(secretJson({ expires_at: 4102444800 }));
    case 'GET /v1/apps/secrets/find':
      return serializable(secretJson({ payload: PAYLOAD }));
    case 'POST /v1/apps/secrets/delete':
      return serializable(secretJson({ deleted: true }));
    case 'GET /v1/apps/secrets': {
      // Two pages: the first page (no starting_after) has more.
      const first = !params.has('starting_after');
      const data = first
        ? [
            secretJson({ id: 'appsecret_3', name: 'c', scope: { type: 'account' } }),
            secretJson({ id: 'appsecret_2', name: 'b', scope: { type: 'account' } }),
          ]
        : [secretJson({ id: 'appsecret_1', name: 'a', scope: { type: 'account' } })];
      return serializable({ object: 'list', url: '/v1/apps/secrets', has_more: first, data });
    }
    default:
      return serializable({ error: { type: 'invalid_request_error', message: `no route ${route}` } }, 404);
  }
}

function recorder() {
  const calls = [];
  const fn = async (path, init) => {
    let cloneError = null;
    let clone;
    try {
      clone = structuredClone(init);
    } catch (error) {
      cloneError = error;
    }
    calls.push({ path, init, clone, cloneError });
    return answer(init?.method ?? 'GET', path);
  };
  return { fn, calls };
}

// ---------------------------------------------------------------------------
// Normalising what was sent.

/** `{ method, pathname, pairs (sorted multiset), raw, headers (lowercased names) }`. */
function normalise({ path, init }) {
  const method = init?.method ?? 'GET';
  const url = new URL(path, 'https://api.stripe.com');
  const raw = method === 'GET' ? url.search.replace(/^\?/, '') : (init.body ?? '');
  assert.equal(typeof raw, 'string', 'the body is a string');
  const pairs = [...new URLSearchParams(raw)].map(([k, v]) => JSON.stringify([k, v])).sort();
  const headers = {};
  for (const [name, value] of Object.entries(init?.headers ?? {})) headers[name.toLowerCase()] = value;
  return { method, origin: url.origin, pathname: url.pathname, pairs, raw, headers, headerNames: Object.keys(init?.headers ?? {}) };
}

const differences = [];

/** Runs one operation through both clients and compares the requests. */
async function compare(t, label, viaStripeNode, viaLibrary) {
  const node = recorder();
  sdk.setStandIn(node.fn);
  const nodeResult = await viaStripeNode(stripe);

  const ours = recorder();
  sdk.setStandIn(ours.fn);
  const store = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch });
  const ourResult = await viaLibrary(store);

  assert.equal(ours.calls.length, node.calls.length, `${label}: number of requests`);
  for (const [i, call] of ours.calls.entries()) {
    // The init crosses postMessage in a real extension.
    assert.equal(call.cloneError, null, `${label}: structuredClone(init) failed: ${call.cloneError}`);
    assert.deepEqual(call.clone, call.init, `${label}: the clone equals the init`);
    assert.equal(Object.getPrototypeOf(call.init), Object.prototype, 'init is a plain object');
    assert.equal(Object.getPrototypeOf(call.init.headers), Object.prototype, 'headers is a plain object');
    for (const value of Object.values(call.init.headers)) assert.equal(typeof value, 'string');
    assert.ok(call.path.startsWith('/v1/'), `${label}: this library passes a path: ${call.path}`);

    const a = normalise(node.calls[i]);
    const b = normalise(call);
    assert.equal(a.origin, 'https://api.stripe.com', 'stripe-node passes a full URL');
    assert.equal(b.method, a.method, `${label}: method`);
    assert.equal(b.pathname, a.pathname, `${label}: path`);
    assert.deepEqual(b.pairs, a.pairs, `${label}: parameters (decoded pairs)`);
    if (b.method === 'GET') assert.equal(call.init.body, undefined, 'no body on GET');

    // Headers Stripe needs, with the canonical spelling of their names.
    for (const side of [a, b]) {
      assert.equal(side.headers.authorization, PLACEHOLDER);
      assert.ok(side.headers['stripe-version'], 'Stripe-Version present');
      if (side.method === 'POST') {
        assert.equal(side.headers['content-type'], 'application/x-www-form-urlencoded');
        assert.ok(side.headers['idempotency-key'], 'Idempotency-Key present on POST');
      }
    }
    for (const name of ['Authorization', 'Stripe-Version', ...(b.method === 'POST' ? ['Content-Type', 'Idempotency-Key'] : [])]) {
      assert.ok(b.headerNames.includes(name), `${label}: header spelled ${name}`);
    }

    const onlyNode = Object.keys(a.headers)
      .filter((n) => !(n in b.headers) && !DOCUMENTED_DIFFERENCES.sometimesOnlyStripeNode.includes(n))
      .sort();
    const onlyOurs = Object.keys(b.headers).filter((n) => !(n in a.headers)).sort();
    const valueDiffers = Object.keys(a.headers)
      .filter((n) => n in b.headers && a.headers[n] !== b.headers[n] && n !== 'idempotency-key')
      .sort();
    const entry = {
      label,
      method: a.method,
      stripeNodePath: node.calls[i].path,
      libraryPath: call.path,
      sameRawEncoding: a.raw === b.raw,
      stripeNodeRaw: a.raw,
      libraryRaw: b.raw,
      onlyNode,
      onlyOurs,
      valueDiffers: Object.fromEntries(valueDiffers.map((n) => [n, { stripeNode: a.headers[n], library: b.headers[n] }])),
      idempotencyKeys: a.method === 'POST' ? { stripeNode: a.headers['idempotency-key'], library: b.headers['idempotency-key'] } : undefined,
    };
    differences.push(entry);
    t.diagnostic(JSON.stringify(entry));

    assert.deepEqual(onlyNode, DOCUMENTED_DIFFERENCES.onlyStripeNode[a.method], `${label}: headers only stripe-node sends`);
    assert.deepEqual(onlyOurs, DOCUMENTED_DIFFERENCES.onlyThisLibrary[a.method], `${label}: headers only this library sends`);
    assert.deepEqual(valueDiffers, DOCUMENTED_DIFFERENCES.valueDiffers, `${label}: header values that differ`);
  }

  // Same result objects (stripe-node adds a non-enumerable lastResponse).
  assert.deepEqual(JSON.parse(JSON.stringify(ourResult)), JSON.parse(JSON.stringify(nodeResult)), `${label}: result`);
  return { node: node.calls, ours: ours.calls, nodeResult, ourResult };
}

let sdk;
let stripe;

before(async () => {
  sdk = await loadSdk();
  assert.equal(swapped.length, 1, 'the SDK apiFetch module was swapped for the stand-in');
  assert.equal(sdk.AUTHORIZATION_VALUE, PLACEHOLDER);
  stripe = new sdk.Stripe(sdk.STRIPE_API_KEY, { httpClient: sdk.createHttpClient() });
});

const EXPIRES_AT = 4102444800; // 2100-01-01, within 100 years of now

test('create with expires_at and a payload holding &=+ 🔐', async (t) => {
  const params = { name: NAME, payload: PAYLOAD, scope: { type: 'user', user: USER }, expires_at: EXPIRES_AT };
  const { ours } = await compare(
    t,
    'create',
    (s) => s.apps.secrets.create(params),
    (store) => store.create(params),
  );
  const pairs = new URLSearchParams(ours[0].init.body);
  assert.equal(pairs.get('payload'), PAYLOAD, 'payload decodes back exactly');
  assert.equal(pairs.get('expires_at'), String(EXPIRES_AT));
});

test('find with expand', async (t) => {
  const params = { name: NAME, scope: { type: 'user', user: USER }, expand: ['payload'] };
  const { ourResult } = await compare(
    t,
    'find',
    (s) => s.apps.secrets.find(params),
    (store) => store.find(params),
  );
  assert.equal(ourResult.payload, PAYLOAD);
});

test('list with limit and starting_after', async (t) => {
  const params = { scope: { type: 'account' }, limit: 2, starting_after: 'appsecret_9' };
  const { ourResult } = await compare(
    t,
    'list',
    (s) => s.apps.secrets.list(params),
    (store) => store.list(params),
  );
  assert.equal(ourResult.object, 'list');
});

test('deleteWhere', async (t) => {
  const params = { name: NAME, scope: { type: 'user', user: USER } };
  const { ourResult } = await compare(
    t,
    'deleteWhere',
    (s) => s.apps.secrets.deleteWhere(params),
    (store) => store.deleteWhere(params),
  );
  assert.equal(ourResult.deleted, true);
});

test('listAll follows pages like stripe-node auto-pagination', async (t) => {
  const params = { scope: { type: 'account' }, limit: 2 };
  const { ourResult } = await compare(
    t,
    'listAll',
    (s) => s.apps.secrets.list(params).autoPagingToArray({ limit: 100 }),
    async (store) => {
      const all = [];
      for await (const secret of store.listAll(params)) all.push(secret);
      return all;
    },
  );
  assert.deepEqual(
    ourResult.map((s) => s.id),
    ['appsecret_3', 'appsecret_2', 'appsecret_1'],
  );
});

test('summary of the differences', (t) => {
  const posts = differences.filter((d) => d.method === 'POST');
  const gets = differences.filter((d) => d.method === 'GET');
  t.diagnostic(`raw encodings identical: ${differences.filter((d) => d.sameRawEncoding).map((d) => d.label).join(', ') || 'none'}`);
  t.diagnostic(`raw encodings differ (order only, pairs equal): ${differences.filter((d) => !d.sameRawEncoding).map((d) => d.label).join(', ') || 'none'}`);
  assert.ok(posts.length >= 2 && gets.length >= 3);
  // stripe-node hands stripeApiFetch a full https://api.stripe.com URL; this library a path.
  for (const d of differences) {
    assert.match(d.stripeNodePath, /^https:\/\/api\.stripe\.com\/v1\//);
    assert.match(d.libraryPath, /^\/v1\//);
  }
  for (const d of posts) {
    assert.match(d.idempotencyKeys.stripeNode, /^stripe-node-retry-[0-9a-f-]{36}$/);
    assert.match(d.idempotencyKeys.library, /^[0-9a-f]{32}$/);
  }
});

test('errors read from SerializableResponses match stripe-node', async (t) => {
  const nodeNoRetry = new sdk.Stripe(sdk.STRIPE_API_KEY, { httpClient: sdk.createHttpClient(), maxNetworkRetries: 0 });
  const store = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch, maxNetworkRetries: 0 });
  const headers = { 'request-id': 'req_err1' };
  const error = (status, body) => ({ status, ok: false, statusText: 'Error', headers, json: { error: body } });
  const fields = (e) => ({ type: e.type, code: e.code, param: e.param, statusCode: e.statusCode, requestId: e.requestId, message: e.message });
  const run = async (response) => {
    sdk.setStandIn(async () => response);
    const params = { name: NAME, scope: { type: 'account' } };
    const a = await nodeNoRetry.apps.secrets.find(params).then(() => assert.fail('stripe-node resolved'), (e) => e);
    const b = await store.find(params).then(() => assert.fail('the library resolved'), (e) => e);
    assert.ok(b instanceof Error);
    return [a, b];
  };
  const cases = [
    error(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'name', message: 'No such secret', doc_url: 'https://stripe.com/docs/error-codes/resource-missing' }),
    error(400, { type: 'invalid_request_error', code: 'parameter_invalid_integer', param: 'limit', message: 'Invalid integer' }),
    error(401, { type: 'invalid_request_error', message: 'Invalid API Key provided' }),
    error(403, { type: 'invalid_request_error', code: 'secret_scope_not_allowed', message: 'Not your scope' }),
    error(400, { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters' }),
    error(429, { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' }),
  ];
  for (const response of cases) {
    const [a, b] = await run(response);
    assert.deepEqual(fields(b), fields(a), `status ${response.status}`);
    if (a.doc_url !== undefined && b.doc_url === undefined) {
      t.diagnostic(`documented difference: stripe-node exposes doc_url (${a.doc_url}); this library does not`);
    }
  }
  // A SerializableResponse without json (no body, or a body that was not JSON).
  for (const status of [200, 500]) {
    const [a, b] = await run({ status, ok: status === 200, statusText: '', headers });
    assert.equal(a.type, 'StripeAPIError');
    assert.equal(b.type, 'StripeAPIError', `missing json on ${status}`);
    assert.equal(b.requestId, a.requestId);
    t.diagnostic(`missing json on ${status}: stripe-node statusCode ${a.statusCode}, "${a.message}"; library statusCode ${b.statusCode}, code ${b.code}, "${b.message}"`);
  }
});

test('a failing stripeApiFetch: both retry, keep one Idempotency-Key, end in StripeConnectionError', async (t) => {
  const nodeOneRetry = new sdk.Stripe(sdk.STRIPE_API_KEY, { httpClient: sdk.createHttpClient(), maxNetworkRetries: 1 });
  const store = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch, maxNetworkRetries: 1 });
  const params = { name: NAME, payload: PAYLOAD, scope: { type: 'account' } };
  const keys = { node: [], ours: [] };
  const failing = (into) => async (path, init) => {
    into.push(init.headers['Idempotency-Key']);
    throw new Error('Dashboard refused the request');
  };
  sdk.setStandIn(failing(keys.node));
  const a = await nodeOneRetry.apps.secrets.create(params).then(() => assert.fail('resolved'), (e) => e);
  sdk.setStandIn(failing(keys.ours));
  const b = await store.create(params).then(() => assert.fail('resolved'), (e) => e);
  assert.equal(a.type, 'StripeConnectionError');
  assert.equal(b.type, 'StripeConnectionError');
  assert.equal(keys.ours.length, keys.node.length, 'same number of attempts');
  assert.equal(keys.ours.length, 2);
  assert.equal(new Set(keys.node).size, 1, 'stripe-node keeps its key');
  assert.equal(new Set(keys.ours).size, 1, 'this library keeps its key');
  t.diagnostic(`stripe-node error detail: "${a.detail?.message}"; this library: "${b.message}" (detail ${b.detail === undefined ? 'absent' : 'present'})`);
});

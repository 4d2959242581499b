// Wire parity with stripe-node in a UI extension, through the SDK's own
// `stripeApiFetch` (@stripe/ui-extension-sdk 9.3.0, bundled unchanged), over
// both of its transports, against the emulator behind a fake Dashboard
// (tests/support/fake-dashboard.mjs):
//   - host:  the SDK hands `pathname + search` and the init to the Dashboard;
//   - frame: the SDK asks the Dashboard for an app key and calls the realm's fetch.
//
// Each operation runs twice, from the same emulator state:
//   - through stripe-node 23.1.0 with the SDK's own http client, as Stripe's
//     docs write it: `new Stripe(STRIPE_API_KEY, { httpClient: createHttpClient() })`;
//   - through this library: `new SecretStore({ userId, fetch: stripeApiFetch })`.
// The requests are compared as the fake Dashboard saw them: same method,
// path, parameters (multisets of decoded pairs: query for GET, body for
// POST), the headers Stripe needs, and equal results. The remaining header
// differences are computed and must equal DOCUMENTED_DIFFERENCES (the
// table of docs/differences.md): a new one fails the test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { initSync, SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { installFakeDashboard } from '../support/fake-dashboard.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { bundledSdkFiles, loadSdk } from './sdk-bundle.mjs';

initSync({ module: readFileSync(new URL('../../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });

const USER = 'usr_alice1';
const PLACEHOLDER = 'Bearer DO_NOT_PASS_A_REAL_API_KEY';
const PAYLOAD = 'tok &=+ 🔐 end';
const NAME = 'oauth token';
const EXPIRES_AT = 4102444800; // 2100-01-01, within 100 years of now

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

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator?.stop());

/** `{ method, pathname, pairs (sorted multiset), raw, headers (lowercased names) }` of a request seen at the host. */
function normalise({ method, path, headers: sent, body }) {
  const url = new URL(path, 'https://api.stripe.com');
  const raw = method === 'GET' ? url.search.replace(/^\?/, '') : (body ?? '');
  assert.equal(typeof raw, 'string', 'the body is a string');
  // Secret ids (starting_after) are made anew by each seeding: compared as a shape.
  const pairs = [...new URLSearchParams(raw)].map(([k, v]) => JSON.stringify([k, v.replace(/^appsecret_[A-Za-z0-9]+$/, 'appsecret_<id>')])).sort();
  const headers = {};
  for (const [name, value] of Object.entries(sent ?? {})) headers[name.toLowerCase()] = value;
  return { method, pathname: url.pathname, pairs, raw, headers, headerNames: Object.keys(sent ?? {}) };
}

/** Same result objects, but for what the emulator makes anew on each run. */
const comparable = (value) =>
  JSON.parse(JSON.stringify(value), (key, v) => (key === 'id' || key === 'created' ? typeof v : v));

for (const transport of ['host', 'frame']) {
  describe(`parity over the SDK's ${transport} transport`, () => {
    let sdk;
    let stripe;
    let dashboard;
    let backend; // seeds the emulator in backend mode (not through the Dashboard)
    const differences = [];

    before(async () => {
      const origin = new URL(emulator.url).origin;
      dashboard = installFakeDashboard({
        emulatorUrl: emulator.url,
        userId: USER,
        transport,
        // Node has no page origin: only the backend seeding store reaches the emulator directly.
        passThrough: (url) => url.origin === origin,
      });
      sdk = await loadSdk(); // a fresh SDK module: it chooses its transport anew
      assert.ok(bundledSdkFiles.some((f) => f.endsWith(`utils/api/fetchVia${transport === 'host' ? 'Host' : 'Frame'}.js`)));
      assert.equal(sdk.AUTHORIZATION_VALUE, PLACEHOLDER);
      stripe = new sdk.Stripe(sdk.STRIPE_API_KEY, { httpClient: sdk.createHttpClient() });
      backend = new SecretStore({ userId: USER, apiKey: 'sk_test_parity', baseUrl: emulator.url });
    });
    after(() => dashboard?.uninstall());

    /** Runs one operation through both clients from the same state and compares the requests. */
    async function compare(t, label, viaStripeNode, viaLibrary, seed = async () => {}) {
      await emulator.reset();
      await seed();
      dashboard.requests.length = 0;
      const nodeResult = await viaStripeNode(stripe);
      const nodeCalls = dashboard.requests.splice(0);

      await emulator.reset();
      await seed();
      const store = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch });
      const ourResult = await viaLibrary(store);
      const ourCalls = dashboard.requests.splice(0);

      assert.ok(ourCalls.length > 0, `${label}: the library's requests reached the fake Dashboard`);
      assert.equal(ourCalls.length, nodeCalls.length, `${label}: number of requests`);
      for (const [i, call] of ourCalls.entries()) {
        assert.equal(call.transport, transport);
        const a = normalise(nodeCalls[i]);
        const b = normalise(call);
        assert.equal(b.method, a.method, `${label}: method`);
        assert.equal(b.pathname, a.pathname, `${label}: path`);
        assert.deepEqual(b.pairs, a.pairs, `${label}: parameters (decoded pairs)`);
        if (b.method === 'GET') assert.equal(call.body, undefined, 'no body on GET');

        // Headers Stripe needs, with the canonical spelling of their names. Over the
        // frame transport the SDK has put the Dashboard's app key in Authorization.
        const authorization = transport === 'host' ? PLACEHOLDER : `Bearer ${dashboard.appKey}`;
        for (const side of [a, b]) {
          assert.equal(side.headers.authorization, authorization);
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
        assert.equal(call.status, nodeCalls[i].status, `${label}: the emulator answered both alike`);
      }
      // Same result objects (stripe-node adds a non-enumerable lastResponse).
      assert.deepEqual(comparable(ourResult), comparable(nodeResult), `${label}: result`);
      return { nodeCalls, ourCalls, nodeResult, ourResult };
    }

    const seedUserSecret = () => backend.create({ name: NAME, payload: PAYLOAD, scope: { type: 'user', user: USER } });
    const seedAccountSecrets = async () => {
      for (const name of ['a', 'b', 'c']) await backend.create({ name, payload: `account ${name}`, scope: 'account' });
    };

    test('both clients hand stripeApiFetch the full https://api.stripe.com URL', async () => {
      const seen = { node: [], ours: [] };
      const recording = (into) => (url, init) => {
        into.push(url);
        return sdk.stripeApiFetch(url, init);
      };
      await emulator.reset();
      const viaNode = new sdk.Stripe(sdk.STRIPE_API_KEY, { httpClient: new sdk.StripeAppsHttpClient(recording(seen.node)) });
      const ours = new SecretStore({ userId: USER, fetch: recording(seen.ours) });
      const params = { scope: { type: 'account' }, limit: 3 };
      await viaNode.apps.secrets.list(params);
      await ours.list(params);
      assert.equal(seen.ours.length, 1);
      assert.equal(seen.node.length, 1);
      const [a, b] = [new URL(seen.node[0]), new URL(seen.ours[0])];
      assert.equal(b.origin + b.pathname, a.origin + a.pathname);
      assert.equal(b.origin, 'https://api.stripe.com');
      assert.deepEqual([...b.searchParams].sort(), [...a.searchParams].sort());
    });

    test('create with expires_at and a payload holding &=+ 🔐', async (t) => {
      const params = { name: NAME, payload: PAYLOAD, scope: { type: 'user', user: USER }, expires_at: EXPIRES_AT };
      const { ourCalls, ourResult } = await compare(
        t,
        'create',
        (s) => s.apps.secrets.create(params),
        (store) => store.create(params),
      );
      const pairs = new URLSearchParams(ourCalls[0].body);
      assert.equal(pairs.get('payload'), PAYLOAD, 'payload decodes back exactly');
      assert.equal(pairs.get('expires_at'), String(EXPIRES_AT));
      assert.equal(ourResult.expires_at, EXPIRES_AT);
    });

    test('find with expand', async (t) => {
      const params = { name: NAME, scope: { type: 'user', user: USER }, expand: ['payload'] };
      const { ourResult } = await compare(t, 'find', (s) => s.apps.secrets.find(params), (store) => store.find(params), seedUserSecret);
      assert.equal(ourResult.payload, PAYLOAD);
    });

    test('list with limit and starting_after', async (t) => {
      const params = { scope: { type: 'account' }, limit: 2 };
      const { ourResult } = await compare(t, 'list', (s) => s.apps.secrets.list(params), (store) => store.list(params), seedAccountSecrets);
      assert.equal(ourResult.object, 'list');
      assert.equal(ourResult.has_more, true);
      // Ids differ between the two seedings: page on from each client's own first page.
      await emulator.reset();
      await seedAccountSecrets();
      dashboard.requests.length = 0;
      const first = await stripe.apps.secrets.list(params);
      const a = await stripe.apps.secrets.list({ ...params, starting_after: first.data[1].id });
      const b = await new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch }).list({ ...params, starting_after: first.data[1].id });
      assert.deepEqual(comparable(b), comparable(a));
      const [, nodeNext, ourNext] = dashboard.requests.map(normalise);
      assert.deepEqual(ourNext.pairs, nodeNext.pairs);
      assert.ok(ourNext.pairs.some((p) => p.startsWith('["starting_after","appsecret_')));
    });

    test('deleteWhere', async (t) => {
      const params = { name: NAME, scope: { type: 'user', user: USER } };
      const { ourResult } = await compare(
        t,
        'deleteWhere',
        (s) => s.apps.secrets.deleteWhere(params),
        (store) => store.deleteWhere(params),
        seedUserSecret,
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
        seedAccountSecrets,
      );
      assert.deepEqual(ourResult.map((s) => s.name).sort(), ['a', 'b', 'c']);
    });

    test('summary of the differences', (t) => {
      const posts = differences.filter((d) => d.method === 'POST');
      const gets = differences.filter((d) => d.method === 'GET');
      t.diagnostic(`raw encodings identical: ${differences.filter((d) => d.sameRawEncoding).map((d) => d.label).join(', ') || 'none'}`);
      t.diagnostic(`raw encodings differ (order only, pairs equal): ${differences.filter((d) => !d.sameRawEncoding).map((d) => d.label).join(', ') || 'none'}`);
      assert.ok(posts.length >= 2 && gets.length >= 3);
      for (const d of posts) {
        assert.match(d.idempotencyKeys.stripeNode, /^stripe-node-retry-[0-9a-f-]{36}$/);
        assert.match(d.idempotencyKeys.library, /^[0-9a-f]{32}$/);
      }
    });

    test('errors answered by the API match stripe-node', async (t) => {
      const nodeNoRetry = new sdk.Stripe(sdk.STRIPE_API_KEY, { httpClient: sdk.createHttpClient(), maxNetworkRetries: 0 });
      const store = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch, maxNetworkRetries: 0 });
      const fields = (e) => ({ type: e.type, code: e.code, param: e.param, statusCode: e.statusCode, requestId: e.requestId, message: e.message });
      const params = { name: NAME, scope: { type: 'account' } };
      const both = async () => {
        const a = await nodeNoRetry.apps.secrets.find(params).then(() => assert.fail('stripe-node resolved'), (e) => e);
        const b = await store.find(params).then(() => assert.fail('the library resolved'), (e) => e);
        assert.ok(b instanceof Error);
        return [a, b];
      };
      // The emulator's own answers: a missing secret, and injected 500 and 429.
      await emulator.reset();
      for (const fault of [null, { status: 500 }, { status: 429 }]) {
        if (fault) await emulator.faults([fault, fault]);
        const [a, b] = await both();
        assert.deepEqual({ ...fields(b), requestId: typeof b.requestId }, { ...fields(a), requestId: typeof a.requestId }, `answer ${fault?.status ?? 404}`);
        assert.match(b.requestId, /^req_/);
      }
      // Error bodies the emulator does not make, answered in its place (same Request-Id for both).
      const error = (status, body) => () =>
        new Response(JSON.stringify({ error: body }), { status, headers: { 'content-type': 'application/json', 'request-id': 'req_err1' } });
      const cases = [
        error(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'name', message: 'No such secret', doc_url: 'https://stripe.com/docs/error-codes/resource-missing' }),
        error(400, { type: 'invalid_request_error', code: 'parameter_invalid_integer', param: 'limit', message: 'Invalid integer' }),
        error(401, { type: 'invalid_request_error', message: 'Invalid API Key provided' }),
        error(403, { type: 'invalid_request_error', code: 'secret_scope_not_allowed', message: 'Not your scope' }),
        error(400, { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters' }),
      ];
      try {
        for (const answer of cases) {
          dashboard.answerWith(answer);
          const [a, b] = await both();
          assert.deepEqual(fields(b), fields(a), `status ${a.statusCode}`);
          assert.equal(b.doc_url, a.doc_url);
        }
        // Answers that are not JSON at all (a proxy's HTML page): json is absent, arrayBuffer holds the page.
        for (const status of [200, 502]) {
          dashboard.answerWith(() => new Response('<html>Bad gateway</html>', { status, headers: { 'content-type': 'text/html', 'request-id': 'req_html1' } }));
          const [a, b] = await both();
          assert.equal(a.type, 'StripeAPIError');
          assert.equal(b.type, 'StripeAPIError', `HTML on ${status}`);
          t.diagnostic(`HTML on ${status}: library ${JSON.stringify(fields(b))}`);
          if (status < 500) assert.equal(b.code, 'unexpected_response');
          assert.equal(b.statusCode, status);
          assert.equal(b.requestId, 'req_html1');
          t.diagnostic(`HTML on ${status}: stripe-node statusCode ${a.statusCode}, "${a.message}"; library statusCode ${b.statusCode}, code ${b.code}, "${b.message}"`);
        }
      } finally {
        dashboard.answerWith(null);
      }
    });

    test('dropped connections: both retry, keep one Idempotency-Key, end in StripeConnectionError', async (t) => {
      const nodeOneRetry = new sdk.Stripe(sdk.STRIPE_API_KEY, { httpClient: sdk.createHttpClient(), maxNetworkRetries: 1 });
      const store = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch, maxNetworkRetries: 1 });
      const params = { name: NAME, payload: PAYLOAD, scope: { type: 'account' } };
      await emulator.reset();
      await emulator.faults([{ drop: true }, { drop: true }]);
      dashboard.requests.length = 0;
      const a = await nodeOneRetry.apps.secrets.create(params).then(() => assert.fail('resolved'), (e) => e);
      const nodeKeys = dashboard.requests.splice(0).map((r) => normalise(r).headers['idempotency-key']);
      await emulator.faults([{ drop: true }, { drop: true }]);
      const b = await store.create(params).then(() => assert.fail('resolved'), (e) => e);
      const ourKeys = dashboard.requests.splice(0).map((r) => normalise(r).headers['idempotency-key']);
      assert.equal(a.type, 'StripeConnectionError');
      assert.equal(b.type, 'StripeConnectionError');
      assert.equal(ourKeys.length, 2);
      assert.equal(nodeKeys.length, 2, 'same number of attempts');
      assert.equal(new Set(nodeKeys).size, 1, 'stripe-node keeps its key');
      assert.equal(new Set(ourKeys).size, 1, 'this library keeps its key');
      assert.deepEqual((await emulator.requests()).map((q) => q.status), [null, null, null, null], 'four dropped attempts');
      t.diagnostic(`stripe-node error detail: "${a.detail?.message}"; this library: "${b.message}" (detail ${b.detail === undefined ? 'absent' : 'present'})`);
    });
  });
}

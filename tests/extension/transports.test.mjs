// The SDK's own `stripeApiFetch` (9.3.0, bundled unchanged) over both of its
// transports, behind the fake Dashboard (tests/support/fake-dashboard.mjs),
// in Node. What issue 11 found, each shown on both transports:
//   - a bare `/v1/...` path fails (host: `new URL(path)` throws; frame: the
//     realm's fetch cannot reach the API with it), so the library must send
//     the full URL, and the request the library used to send would have failed;
//   - a call made before the Dashboard is ready ("hostEndpoint has not been
//     initialized") succeeds once it is, sent exactly once;
//   - an answer whose Content-Type is not exactly `application/json` comes
//     without `json`, and the library reads it from `arrayBuffer`.
// The same checks run in Chromium (page and worker) in worker.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';

import { initSync, SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { AUTHORIZATION_VALUE, installFakeDashboard, isHostNotReady } from '../support/fake-dashboard.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { loadSdk } from './sdk-bundle.mjs';

initSync({ module: readFileSync(new URL('../../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });

const USER = 'usr_transport1';
const LIST_PATH = '/v1/apps/secrets?scope[type]=account';

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator?.stop());

/** Relabels the API's JSON answers `application/json; charset=utf-8`: the SDK then gives `arrayBuffer`, not `json`. */
async function charsetLabel(response) {
  const headers = new Headers(response.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  return new Response(await response.arrayBuffer(), { status: response.status, statusText: response.statusText, headers });
}

for (const transport of ['host', 'frame']) {
  describe(`the SDK's ${transport} transport`, () => {
    let dashboard;
    /** A fake Dashboard and a fresh SDK module instance (which picks its transport anew). */
    async function setUp(options = {}) {
      await emulator.reset();
      dashboard = installFakeDashboard({ emulatorUrl: emulator.url, userId: USER, transport, ...options });
      return loadSdk();
    }
    afterEach(() => {
      dashboard?.uninstall();
      dashboard = undefined;
    });

    test('a bare path fails; the full URL works; the request the library used to send fails', async () => {
      const sdk = await setUp();
      const init = { method: 'GET', headers: { Authorization: AUTHORIZATION_VALUE } };
      const error = await sdk.stripeApiFetch(LIST_PATH, init).then(() => assert.fail('a bare path resolved'), (e) => e);
      assert.ok(error instanceof TypeError, String(error));
      // host: new URL(path) in fetchViaHost; frame: Node's fetch cannot parse a relative URL either.
      assert.match(error.message, transport === 'host' ? /Invalid URL/ : /Failed to parse URL/);
      assert.deepEqual(dashboard.requests, [], 'nothing reached the Dashboard or the network');

      const answer = await sdk.stripeApiFetch(`https://api.stripe.com${LIST_PATH}`, init);
      assert.equal(answer.status, 200);
      assert.equal(answer.json.object, 'list');
      assert.equal(dashboard.requests.length, 1);
      assert.equal(dashboard.requests[0].path, LIST_PATH);

      // The library before issue 11 called stripeApiFetch(path, init): the same, through it.
      const asBefore = new SecretStore({
        userId: USER,
        maxNetworkRetries: 0,
        fetch: (url, init) => {
          const { pathname, search } = new URL(url);
          return sdk.stripeApiFetch(pathname + search, init);
        },
      });
      await assert.rejects(asBefore.list({ scope: 'account' }), { type: 'StripeConnectionError' });
      // And today's library, through the SDK as it is, works.
      const store = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch });
      assert.equal((await store.list({ scope: 'account' })).object, 'list');
      assert.deepEqual((await emulator.requests()).map((q) => `${q.method} ${q.path} ${q.status}`), [
        'GET /v1/apps/secrets 200',
        'GET /v1/apps/secrets 200',
      ]);
    });

    test('a call made before the Dashboard is ready succeeds once it is, sent once', async () => {
      const sdk = await setUp({ readyAfterMs: 150 });
      // What a call at load meets (stripe/stripe-apps issue 373):
      const early = await sdk.stripeApiFetch(`https://api.stripe.com${LIST_PATH}`, {}).then(() => null, (e) => e);
      assert.ok(isHostNotReady(early), String(early));

      const store = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch });
      const started = Date.now();
      const created = await store.create({ name: 'early', payload: 'at load 🔐', scope: 'user' });
      assert.ok(dashboard.isReady());
      assert.equal(created.name, 'early');
      const log = await emulator.requests();
      assert.deepEqual(log.map((q) => `${q.method} ${q.path} ${q.status}`), ['POST /v1/apps/secrets 200'], 'sent exactly once');
      assert.equal(dashboard.requests.length, 1);
      assert.equal(dashboard.requests[0].transport, transport, 'the SDK chose the transport once the host answered');
      if (transport === 'frame') assert.equal(dashboard.requests[0].headers.Authorization, `Bearer ${dashboard.appKey}`);
      assert.ok(Date.now() - started < 5000);
      const found = await store.find({ name: 'early', scope: 'user', expand: ['payload'] });
      assert.equal(found.payload, 'at load 🔐');
    });

    test('stripe-node with createHttpClient() also retries a call made before the Dashboard is ready', async () => {
      const sdk = await setUp({ readyAfterMs: 150 });
      const stripe = new sdk.Stripe(sdk.STRIPE_API_KEY, { httpClient: sdk.createHttpClient(), maxNetworkRetries: 2 });
      const created = await stripe.apps.secrets.create({ name: 'early', payload: 'x', scope: { type: 'account' } });
      assert.equal(created.name, 'early');
      assert.deepEqual((await emulator.requests()).map((q) => q.status), [200], 'sent exactly once');
    });

    test('a Dashboard that never becomes ready: StripeConnectionError after the retries, nothing sent', async () => {
      const sdk = await setUp({ readyAfterMs: Infinity });
      const store = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch, maxNetworkRetries: 1 });
      await assert.rejects(store.find({ name: 'x', scope: 'account' }), { type: 'StripeConnectionError', code: 'connection_error' });
      assert.deepEqual(dashboard.requests, []);
      assert.deepEqual(await emulator.requests(), []);
    });

    test('an answer without json is read from arrayBuffer (UTF-8 JSON)', async () => {
      const sdk = await setUp({ rewriteAnswer: charsetLabel });
      const raw = await sdk.stripeApiFetch(`https://api.stripe.com${LIST_PATH}`, { headers: { Authorization: AUTHORIZATION_VALUE } });
      assert.equal(raw.json, undefined, 'no json: the Content-Type is not exactly application/json');
      assert.ok(raw.arrayBuffer instanceof ArrayBuffer);
      assert.equal(JSON.parse(new TextDecoder().decode(raw.arrayBuffer)).object, 'list');

      const store = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch });
      const payload = 'bytes: é 🔐 &=+ \u0000 end';
      await store.create({ name: 'ab', payload, scope: 'user' });
      assert.equal((await store.find({ name: 'ab', scope: 'user', expand: ['payload'] })).payload, payload, 'UTF-8 decoded exactly');
      assert.deepEqual((await store.list({ scope: 'user' })).data.map((s) => s.name), ['ab']);
      const missing = await store.find({ name: 'nope', scope: 'user' }).then(() => assert.fail('resolved'), (e) => e);
      assert.equal(missing.type, 'StripeInvalidRequestError');
      assert.equal(missing.code, 'resource_missing', 'errors are read from arrayBuffer too');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.requestId, /^req_/);

      // The same body without a usable JSON: an HTML page, or bytes that are not UTF-8.
      dashboard.answerWith(() => new Response(new Uint8Array([0x7b, 0xff, 0x7d]), { status: 200, headers: { 'content-type': 'application/octet-stream' } }));
      await assert.rejects(store.list({ scope: 'user' }), { type: 'StripeAPIError', code: 'unexpected_response', statusCode: 200 });
    });

    if (transport === 'frame') {
      test('frame: the emulator answers exactly application/json, so json is filled; other origins fail like a browser', async () => {
        const sdk = await setUp();
        const raw = await sdk.stripeApiFetch(`https://api.stripe.com${LIST_PATH}`, { headers: { Authorization: AUTHORIZATION_VALUE } });
        assert.equal(raw.arrayBuffer, undefined);
        assert.equal(raw.json.object, 'list');
        await assert.rejects(sdk.stripeApiFetch(`${emulator.url}${LIST_PATH}`, {}), TypeError, 'the emulator itself is not reachable from the realm');
        await assert.rejects(sdk.stripeApiFetch(`https://example.com${LIST_PATH}`, {}), TypeError);
      });
    }
  });
}

// stripe-node's list and response idioms, run unchanged against both
// libraries: each snippet below is written for `stripe.apps.secrets`, and
// runs once with stripe-node 23.1.0 + the SDK's `createHttpClient()` and
// once with this package, only the object swapped, both through the SDK's
// real `stripeApiFetch` behind the fake Dashboard, over both of its
// transports. Results must be identical, and so must the pages fetched:
// none before it is needed, nothing more after stopping early.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { initSync, SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { installFakeDashboard } from '../support/fake-dashboard.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { loadSdk } from './sdk-bundle.mjs';

initSync({ module: readFileSync(new URL('../../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });

const USER = 'usr_idioms';
const NAMES = ['s1', 's2', 's3', 's4', 's5'];
const account = { type: 'account' };

/** The snippets, as a stripe-node user writes them. `secrets` is `stripe.apps.secrets` or the store. */
const SNIPPETS = {
  async forAwaitOverList(secrets) {
    const names = [];
    for await (const secret of secrets.list({ scope: account, limit: 2 })) names.push(secret.name);
    return names;
  },
  async forAwaitBackwards(secrets, { oldestId }) {
    const names = [];
    for await (const secret of secrets.list({ scope: account, limit: 2, ending_before: oldestId })) names.push(secret.name);
    return names;
  },
  async breakEarly(secrets) {
    const names = [];
    for await (const secret of secrets.list({ scope: account, limit: 2 })) {
      names.push(secret.name);
      if (names.length === 3) break;
    }
    return names;
  },
  async autoPagingEachStops(secrets) {
    const names = [];
    await secrets.list({ scope: account, limit: 2 }).autoPagingEach((secret) => {
      names.push(secret.name);
      if (names.length === 3) return false;
    });
    return names;
  },
  async autoPagingEachAsync(secrets) {
    const names = [];
    await secrets.list({ scope: account, limit: 2 }).autoPagingEach(async (secret) => {
      names.push(secret.name);
    });
    return names;
  },
  async autoPagingToArray(secrets) {
    const all = await secrets.list({ scope: account, limit: 2 }).autoPagingToArray({ limit: 4 });
    return all.map((s) => s.name);
  },
  async firstPageStillAPromise(secrets) {
    const page = await secrets.list({ scope: account, limit: 2 });
    return { names: page.data.map((s) => s.name), has_more: page.has_more, object: page.object };
  },
  async lastResponse(secrets) {
    const found = await secrets.find({ name: 's1', scope: account, expand: ['payload'] });
    const { requestId, statusCode, headers } = found.lastResponse;
    return {
      requestIdShape: /^req_/.test(requestId),
      statusCode,
      headerMatches: headers['request-id'] === requestId,
      inJson: JSON.stringify(found).includes('lastResponse'),
      enumerable: Object.keys(found).includes('lastResponse'),
      payload: found.payload,
    };
  },
  async lastResponseOnLists(secrets) {
    const page = await secrets.list({ scope: account, limit: 1 });
    return { statusCode: page.lastResponse.statusCode, requestIdShape: /^req_/.test(page.lastResponse.requestId) };
  },
  async toArrayNeedsALimit(secrets) {
    try {
      secrets.list({ scope: account }).autoPagingToArray({});
      return 'no error';
    } catch (error) {
      return error instanceof Error ? 'threw' : 'threw a non-Error';
    }
  },
};

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator?.stop());

for (const transport of ['host', 'frame']) {
  describe(`stripe-node idioms over the SDK's ${transport} transport`, () => {
    let dashboard;
    let stripe;
    let ours;
    let backend;
    let oldestId;

    before(async () => {
      const origin = new URL(emulator.url).origin;
      dashboard = installFakeDashboard({ emulatorUrl: emulator.url, userId: USER, transport, passThrough: (url) => url.origin === origin });
      const sdk = await loadSdk();
      stripe = new sdk.Stripe(sdk.STRIPE_API_KEY, { httpClient: sdk.createHttpClient() });
      ours = new SecretStore({ userId: USER, fetch: sdk.stripeApiFetch });
      backend = new SecretStore({ userId: USER, apiKey: 'sk_test_idioms', baseUrl: emulator.url });
    });
    after(() => dashboard?.uninstall());

    async function seed() {
      await emulator.reset();
      for (const name of NAMES) {
        const secret = await backend.create({ name, payload: `payload of ${name}`, scope: 'account' });
        if (name === 's1') oldestId = secret.id;
      }
    }

    /** Runs a snippet against a library; returns its result and the requests it made. */
    async function run(snippet, secrets) {
      await seed();
      dashboard.requests.length = 0;
      const result = await snippet(secrets, { oldestId });
      // Anything a lazy walk would still send shows up by now.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const requests = dashboard.requests.splice(0).map((r) => `${r.method} ${new URL(r.path, 'https://api.stripe.com').search.replace(/appsecret_\w+/, 'ID')}`);
      return { result, requests };
    }

    for (const [name, snippet] of Object.entries(SNIPPETS)) {
      test(name, async () => {
        const viaNode = await run(snippet, stripe.apps.secrets);
        const viaUs = await run(snippet, ours);
        assert.deepEqual(viaUs.result, viaNode.result, 'same result as stripe-node');
        assert.deepEqual(viaUs.requests, viaNode.requests, 'same pages fetched, in the same order');
      });
    }

    test('pages are fetched only when needed, and stopping sends nothing more', async () => {
      const { result, requests } = await run(SNIPPETS.breakEarly, ours);
      assert.deepEqual(result, ['s5', 's4', 's3']);
      assert.equal(requests.length, 2, 'two pages of two for three items');
      await seed();
      dashboard.requests.length = 0;
      const listing = ours.list({ scope: account, limit: 2 });
      await listing;
      assert.equal(dashboard.requests.length, 1, 'awaiting the promise fetches the first page only');
      const first = await listing.next();
      assert.equal(first.value.name, 's5');
      assert.equal(dashboard.requests.length, 1, 'the first page serves the first items');
      await listing.return();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(dashboard.requests.length, 1, 'return() ends the walk');
    });

    test('a result carries lastResponse from the answer only', async () => {
      await seed();
      const found = await ours.find({ name: 's1', scope: account });
      const { headers } = found.lastResponse;
      assert.equal(Object.getPrototypeOf(headers), null);
      assert.equal(headers['content-type']?.startsWith('application/json'), true);
      for (const name of Object.keys(headers)) {
        assert.ok(!['authorization', 'idempotency-key'].includes(name), `${name} is a request header`);
      }
      assert.ok(!JSON.stringify(found.lastResponse).includes('DO_NOT_PASS'), 'no key in lastResponse');
    });
  });
}

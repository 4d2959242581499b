// Hostile servers (issue 13): endless pages. listAll follows `has_more`; a
// server that keeps saying has_more without progress (the same page again,
// a repeated cursor, an empty page) must end the walk with a typed
// StripeAPIError within a few requests, not walk for ever. And `return()`
// while a page is in flight stops the walk: nothing more is sent.
// Over the global fetch (apiKey) and the SDK's stripeApiFetch (host
// transport, fake Dashboard) against a hostile server that counts requests.
// The no-progress checks are the Rust walk's (`ListCursor::take_page`).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { SecretStore } from '../../pkg/node.js';
import { installFakeDashboard } from '../support/fake-dashboard.mjs';
import { startHostileServer } from './support/hostile-server.mjs';
import { sdkBundleFor } from './support/realms.mjs';

const USER = 'usr_pages1';
/** The most requests a walk may make before it must have noticed. */
const BOUND = 3;
/** The server gives up after this many (has_more: false), so a failing walk still ends. */
const SERVER_CAP = 25;

const secret = (id) => ({ id, object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: id, scope: { type: 'account' } });
const page = (data, hasMore) => ({ status: 200, headers: { 'request-id': 'req_page' }, body: { object: 'list', url: '/v1/apps/secrets', has_more: hasMore, data } });

let server;
let sdk;
before(async () => {
  server = await startHostileServer(() => page([], false));
  sdk = await sdkBundleFor('node');
});
after(() => server.stop());

async function storeFor(transport) {
  if (transport === 'apiKey') return { store: new SecretStore({ apiKey: 'sk_test_pages', baseUrl: server.url, maxNetworkRetries: 0 }), done() {} };
  const dashboard = installFakeDashboard({ emulatorUrl: server.url, userId: USER, transport });
  const { stripeApiFetch } = await import(`${sdk.url}?instance=${Math.random()}`);
  return { store: new SecretStore({ fetch: stripeApiFetch, maxNetworkRetries: 0 }), done: () => dashboard.uninstall() };
}

/** Walks at most `max` items; resolves with { items, error, done }. */
async function walk(iterator, max = 40) {
  const items = [];
  try {
    for (let i = 0; i < max; i++) {
      const { done, value } = await iterator.next();
      if (done) return { items, done: true };
      items.push(value.id);
    }
    return { items, done: false };
  } catch (error) {
    return { items, error };
  }
}

const capped = (answer) => (request) => (server.requests.length > SERVER_CAP ? page([], false) : answer(request));

for (const transport of ['apiKey', 'host']) {
  describe(`${transport}: a server that makes no progress`, () => {
    test('the same page with has_more: true for ever (a repeated cursor) ends with a typed error', async () => {
      server.reset();
      server.answerWith(capped(() => page([secret('appsecret_same1'), secret('appsecret_same2')], true)));
      const { store, done } = await storeFor(transport);
      try {
        const result = await walk(store.listAll({ scope: 'account' }));
        assert.ok(result.error, `the walk ended with an error (it ${result.done ? 'ended quietly' : 'was still going'} after ${server.requests.length} requests, ${result.items.length} items)`);
        assert.equal(result.error.type, 'StripeAPIError', String(result.error));
        assert.ok(result.error instanceof Error);
        assert.ok(server.requests.length <= BOUND, `${server.requests.length} requests`);
      } finally {
        done();
      }
    });

    test('an empty page with has_more: true ends with a typed error', async () => {
      server.reset();
      server.answerWith(capped(() => page([], true)));
      const { store, done } = await storeFor(transport);
      try {
        const result = await walk(store.listAll({ scope: 'account' }));
        assert.ok(result.error, `the walk ended with an error (it ${result.done ? 'ended quietly' : 'was still going'} after ${server.requests.length} requests)`);
        assert.equal(result.error.type, 'StripeAPIError', String(result.error));
        assert.ok(server.requests.length <= BOUND, `${server.requests.length} requests`);
      } finally {
        done();
      }
    });

    test('a page that goes back to an earlier cursor ends with a typed error', async () => {
      server.reset();
      // a1 -> a2 -> a1 -> a2 ...: every page is new to the one before it, but the walk goes in circles.
      server.answerWith(capped((request) => page([secret(request.path.includes('starting_after=appsecret_a1') ? 'appsecret_a2' : 'appsecret_a1')], true)));
      const { store, done } = await storeFor(transport);
      try {
        const result = await walk(store.listAll({ scope: 'account' }));
        assert.ok(result.error, `the walk ended with an error (${server.requests.length} requests, ${result.items.length} items)`);
        assert.equal(result.error.type, 'StripeAPIError', String(result.error));
        assert.ok(server.requests.length <= BOUND + 1, `${server.requests.length} requests`);
      } finally {
        done();
      }
    });
  });

  describe(`${transport}: return() while a page is in flight`, () => {
    /** Answers pages of one secret each, has_more always; each answer waits for `release()`. */
    function heldPages() {
      const held = [];
      let n = 0;
      server.answerWith(
        () =>
          new Promise((resolve) => {
            n += 1;
            const answer = page([secret(`appsecret_p${n}`)], true);
            held.push(() => resolve(answer));
          }),
      );
      return {
        held,
        async arrived(count) {
          for (let i = 0; i < 200 && server.requests.length < count; i++) await new Promise((r) => setTimeout(r, 10));
          assert.equal(server.requests.length, count, 'the page request arrived');
        },
        releaseAll: () => held.splice(0).forEach((release) => release()),
      };
    }
    const settle = () => new Promise((r) => setTimeout(r, 300));

    test('during the first page: the pending next() ends done, and nothing more is sent', async () => {
      server.reset();
      const pages = heldPages();
      const { store, done } = await storeFor(transport);
      try {
        const it = store.listAll({ scope: 'account' });
        const pending = it.next();
        await pages.arrived(1);
        assert.deepEqual(await it.return(), { done: true, value: undefined });
        pages.releaseAll();
        assert.deepEqual(await pending, { done: true, value: undefined });
        assert.deepEqual(await it.next(), { done: true, value: undefined });
        await settle();
        assert.equal(server.requests.length, 1);
      } finally {
        pages.releaseAll();
        done();
      }
    });

    test('during a later page: nothing after it is sent', async () => {
      server.reset();
      const pages = heldPages();
      const { store, done } = await storeFor(transport);
      try {
        const it = store.listAll({ scope: 'account' });
        const first = it.next();
        await pages.arrived(1);
        pages.releaseAll();
        assert.equal((await first).value.id, 'appsecret_p1');
        const second = it.next();
        await pages.arrived(2);
        await it.return();
        pages.releaseAll();
        assert.deepEqual(await second, { done: true, value: undefined });
        await settle();
        pages.releaseAll();
        await settle();
        assert.equal(server.requests.length, 2);
      } finally {
        pages.releaseAll();
        done();
      }
    });

    test('for await with break: the walk stops at once', async () => {
      server.reset();
      server.answerWith(() => page([secret('appsecret_b1'), secret('appsecret_b2')], true));
      const { store, done } = await storeFor(transport);
      try {
        for await (const s of store.listAll({ scope: 'account' })) {
          assert.equal(s.id, 'appsecret_b1');
          break;
        }
        await settle();
        assert.equal(server.requests.length, 1);
      } finally {
        done();
      }
    });
  });
}

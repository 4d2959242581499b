// Hostile servers (issue 13): endless pages. listAll follows `has_more`; a
// server that keeps saying has_more without progress (the same page again,
// a repeated cursor, an empty page) must end the walk with a typed
// StripeAPIError within a few requests, not walk for ever. And `return()`
// while a page is in flight stops the walk: nothing more is sent.
// Over the global fetch (apiKey) and the SDK's stripeApiFetch (host
// transport, fake Dashboard) against a hostile server that counts requests.
// The no-progress checks are the Rust walk's (`ListCursor::take_page`).
// Last, list()'s stripe-node iteration (values.js's `listPromise`) over
// pages the server scripts, with the requests counted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { startEngine } from '../support/engine.mjs';
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
  await startEngine();
  server = await startHostileServer(() => page([], false));
  sdk = await sdkBundleFor('node');
});
after(() => server.stop());

/**
 * A store over `transport`; `calls()` counts the requests it handed to its
 * fetch (the global fetch, or the SDK's, as the fake Dashboard saw them).
 * The library calls fetch within the promise jobs of a step, so once
 * `drained()` has let every pending job run, `calls()` is final: "nothing
 * more is sent" is checked without a sleep that a slow machine could pass.
 */
async function storeFor(transport) {
  if (transport === 'apiKey') {
    const previous = globalThis.fetch;
    let count = 0;
    globalThis.fetch = (...args) => {
      count += 1;
      return previous(...args);
    };
    return {
      store: new SecretStore({ apiKey: 'sk_test_pages', baseUrl: server.url, maxNetworkRetries: 0 }),
      calls: () => count,
      done() {
        globalThis.fetch = previous;
      },
    };
  }
  const dashboard = installFakeDashboard({ emulatorUrl: server.url, userId: USER, transport });
  const { stripeApiFetch } = await import(`${sdk.url}?instance=${Math.random()}`);
  return { store: new SecretStore({ fetch: stripeApiFetch, maxNetworkRetries: 0 }), calls: () => dashboard.requests.length, done: () => dashboard.uninstall() };
}

/** Lets every queued promise job and I/O callback run. */
const drained = () => new Promise((resolve) => setImmediate(resolve));

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

    test('during the first page: the pending next() ends done, and nothing more is sent', async () => {
      server.reset();
      const pages = heldPages();
      const { store, calls, done } = await storeFor(transport);
      try {
        const it = store.listAll({ scope: 'account' });
        const pending = it.next();
        await pages.arrived(1);
        assert.deepEqual(await it.return(), { done: true, value: undefined });
        pages.releaseAll();
        assert.deepEqual(await pending, { done: true, value: undefined });
        assert.deepEqual(await it.next(), { done: true, value: undefined });
        await drained();
        assert.equal(calls(), 1, 'fetch was called once');
        assert.equal(server.requests.length, 1);
      } finally {
        pages.releaseAll();
        done();
      }
    });

    for (const [what, walkOf] of [
      ['listAll', (store) => store.listAll({ scope: 'account' })],
      // values.js's ItemsAfter: the first page's items, then the Rust walk.
      ["list()'s iterator", (store) => store.list({ scope: 'account', limit: 1 })],
    ]) {
      test(`${what}, during a later page: the pending next() ends done, and nothing after it is sent`, async () => {
        server.reset();
        const pages = heldPages();
        const { store, calls, done } = await storeFor(transport);
        try {
          const it = walkOf(store);
          const first = it.next();
          await pages.arrived(1);
          pages.releaseAll();
          assert.equal((await first).value.id, 'appsecret_p1');
          const second = it.next();
          await pages.arrived(2);
          assert.deepEqual(await it.return('stop'), { done: true, value: 'stop' });
          pages.releaseAll();
          assert.deepEqual(await second, { done: true, value: undefined }, 'the page in flight is not handed out');
          assert.deepEqual(await it.next(), { done: true, value: undefined });
          await drained();
          assert.equal(calls(), 2, 'fetch was called twice');
          assert.equal(server.requests.length, 2);
        } finally {
          pages.releaseAll();
          done();
        }
      });
    }

    test('for await with break: the walk stops at once', async () => {
      server.reset();
      server.answerWith(() => page([secret('appsecret_b1'), secret('appsecret_b2')], true));
      const { store, calls, done } = await storeFor(transport);
      try {
        for await (const s of store.listAll({ scope: 'account' })) {
          assert.equal(s.id, 'appsecret_b1');
          break;
        }
        await drained();
        assert.equal(calls(), 1, 'fetch was called once');
      } finally {
        done();
      }
    });
  });

  describe(`${transport}: free() stops a walk already started (issue 23)`, () => {
    const assertFreed = (error, where) => {
      assert.ok(error instanceof Error, `${where}: rejects`);
      assert.equal(error.type, 'StripeInvalidRequestError', `${where}: ${error}`);
      assert.equal(error.code, 'store_freed', where);
    };
    const rejection = (promise) => promise.then((value) => assert.fail(`resolved: ${JSON.stringify(value)}`), (error) => error);

    test('listAll: the next step after free() rejects with store_freed and sends nothing', async () => {
      server.reset();
      server.answerWith((request) => page([secret(request.path.includes('starting_after') ? 'appsecret_f2' : 'appsecret_f1')], true));
      const { store, calls, done } = await storeFor(transport);
      try {
        const it = store.listAll({ scope: 'account' });
        assert.equal((await it.next()).value.id, 'appsecret_f1');
        store.free();
        assertFreed(await rejection(it.next()), 'next() after free()');
        assert.deepEqual(await it.next(), { done: true, value: undefined }, 'the walk stays ended');
        await drained();
        assert.equal(calls(), 1, 'nothing sent after free()');
      } finally {
        done();
      }
    });

    test('listAll: a page in flight when free() is called is not handed out', async () => {
      server.reset();
      let release;
      server.answerWith(() => new Promise((resolve) => (release = () => resolve(page([secret('appsecret_h1')], true)))));
      const { store, calls, done } = await storeFor(transport);
      try {
        const it = store.listAll({ scope: 'account' });
        const pending = it.next();
        for (let i = 0; i < 200 && release === undefined; i++) await new Promise((r) => setTimeout(r, 10));
        store.free();
        release();
        assertFreed(await rejection(pending), 'the step in flight');
        await drained();
        assert.equal(calls(), 1, 'nothing sent after free()');
      } finally {
        release?.();
        done();
      }
    });

    test("list(): iteration rejects with store_freed after free(), even for the first page's items in hand", async () => {
      server.reset();
      server.answerWith(() => page([secret('appsecret_l1'), secret('appsecret_l2')], true));
      const { store, calls, done } = await storeFor(transport);
      try {
        const first = store.list({ scope: 'account', limit: 2 });
        assert.equal((await first.next()).value.id, 'appsecret_l1');
        store.free();
        assertFreed(await rejection(first.next()), 'next() after free()');
        await drained();
        assert.equal(calls(), 1, 'nothing sent after free()');
      } finally {
        done();
      }
    });
  });

  describe(`${transport}: a page with more items than asked for (issue 23)`, () => {
    const many = (n) => Array.from({ length: n }, (_, i) => secret(`appsecret_m${i}`));

    for (const [asked, sent] of [[undefined, 11], [1, 2], [1, 5_000]]) {
      test(`limit ${asked ?? 'left out (10)'}, ${sent} items: refused as an unexpected answer`, async (t) => {
        server.reset();
        server.answerWith(() => page(many(sent), true));
        const { store, calls, done } = await storeFor(transport);
        try {
          const params = asked === undefined ? { scope: 'account' } : { scope: 'account', limit: asked };
          const started = performance.now();
          const error = await store.list(params).then(() => assert.fail('resolved'), (e) => e);
          t.diagnostic(`${Math.round(performance.now() - started)} ms`);
          assert.equal(error.type, 'StripeAPIError', String(error));
          assert.equal(error.code, 'unexpected_response');
          const walked = await walk(store.listAll(params));
          assert.deepEqual(walked.items, [], 'listAll hands out nothing of it');
          assert.equal(walked.error?.code, 'unexpected_response');
          await drained();
          assert.equal(calls(), 2, 'one request each, no retry, no next page');
        } finally {
          done();
        }
      });
    }

    test('exactly as many items as asked for is a page', async () => {
      server.reset();
      server.answerWith(() => page(many(3), false));
      const { store, done } = await storeFor(transport);
      try {
        assert.equal((await store.list({ scope: 'account', limit: 3 })).data.length, 3);
      } finally {
        done();
      }
    });
  });
}

describe("list()'s stripe-node iteration: autoPagingEach, autoPagingToArray, the promise as an iterator", () => {
  /** Pages of two items (three for the last), has_more until the third page; a 400 after `failAfter` pages. */
  function threePages({ failAfter = Infinity } = {}) {
    server.reset();
    server.answerWith(() => {
      const n = server.requests.length;
      if (n > failAfter) return { status: 400, headers: { 'request-id': 'req_bad' }, body: { error: { type: 'invalid_request_error', code: 'parameter_invalid', message: 'No.' } } };
      const ids = n === 3 ? ['appsecret_i5', 'appsecret_i6'] : [`appsecret_i${2 * n - 1}`, `appsecret_i${2 * n}`];
      return page(ids.map(secret), n < 3);
    });
    return new SecretStore({ apiKey: 'sk_test_pages', baseUrl: server.url, maxNetworkRetries: 0 });
  }
  const ALL = ['appsecret_i1', 'appsecret_i2', 'appsecret_i3', 'appsecret_i4', 'appsecret_i5', 'appsecret_i6'];
  const TYPE_ERROR = (message) => ({ name: 'TypeError', message });

  test('autoPagingEach takes a callback, and a function or nothing second', () => {
    const list = threePages().list({ scope: 'account', limit: 2 });
    assert.throws(() => list.autoPagingEach(), TYPE_ERROR('autoPagingEach takes a callback: (item) => false | void to stop or go on.'));
    assert.throws(() => list.autoPagingEach('each'), TYPE_ERROR('autoPagingEach takes a callback: (item) => false | void to stop or go on.'));
    assert.throws(() => list.autoPagingEach(() => {}, 'done'), TYPE_ERROR('The second argument of autoPagingEach, if given, must be a function.'));
    return list.then(() => undefined);
  });

  test('autoPagingEach walks every page; false from the callback (or its promise) stops it, and nothing more is sent', async () => {
    let ids = [];
    let doneWith = 'not called';
    const whole = await threePages()
      .list({ scope: 'account', limit: 2 })
      .autoPagingEach((s) => void ids.push(s.id), (...args) => (doneWith = args));
    assert.equal(whole, undefined);
    assert.deepEqual(ids, ALL);
    assert.deepEqual(doneWith, [], 'onDone() with no error');
    assert.equal(server.requests.length, 3);

    ids = [];
    await threePages().list({ scope: 'account', limit: 2 }).autoPagingEach((s) => ids.push(s.id) < 3);
    assert.deepEqual(ids, ALL.slice(0, 3));
    await drained();
    assert.equal(server.requests.length, 2, 'the third page is never asked for');

    ids = [];
    await threePages().list({ scope: 'account', limit: 2 }).autoPagingEach(async (s) => ids.push(s.id) !== 1);
    assert.deepEqual(ids, ALL.slice(0, 1));
    await drained();
    assert.equal(server.requests.length, 1);
  });

  test('autoPagingEach with (item, next): next() goes on, next(false) stops', async () => {
    const ids = [];
    await threePages()
      .list({ scope: 'account', limit: 2 })
      .autoPagingEach((s, next) => {
        ids.push(s.id);
        setImmediate(() => next(ids.length < 4 ? undefined : false));
      });
    assert.deepEqual(ids, ALL.slice(0, 4));
    await drained();
    assert.equal(server.requests.length, 2);
  });

  test("a page that fails rejects autoPagingEach and autoPagingToArray, and reaches their onDone", async () => {
    const each = [];
    const eachError = await threePages({ failAfter: 1 })
      .list({ scope: 'account', limit: 2 })
      .autoPagingEach(() => {}, (...args) => each.push(args))
      .then(() => 'resolved', (e) => e);
    assert.equal(eachError.code, 'parameter_invalid');
    await drained();
    assert.deepEqual(each, [[eachError]]);

    const array = [];
    const arrayError = await threePages({ failAfter: 1 })
      .list({ scope: 'account', limit: 2 })
      .autoPagingToArray({ limit: 10 }, (...args) => array.push(args))
      .then(() => 'resolved', (e) => e);
    assert.equal(arrayError.code, 'parameter_invalid');
    await drained();
    assert.deepEqual(array, [[arrayError]]);
  });

  test('autoPagingToArray: an own limit from 1 to 10,000; that many items at most, the pages needed only; onDone(null, items)', async () => {
    const list = threePages().list({ scope: 'account', limit: 2 });
    const needs = TYPE_ERROR('You must pass a `limit` option to autoPagingToArray, e.g., `autoPagingToArray({limit: 1000});`.');
    for (const options of [undefined, null, 'limit', 5, {}, { limit: 0 }]) assert.throws(() => list.autoPagingToArray(options), needs, JSON.stringify(options));
    assert.throws(() => list.autoPagingToArray({ limit: 10_001 }), TYPE_ERROR('autoPagingToArray takes a limit of at most 10,000 items; use autoPagingEach for longer walks.'));

    const got = [];
    const three = await list.autoPagingToArray({ limit: 3 }, (...args) => got.push(args));
    assert.deepEqual(three.map((s) => s.id), ALL.slice(0, 3));
    await drained();
    assert.equal(server.requests.length, 2);
    assert.deepEqual(got, [[null, three]]);

    const all = await threePages().list({ scope: 'account', limit: 2 }).autoPagingToArray({ limit: 10_000 });
    assert.deepEqual(all.map((s) => s.id), ALL);
  });

  test('the promise of the first page is an async iterator: next(), return(value), for await', async () => {
    const list = threePages().list({ scope: 'account', limit: 2 });
    assert.equal(list[Symbol.asyncIterator](), list[Symbol.asyncIterator](), 'one iterator per list');
    assert.deepEqual((await list.next()).value.id, 'appsecret_i1');
    assert.deepEqual(await list.return('stop'), { done: true, value: 'stop' });
    assert.deepEqual(await list.next(), { done: true, value: undefined });
    await drained();
    assert.equal(server.requests.length, 1);

    const ids = [];
    for await (const s of threePages().list({ scope: 'account', limit: 2 })) ids.push(s.id);
    assert.deepEqual(ids, ALL);
  });

  test('walking backwards (ending_before), items come last to first within each page', async () => {
    server.reset();
    server.answerWith(() => page(server.requests.length === 1 ? [secret('appsecret_b3'), secret('appsecret_b4')] : [secret('appsecret_b1'), secret('appsecret_b2')], server.requests.length === 1));
    const store = new SecretStore({ apiKey: 'sk_test_pages', baseUrl: server.url, maxNetworkRetries: 0 });
    const ids = await store.list({ scope: 'account', limit: 2, ending_before: 'appsecret_b5' }).autoPagingToArray({ limit: 10 });
    assert.deepEqual(ids.map((s) => s.id), ['appsecret_b4', 'appsecret_b3', 'appsecret_b2', 'appsecret_b1']);
    assert.match(server.requests[1].path, /ending_before=appsecret_b3/);
  });
});

// A walk and its store (issue 23): a walk keeps the store that started it,
// so `for await (const s of new SecretStore(options).list())`, where nothing
// else holds the store, walks every page even when a garbage collection
// runs between pages. Only an explicit `free()` ends a walk (store_freed,
// nothing more sent). On both engines, each case in a fresh Node process
// (support/child.mjs) with `gc()` exposed; each collection is shown to have
// run finalizers (a FinalizationRegistry probe was called), so the walk
// cannot pass by the collection not happening.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ENGINES, inChild } from './support/child.mjs';
import { startHostileServer } from './support/hostile-server.mjs';

const IDS = ['appsecret_w1', 'appsecret_w2', 'appsecret_w3'];
const secret = (id) => ({ id, object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: id, scope: { type: 'account' } });

let server;
before(async () => {
  // One secret a page (limit 1), after the `starting_after` asked for.
  server = await startHostileServer(({ path }) => {
    const after = new URL(path, 'http://x').searchParams.get('starting_after');
    const next = after === null ? 0 : IDS.indexOf(after) + 1;
    const data = IDS.slice(next, next + 1).map(secret);
    return { status: 200, body: { object: 'list', url: '/v1/apps/secrets', has_more: next + 1 < IDS.length, data } };
  });
});
after(() => server.stop());

/** Runs `walk` (source of an expression: an async iterable) in a child; between items, a GC, or `free()` after the first. */
function walkIn(engine, walk, { freeAfterFirst = false } = {}) {
  return inChild(
    engine,
    `
    const gc = (await import('node:vm')).runInNewContext('gc');
    let finalized = 0;
    const probe = new FinalizationRegistry(() => { finalized += 1; });
    // In a function of its own, and a task before gc(): no frame still holds the probe's object.
    const plant = () => probe.register({}, 'probe');
    /** A full collection whose finalizers have run (the probe's among them). */
    async function collect() {
      const before = finalized;
      plant();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      for (let i = 0; i < 1000 && finalized === before; i++) await new Promise((resolve) => setImmediate(resolve));
      if (finalized === before) throw new Error('no finalizer ran after gc()');
      out.collections += 1;
    }
    out.collections = 0;
    out.walked = [];
    const BASE = ${JSON.stringify(server.url)};
    const options = { apiKey: 'sk_test_walk_gc', baseUrl: BASE, maxNetworkRetries: 0 };
    let store;
    try {
      for await (const s of ${walk}) {
        out.walked.push(s.id);
        ${freeAfterFirst ? 'store.free();' : 'await collect();'}
      }
    } catch (e) {
      out.error = typed(e);
    }
    `,
    { nodeFlags: ['--expose-gc'] },
  );
}

for (const engine of ENGINES) {
  for (const [label, walk] of [
    ['list()', "new lib.SecretStore(options).list({ scope: 'account', limit: 1 })"],
    ['listAll()', "new lib.SecretStore(options).listAll({ scope: 'account', limit: 1 })"],
  ]) {
    test(`${engine}: ${label} of a store nothing else holds walks every page across garbage collections`, async () => {
      server.reset();
      const out = await walkIn(engine, walk);
      assert.equal(out.engine, engine);
      assert.deepEqual(out.uncaught, []);
      assert.equal(out.error, undefined, `the walk ended with ${JSON.stringify(out.error)}`);
      assert.deepEqual(out.walked, IDS);
      assert.equal(out.collections, IDS.length, 'a collection ran after each item');
      assert.equal(server.requests.length, IDS.length, 'one request a page');
    });

    test(`${engine}: ${label}: free() still ends the walk with store_freed and sends nothing more`, async () => {
      server.reset();
      const held = walk.replace('new lib.SecretStore(options)', '(store = new lib.SecretStore(options))');
      const out = await walkIn(engine, held, { freeAfterFirst: true });
      assert.equal(out.engine, engine);
      assert.deepEqual(out.walked, [IDS[0]]);
      assert.equal(out.error?.code, 'store_freed', JSON.stringify(out.error));
      assert.equal(out.error?.type, 'StripeInvalidRequestError');
      assert.equal(server.requests.length, 1, 'nothing sent after free()');
    });
  }
}

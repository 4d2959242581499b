// Signals that are not what they claim (issue 31): an `AbortSignal` whose
// `aborted` cannot be read (an object made from AbortSignal.prototype, a
// real signal with an own throwing `aborted` getter; in Chromium also a
// Proxy of a real signal, which Node's getter reads through) passes
// `instanceof AbortSignal`. Every read of it may throw: the
// call rejects typed (`StripeInvalidRequestError`, `param: 'signal'`) when
// the store reads it before sending, sends nothing, throws nothing
// uncaught, and other stores and later calls go on. A getter that throws
// only on a later read ends the call as an abort would. Each case in a
// fresh Node process, on both engines.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ENGINES, inChild } from './support/child.mjs';
import { startHostileServer } from './support/hostile-server.mjs';

let server;
before(async () => {
  server = await startHostileServer(() => ({ status: 200, body: { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [] } }));
});
after(() => server.stop());

const FAKES = {
  'an object made from AbortSignal.prototype': 'Object.create(AbortSignal.prototype)',
  "a real signal whose own 'aborted' getter throws": "Object.defineProperty(new AbortController().signal, 'aborted', { get() { throw new Error('no'); } })",
  // Neither true nor false: not read as either.
  "a real signal whose own 'aborted' is a string": "Object.defineProperty(new AbortController().signal, 'aborted', { value: 'no' })",
};

for (const engine of ENGINES) {
  for (const [what, make] of Object.entries(FAKES)) {
    test(`${engine}: ${what} is refused typed, nothing is sent, and the module goes on`, async () => {
      server.reset();
      const out = await inChild(engine, `
        const BASE = ${JSON.stringify(server.url)};
        const store = new lib.SecretStore({ apiKey: 'sk_test_signal', baseUrl: BASE });
        const other = new lib.SecretStore({ apiKey: 'sk_test_signal', baseUrl: BASE });
        const signal = ${make};
        out.isSignal = signal instanceof AbortSignal;
        out.find = await settled(store.find({ name: 'n', scope: 'account' }, { signal }));
        out.list = await settled(store.list({ scope: 'account' }, { signal }));
        out.walk = await settled(store.listAll({ scope: 'account' }, { signal }).next());
        out.other = await settled(other.list({ scope: 'account' }));
        out.later = await settled(store.list({ scope: 'account' }));
      `);
      assert.equal(out.isSignal, true, 'it passes instanceof AbortSignal');
      for (const call of ['find', 'list', 'walk']) {
        assert.deepEqual(out[call].rejected?.type, 'StripeInvalidRequestError', `${call}: ${JSON.stringify(out[call])}`);
        assert.match(out[call].rejected.message, /signal/, call);
      }
      assert.equal(out.other.resolved?.object, 'list', 'another store works');
      assert.equal(out.later.resolved?.object, 'list', 'a later call works');
      assert.deepEqual(out.uncaught, [], 'nothing was thrown uncaught');
      assert.equal(server.requests.length, 2, 'only the two good calls were sent');
    });
  }

  test(`${engine}: a signal whose 'aborted' throws only after the store read it ends the call as an abort would, sending nothing`, async () => {
    server.reset();
    const out = await inChild(engine, `
      const BASE = ${JSON.stringify(server.url)};
      const store = new lib.SecretStore({ apiKey: 'sk_test_signal', baseUrl: BASE, maxNetworkRetries: 0 });
      const signal = new AbortController().signal;
      let reads = 0;
      Object.defineProperty(signal, 'aborted', { get() { if (++reads > 1) throw new Error('no'); return false; } });
      out.find = await settled(store.find({ name: 'n', scope: 'account' }, { signal }));
      out.later = await settled(store.list({ scope: 'account' }));
    `);
    assert.equal(out.find.rejected?.type, 'StripeAbortError', JSON.stringify(out.find));
    assert.equal(out.later.resolved?.object, 'list');
    assert.deepEqual(out.uncaught, []);
    assert.equal(server.requests.length, 1, 'only the later call was sent');
  });

  test(`${engine}: a real signal aborted before the call ends it as an abort, typed, sending nothing`, async () => {
    server.reset();
    const out = await inChild(engine, `
      const store = new lib.SecretStore({ apiKey: 'sk_test_signal', baseUrl: ${JSON.stringify(server.url)} });
      out.find = await settled(store.find({ name: 'n', scope: 'account' }, { signal: AbortSignal.abort() }));
      out.later = await settled(store.list({ scope: 'account' }, { signal: new AbortController().signal }));
    `);
    assert.equal(out.find.rejected?.type, 'StripeAbortError', JSON.stringify(out.find));
    assert.equal(out.later.resolved?.object, 'list', 'a signal not aborted lets the call go');
    assert.deepEqual(out.uncaught, []);
    assert.equal(server.requests.length, 1, 'only the later call was sent');
  });
}

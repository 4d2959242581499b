// Own properties only, on both engines: where a caller's object holds a
// getter, or lacks a member, a value planted on Object.prototype under the
// same name is never read in its place (issue 23). Each case runs in a
// fresh Node process (support/child.mjs): a case pollutes its realm.
//
// - A getter's property descriptor has no `value` of its own; read with
//   `in` (or a plain `.value`), the descriptor would inherit one from a
//   polluted Object.prototype, and the getter's property would pass as
//   that data.
// - autoPagingToArray needs an own `limit`: an inherited one is no limit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ENGINES, inChild } from './support/child.mjs';

const SECRET = { id: 'appsecret_1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'n', scope: { type: 'account' } };

// A `fetch` option that counts its calls and answers a one-item page.
const STUB = `
  let sent = 0;
  const fetchStub = async () => {
    sent += 1;
    return { status: 200, ok: true, headers: { 'request-id': 'req_ok' }, json: { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [${JSON.stringify(SECRET)}] } };
  };
  const store = new lib.SecretStore({ userId: 'usr_me', fetch: fetchStub, maxNetworkRetries: 0 });
`;

for (const engine of ENGINES) {
  describe(`${engine} engine`, () => {
    test("a getter is refused as in a clean realm when Object.prototype holds a `value` it would pass as", async () => {
      const out = await inChild(
        engine,
        `${STUB}
        const getter = (object, key, value) => Object.defineProperty(object, key, { __proto__: null, get: () => value, enumerable: true });
        const calls = {
          userScope: () => store.list({ scope: getter({ type: 'user' }, 'user', 'usr_me') }),
          scopeType: () => store.list({ scope: getter({}, 'type', 'account') }),
          name: () => store.find(getter({ scope: 'account' }, 'name', 'n')),
        };
        for (const pollute of [false, true]) {
          const run = {};
          for (const [name, call] of Object.entries(calls)) {
            // The inherited value each getter would pass as.
            if (pollute) Object.prototype.value = { userScope: 'usr_me', scopeType: 'account', name: 'n' }[name];
            run[name] = await settled(call());
          }
          delete Object.prototype.value;
          out[pollute ? 'polluted' : 'clean'] = run;
        }
        out.sent = sent;
        `,
      );
      assert.equal(out.engine, engine);
      assert.deepEqual(out.uncaught, []);
      assert.equal(out.sent, 0, `nothing was sent: ${JSON.stringify(out)}`);
      for (const run of [out.clean, out.polluted]) {
        assert.equal(run.userScope.rejected?.type, 'StripeScopeError', JSON.stringify(run));
        assert.equal(run.scopeType.rejected?.type, 'StripeScopeError', JSON.stringify(run));
        assert.equal(run.name.rejected?.type, 'StripeInvalidRequestError', JSON.stringify(run));
      }
      assert.deepEqual(out.polluted, out.clean);
    });

    test('a Proxy that lists a key it does not describe: the key is left out (as Object.keys leaves it), and no inherited value stands in', async () => {
      const out = await inChild(
        engine,
        `${STUB}
        // ownKeys names \`extra\` too; getOwnPropertyDescriptor has none for
        // it (a Proxy of an extensible object may say both); \`get\` is never used.
        const lying = (object, extra) =>
          new Proxy(object, {
            ownKeys: (target) => [...Reflect.ownKeys(target), extra],
            getOwnPropertyDescriptor: (target, key) => Reflect.getOwnPropertyDescriptor(target, key),
            get: () => { throw new Error('get trap'); },
          });
        for (const pollute of [false, true]) {
          // Junk the checks would refuse, were it read in place of the missing key.
          if (pollute) Object.assign(Object.prototype, { limit: 'junk', expand: 'junk' });
          const listed = await settled(store.list(lying({ scope: 'account' }, 'limit')));
          const walked = await settled(store.listAll(lying({ scope: 'account' }, 'limit')).next());
          const keys = Object.keys(lying({ scope: 'account' }, 'limit'));
          delete Object.prototype.limit;
          delete Object.prototype.expand;
          out[pollute ? 'polluted' : 'clean'] = { keys, listed: listed.resolved?.data?.map((s) => s.id) ?? listed, walked: walked.resolved?.value?.id ?? walked };
        }
        out.sent = sent;
        `,
      );
      assert.equal(out.engine, engine);
      assert.deepEqual(out.uncaught, []);
      for (const run of [out.clean, out.polluted]) {
        assert.deepEqual(run.keys, ['scope'], 'Object.keys leaves the key out');
        assert.deepEqual(run.listed, ['appsecret_1'], `list: ${JSON.stringify(run)}`);
        assert.equal(run.walked, 'appsecret_1', `listAll: ${JSON.stringify(run)}`);
      }
      assert.equal(out.sent, 4, 'each call sent its one request');
    });

    test('autoPagingToArray takes no limit from Object.prototype', async () => {
      const out = await inChild(
        engine,
        `${STUB}
        const page = store.list({ scope: 'account' });
        await page;
        const attempt = (options) => {
          try {
            return { returned: typeof page.autoPagingToArray(options) };
          } catch (e) {
            return { threw: e instanceof TypeError ? 'TypeError' : String(e), message: e.message };
          }
        };
        Object.prototype.limit = 5;
        out.empty = attempt({});
        out.inherited = attempt(Object.create({ limit: 5 }));
        delete Object.prototype.limit;
        out.own = await page.autoPagingToArray({ limit: 5 });
        out.sent = sent;
        `,
      );
      assert.equal(out.engine, engine);
      assert.deepEqual(out.uncaught, []);
      const refused = { threw: 'TypeError', message: 'You must pass a `limit` option to autoPagingToArray, e.g., `autoPagingToArray({limit: 1000});`.' };
      assert.deepEqual(out.empty, refused);
      assert.deepEqual(out.inherited, refused);
      assert.deepEqual(out.own.map((s) => s.id), ['appsecret_1']);
      assert.equal(out.sent, 1, 'the first page only');
    });
  });
}

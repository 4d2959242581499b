// Getters for `then` and `toJSON` planted on Object.prototype (issue 31,
// finding 3), on both engines, over the global fetch and the SDK's real
// stripeApiFetch behind the fake Dashboard. A promise reads `then` on what
// it resolves with, and `JSON.stringify` reads `toJSON` on every object it
// writes, each through the prototype chain: such a getter is called with
// the object. Each case runs in a fresh Node process (support/child.mjs).
//
// - The package's own JSON.stringify of the SDK's answer handed it, payload
//   included, to an inherited `toJSON`, which could also rewrite it. The
//   answer is now read from own properties only: no object a `toJSON`
//   getter sees holds the payload, and the result is as in a clean realm.
// - Results (a Secret, a list page and its `data`, an item of a walk, the
//   array of autoPagingToArray) were handed to an inherited `then` when
//   their promise resolved, and to an inherited `toJSON` when the app wrote
//   them as JSON. They now carry own, non-enumerable `then` and `toJSON`:
//   no getter sees them, and spreads, JSON and equality see plain data.
//
// What stays outside: the SDK's own promise resolves with its answer, and
// the platform's fetch with its Response; a `then` getter sees those
// (docs/rule.md, "Accessors planted on Object.prototype").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ENGINES, inChild } from './support/child.mjs';
import { startHostileServer } from './support/hostile-server.mjs';
import { sdkBundleFor } from './support/realms.mjs';

const USER = 'usr_hooks';
const PAYLOAD = 'hook-payload-7f3a';
const SECRET = { id: 'appsecret_h1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'n', payload: PAYLOAD, scope: { type: 'user', user: USER } };

function defaultAnswer(request) {
  if (request.path.startsWith('/v1/apps/secrets/find')) return { body: SECRET };
  if (request.path.startsWith('/v1/apps/secrets/delete')) return { body: { ...SECRET, deleted: true } };
  if (request.method === 'POST') return { body: SECRET };
  return { body: { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [SECRET, { ...SECRET, id: 'appsecret_h2' }] } };
}

let server;
let sdk;
before(async () => {
  server = await startHostileServer(defaultAnswer);
  sdk = await sdkBundleFor('node');
});
after(() => server.stop());

/** Child source: whether an object holds one of `needles` in its own data, however deep (no getter runs). */
const HOLDS_ANY = `
  const holdsAny = (value, needles, depth = 0) => {
    if (typeof value === 'string') return needles.some((needle) => value.includes(needle));
    if (value === null || typeof value !== 'object' || depth > 8) return false;
    return Reflect.ownKeys(value).some((key) => {
      const found = Object.getOwnPropertyDescriptor(value, key);
      return found !== undefined && Object.hasOwn(found, 'value') && holdsAny(found.value, needles, depth + 1);
    });
  };
`;

/** The child's part: plants the getters, runs every call, and reports what the getters saw. */
const scenario = (transport) => `${HOLDS_ANY}
  const PAYLOAD = ${JSON.stringify(PAYLOAD)};
  let store;
  if (${JSON.stringify(transport)} === 'apiKey') {
    store = new lib.SecretStore({ userId: ${JSON.stringify(USER)}, apiKey: 'sk_test_hooks', baseUrl: ${JSON.stringify(server.url)}, maxNetworkRetries: 0 });
  } else {
    installFakeDashboard({ emulatorUrl: ${JSON.stringify(server.url)}, userId: ${JSON.stringify(USER)}, transport: 'host' });
    store = new lib.SecretStore({ userId: ${JSON.stringify(USER)}, fetch: sdk.stripeApiFetch, maxNetworkRetries: 0 });
  }
  const holdsPayload = (value) => holdsAny(value, [PAYLOAD]);
  const seen = { then: [], toJSON: [] };
  let rewrite = false;
  for (const name of ['then', 'toJSON']) {
    Object.defineProperty(Object.prototype, name, {
      get() {
        seen[name].push(this);
        // A toJSON that rewrites whatever it is asked for.
        return name === 'toJSON' && rewrite ? () => ({ object: 'apps.secret', id: 'appsecret_forged', payload: 'forged' }) : undefined;
      },
      configurable: true,
    });
  }
  const results = [];
  const keep = (value) => (results.push(value), value);
  // Writes its report to out[key]: an object it resolved with would meet the then getter too.
  const run = async (key) => {
    const found = keep(await store.find({ name: 'n', scope: 'user', expand: ['payload'] }));
    const created = keep(await store.create({ name: 'n', payload: PAYLOAD, scope: 'user' }));
    const page = keep(await store.list({ scope: 'user' }));
    keep(page.data);
    const walk = store.listAll({ scope: 'user' });
    keep(await walk.next());
    keep(await walk.next());
    const all = keep(await store.list({ scope: 'user' }).autoPagingToArray({ limit: 10 }));
    const deleted = keep(await store.deleteWhere({ name: 'n', scope: 'user' }));
    // The app writes its results as JSON, as apps log or post them.
    const written = [found, page, all].map((result) => JSON.parse(JSON.stringify(result)));
    out[key] = { found: { ...found, scope: { ...found.scope } }, created: created.payload, page: page.data.map((s) => s.id), all: all.length, deleted: deleted.deleted, written };
  };
  await run('clean');
  rewrite = true;
  await run('rewriting').catch((e) => (out.rewriting = { threw: typed(e) }));
  delete Object.prototype.then;
  delete Object.prototype.toJSON;
  out.resultsSeen = { then: seen.then.filter((o) => results.includes(o)).length, toJSON: seen.toJSON.filter((o) => results.includes(o)).length };
  out.toJSONSawPayload = seen.toJSON.filter((o) => holdsPayload(o)).length;
  out.thenSawPayload = seen.then.filter((o) => holdsPayload(o)).length;
  out.thenSeen = seen.then.length;
  // Results stay plain data: a spread, JSON and structured clone see the fields only.
  const plain = await store.find({ name: 'n', scope: 'user', expand: ['payload'] });
  out.keys = Object.keys(plain);
  out.cloned = Object.keys(structuredClone(plain));
  out.json = JSON.stringify(plain) === JSON.stringify({ ...plain });
`;

for (const engine of ENGINES) {
  describe(`${engine} engine`, () => {
    for (const transport of ['apiKey', 'stripeApiFetch']) {
      test(`${transport}: inherited then and toJSON getters never see a result or the payload the package reads`, async () => {
        server.reset();
        const out = await inChild(engine, scenario(transport), { imports: { sdk: sdk.url } });
        assert.equal(out.engine, engine);
        assert.equal(out.threw, undefined, JSON.stringify(out.threw));
        assert.deepEqual(out.uncaught, []);
        const second = { ...SECRET, id: 'appsecret_h2' };
        const written = [SECRET, { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [SECRET, second] }, [SECRET, second]];
        const expected = { found: SECRET, created: PAYLOAD, page: ['appsecret_h1', 'appsecret_h2'], all: 2, deleted: true, written };
        assert.deepEqual(out.clean, expected, 'every call gives what it gives in a clean realm');
        assert.deepEqual(out.rewriting, expected, 'a toJSON that rewrites what it sees changes no answer');
        assert.deepEqual(out.resultsSeen, { then: 0, toJSON: 0 }, 'no getter was called with a result');
        assert.equal(out.toJSONSawPayload, 0, 'no toJSON getter saw an object holding the payload');
        if (transport === 'apiKey') assert.equal(out.thenSawPayload, 0,  "over the global fetch, no then getter saw the payload in an object's own data");
        assert.ok(out.thenSeen > 0, 'the then getter ran (the check above could fail)');
        const fields = ['id', 'object', 'created', 'expires_at', 'livemode', 'name', 'payload', 'scope'];
        assert.deepEqual(out.keys, fields, 'own enumerable keys are the fields');
        assert.deepEqual(out.cloned, fields, 'a structured clone has the fields');
        assert.equal(out.json, true, 'JSON.stringify writes what a spread holds');
      });
    }
  });
}

// The token helper (stripe-apps-secrets/tokens) hands out tokens: each a
// fresh object from the payload, whose objects carry the same shields.
const STORED_TOKEN = 'at-stored-91c4';
const SAVED_TOKEN = 'at-saved-5e0b';
const FRESH_TOKEN = 'at-fresh-2d77';
const TOKENS_ENTRY = new URL('../../pkg/tokens.js', import.meta.url).href;

const tokenScenario = (url) => `${HOLDS_ANY}
  // Imported once the engine runs: its bare import of the package then finds that engine.
  const { tokenStore } = await import(${JSON.stringify(TOKENS_ENTRY)});
  const store = new lib.SecretStore({ userId: ${JSON.stringify(USER)}, apiKey: 'sk_test_hooks', baseUrl: ${JSON.stringify(url)}, maxNetworkRetries: 0 });
  const TOKENS = [${JSON.stringify(STORED_TOKEN)}, ${JSON.stringify(SAVED_TOKEN)}, ${JSON.stringify(FRESH_TOKEN)}];
  const holdsToken = (value) => holdsAny(value, TOKENS);
  // The app's refresh answer, made before the getters: a then getter sees
  // what an app's own promise resolves with, which is the app's (docs/rule.md).
  const answer = { access_token: ${JSON.stringify(FRESH_TOKEN)}, expires_in: 3600 };
  const seen = { then: [], toJSON: [] };
  for (const name of ['then', 'toJSON']) {
    Object.defineProperty(Object.prototype, name, { get() { seen[name].push(this); return undefined; }, configurable: true });
  }
  const tokens = tokenStore({ secrets: store, name: 'oauth', refresh: () => answer });
  const results = [];
  const keep = (value) => (results.push(value), value);
  const got = keep(await tokens.get());
  keep(got.profile);
  keep(got.profile.roles);
  keep(await tokens.save({ access_token: ${JSON.stringify(SAVED_TOKEN)}, expires_in: 3600, profile: { id: 'p1' } }));
  keep(await tokens.refresh());
  await tokens.withToken((token) => (keep(token), { status: 200 }));
  const written = JSON.stringify(got);
  delete Object.prototype.then;
  delete Object.prototype.toJSON;
  out.resultsSeen = { then: seen.then.filter((o) => results.includes(o)).length, toJSON: seen.toJSON.filter((o) => results.includes(o)).length };
  out.sawToken = seen.then.concat(seen.toJSON).filter((o) => o !== answer && holdsToken(o)).length;
  out.thenSeen = seen.then.length;
  out.results = results.length;
  out.written = JSON.parse(written);
  out.keys = Object.keys(got);
`;

describe('the token helper', () => {
  for (const engine of ENGINES) {
    test(`${engine} engine: inherited then and toJSON getters never see a token it hands out`, async () => {
      const token = { access_token: STORED_TOKEN, token_type: 'Bearer', refresh_token: 'rt-1', expires_at: 4102444800, id_token: null, profile: { id: 'p0', roles: ['r'] } };
      const secret = { ...SECRET, name: 'oauth', payload: JSON.stringify(token) };
      server.answerWith((request) => ({ body: request.path.includes('/delete') ? { ...secret, deleted: true } : secret }));
      try {
        const out = await inChild(engine, tokenScenario(server.url));
        assert.equal(out.threw, undefined, JSON.stringify(out.threw));
        assert.deepEqual(out.uncaught, []);
        assert.equal(out.results, 6);
        assert.deepEqual(out.resultsSeen, { then: 0, toJSON: 0 }, 'no getter was called with a token or its objects');
        assert.equal(out.sawToken, 0, 'no getter saw an object holding a token');
        assert.ok(out.thenSeen > 0, 'the then getter ran (the check above could fail)');
        assert.deepEqual(out.written, token, 'JSON.stringify writes the token as saved');
        assert.deepEqual(out.keys, Object.keys(token), 'own enumerable keys are the fields');
      } finally {
        server.answerWith((request) => defaultAnswer(request));
      }
    });
  }
});

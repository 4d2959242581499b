// stripe-apps-secrets/tokens against the emulator and a fake OAuth provider
// (tests/support/fake-oauth.mjs), on both engines: the stores come from
// inline-wasm and from inline-js. Sign-in, saving with the secret's expiry,
// refresh before expiry and after a 401, one refresh for concurrent
// callers, two frames that meet, sign-out, the payload limit, and errors
// that carry nothing of a token.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';

import { PAYLOAD_LIMIT, tokenStore } from '../../pkg/tokens.js';
// Another frame: its own instance of the module, which shares no refresh with this one.
const { tokenStore: otherFrameTokenStore } = await import('../../pkg/tokens.js?frame=other');
import { StripeError, StripeInvalidRequestError, StripeScopeError } from '../../pkg/node.js';
import { startEmulator } from '../support/emulator.mjs';
import { startFakeOAuth } from '../support/fake-oauth.mjs';

const ENGINES = {
  wasm: await import('../../pkg/inline-wasm.js'),
  js: await import('../../pkg/inline-js.js'),
};
const USER = 'usr_tokens';
const now = () => Math.floor(Date.now() / 1000);

let emulator;
let provider;
before(async () => {
  emulator = await startEmulator();
  provider = await startFakeOAuth();
});
after(async () => {
  await provider?.close();
  await emulator?.stop();
});

/** The app's calls to the provider, as a Stripe App makes them with fetch. */
async function postToken(form) {
  const answer = await fetch(`${provider.url}/token`, { method: 'POST', body: new URLSearchParams(form) });
  const body = await answer.json();
  if (!answer.ok) throw new Error(`the provider refused: ${body.error}`);
  return body;
}
const signIn = (user = USER) => postToken({ grant_type: 'authorization_code', code: provider.authorize(user) });
const refreshWith = (current) => postToken({ grant_type: 'refresh_token', refresh_token: current.refresh_token });
const callService = (token) => fetch(`${provider.url}/me`, { headers: { authorization: `Bearer ${token.access_token}` } });

/** Every string an error shows: its message, its fields, String() and JSON. */
const everythingShown = (error) => [error.message, String(error), error.stack, JSON.stringify(error), JSON.stringify(Object.getOwnPropertyDescriptors(error))].join('\n');

for (const [engineName, { SecretStore, engine }] of Object.entries(ENGINES)) {
  describe(`on the ${engineName} engine`, () => {
    const store = (userId = USER) => new SecretStore({ userId, apiKey: 'sk_test_tokens', baseUrl: emulator.url });
    const helper = (options = {}) => tokenStore({ secrets: store(), name: 'oauth', refresh: refreshWith, ...options });
    const otherFrame = (options = {}) => otherFrameTokenStore({ secrets: store(), name: 'oauth', refresh: refreshWith, ...options });
    /** The secret as the store holds it (payload parsed). */
    const held = async (secrets = store()) => {
      const secret = await secrets.find({ name: 'oauth', scope: 'user', expand: ['payload'] });
      return { ...secret, token: JSON.parse(secret.payload) };
    };

    before(() => assert.equal(engine(), engineName));
    afterEach(async () => {
      await emulator.reset();
      provider.reset();
    });

    test('get() is null before sign-in; save() keeps the token in the user scope, lifetimes as times, every field kept', async () => {
      const tokens = helper();
      assert.equal(await tokens.get(), null);
      provider.settings.refreshSeconds = 30 * 24 * 3600;
      const answer = { ...(await signIn()), id_token_hint: { nested: ['kept', 1, true, null] } };
      const before = now();
      const saved = await tokens.save(answer);
      assert.equal(saved.access_token, answer.access_token);
      assert.equal(saved.refresh_token, answer.refresh_token);
      assert.deepEqual(saved.id_token_hint, answer.id_token_hint);
      assert.equal(saved.expires_in, undefined);
      assert.ok(saved.expires_at >= before + 3600 && saved.expires_at <= now() + 3600);
      assert.ok(saved.refresh_token_expires_at >= before + 30 * 24 * 3600);
      const secret = await held();
      assert.deepEqual(secret.scope, { type: 'user', user: USER });
      assert.deepEqual(secret.token, saved);
      assert.equal(secret.expires_at, saved.refresh_token_expires_at, "the secret ends with the refresh token's lifetime");
      assert.deepEqual(await tokens.get(), saved);
      assert.deepEqual(tokens.scope, { type: 'user', user: USER });
      assert.equal(tokens.name, 'oauth');
    });

    test("the secret's expiry: none while a refresh token of unknown lifetime may work; the access token's without one", async () => {
      const tokens = helper();
      await tokens.save(await signIn());
      assert.equal((await held()).expires_at, null);
      const saved = await tokens.save({ access_token: 'at_only', expires_in: 600 });
      assert.equal((await held()).expires_at, saved.expires_at);
      await assert.rejects(tokens.save({ access_token: 'at_dead', expires_at: now() - 5 }), { code: 'token_expired', param: 'expires_at' });
      // At most 100 years ahead, as Stripe allows.
      await tokens.save({ access_token: 'at_long', expires_in: 200 * 365 * 24 * 3600 });
      assert.ok((await held()).expires_at <= now() + 100 * 365 * 24 * 3600);
    });

    test('a token due within the margin is refreshed by get(), the rotated refresh token saved', async () => {
      provider.settings.accessSeconds = 30;
      const tokens = helper();
      const first = await tokens.save(await signIn());
      const got = await tokens.get();
      assert.equal(provider.counts.refreshes, 1);
      assert.notEqual(got.access_token, first.access_token);
      assert.deepEqual(provider.liveRefreshTokens(), [got.refresh_token], 'the rotated refresh token is the live one');
      assert.deepEqual((await held()).token, got);
      // A margin of 10 s leaves a token with 30 s to go alone.
      const patient = helper({ margin: 10 });
      assert.deepEqual(await patient.get(), got);
      assert.equal(provider.counts.refreshes, 1);
    });

    test('without a refresh function, a due token is handed out as it is', async () => {
      const tokens = tokenStore({ secrets: store(), name: 'oauth' });
      const saved = await tokens.save({ access_token: 'at_1', expires_in: 5 });
      assert.deepEqual(await tokens.get(), saved);
      await assert.rejects(tokens.refresh(), { code: 'parameter_missing', param: 'refresh' });
    });

    test('a refresh answer without a refresh_token keeps the one held, and its lifetime', async () => {
      const tokens = helper({ refresh: async () => ({ access_token: 'at_2', expires_in: 3600 }) });
      const first = await tokens.save({ access_token: 'at_1', expires_in: 5, refresh_token: 'rt_1', refresh_token_expires_in: 9000 });
      const got = await tokens.get();
      assert.equal(got.access_token, 'at_2');
      assert.equal(got.refresh_token, 'rt_1');
      assert.equal(got.refresh_token_expires_at, first.refresh_token_expires_at);
    });

    test('withToken: a 200 uses the saved token; a 401 refreshes once and calls once more', async () => {
      const tokens = helper();
      await tokens.save(await signIn());
      assert.equal((await tokens.withToken(callService)).status, 200);
      assert.equal(provider.counts.refreshes, 0);
      provider.expireAccessTokens();
      const answer = await tokens.withToken(callService);
      assert.equal(answer.status, 200);
      assert.deepEqual(await answer.json(), { user: USER });
      assert.deepEqual({ calls: provider.counts.calls, refreshes: provider.counts.refreshes }, { calls: 3, refreshes: 1 });
      // A service that keeps answering 401: one refresh, one more call, and its answer.
      let calls = 0;
      const stubborn = await tokens.withToken(async () => {
        calls++;
        return { status: 401 };
      });
      assert.deepEqual({ status: stubborn.status, calls, refreshes: provider.counts.refreshes }, { status: 401, calls: 2, refreshes: 2 });
    });

    test('concurrent callers in one frame share one refresh: get(), withToken() and refresh() alike', async () => {
      provider.settings.accessSeconds = 30;
      const tokens = helper();
      const other = helper(); // a second view, with a store of its own
      await tokens.save(await signIn());
      const got = await Promise.all([tokens.get(), other.get(), tokens.get(), other.get(), tokens.get()]);
      assert.equal(provider.counts.refreshes, 1);
      assert.equal(new Set(got.map((t) => t.access_token)).size, 1);
      provider.settings.accessSeconds = 3600;
      await tokens.refresh();
      provider.expireAccessTokens();
      const answers = await Promise.all(Array.from({ length: 4 }, () => tokens.withToken(callService)));
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200]);
      assert.equal(provider.counts.refreshes, 3, 'one for the due token, one asked for, one for the four 401s');
      assert.equal(provider.counts.refused, 0);
      const forced = await Promise.all([tokens.refresh(), other.refresh()]);
      assert.equal(forced[0].access_token, forced[1].access_token);
      assert.equal(provider.counts.refreshes, 4);
    });

    test("two frames: a token another frame saved during this frame's refresh wins, and this one's is dropped", async () => {
      let release;
      const slow = helper({
        refresh: async (current) => {
          const fresh = await refreshWith(current);
          await new Promise((resolve) => (release = resolve));
          return fresh;
        },
        margin: 3600 * 2,
      });
      const frameB = otherFrame();
      await frameB.save(await signIn());
      const pending = slow.get();
      while (release === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
      const theirs = await frameB.save({ access_token: 'at_theirs', refresh_token: 'rt_theirs', expires_in: 3600 });
      release();
      assert.deepEqual(await pending, theirs);
      assert.deepEqual((await held()).token, theirs, 'the spare token was not saved');
    });

    test('two frames refreshing one token at once: the refusal of the second is forgiven, both end on the saved token', async () => {
      provider.settings.accessSeconds = 30;
      provider.settings.refreshDelayMs = 50;
      const frameA = helper();
      const frameB = otherFrame();
      await frameA.save(await signIn());
      const [a, b] = await Promise.all([frameA.get(), frameB.get()]);
      assert.equal(provider.counts.refreshes, 1);
      assert.equal(provider.counts.refused, 1, 'the second frame spent a refresh token the first had rotated');
      assert.deepEqual(a, b);
      assert.deepEqual((await held()).token, a);
    });

    test('signed out in another frame during a refresh: nothing is saved back', async () => {
      let release;
      const slow = helper({
        refresh: async (current) => {
          const fresh = await refreshWith(current);
          await new Promise((resolve) => (release = resolve));
          return fresh;
        },
        margin: 3600 * 2,
      });
      await slow.save(await signIn());
      const pending = slow.get();
      while (release === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
      await otherFrame().clear();
      release();
      assert.equal(await pending, null);
      await assert.rejects(held(), { code: 'resource_missing' });
      await assert.rejects(slow.withToken(callService), (error) => error instanceof StripeInvalidRequestError && error.code === 'resource_missing');
    });

    test('a refresh the provider refuses rejects with its error, and the token stays', async () => {
      const tokens = helper();
      const saved = await tokens.save({ access_token: 'at_1', refresh_token: 'rt_unknown', expires_in: 5 });
      await assert.rejects(tokens.get(), /the provider refused: invalid_grant/);
      assert.deepEqual((await held()).token, saved);
    });

    test('clear() deletes the secret; a missing one is not an error', async () => {
      const tokens = helper();
      await tokens.save(await signIn());
      await tokens.clear();
      await tokens.clear();
      assert.equal(await tokens.get(), null);
      assert.equal(await tokens.refresh(), null);
      await assert.rejects(held(), { code: 'resource_missing' });
    });

    test('the payload limit is checked before sending, and the error says what to do', async () => {
      const tokens = helper();
      const long = { access_token: 'at_secret_value', id_token: 'x'.repeat(PAYLOAD_LIMIT) };
      const error = await tokens.save(long).catch((e) => e);
      assert.ok(error instanceof StripeInvalidRequestError && error instanceof StripeError);
      assert.deepEqual({ code: error.code, param: error.param }, { code: 'token_too_long', param: 'payload' });
      assert.match(error.message, /at most 5000.*id_token/);
      assert.doesNotMatch(everythingShown(error), /at_secret_value|xxxxx/);
      assert.deepEqual(await emulator.requests(), []);
      // Exactly at the limit, counted in code points as Stripe counts: kept.
      const base = JSON.stringify({ access_token: 'a', pad: '' }).length;
      const fits = { access_token: 'a', pad: '🔐'.repeat(PAYLOAD_LIMIT - base) };
      assert.equal((await tokens.save(fits)).pad, fits.pad);
      await assert.rejects(tokens.save({ ...fits, pad: fits.pad + 'x' }), { code: 'token_too_long' });
    });

    test('tokens that are not tokens are refused, with nothing of them in the error', async () => {
      const tokens = helper();
      const cases = [
        [null, 'token'],
        ['at_secret_value', 'token'],
        [['at_secret_value'], 'token'],
        [{ access_token: '' }, 'access_token'],
        [{ token: 'at_secret_value' }, 'access_token'],
        [{ access_token: 'at_secret_value', refresh_token: 42 }, 'refresh_token'],
        [{ access_token: 'at_secret_value', expires_in: 'soon' }, 'expires_in'],
        [{ access_token: 'at_secret_value', expires_at: '1700000000' }, 'expires_at'],
        [{ access_token: 'at_secret_value', refresh_token_expires_in: {} }, 'refresh_token_expires_in'],
        [{ get access_token() { throw new Error('getter run'); } }, 'access_token'],
      ];
      for (const [token, param] of cases) {
        const error = await tokens.save(token).catch((e) => e);
        assert.ok(error instanceof StripeInvalidRequestError, `${param}: ${error}`);
        assert.deepEqual({ code: error.code, param: error.param }, { code: 'token_invalid', param });
        assert.doesNotMatch(everythingShown(error), /at_secret_value|getter run/);
      }
      let deep = { access_token: 'at' };
      for (let i = 0; i < 20; i++) deep = { access_token: 'at', inner: deep };
      await assert.rejects(tokens.save(deep), { code: 'token_invalid', param: 'token' });
      await assert.rejects(tokens.save({ access_token: 'at', list: new Array(1e9) }), { code: 'token_invalid', param: 'token' });
      assert.deepEqual(await emulator.requests(), []);
      // What a refresh returns is checked the same way, and nothing is saved.
      const bad = helper({ refresh: async () => ({ access_token: 7, secret: 'rt_secret_value' }) });
      await bad.save({ access_token: 'at_1', refresh_token: 'rt_secret_value', expires_in: 5 });
      const error = await bad.get().catch((e) => e);
      assert.deepEqual({ code: error.code, param: error.param }, { code: 'token_invalid', param: 'access_token' });
      assert.doesNotMatch(everythingShown(error), /secret_value/);
    });

    test('a secret that holds no token: token_unreadable, with nothing of the payload', async () => {
      const secrets = store();
      await secrets.create({ name: 'oauth', payload: 'not json at_secret_value', scope: 'user' });
      const error = await tokenStore({ secrets, name: 'oauth' }).get().catch((e) => e);
      assert.deepEqual({ code: error.code, param: error.param }, { code: 'token_unreadable', param: 'payload' });
      assert.doesNotMatch(everythingShown(error), /secret_value/);
      await secrets.create({ name: 'oauth', payload: '{"refresh_token":"rt_secret_value"}', scope: 'user' });
      await assert.rejects(tokenStore({ secrets, name: 'oauth' }).get(), { code: 'token_unreadable' });
    });

    test('options are checked at once, read as own properties; the store applies the scope rule', async () => {
      const secrets = store();
      const bad = [
        [undefined, 'secrets'],
        [{ name: 'oauth' }, 'secrets'],
        [{ secrets: {}, name: 'oauth' }, 'secrets'],
        [{ secrets }, 'name'],
        [{ secrets, name: '' }, 'name'],
        [{ secrets, name: 'oauth', refresh: 'yes' }, 'refresh'],
        [{ secrets, name: 'oauth', margin: -1 }, 'margin'],
        [{ secrets, name: 'oauth', margin: Infinity }, 'margin'],
        [{ secrets, name: 'oauth', margin: NaN }, 'margin'],
        [{ secrets, name: 'oauth', margin: '60' }, 'margin'],
        [{ secrets, name: 'oauth', scope: 'global' }, 'scope'],
        [{ secrets, name: 'oauth', scope: { type: 'user' } }, 'scope'],
        [{ secrets, name: 'oauth', scope: { type: 'account', user: USER } }, 'scope'],
        [{ secrets, get name() { return 'oauth'; } }, 'name'],
        [Object.create({ secrets, name: 'oauth' }), 'secrets'],
      ];
      for (const [options, param] of bad) {
        assert.throws(() => tokenStore(options), (error) => error instanceof StripeInvalidRequestError && error.param === param, param);
      }
      const account = tokenStore({ secrets, name: 'shared', scope: 'account' });
      assert.deepEqual(account.scope, { type: 'account' });
      await account.save({ access_token: 'at_1' });
      assert.deepEqual((await secrets.find({ name: 'shared', scope: 'account' })).scope, { type: 'account' });
      const explicit = tokenStore({ secrets, name: 'oauth', scope: { type: 'user', user: USER } });
      await explicit.save({ access_token: 'at_2' });
      assert.equal((await explicit.get()).access_token, 'at_2');
      await emulator.reset();
      const someoneElse = tokenStore({ secrets, name: 'oauth', scope: { type: 'user', user: 'usr_other' } });
      await assert.rejects(someoneElse.get(), (error) => error instanceof StripeScopeError);
      await assert.rejects(tokenStore({ secrets: new SecretStore({ apiKey: 'sk_test_tokens', baseUrl: emulator.url }), name: 'oauth' }).get(), StripeScopeError);
      assert.deepEqual(await emulator.requests(), [], 'refused before anything was sent');
      await assert.rejects(tokenStore({ secrets, name: 'oauth' }).withToken('nope'), { param: 'request' });
    });

    test("another user's helper sees nothing of this user's token", async () => {
      await helper().save(await signIn());
      const theirs = tokenStore({ secrets: store('usr_other'), name: 'oauth', refresh: refreshWith });
      assert.equal(await theirs.get(), null);
    });

    test('a polluted Object.prototype changes nothing: options, tokens and answers are read as own properties', async () => {
      const polluted = {
        refresh_token: 'rt_polluted',
        expires_in: 1,
        expires_at: 1,
        refresh_token_expires_at: 1,
        margin: 1e9,
        scope: 'account',
        status: 401,
        payload: 'polluted',
        toJSON: () => ({ access_token: 'polluted' }),
      };
      // The store's own pollution suites are tests/hostile/; and Node's fetch and the in-process
      // store read inherited members themselves. Here the helper runs over a store in memory.
      const kept = new Map();
      const secrets = {
        userId: USER,
        find: async ({ name }) => {
          if (!kept.has(name)) throw new StripeInvalidRequestError('StripeInvalidRequestError', 'No such secret', 'resource_missing');
          return { payload: kept.get(name) };
        },
        create: async ({ name, payload }) => kept.set(name, payload),
        deleteWhere: async ({ name }) => kept.delete(name),
      };
      const tokens = tokenStore({ secrets, name: 'oauth', refresh: async (current) => ({ access_token: `${current.access_token}+`, expires_in: 3600 }) });
      try {
        for (const [key, value] of Object.entries(polluted)) Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
        const saved = await tokens.save({ access_token: 'at_1', expires_in: 3600 });
        assert.equal(Object.hasOwn(saved, 'refresh_token'), false);
        assert.deepEqual(JSON.parse(kept.get('oauth')), { access_token: 'at_1', expires_at: saved.expires_at });
        assert.equal((await tokens.get()).access_token, 'at_1', 'not due: the polluted margin was not read');
        assert.equal((await tokens.withToken(async () => ({ ok: true }))).ok, true, 'no own status: not a 401');
        assert.deepEqual(tokens.scope, { type: 'user', user: USER });
      } finally {
        for (const key of Object.keys(polluted)) delete Object.prototype[key];
      }
      assert.equal(provider.counts.refreshes, 0);
    });
  });
}

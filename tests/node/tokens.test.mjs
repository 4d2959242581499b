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

// Both engines, or the one STRIPE_APPS_SECRETS_ENGINE names ('wasm' or
// 'js'): the StrykerJS sandbox runs one, as the add-on's JS is the same over both.
const ENGINES = {};
for (const [name, entry] of [['wasm', '../../pkg/inline-wasm.js'], ['js', '../../pkg/inline-js.js']]) {
  if ([undefined, name].includes(process.env.STRIPE_APPS_SECRETS_ENGINE)) ENGINES[name] = await import(entry);
}
if (Object.keys(ENGINES).length === 0) throw new Error(`STRIPE_APPS_SECRETS_ENGINE is 'wasm', 'js' or unset, not '${process.env.STRIPE_APPS_SECRETS_ENGINE}'`);
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

/**
 * A store in memory, for the tests that must decide exactly when a read
 * fails or what it sees: `kept` maps a name to its payload, and
 * `failReads` makes every find() reject (as a network failure would).
 */
function memoryStore(userId = USER) {
  const kept = new Map();
  const secrets = {
    userId,
    kept,
    failReads: false,
    find: async ({ name }) => {
      if (secrets.failReads) throw new StripeError('StripeConnectionError', 'offline');
      if (!kept.has(name)) throw new StripeInvalidRequestError('StripeInvalidRequestError', 'No such secret', 'resource_missing');
      return { payload: kept.get(name) };
    },
    create: async ({ name, payload }) => kept.set(name, payload),
    deleteWhere: async ({ name }) => kept.delete(name),
  };
  return secrets;
}

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
      await assert.rejects(tokens.refresh(), { code: 'parameter_missing', param: 'refresh', message: 'This token helper was made without a refresh function.' });
      // Nor is a 401 answered by a refresh: the answer comes back, after one call.
      let calls = 0;
      const answer = await tokens.withToken(async () => ({ status: 401, call: ++calls }));
      assert.deepEqual({ status: answer.status, calls }, { status: 401, calls: 1 });
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
      assert.deepEqual({ type: error.type, name: error.name, code: error.code, param: error.param }, { type: 'StripeInvalidRequestError', name: 'StripeInvalidRequestError', code: 'token_too_long', param: 'payload' });
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
      // Each message says what a token's field is.
      const says = {
        token: /^A token is an object with an access_token: pass the provider's token response, parsed\.$/,
        access_token: /^A token needs a non-empty access_token string: pass the provider's token response, parsed\.$/,
        refresh_token: /^A token's refresh_token, where there is one, is a string\.$/,
        expires_in: /^A token's expires_in is a number of seconds\.$/,
        expires_at: /^A token's expires_at is a time in Unix seconds\.$/,
        refresh_token_expires_in: /^A token's refresh_token_expires_in is a number of seconds\.$/,
      };
      for (const [token, param] of cases) {
        const error = await tokens.save(token).catch((e) => e);
        assert.ok(error instanceof StripeInvalidRequestError, `${param}: ${error}`);
        assert.deepEqual({ code: error.code, param: error.param }, { code: 'token_invalid', param });
        assert.match(error.message, says[param]);
        assert.doesNotMatch(everythingShown(error), /at_secret_value|getter run/);
      }
      let deep = { access_token: 'at' };
      for (let i = 0; i < 20; i++) deep = { access_token: 'at', inner: deep };
      await assert.rejects(tokens.save(deep), { code: 'token_invalid', param: 'token', message: 'A token is a small JSON object: this one is too deep or too big to keep in a secret.' });
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
      assert.equal(error.message, 'This secret does not hold a token the helper saved: clear() it, or save() a token over it.');
      for (const payload of ['{"refresh_token":"rt_secret_value"}', 'null', '"at_secret_value"', '5', '["at_secret_value"]', '{"access_token":5}']) {
        await secrets.create({ name: 'oauth', payload, scope: 'user' });
        await assert.rejects(tokenStore({ secrets, name: 'oauth' }).get(), { code: 'token_unreadable' }, payload);
      }
    });

    test('options are checked at once, read as own properties; the store applies the scope rule', async () => {
      const secrets = store();
      // A function carrying the options is refused, as the store's own methods refuse one.
      const optionsInAFunction = Object.defineProperties(function () {}, { secrets: { value: secrets }, name: { value: 'oauth' } });
      const bad = [
        [undefined, 'secrets'],
        [null, 'secrets'],
        [optionsInAFunction, 'secrets'],
        [{ name: 'oauth' }, 'secrets'],
        [{ secrets: {}, name: 'oauth' }, 'secrets'],
        [{ secrets: null, name: 'oauth' }, 'secrets'],
        [{ secrets: { ...memoryStore(), find: undefined }, name: 'oauth' }, 'secrets'],
        [{ secrets: { ...memoryStore(), create: undefined }, name: 'oauth' }, 'secrets'],
        [{ secrets: { ...memoryStore(), deleteWhere: undefined }, name: 'oauth' }, 'secrets'],
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
      // Each message says what the option is.
      const says = {
        secrets: /^secrets is the SecretStore that keeps the token\.$/,
        name: /^name is the name of the secret that keeps the token\.$/,
        refresh: /^refresh, where given, is a function: \(current\) => the provider's answer to a refresh\.$/,
        margin: /^margin is a number of seconds, 0 or more\.$/,
        scope: /^scope is 'user' \(the store's own user, the default\), 'account', \{ type: 'user', user \} or \{ type: 'account' \}\.$/,
      };
      for (const [options, param] of bad) {
        assert.throws(
          () => tokenStore(options),
          (error) => error instanceof StripeInvalidRequestError && error.param === param && error.code === 'parameter_invalid' && says[param].test(error.message),
          param,
        );
      }
      assert.equal(tokenStore({ secrets, name: 'oauth', margin: 0 }).name, 'oauth', 'a margin of 0 is one');
      for (const scope of ['account', { type: 'account' }]) {
        const account = tokenStore({ secrets, name: 'shared', scope });
        assert.deepEqual(account.scope, { type: 'account' });
        await account.save({ access_token: 'at_1' });
        assert.deepEqual((await secrets.find({ name: 'shared', scope: 'account' })).scope, { type: 'account' });
        await account.clear();
      }
      const explicit = tokenStore({ secrets, name: 'oauth', scope: { type: 'user', user: USER } });
      assert.deepEqual(explicit.scope, { type: 'user', user: USER });
      await explicit.save({ access_token: 'at_2' });
      assert.equal((await explicit.get()).access_token, 'at_2');
      await emulator.reset();
      const someoneElse = tokenStore({ secrets, name: 'oauth', scope: { type: 'user', user: 'usr_other' } });
      await assert.rejects(someoneElse.get(), (error) => error instanceof StripeScopeError);
      await assert.rejects(tokenStore({ secrets: new SecretStore({ apiKey: 'sk_test_tokens', baseUrl: emulator.url }), name: 'oauth' }).get(), StripeScopeError);
      assert.deepEqual(await emulator.requests(), [], 'refused before anything was sent');
      await assert.rejects(tokenStore({ secrets, name: 'oauth' }).withToken('nope'), {
        code: 'parameter_invalid',
        param: 'request',
        message: 'withToken takes a function: (token) => the call to the service.',
      });
    });

    test('a read or a removal the store refuses rejects: only a missing secret is no token', async () => {
      const tokens = helper({ name: 'n'.repeat(5001) });
      await assert.rejects(tokens.get(), { type: 'StripeInvalidRequestError', param: 'name' });
      await assert.rejects(tokens.clear(), { type: 'StripeInvalidRequestError', param: 'name' });
      assert.deepEqual(await emulator.requests(), []);
    });

    test("withToken: the status is an answer's own or its class's; odd answers are handed back", async () => {
      const tokens = helper();
      await tokens.save(await signIn());
      /** `withToken` over a request that answers `answer` first, then a plain 200; how many calls and refreshes it made. */
      const run = async (answer) => {
        let calls = 0;
        const last = await tokens.withToken(async () => (++calls === 1 ? answer : { status: 200 }));
        return { calls, last };
      };
      const odd = [null, undefined, 'text', 401, Object.create(null), Object.defineProperty({}, 'status', { set() {} })];
      for (const [index, answer] of odd.entries()) {
        const { calls, last } = await run(answer);
        assert.deepEqual({ calls, same: Object.is(last, answer) }, { calls: 1, same: true }, `answer ${index}`);
      }
      // A chain of `depth` objects above the one that holds `status: 401`.
      const below = (depth) => {
        let answer = { status: 401 };
        for (let i = 0; i < depth; i++) answer = Object.create(answer);
        return answer;
      };
      assert.equal((await run(below(7))).calls, 2, 'read 8 objects deep');
      assert.equal((await run(below(8))).calls, 1, 'not 9');
      // A Proxy whose prototype chain never ends: read up to the bound, then no status.
      const endless = new Proxy({}, { getPrototypeOf: () => endless });
      assert.equal((await run(endless)).calls, 1);
      // A class's getter (as Response.prototype's) is called on the answer itself.
      class Answer {
        #status = 401;
        get status() {
          return this.#status;
        }
      }
      assert.equal((await run(new Answer())).calls, 2);
      assert.equal(provider.counts.refreshes, 2);
      // Object.prototype's `status`: the polluted Object.prototype test below.
    });

    test('a token is kept up to 8 levels deep and 2,000 values, arrays as objects; one more is refused', async () => {
      const tokens = helper();
      const nested = (levels, make) => {
        let value = 1;
        for (let i = 0; i < levels; i++) value = make(value);
        return value;
      };
      for (const make of [(inner) => ({ inner }), (inner) => [inner]]) {
        // The token is level 0: a value 8 levels below it is kept, 9 is refused.
        const deepest = { access_token: 'at', n: nested(7, make) };
        assert.deepEqual((await tokens.save(deepest)).n, deepest.n);
        await assert.rejects(tokens.save({ access_token: 'at', n: nested(8, make) }), { code: 'token_invalid', param: 'token' });
      }
      // The token, access_token, the list and 1,997 items: 2,000 values.
      const list = new Array(1997).fill(0);
      assert.equal((await tokens.save({ access_token: 'a', list })).list.length, 1997);
      await assert.rejects(tokens.save({ access_token: 'a', list: [...list, 0] }), { code: 'token_invalid', param: 'token' });
      const odd = await tokens.save({ access_token: 'a', empty: [], holes: [undefined, () => 1, Infinity], gone: undefined, fn: () => 1 });
      assert.deepEqual({ empty: odd.empty, holes: odd.holes, keys: Object.keys(odd) }, { empty: [], holes: [null, null, null], keys: ['access_token', 'empty', 'holes'] });
    });

    test('lifetimes: a given expires_at wins over expires_in; undefined is no lifetime; a token at its end is expired', async () => {
      const tokens = helper();
      const at = now() + 7200;
      assert.equal((await tokens.save({ access_token: 'a', expires_in: 60, expires_at: at })).expires_at, at);
      const withoutLifetimes = await tokens.save({ access_token: 'a', expires_in: undefined, refresh_token_expires_in: undefined });
      assert.deepEqual(Object.keys(withoutLifetimes), ['access_token']);
      await assert.rejects(tokens.save({ access_token: 'a', expires_in: 0 }), {
        code: 'token_expired',
        param: 'expires_at',
        message: 'This token has expired already and cannot be refreshed: sign the user in again.',
      });
      await assert.rejects(tokens.save({ access_token: 'a', refresh_token: 'rt', refresh_token_expires_in: 0 }), { code: 'token_expired', param: 'refresh_token_expires_at' });
      // At most 100 years ahead, less a day, as Stripe allows.
      const before = now();
      await tokens.save({ access_token: 'at_long', expires_in: 200 * 365 * 24 * 3600 });
      const longest = 100 * 365 * 24 * 3600 - 24 * 3600;
      const { expires_at: until } = await held();
      assert.ok(until >= before + longest && until <= now() + longest, String(until - before));
    });

    test('a refresh: its own refresh token lifetime wins over the kept one; without any refresh token the secret ends with the access token', async () => {
      let answer;
      const tokens = helper({ refresh: async () => answer, margin: 0 });
      await tokens.save({ access_token: 'at_1', refresh_token: 'rt_1', refresh_token_expires_in: 9000, expires_in: 60 });
      answer = { access_token: 'at_2', refresh_token_expires_in: 7200, expires_in: 60 };
      const before = now();
      const second = await tokens.refresh();
      assert.equal(second.refresh_token, 'rt_1');
      assert.ok(second.refresh_token_expires_at >= before + 7200 && second.refresh_token_expires_at <= now() + 7200, "the answer's lifetime, not the kept one's");
      await tokens.save({ access_token: 'at_3', expires_in: 60 });
      answer = { access_token: 'at_4', expires_in: 600 };
      const fourth = await tokens.refresh();
      assert.deepEqual(Object.keys(fourth), ['access_token', 'expires_at']);
      assert.equal((await held()).expires_at, fourth.expires_at);
    });

    test('due at the margin itself: a token whose end is exactly margin seconds away is refreshed', async () => {
      let refreshes = 0;
      const tokens = helper({ refresh: async () => ({ access_token: `at_${++refreshes}`, expires_in: 3600 }), margin: 60 });
      await tokens.save({ access_token: 'at_0', refresh_token: 'rt', expires_at: now() + 60 });
      assert.equal((await tokens.get()).access_token, 'at_1');
    });

    test('helpers of two users, or two names, holding the same token each refresh their own', async () => {
      let refreshes = 0;
      const refresh = async (current) => ({ access_token: `${current.access_token}+${++refreshes}`, expires_in: 3600 });
      const token = { access_token: 'at_same', refresh_token: 'rt_same', expires_at: now() + 5 };
      const mine = tokenStore({ secrets: store(), name: 'oauth', refresh });
      const theirs = tokenStore({ secrets: store('usr_other'), name: 'oauth', refresh });
      const other = tokenStore({ secrets: store(), name: 'oauth_2', refresh });
      for (const tokens of [mine, theirs, other]) await tokens.save(token);
      const got = await Promise.all([mine.get(), theirs.get(), other.get()]);
      assert.equal(refreshes, 3);
      assert.equal(new Set(got.map((t) => t.access_token)).size, 3);
    });

    test('a failed refresh is forgiven when another frame saves within a second of it', async () => {
      const tokens = helper({
        margin: 3600 * 2,
        refresh: async () => {
          // Another frame's save lands 400 ms after this frame's refusal: after the second look.
          setTimeout(() => otherFrame({ secrets: store() }).save({ access_token: 'at_theirs', refresh_token: 'rt_theirs', expires_in: 3600 }), 400);
          throw new Error('refused');
        },
      });
      await tokens.save({ access_token: 'at_1', refresh_token: 'rt_1', expires_in: 3600 });
      assert.equal((await tokens.get()).access_token, 'at_theirs');
    });

    test('withToken after a 401: a token another frame saved meanwhile is used unrefreshed; a secret deleted meanwhile rejects', async () => {
      let refreshes = 0;
      const tokens = helper({ refresh: async () => ({ access_token: `at_r${++refreshes}`, expires_in: 3600 }) });
      await tokens.save({ access_token: 'at_1', refresh_token: 'rt_1', expires_in: 3600 });
      const seen = [];
      const answer = await tokens.withToken(async (token) => {
        seen.push(token.access_token);
        if (seen.length > 1) return { status: 200 };
        await otherFrame().save({ access_token: 'at_theirs', expires_in: 3600 });
        return { status: 401 };
      });
      assert.deepEqual({ status: answer.status, seen, refreshes }, { status: 200, seen: ['at_1', 'at_theirs'], refreshes: 0 });
      const error = await tokens
        .withToken(async () => {
          await otherFrame().clear();
          return { status: 401 };
        })
        .catch((e) => e);
      assert.deepEqual({ code: error.code, param: error.param, message: error.message, refreshes }, {
        code: 'resource_missing',
        param: 'name',
        message: "No token is saved in the secret 'oauth': sign the user in first.",
        refreshes: 0,
      });
      await assert.rejects(tokens.withToken(async () => ({ status: 200 })), { code: 'resource_missing', message: "No token is saved in the secret 'oauth': sign the user in first." });
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
      const secrets = memoryStore();
      const { kept } = secrets;
      let refreshes = 0;
      const tokens = tokenStore({ secrets, name: 'oauth', refresh: async (current) => ({ access_token: `${current.access_token}+${++refreshes}`, expires_in: 3600 }) });
      try {
        for (const [key, value] of Object.entries(polluted)) Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
        const saved = await tokens.save({ access_token: 'at_1', expires_in: 3600 });
        assert.equal(Object.hasOwn(saved, 'refresh_token'), false);
        assert.deepEqual(JSON.parse(kept.get('oauth')), { access_token: 'at_1', expires_at: saved.expires_at });
        assert.equal((await tokens.get()).access_token, 'at_1', 'not due: the polluted margin was not read');
        let calls = 0;
        assert.equal((await tokens.withToken(async () => ({ ok: true, call: ++calls }))).call, 1, "no own status: not a 401 (Object.prototype's status is no answer's)");
        assert.equal(refreshes, 0);
        assert.deepEqual(tokens.scope, { type: 'user', user: USER });
      } finally {
        for (const key of Object.keys(polluted)) delete Object.prototype[key];
      }
      assert.equal(provider.counts.refreshes, 0);
    });
  });
}

// The helper over a store in memory: what it does with a store's answers
// depends on no engine, so these run once; at once, each over a secret of
// its own (they wait out the helper's looks after a failed refresh).
describe('over a store in memory', { concurrency: true }, () => {
  test('a failed refresh: rejects with its error when the secret stays; resolves null when signed out meanwhile; a later call tries again', async () => {
    const secrets = memoryStore();
    let mode = 'fail';
    const tokens = tokenStore({
      secrets,
      name: 'oauth',
      margin: 3600 * 2,
      refresh: async () => {
        if (mode === 'sign out') secrets.kept.delete('oauth');
        if (mode === 'offline') secrets.failReads = true;
        if (mode !== 'work') throw new Error(`refused (${mode})`);
        return { access_token: 'at_2', expires_in: 3600 };
      },
    });
    await tokens.save({ access_token: 'at_1', refresh_token: 'rt_1', expires_in: 3600 });
    await assert.rejects(tokens.get(), /refused \(fail\)/);
    mode = 'work';
    assert.equal((await tokens.get()).access_token, 'at_2', 'the failure was not kept for the next caller');
    await tokens.save({ access_token: 'at_1', refresh_token: 'rt_1', expires_in: 3600 });
    mode = 'offline';
    await assert.rejects(tokens.get(), /refused \(offline\)/, 'reads that fail after it: the refresh error, not theirs');
    secrets.failReads = false;
    mode = 'sign out';
    assert.equal(await tokens.get(), null);
  });

  test("a failed refresh leaves another refresh of this secret in place: a caller holding that token shares it", async () => {
    const secrets = memoryStore();
    const calls = [];
    const tokens = tokenStore({
      secrets,
      name: 'oauth_in_flight',
      margin: 3600 * 2,
      refresh: (current) =>
        new Promise((resolve, reject) => {
          calls.push({ from: current.access_token, resolve, reject });
        }),
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
    await tokens.save({ access_token: 'at_1', refresh_token: 'rt_1', expires_in: 3600 });
    const first = tokens.get().catch((error) => error);
    while (calls.length < 1) await settle();
    await tokens.save({ access_token: 'at_2', refresh_token: 'rt_2', expires_in: 3600 });
    const second = tokens.get();
    while (calls.length < 2) await settle();
    // The first refresh fails while no read can see the secret: it is not forgiven.
    secrets.failReads = true;
    calls[0].reject(new Error('refused'));
    assert.match(String(await first), /refused/);
    secrets.failReads = false;
    // A third caller reads at_2 and joins the refresh of at_2 still in flight.
    const third = tokens.get();
    await settle();
    calls[1].resolve({ access_token: 'at_3', expires_in: 3600 });
    assert.deepEqual([(await second).access_token, (await third).access_token], ['at_3', 'at_3']);
    assert.deepEqual(calls.map((call) => call.from), ['at_1', 'at_2']);
  });
});

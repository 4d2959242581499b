// A Stripe App as its author has it (tests/stripe-app/: the CLI template's
// layout, a view whose secret handling imports `stripe-apps-secrets` (the
// bare import) as the README says, the template's jest and tsconfig), with this package
// installed from `npm pack` of pkg/:
//
// - type-checked with the template's tsconfig (`moduleResolution: "node"`);
// - unit-tested with the template's jest config, unchanged, on both engines,
//   the SDK's `stripeApiFetch` mocked with `stripe-apps-secrets/testing`;
// - bundled as the Stripe CLI bundles (cli-build.mjs), then run in Chromium
//   inside a sandboxed iframe (`allow-scripts` only, an opaque origin) served
//   with the Dashboard's nonce policy, with and without 'wasm-unsafe-eval',
//   the SDK's real `stripeApiFetch` over both of its transports. Only the
//   Dashboard is faked: its RPC over a MessagePort (dashboard/), and the
//   network, where https://api.stripe.com leads to the Secret Store emulator.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { launchChromium } from '../support/browser.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { challengeOf, startFakeOAuth } from '../support/fake-oauth.mjs';
import { installPacked } from '../consumers/support/project.mjs';
import { appDir, buildLikeStripeCli } from './cli-build.mjs';
import { openExtension, serveDashboard } from './dashboard/harness.mjs';

const run = promisify(execFile);
const USER = 'usr_StripeApp';
let emulator;
let browser;
let dashboard;
let service;

before(async () => {
  installPacked(appDir);
  emulator = await startEmulator();
  service = await startFakeOAuth({ refreshSeconds: 30 * 24 * 3600 });
  // One at a time: each build writes the CLI's .build/manifest.js.
  const builds = {
    // The default: both engines; `stripe apps upload` minifies.
    both: { minify: true, outName: 'both.min.js', testHooks: true },
    // `stripe apps start`: unminified, process.env.NODE_ENV "development".
    'both-dev': { outName: 'both.js', testHooks: true },
    'wasm-only': {
      minify: true,
      outName: 'wasm-only.min.js',
      testHooks: true,
      alias: { 'stripe-apps-secrets': 'stripe-apps-secrets/inline-wasm' },
    },
    'js-only': {
      minify: true,
      outName: 'js-only.min.js',
      testHooks: true,
      alias: { 'stripe-apps-secrets': 'stripe-apps-secrets/inline-js' },
    },
  };
  const bundles = {};
  for (const [name, options] of Object.entries(builds)) bundles[name] = readFileSync((await buildLikeStripeCli(options)).outfile);
  dashboard = await serveDashboard(bundles);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await dashboard?.close();
  await service?.close();
  await emulator?.stop();
});

/** Runs `check` on the extension opened with `options` (see dashboard/harness.mjs), then closes its page. */
async function inExtension(options, check) {
  const { page, frame, messages } = await openExtension(browser, {
    origin: dashboard.origin,
    emulatorUrl: emulator.url,
    userId: USER,
    ...options,
  });
  try {
    await check({ frame, messages });
  } finally {
    await page.close();
  }
}

/** Every operation through the app's own secret handling, as the view runs it. */
const SCENARIO = async ({ token }) => {
  const hooks = __StripeExtExports.testHooks;
  const secrets = hooks.secretsFor('usr_StripeApp');
  const result = { engine: hooks.engine() };
  result.missing = await hooks.loadToken(secrets);
  await hooks.saveToken(secrets, token);
  result.loaded = await hooks.loadToken(secrets);
  for (const name of ['shared_a', 'shared_b', 'shared_c']) await secrets.create({ name, payload: name, scope: 'account' });
  const page = await secrets.list({ scope: 'account', limit: 2 });
  result.firstPage = { object: page.object, count: page.data.length, has_more: page.has_more };
  result.shared = (await hooks.sharedSecretNames(secrets)).sort();
  await hooks.forgetToken(secrets);
  result.forgotten = await hooks.loadToken(secrets);
  return result;
};

/** Another user's scope, through the same store: must be refused with nothing sent. */
const REFUSAL = async () => {
  const hooks = __StripeExtExports.testHooks;
  const secrets = hooks.secretsFor('usr_StripeApp');
  return secrets.find({ name: 'api_token', scope: { type: 'user', user: 'usr_someone_else' } }).then(
    () => 'resolved',
    (error) => ({ scope: error instanceof hooks.StripeScopeError, type: error.type, code: error.code, param: error.param }),
  );
};

const TOKEN = 'tok_ünïcødé &=+%\n\u0000 🔑';
/** What the frame's policy refused (tests/stripe-app/dashboard/violations.js). */
const violations = (frame) => frame.evaluate(() => globalThis.__cspViolations);
const WASM_REFUSED = { directive: 'script-src', blocked: 'wasm-eval' };
/**
 * Console errors, less the two lookups of a token not saved yet, which the
 * scenario makes on purpose (Chromium logs a 404 for each).
 */
const errors = (messages) =>
  messages.filter((m) => (m.type === 'error' || m.type === 'pageerror') && !/status of 404/.test(m.text));

async function runEverything(frame) {
  await emulator.reset();
  const result = await frame.evaluate(SCENARIO, { token: TOKEN });
  const sent = (await emulator.requests()).length;
  const refusal = await frame.evaluate(REFUSAL);
  assert.equal((await emulator.requests()).length, sent, 'the refusal sent nothing');
  return { result, refusal };
}

function assertEverything({ result, refusal }, engine) {
  assert.deepEqual(result, {
    engine,
    missing: null,
    loaded: TOKEN,
    firstPage: { object: 'list', count: 2, has_more: true },
    shared: ['shared_a', 'shared_b', 'shared_c'],
    forgotten: null,
  });
  assert.deepEqual(refusal, { scope: true, type: 'StripeScopeError', code: 'scope_not_allowed', param: 'scope[user]' });
}

describe('in the Dashboard\'s sandboxed frame, the default single-file entry (both engines)', () => {
  for (const transport of ['host', 'frame']) {
    test(`strict policy (no 'wasm-unsafe-eval'), ${transport} transport: the JS engine runs everything`, async () => {
      await inExtension({ bundle: 'both', policy: 'strict', transport }, async ({ frame, messages }) => {
        assertEverything(await runEverything(frame), 'js');
        // The run-time probe is the only thing the policy refused, and nothing went wrong.
        assert.deepEqual(await violations(frame), [WASM_REFUSED]);
        assert.deepEqual(errors(messages), []);
        assert.deepEqual(messages.filter((m) => m.text.includes('stripe-apps-secrets')), [], 'a production build gives no hint');
      });
    });

    test(`policy with 'wasm-unsafe-eval', ${transport} transport: the wasm runs everything`, async () => {
      await inExtension({ bundle: 'both', policy: 'wasm', transport }, async ({ frame, messages }) => {
        assertEverything(await runEverything(frame), 'wasm');
        assert.deepEqual(await violations(frame), []);
        assert.deepEqual(errors(messages), []);
      });
    });
  }

  test('a development build names the engine that ran and what the other costs, once', async () => {
    for (const [policy, engine, unused] of [
      ['wasm', 'wasm', /The JS engine in this bundle \(\d+ KB gzip\).*inline-wasm/],
      ['strict', 'JS', /The wasm in this bundle \(\d+ KB gzip\).*inline-js/],
    ]) {
      await inExtension({ bundle: 'both-dev', policy, transport: 'host' }, async ({ frame, messages }) => {
        assertEverything(await runEverything(frame), engine.toLowerCase());
        const hints = messages.filter((m) => m.text.startsWith('stripe-apps-secrets:'));
        assert.equal(hints.length, 1, JSON.stringify(messages));
        assert.equal(hints[0].type, 'info');
        assert.match(hints[0].text, new RegExp(`running on the ${engine} engine`));
        assert.match(hints[0].text, unused);
      });
    }
  });
});

describe('in the sandboxed frame, the OAuth view\'s token handling (stripe-apps-secrets/tokens)', () => {
  const SERVICES = { 'https://oauth.example.test': undefined };
  const VERIFIER = 'verifier_of_the_e2e_sign_in_0123456789abcdefghijk';
  /** Console errors, less the answers the scenario provokes: a missing secret (404), an ended access token (401). */
  const unexpected = (messages) => errors(messages).filter((m) => !/status of 401/.test(m.text));
  /** The create requests' scope and expiry, as the emulator logged them. */
  const creates = async () =>
    (await emulator.requests())
      .filter((r) => r.method === 'POST' && r.path === '/v1/apps/secrets')
      .map((r) => Object.fromEntries(r.params.filter(([k]) => k.startsWith('scope') || k === 'expires_at' || k === 'name')));

  for (const policy of ['strict', 'wasm']) {
    for (const transport of ['host', 'frame']) {
      test(`${policy} policy, ${transport} transport: sign in, refresh on next use, one refresh for two calls, sign out; another user sees nothing`, async () => {
        await emulator.reset();
        service.reset();
        SERVICES['https://oauth.example.test'] = service.url;
        await inExtension({ bundle: 'both', policy, transport, services: SERVICES }, async ({ frame, messages }) => {
          const step = (name, args) =>
            frame.evaluate(
              async ([name, args]) => {
                const hooks = __StripeExtExports.testHooks;
                const tokens = hooks.tokensFor('usr_StripeApp');
                const refreshToken = async () => (await tokens.get())?.refresh_token ?? null;
                if (name === 'signIn') {
                  const before = await tokens.get();
                  await tokens.save(await hooks.exchangeCode(args.code, args.verifier));
                  return { before, user: await hooks.serviceUser(tokens), refreshToken: await refreshToken() };
                }
                if (name === 'call') return { user: await hooks.serviceUser(tokens), refreshToken: await refreshToken() };
                if (name === 'twoCalls') {
                  const users = await Promise.all([hooks.serviceUser(tokens), hooks.serviceUser(hooks.tokensFor('usr_StripeApp'))]);
                  return { users, refreshToken: await refreshToken() };
                }
                if (name === 'shortTokens') return (await tokens.refresh()).expires_at - Math.floor(Date.now() / 1000);
                if (name === 'signOut') {
                  await tokens.clear();
                  const after = await tokens.get();
                  const call = await hooks.serviceUser(tokens).then(
                    () => 'called',
                    (error) => ({ type: error.type, code: error.code }),
                  );
                  return { after, call };
                }
                throw new Error(`no step ${name}`);
              },
              [name, args],
            );

          // Sign in: the code (bound to the PKCE verifier) exchanged, the token kept in this user's scope.
          const signedIn = await step('signIn', { code: service.authorize('usr_StripeApp', challengeOf(VERIFIER)), verifier: VERIFIER });
          assert.deepEqual(signedIn, { before: null, user: 'usr_StripeApp', refreshToken: service.liveRefreshTokens()[0] });
          const [created] = await creates();
          assert.deepEqual({ ...created, expires_at: undefined }, { name: 'service_oauth', 'scope[type]': 'user', 'scope[user]': 'usr_StripeApp', expires_at: undefined });
          assert.ok(Number(created.expires_at) > Date.now() / 1000 + 29 * 24 * 3600, "the secret ends with the refresh token's lifetime");
          assert.deepEqual({ ...service.counts }, { exchanges: 1, refreshes: 0, refused: 0, calls: 1, unauthorized: 0 });

          // The access token ends at the service: the next use meets a 401, refreshes once, calls again;
          // the rotated refresh token is the one saved.
          service.expireAccessTokens();
          const afterExpiry = await step('call');
          assert.equal(afterExpiry.user, 'usr_StripeApp');
          assert.deepEqual(service.liveRefreshTokens(), [afterExpiry.refreshToken]);
          assert.notEqual(afterExpiry.refreshToken, signedIn.refreshToken);
          assert.deepEqual({ ...service.counts }, { exchanges: 1, refreshes: 1, refused: 0, calls: 3, unauthorized: 1 });

          // An access token that ends within the margin: refreshed before use, once for two calls at once.
          service.settings.accessSeconds = 62;
          assert.ok((await step('shortTokens')) <= 62);
          await new Promise((resolve) => setTimeout(resolve, 2100));
          const two = await step('twoCalls');
          assert.deepEqual(two.users, ['usr_StripeApp', 'usr_StripeApp']);
          assert.deepEqual(service.liveRefreshTokens(), [two.refreshToken]);
          assert.deepEqual({ ...service.counts }, { exchanges: 1, refreshes: 3, refused: 0, calls: 5, unauthorized: 1 });

          // Another Dashboard user's view sees nothing of it.
          await inExtension({ bundle: 'both', policy, transport, userId: 'usr_SomeoneElse', services: SERVICES }, async (other) => {
            const theirs = await other.frame.evaluate(() => __StripeExtExports.testHooks.tokensFor('usr_SomeoneElse').get());
            assert.equal(theirs, null);
            assert.deepEqual(unexpected(other.messages), []);
          });

          // Sign out: the secret is deleted; a call then says to sign in.
          assert.deepEqual(await step('signOut'), { after: null, call: { type: 'StripeInvalidRequestError', code: 'resource_missing' } });
          const deletes = (await emulator.requests()).filter((r) => r.path.startsWith('/v1/apps/secrets/delete'));
          assert.equal(deletes.length, 1);
          assert.deepEqual(unexpected(messages), []);
          assert.deepEqual(await violations(frame), policy === 'strict' ? [WASM_REFUSED] : []);
        });
      });
    }
  }
});

describe('in the sandboxed frame, the one-engine variants', () => {
  test('the wasm-only entry fails under the strict policy, says why and which entry to use, and sends nothing', async () => {
    await inExtension({ bundle: 'wasm-only', policy: 'strict', transport: 'host' }, async ({ frame, messages }) => {
      await emulator.reset();
      const outcome = await frame.evaluate(() => {
        const hooks = __StripeExtExports.testHooks;
        try {
          hooks.secretsFor('usr_StripeApp');
          return 'built';
        } catch (error) {
          return { type: error.type, code: error.code, message: error.message, engine: hooks.engine() ?? null };
        }
      });
      assert.match(outcome.message, /'wasm-unsafe-eval'.*import 'stripe-apps-secrets'/);
      assert.doesNotMatch(outcome.message, /await init\(\)/);
      assert.deepEqual({ ...outcome, message: undefined }, { type: 'StripeInvalidRequestError', code: 'wasm_unavailable', message: undefined, engine: null });
      assert.deepEqual(await violations(frame), [WASM_REFUSED]);
      assert.deepEqual(errors(messages), []);
      assert.deepEqual(await emulator.requests(), []);
    });
  });

  test("the wasm-only entry runs everything where 'wasm-unsafe-eval' is allowed", async () => {
    await inExtension({ bundle: 'wasm-only', policy: 'wasm', transport: 'host' }, async ({ frame, messages }) => {
      assertEverything(await runEverything(frame), 'wasm');
      assert.deepEqual(await violations(frame), []);
      assert.deepEqual(errors(messages), []);
    });
  });

  test('the JS-only entry runs everything under the strict policy and compiles no WebAssembly (no refusal reported)', async () => {
    await inExtension({ bundle: 'js-only', policy: 'strict', transport: 'frame' }, async ({ frame, messages }) => {
      assertEverything(await runEverything(frame), 'js');
      assert.deepEqual(await violations(frame), [], 'no WebAssembly compile was tried');
      assert.deepEqual(errors(messages), []);
    });
  });
});

describe("the app's own tools", () => {
  test("the template's tsconfig type-checks the app (moduleResolution node, subpath types)", async () => {
    await run(join(appDir, 'node_modules/.bin/tsc'), ['--noEmit', '-p', appDir], { cwd: appDir });
  });

  for (const [engine, flags] of [
    ['wasm', []],
    // A test realm that loses WebAssembly once the in-process Secret Store
    // has started: the single-file entry runs the JS engine.
    ['js', ['--setupFilesAfterEnv', './test/withoutWebAssembly.ts']],
  ]) {
    test(`the template's jest config, unchanged, runs the view's unit test (${engine} engine)`, async () => {
      const { stdout, stderr } = await run(join(appDir, 'node_modules/.bin/jest'), ['--ci', '--runInBand', ...flags], {
        cwd: appDir,
        env: { ...process.env, EXPECT_ENGINE: engine },
        timeout: 240_000,
      });
      assert.match(stderr + stdout, /Tests:\s+12 passed, 12 total/);
    });
  }
});

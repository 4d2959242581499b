// Issue 31's cases in Chromium, each in a fresh page (its own realm), on
// both engines, through the entries a browser loads: the bare import
// (`inline.js`, where the wasm compiles), `inline-js.js`, and the bundler
// entry with init({ engine }).
//
// - Pollution before the import: an enumerable property, and one named as
//   a descriptor's fields (data and accessor), on Object.prototype before
//   the package is imported; getters for `then` and `toJSON` too. The
//   package loads, every call works against the emulator, and no getter
//   sees a result.
// - A Proxy of a real AbortSignal passes `instanceof AbortSignal`, and
//   reading `aborted` through it throws in Chromium (Node's getter reads
//   through it): the call rejects typed with `param: 'signal'`, nothing is
//   sent, and later calls work.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { launchChromium, openPage } from '../support/browser.mjs';
import { startEmulator } from '../support/emulator.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const ENTRIES = {
  'inline.js (the bare import)': { path: '/pkg/inline.js', engine: 'wasm' },
  'inline-js.js': { path: '/pkg/inline-js.js', engine: 'js' },
  'the bundler entry, wasm': { path: '/pkg/stripe_apps_secrets.js', engine: 'wasm', init: true },
  'the bundler entry, js': { path: '/pkg/stripe_apps_secrets.js', engine: 'js', init: true },
};

/** What each case plants on Object.prototype before the import (page source, run in the page). */
const POLLUTIONS = {
  'nothing': '',
  'an enumerable isAdmin': 'Object.prototype.isAdmin = true;',
  'a get (data)': 'Object.prototype.get = function () { return 1; };',
  'a value (data)': 'Object.prototype.value = true;',
  'an enumerable (data)': 'Object.prototype.enumerable = true;',
  'a set (accessor)': "Object.defineProperty(Object.prototype, 'set', { get() { return () => {}; }, configurable: true });",
  'then and toJSON getters': "for (const name of ['then', 'toJSON']) Object.defineProperty(Object.prototype, name, { get() { (globalThis.seen ??= []).push(this); return undefined; }, configurable: true });",
};

let browser;
let emulator;
before(async () => {
  browser = await launchChromium();
  emulator = await startEmulator(['--www', here('./variants-page'), '--pkg', here('../../pkg')]);
});
after(async () => {
  await browser?.close();
  await emulator?.stop();
});

/** Runs `body` (a function of `config`) in a fresh page; resolves with its answer and the page's errors. */
async function inPage(body, config) {
  const errors = [];
  const page = await openPage(browser, errors);
  try {
    await page.goto(`${emulator.url}/index.html`);
    const result = await page.evaluate(body, config);
    return { result, errors };
  } finally {
    await page.close();
  }
}

/** The page's part: pollute, import, run every call, report. */
async function pollutedRun(config) {
  // eslint-disable-next-line no-new-func
  new Function(config.pollution)();
  const lib = await import(config.path);
  if (config.init) await lib.default({ engine: config.engine });
  const store = new lib.SecretStore({ userId: 'usr_variant', apiKey: 'sk_test_variant', baseUrl: location.origin, maxNetworkRetries: 0 });
  const results = [];
  const keep = (value) => (results.push(value), value);
  const created = keep(await store.create({ name: 'n', payload: 'variant payload', scope: 'user' }));
  const found = keep(await store.find({ name: 'n', scope: 'user', expand: ['payload'] }));
  const page = keep(await store.list({ scope: 'user' }));
  keep(page.data);
  const walked = [];
  for await (const secret of store.listAll({ scope: 'user' })) walked.push(keep(secret).name);
  const deleted = keep(await store.deleteWhere({ name: 'n', scope: 'user' }));
  const seen = globalThis.seen ?? [];
  return {
    engine: lib.engine(),
    created: created.name,
    found: found.payload,
    listed: page.data.length,
    walked,
    deleted: deleted.deleted,
    resultsSeen: seen.filter((o) => results.includes(o)).length,
  };
}

describe('pollution before the import, in Chromium', () => {
  for (const [entry, { path, engine, init }] of Object.entries(ENTRIES)) {
    for (const [what, pollution] of Object.entries(POLLUTIONS)) {
      test(`${entry}: ${what} on Object.prototype before the import`, async () => {
        await emulator.reset();
        const { result, errors } = await inPage(pollutedRun, { path, engine, init, pollution });
        assert.deepEqual(errors, []);
        assert.deepEqual(result, { engine, created: 'n', found: 'variant payload', listed: 1, walked: ['n'], deleted: true, resultsSeen: 0 });
        assert.equal((await emulator.requests()).length, 5, 'create, find, list, the walk, delete');
      });
    }
  }
});

/** The page's part: a Proxy of a real signal. */
async function proxySignal(config) {
  const lib = await import(config.path);
  if (config.init) await lib.default({ engine: config.engine });
  const store = new lib.SecretStore({ apiKey: 'sk_test_variant', baseUrl: location.origin, maxNetworkRetries: 0 });
  const signal = new Proxy(new AbortController().signal, {});
  let readable;
  try {
    readable = typeof signal.aborted;
  } catch (error) {
    readable = `throws ${error.name}`;
  }
  const settle = (promise) => promise.then((value) => ({ resolved: value?.object }), (e) => ({ type: e.type, param: e.param, stripe: e instanceof lib.StripeError }));
  return {
    engine: lib.engine(),
    isSignal: signal instanceof AbortSignal,
    readable,
    find: await settle(store.find({ name: 'n', scope: 'account' }, { signal })),
    list: await settle(store.list({ scope: 'account' }, { signal })),
    walk: await settle(store.listAll({ scope: 'account' }, { signal }).next()),
    later: await settle(store.list({ scope: 'account' })),
  };
}

describe('a Proxy of a real AbortSignal, in Chromium', () => {
  for (const [entry, { path, engine, init }] of Object.entries(ENTRIES)) {
    test(`${entry}: refused typed before sending, and the module goes on`, async () => {
      await emulator.reset();
      const { result, errors } = await inPage(proxySignal, { path, engine, init });
      assert.deepEqual(errors, []);
      const refused = { type: 'StripeInvalidRequestError', param: 'signal', stripe: true };
      assert.deepEqual(result, { engine, isSignal: true, readable: 'throws TypeError', find: refused, list: refused, walk: refused, later: { resolved: 'list' } });
      assert.equal((await emulator.requests()).length, 1, 'only the later call was sent');
    });
  }
});

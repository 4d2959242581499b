// One engine per module, whatever the order of init calls, and no pointer
// a polluted realm can hand the glue (issue 23, findings 1 and 3). Each case
// runs in a fresh Node process: the engine is picked once per process, and
// a case pollutes Object.prototype.
//
// - `init({ engine: 'js' })` still loading, then `initSync({ module })`:
//   stores built on the wasm used to be run by the JS engine with their wasm
//   pointers. Now initSync throws a typed `init_in_progress`, and the JS
//   engine alone runs every store; once it runs, initSync does nothing.
// - A second `init()` asking for the other engine while the first loads, or
//   after one started, changes nothing.
// - An accessor for `__wbg_ptr` planted on Object.prototype used to supply
//   the pointer the glue registers for finalization (and a walk's pointer):
//   after a GC, the page's store was freed and its memory reused by another
//   user's store. The accessor is never called now, on stores or walks, and
//   every store keeps its own user and its own fetch through GCs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));

/** Runs `body` (module source) in a fresh process with `lib` imported and nothing started; resolves with `out`. */
function inProcess(body, flags = []) {
  const source = `
    import { readFileSync } from 'node:fs';
    import * as lib from ${JSON.stringify(`${PKG}stripe_apps_secrets.js`)};
    const wasmBytes = readFileSync(${JSON.stringify(`${PKG}stripe_apps_secrets_bg.wasm`)});
    const typed = (e) => ({ stripe: e instanceof lib.StripeError, type: e?.type, code: e?.code });
    const out = {};
    ${body}
    process.stdout.write('RESULT ' + JSON.stringify(out) + '\\n');
  `;
  return new Promise((resolve, reject) => {
    const { NODE_TEST_CONTEXT, ...env } = process.env;
    execFile(process.execPath, [...flags, '--input-type=module', '-e', source], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) return reject(new Error(`no result (${error?.message ?? 'exited'}):\n${stdout}\n${stderr}`));
      resolve(JSON.parse(line.slice('RESULT '.length)));
    });
  });
}

/** A `fetch` option that answers find and list at once, and counts its calls per store. */
const STUB = `
  const answer = (userId, calls) => async (url) => {
    calls.push(new URL(url).pathname);
    const secret = { id: 'appsecret_' + userId, object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'n', payload: 'of ' + userId, scope: { type: 'user', user: userId } };
    const json = url.includes('/find') ? secret : { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [secret] };
    return { status: 200, ok: true, headers: { 'request-id': 'req_1', 'content-type': 'application/json' }, json };
  };
`;

describe('one engine per module', () => {
  test("initSync while init({ engine: 'js' }) loads: typed refusal, and the JS engine runs every store", async () => {
    const out = await inProcess(`
      ${STUB}
      const loading = lib.default({ engine: 'js' });
      try { lib.initSync({ module: wasmBytes }); out.initSync = 'returned'; } catch (e) { out.initSync = { ...typed(e), message: e.message }; }
      await loading;
      // Once the JS engine runs, initSync does nothing.
      try { out.initSyncAfter = lib.initSync({ module: wasmBytes }) ?? 'returned'; } catch (e) { out.initSyncAfter = typed(e); }
      out.engine = lib.engine();
      const calls = [];
      const store = new lib.SecretStore({ userId: 'usr_app', fetch: answer('usr_app', calls) });
      out.userId = store.userId;
      out.found = (await store.find({ name: 'n', scope: 'user', expand: ['payload'] })).payload;
      out.refused = await store.find({ name: 'n', scope: { type: 'user', user: 'usr_other' } }).then(() => 'resolved', typed);
      out.calls = calls;
    `);
    assert.deepEqual(out, {
      initSync: { stripe: true, type: 'StripeInvalidRequestError', code: 'init_in_progress', message: 'init() is still loading an engine: await it instead.' },
      initSyncAfter: 'returned',
      engine: 'js',
      userId: 'usr_app',
      found: 'of usr_app',
      refused: { stripe: true, type: 'StripeScopeError', code: 'scope_not_allowed' },
      calls: ['/v1/apps/secrets/find'],
    });
  });

  test('a second init() asking for the other engine, while the first loads or after, changes nothing', async () => {
    const out = await inProcess(`
      ${STUB}
      const first = lib.default({ module_or_path: wasmBytes });
      const second = lib.default({ engine: 'js' });
      await Promise.all([first, second]);
      out.engine = lib.engine();
      const calls = [];
      const store = new lib.SecretStore({ userId: 'usr_app', fetch: answer('usr_app', calls) });
      await lib.default({ engine: 'js' });
      lib.initSync({ module: wasmBytes });
      out.after = lib.engine();
      out.found = (await store.find({ name: 'n', scope: 'user', expand: ['payload'] })).payload;
    `);
    assert.deepEqual(out, { engine: 'wasm', after: 'wasm', found: 'of usr_app' });
  });
});

describe("init()'s engine option", () => {
  test("anything but 'wasm' or 'js' rejects typed and starts nothing; a later init() picks as asked", async () => {
    const out = await inProcess(`
      ${STUB}
      out.refused = [];
      for (const engine of ['JS', 'wasm2js', '', null, undefined, 1, { toString: () => 'js' }]) {
        out.refused.push(await lib.default({ engine }).then(() => 'resolved', (e) => ({ ...typed(e), message: e.message })));
      }
      out.before = lib.engine() ?? 'none';
      await lib.default({ engine: 'js' });
      out.engine = lib.engine();
      const calls = [];
      out.found = (await new lib.SecretStore({ userId: 'usr_app', fetch: answer('usr_app', calls) }).find({ name: 'n', scope: 'user', expand: ['payload'] })).payload;
    `);
    const refusal = { stripe: true, type: 'StripeInvalidRequestError', code: 'invalid_engine', message: "init(): engine must be 'wasm' or 'js'." };
    assert.deepEqual(out, { refused: Array(7).fill(refusal), before: 'none', engine: 'js', found: 'of usr_app' });
  });

  test("{ engine: 'wasm' } starts the wasm, from the module given with it", async () => {
    const out = await inProcess(`
      ${STUB}
      out.init = await lib.default({ engine: 'wasm', module_or_path: wasmBytes }).then(() => 'resolved', (e) => ({ ...typed(e), message: e.message }));
      out.engine = lib.engine() ?? 'none';
      out.found = (await new lib.SecretStore({ userId: 'usr_app', fetch: answer('usr_app', []) }).find({ name: 'n', scope: 'user', expand: ['payload'] })).payload;
    `);
    assert.deepEqual(out, { init: 'resolved', engine: 'wasm', found: 'of usr_app' });
  });

  test('an engine inherited from Object.prototype picks nothing: the wasm starts from the module given', async () => {
    const out = await inProcess(`
      ${STUB}
      Object.prototype.engine = 'js';
      await lib.default({ module_or_path: wasmBytes });
      delete Object.prototype.engine;
      out.engine = lib.engine();
      out.found = (await new lib.SecretStore({ userId: 'usr_app', fetch: answer('usr_app', []) }).find({ name: 'n', scope: 'user', expand: ['payload'] })).payload;
    `);
    assert.deepEqual(out, { engine: 'wasm', found: 'of usr_app' });
  });
});

describe('a load that fails', () => {
  test('init() rejects (never throws) for what the wasm loader cannot take, starts nothing, and may be tried again', async () => {
    const out = await inProcess(`
      /** 'threw' when the call throws, else how its promise settles. */
      const attempt = async (call) => {
        let promise;
        try { promise = call(); } catch (e) { return 'threw ' + e.name; }
        return promise.then(() => 'resolved', (e) => 'rejected ' + e.name);
      };
      console.warn = () => {}; // wasm-bindgen's note on a deprecated argument
      out.null = await attempt(() => lib.default(null));
      // Options are a plain object's own members: a class instance goes to the loader whole.
      out.instance = await attempt(() => lib.default(new (class Options { engine = 'js'; })()));
      out.before = lib.engine() ?? 'none';
      out.again = await attempt(() => lib.default({ module_or_path: wasmBytes }));
      out.engine = lib.engine();
    `);
    assert.deepEqual(out, { null: 'rejected TypeError', instance: 'rejected TypeError', before: 'none', again: 'resolved', engine: 'wasm' });
  });

  test("a .wasm load that never settles: init() rejects typed at its bound, starts nothing, and init({ engine: 'js' }) runs then; the late .wasm starts nothing", async () => {
    const out = await inProcess(`
      ${STUB}
      // The bound (a minute), run a thousand times faster.
      const realSetTimeout = globalThis.setTimeout;
      globalThis.setTimeout = (callback, ms, ...args) => realSetTimeout(callback, ms / 1000, ...args);
      let arrive;
      const stalled = lib.default({ module_or_path: new Promise((resolve) => { arrive = resolve; }) });
      out.whileLoading = lib.default({ engine: 'js' }) === stalled;
      out.stalled = await stalled.then(() => 'resolved', (e) => ({ ...typed(e), message: e.message }));
      out.before = lib.engine() ?? 'none';
      await lib.default({ engine: 'js' });
      out.engine = lib.engine();
      // The .wasm arrives at last: nothing changes.
      arrive(wasmBytes);
      await new Promise((resolve) => realSetTimeout(resolve, 200));
      out.after = lib.engine();
      out.found = (await new lib.SecretStore({ userId: 'usr_app', fetch: answer('usr_app', []) }).find({ name: 'n', scope: 'user', expand: ['payload'] })).payload;
    `);
    assert.deepEqual(out, {
      whileLoading: true,
      stalled: { stripe: true, type: 'StripeInvalidRequestError', code: 'wasm_load_timeout', message: "The .wasm did not load within 60 s: init() may be called again, or init({ engine: 'js' }) runs without it." },
      before: 'none',
      engine: 'js',
      after: 'js',
      found: 'of usr_app',
    });
  });

  test('initSync throws for bytes that are no wasm, starts nothing, and may be tried again; init() afterwards changes nothing', async () => {
    const out = await inProcess(`
      ${STUB}
      try { lib.initSync({ module: new Uint8Array([1, 2, 3]) }); out.bad = 'returned'; } catch (e) { out.bad = e.name; }
      out.before = lib.engine() ?? 'none';
      lib.initSync({ module: wasmBytes });
      out.later = [await lib.default().then(() => 'resolved', typed), await lib.default({ engine: 'js' }).then(() => 'resolved', typed)];
      out.engine = lib.engine();
      out.found = (await new lib.SecretStore({ userId: 'usr_app', fetch: answer('usr_app', []) }).find({ name: 'n', scope: 'user', expand: ['payload'] })).payload;
    `);
    assert.deepEqual(out, { bad: 'CompileError', before: 'none', later: ['resolved', 'resolved'], engine: 'wasm', found: 'of usr_app' });
  });
});

describe('an accessor for __wbg_ptr on Object.prototype', () => {
  for (const engine of ['wasm', 'js']) {
    test(`is never called, and stores keep their own user and fetch through GCs (${engine} engine)`, async () => {
      const out = await inProcess(
        `
        ${STUB}
        let touched = 0;
        Object.defineProperty(Object.prototype, '__wbg_ptr', { get() { touched++; return 8; }, set() { touched++; }, configurable: true });
        ${engine === 'js' ? "await lib.default({ engine: 'js' });" : 'lib.initSync({ module: wasmBytes });'}
        const appCalls = [];
        const app = new lib.SecretStore({ userId: 'usr_app', fetch: answer('usr_app', appCalls) });
        const names = [];
        for await (const s of app.listAll({ scope: 'user' })) names.push(s.name);
        // Other users' stores come and go; the collector runs between them.
        for (let i = 0; i < 20; i++) {
          const other = new lib.SecretStore({ userId: 'usr_mallory', fetch: answer('usr_mallory', []) });
          for await (const s of other.listAll({ scope: 'user' })) names.push(s.name);
          if (i % 2) other.free();
          globalThis.gc();
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        out.engine = lib.engine();
        out.userId = app.userId;
        out.found = (await app.find({ name: 'n', scope: 'user', expand: ['payload'] })).payload;
        out.appCalls = appCalls.length;
        out.walked = names.length;
        out.touched = touched;
      `,
        ['--expose-gc'],
      );
      assert.deepEqual(out, { engine, userId: 'usr_app', found: 'of usr_app', appCalls: 2, walked: 21, touched: 0 });
    });
  }
});

// The single-file entries (pkg/inline.js, inline-wasm.js, inline-js.js, as
// finish-pkg bundles them from src/js/package/single-file.js) start their
// engine on import, each case in a fresh Node process: which engine runs
// where WebAssembly compiles, where it is missing, where it refuses to
// compile, or where only the embedded .wasm fails; what init() and
// initSync() answer then; that the .wasm is decoded only where it is tried;
// and the development build's one note on the other engine's cost.
// The consumer suites (tests/consumers/) run the same entries packed and bundled.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));
const NO_WEBASSEMBLY = fileURLToPath(new URL('../support/no-webassembly.mjs', import.meta.url));

/** The sizes the note names, in KB as it rounds them. */
const kb = (bytes) => `${Math.round(gzipSync(bytes, { level: 9 }).length / 1024)} KB`;
const kbOf = (file) => kb(readFileSync(PKG + file));
/** What the embedded .wasm adds to a single-file entry: its text, deflated and base64 (src/js/package/embedded-wasm.js), lines joined. */
const embeddedWasmText = () => /[A-Za-z0-9+/]{10000,}={0,2}/.exec(readFileSync(PKG + 'inline-wasm.js', 'latin1').replaceAll('\\\n', ''))[0];

/**
 * Runs `body` (module source) in a fresh process: `before` runs first (it
 * may change the realm), then the entry `entry` is imported as `lib`.
 * Resolves with `out`, which the body fills. `calls` counts what the
 * realm's spies saw: WebAssembly compiles, atob, console notes.
 */
function inProcess(entry, body, { before = '', flags = [], env = {} } = {}) {
  const source = `
    const out = {};
    const calls = { compiles: 0, atob: 0, notes: [] };
    const typed = (e) => ({ stripe: e?.type !== undefined, type: e?.type, code: e?.code, name: e?.name, message: String(e?.message) });
    if (typeof WebAssembly === 'object') {
      const Module = WebAssembly.Module;
      WebAssembly.Module = function (bytes) { calls.compiles++; return new Module(bytes); };
    }
    const realAtob = globalThis.atob;
    globalThis.atob = (text) => { calls.atob++; return realAtob(text); };
    const realInfo = console.info;
    console.info = (...args) => { calls.notes.push(args.join(' ')); };
    ${before}
    const lib = await import(${JSON.stringify(`${PKG}${entry}`)});
    out.engine = lib.engine() ?? 'none';
    /** A fetch option answering find, so a store's call shows the engine works. */
    const fetchStub = async () => ({ status: 200, ok: true, headers: { 'request-id': 'req_1' }, json: { id: 'appsecret_1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'n', payload: 'kept', scope: { type: 'account' } } });
    const works = async () => {
      try {
        const store = new lib.SecretStore({ fetch: fetchStub });
        return (await store.find({ name: 'n', scope: 'account', expand: ['payload'] })).payload;
      } catch (e) {
        return typed(e);
      }
    };
    ${body}
    out.calls = calls;
    realInfo('RESULT ' + JSON.stringify(out));
  `;
  return new Promise((resolve, reject) => {
    const { NODE_TEST_CONTEXT, NODE_ENV, ...outer } = process.env;
    execFile(process.execPath, [...flags, '--input-type=module', '-e', source], { env: { ...outer, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) return reject(new Error(`no result (${error?.message ?? 'exited'}):\n${stdout}\n${stderr}`));
      resolve(JSON.parse(line.slice('RESULT '.length)));
    });
  });
}

const READY = `
  out.init = await lib.default().then(() => 'resolved', typed);
  try { out.initSync = lib.initSync() ?? 'returned'; } catch (e) { out.initSync = typed(e); }
  out.found = await works();
`;

/** WebAssembly there, but it refuses to compile, as under a CSP without 'wasm-unsafe-eval'. */
const REFUSES_WASM = `
  WebAssembly.Module = function () { calls.compiles++; throw new WebAssembly.CompileError('Wasm code generation disallowed by embedder'); };
`;

describe('inline.js: both engines', () => {
  test('where WebAssembly compiles: the wasm, ready on import, the .wasm decoded once', async () => {
    const out = await inProcess('inline.js', READY);
    // The probe, then the embedded .wasm.
    assert.deepEqual(out, { engine: 'wasm', init: 'resolved', initSync: 'returned', found: 'kept', calls: { compiles: 2, atob: 1, notes: [] } });
  });

  test('without WebAssembly: the JS engine, and the .wasm is never decoded', async () => {
    const out = await inProcess('inline.js', READY, { flags: ['--import', NO_WEBASSEMBLY] });
    assert.deepEqual(out, { engine: 'js', init: 'resolved', initSync: 'returned', found: 'kept', calls: { compiles: 0, atob: 0, notes: [] } });
  });

  test('where WebAssembly refuses to compile: the JS engine, and the .wasm is never decoded', async () => {
    const out = await inProcess('inline.js', READY, { before: REFUSES_WASM });
    assert.deepEqual(out, { engine: 'js', init: 'resolved', initSync: 'returned', found: 'kept', calls: { compiles: 1, atob: 0, notes: [] } });
  });

  test('where only the embedded .wasm fails (the probe compiles): the JS engine takes over, init() resolves', async () => {
    const out = await inProcess('inline.js', READY, {
      before: `
        const Module = WebAssembly.Module;
        WebAssembly.Module = function (bytes) {
          if (bytes.length > 8) { calls.compiles++; throw new WebAssembly.CompileError('too new'); }
          return new Module(bytes);
        };
      `,
    });
    assert.deepEqual(out, { engine: 'js', init: 'resolved', initSync: 'returned', found: 'kept', calls: { compiles: 2, atob: 1, notes: [] } });
  });

  test('where Uint8Array.fromBase64 exists, the .wasm is decoded by it, not by atob', async () => {
    const out = await inProcess('inline.js', `${READY} out.fromBase64 = decoded;`, {
      before: `
        let decoded = 0;
        Uint8Array.fromBase64 = (text) => { decoded++; return Uint8Array.from(Buffer.from(text, 'base64')); };
      `,
    });
    assert.deepEqual(out, { engine: 'wasm', init: 'resolved', initSync: 'returned', found: 'kept', fromBase64: 1, calls: { compiles: 2, atob: 0, notes: [] } });
  });
});

test('the minified entries keep the documented class names', async () => {
  const CLASSES = ['SecretStore', 'StripeError', 'StripeInvalidRequestError', 'StripeAuthenticationError', 'StripePermissionError', 'StripeRateLimitError',
    'StripeAPIError', 'StripeConnectionError', 'StripeIdempotencyError', 'StripeScopeError', 'StripeAbortError'];
  for (const entry of ['inline.js', 'inline-js.js']) {
    const out = await inProcess(entry, `
      out.names = ${JSON.stringify(CLASSES)}.map((name) => lib[name].name);
      const error = await new lib.SecretStore({ fetch: fetchStub }).find({ name: 'n', scope: { type: 'user', user: 'usr_other' } }).catch((e) => e);
      out.error = [error.constructor.name, error.name, error instanceof lib.StripeScopeError];
    `);
    assert.deepEqual(out.names, CLASSES, entry);
    assert.deepEqual(out.error, ['StripeScopeError', 'StripeScopeError', true], entry);
  }
});

describe('inline-wasm.js: the wasm only', () => {
  test('where WebAssembly compiles: the wasm, ready on import', async () => {
    const out = await inProcess('inline-wasm.js', READY);
    // No probe: there is no other engine to choose.
    assert.deepEqual(out, { engine: 'wasm', init: 'resolved', initSync: 'returned', found: 'kept', calls: { compiles: 1, atob: 1, notes: [] } });
  });

  test('where WebAssembly refuses to compile: no engine; init(), initSync() and stores all say why and which entry to use', async () => {
    const out = await inProcess('inline-wasm.js', READY, { before: REFUSES_WASM });
    const why = {
      stripe: true,
      type: 'StripeInvalidRequestError',
      code: 'wasm_unavailable',
      name: 'StripeInvalidRequestError',
      message:
        "WebAssembly cannot run here (no WebAssembly, or a Content-Security-Policy without 'wasm-unsafe-eval'), " +
        "and this entry has no other engine: import 'stripe-apps-secrets' instead.",
    };
    assert.deepEqual(out, {
      engine: 'none',
      init: why,
      initSync: why,
      found: why,
      calls: { compiles: 1, atob: 1, notes: [] },
    });
  });
});

describe('inline-js.js: the JS engine only', () => {
  test('where WebAssembly compiles: the JS engine all the same, and nothing compiled', async () => {
    const out = await inProcess('inline-js.js', READY);
    assert.deepEqual(out, { engine: 'js', init: 'resolved', initSync: 'returned', found: 'kept', calls: { compiles: 0, atob: 0, notes: [] } });
  });
});

describe("the development build's note (NODE_ENV=development, as esbuild writes it)", () => {
  const development = { env: { NODE_ENV: 'development' } };
  const note = (text) => `stripe-apps-secrets: ${text} (Shown once, in development builds only.)`;

  test('inline.js on the wasm engine names the JS engine and its size, once', async () => {
    const out = await inProcess('inline.js', READY, development);
    assert.deepEqual(out.calls.notes, [
      note(
        `running on the wasm engine. The JS engine in this bundle (${kbOf('stripe_apps_secrets_js.js')} gzip) runs only where a page refuses WebAssembly; if every page your code runs in allows 'wasm-unsafe-eval', import 'stripe-apps-secrets/inline-wasm' to leave it out.`,
      ),
    ]);
    assert.equal(out.found, 'kept');
  });

  test('inline.js on the JS engine names the wasm and its size, once', async () => {
    const out = await inProcess('inline.js', READY, { ...development, before: REFUSES_WASM });
    assert.deepEqual(out.calls.notes, [
      note(
        `running on the JS engine: this page refuses WebAssembly (a Content-Security-Policy without 'wasm-unsafe-eval'). The wasm in this bundle (${kb(embeddedWasmText())} gzip) is unused here; if every page your code runs in refuses it, import 'stripe-apps-secrets/inline-js' to leave it out.`,
      ),
    ]);
    assert.equal(out.engine, 'js');
  });

  test('none from the one-engine entries, none outside development, none without console or process', async () => {
    const runs = await Promise.all([
      inProcess('inline-wasm.js', READY, development),
      inProcess('inline-js.js', READY, development),
      inProcess('inline.js', READY, { env: { NODE_ENV: 'production' } }),
      inProcess('inline.js', READY),
      // A realm with no console: nothing to note on, and the import still works.
      inProcess('inline.js', `${READY} globalThis.console = savedConsole;`, { ...development, before: 'const savedConsole = console; globalThis.console = undefined;' }),
      // No `process` and no bundler to replace it: not a development build.
      inProcess('inline.js', `${READY} globalThis.process = savedProcess;`, { ...development, before: 'const savedProcess = process; globalThis.process = undefined;' }),
      // A `process` whose NODE_ENV cannot be read: the same.
      inProcess('inline.js', READY, {
        ...development,
        before: "process.env = new Proxy(process.env, { get: (env, name) => { if (name === 'NODE_ENV') throw new Error('no env'); return env[name]; } });",
      }),
    ]);
    for (const out of runs) {
      assert.deepEqual(out.calls.notes, []);
      assert.equal(out.found, 'kept');
    }
  });
});

test("Node's import (node.js) where WebAssembly exists but refuses to compile: no throw on import, the JS engine runs", async () => {
  const source = `
    WebAssembly.Module = function Module() { throw new WebAssembly.CompileError('refused by this runtime'); };
    const lib = await import(${JSON.stringify(`${PKG}node.js`)});
    await lib.default();
    const store = new lib.SecretStore({ fetch: async () => ({ status: 200, ok: true, headers: {}, json: { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [] } }) });
    console.log(JSON.stringify({ engine: lib.engine(), object: (await store.list({ scope: 'account' })).object }));
  `;
  const stdout = await new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', source], { timeout: 30_000 }, (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out))),
  );
  assert.deepEqual(JSON.parse(stdout.trim()), { engine: 'js', object: 'list' });
});

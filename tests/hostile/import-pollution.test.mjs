// A polluted Object.prototype before the package is even imported (issue
// 31): one enumerable property (`isAdmin`), or a property named as a
// descriptor's fields (`get`, `set`, `value`, `writable`, `enumerable`,
// `configurable`; data or accessor), must not break loading any entry, ES
// module or CommonJS, on either engine, nor init() when it lands between
// import and init(). The shipped files are what is tested: esbuild's own
// helpers (`__export`, `__copyProps`, `__defNormalProp`) are in them. Each
// case in a fresh Node process.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));

/** What each entry needs to give one working call: `load` yields `lib`. */
const ENTRIES = {
  'inline.js (the bare import)': { load: `await import('${PKG}inline.js')` },
  'inline.js where WebAssembly is refused (the JS engine)': { load: `await import('${PKG}inline.js')`, noWasm: true },
  'inline.cjs': { load: `require('${PKG}inline.cjs')` },
  'inline-wasm.js': { load: `await import('${PKG}inline-wasm.js')` },
  'inline-wasm.cjs': { load: `require('${PKG}inline-wasm.cjs')` },
  'inline-js.js': { load: `await import('${PKG}inline-js.js')` },
  'inline-js.cjs': { load: `require('${PKG}inline-js.cjs')` },
  'node.js (Node\'s import)': { load: `await import('${PKG}node.js')` },
  'stripe_apps_secrets.js (bundler), init() after the pollution': {
    load: `await import('${PKG}stripe_apps_secrets.js')`,
    then: `await lib.default({ module_or_path: readFileSync('${PKG}stripe_apps_secrets_bg.wasm') });`,
  },
  'stripe_apps_secrets.js (bundler), init({ engine: "js" }) after the pollution': {
    load: `await import('${PKG}stripe_apps_secrets.js')`,
    then: `await lib.default({ engine: 'js' });`,
  },
  'testing.js': { load: `await import('${PKG}testing.js')`, testing: true },
  'testing.cjs': { load: `require('${PKG}testing.cjs')`, testing: true },
};

/** Properties planted on Object.prototype before the import. */
const POLLUTIONS = {
  'an enumerable isAdmin': `Object.prototype.isAdmin = true;`,
  ...Object.fromEntries(
    ['get', 'set', 'value', 'writable', 'enumerable', 'configurable'].map((name) => [
      `a ${name} (data)`,
      `Object.prototype.${name} = ${name === 'get' || name === 'set' ? 'function () { return 1; }' : 'true'};`,
    ]),
  ),
  'a get (accessor)': `Object.defineProperty(Object.prototype, 'get', { get() { return () => 1; }, configurable: true });`,
  'a value (accessor)': `Object.defineProperty(Object.prototype, 'value', { get() { return 1; }, configurable: true });`,
};

function inProcess(source) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', source], { timeout: 30_000 }, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) return reject(new Error(`no result (${error?.message ?? 'exited'}):\n${stdout}\n${stderr}`));
      resolve(JSON.parse(line.slice('RESULT '.length)));
    });
  });
}

for (const [entry, { load, then = '', noWasm = false, testing = false }] of Object.entries(ENTRIES)) {
  describe(entry, () => {
    for (const [pollution, plant] of Object.entries(POLLUTIONS)) {
      test(`loads and works with ${pollution} on Object.prototype`, async () => {
        const call = testing
          ? `const api = lib.createSecretStoreApi({ userId: 'usr_p' });
             out.call = (await api('https://api.stripe.com/v1/apps/secrets?scope[type]=account', { method: 'GET', headers: { Authorization: 'Bearer DO_NOT_PASS_A_REAL_API_KEY' } })).status;`
          : // A stripeApiFetch-shaped function: Node's own fetch breaks on some of these pollutions by itself.
            `const store = new lib.SecretStore({ fetch: async () => ({ status: 200, ok: true, headers: {}, json: { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [] } }) });
             out.call = (await store.list({ scope: 'account' })).object;
             out.engine = lib.engine();`;
        const out = await inProcess(`
          import { createRequire } from 'node:module';
          import { readFileSync } from 'node:fs';
          const require = createRequire(import.meta.url);
          const out = {};
          // Node's own modules that load lazily (its ESM loader's file
          // reads; fetch, Response and streams, loaded on first touch) break
          // on these pollutions by themselves, where a browser's built-ins
          // do not: they are loaded first, so what is tested is this package.
          await import('node:fs/promises');
          void [globalThis.Response, globalThis.Request, globalThis.Headers, globalThis.ReadableStream];
          structuredClone(new ArrayBuffer(8));
          await new Promise((resolve) => setTimeout(resolve, 0));
          try {
            ${noWasm ? "WebAssembly.Module = function Module() { throw new WebAssembly.CompileError('refused, as a strict policy does'); };" : ''}
            ${then ? '' : plant}
            const lib = ${load};
            ${then ? plant : ''}
            ${then}
            ${call}
          } catch (e) {
            out.threw = String(e);
          }
          process.stdout.write('RESULT ' + JSON.stringify(out) + '\\n');
        `);
        assert.equal(out.threw, undefined, `${entry}, ${pollution}: ${out.threw}`);
        assert.equal(out.call, testing ? 200 : 'list');
        if (noWasm) assert.equal(out.engine, 'js');
      });
    }
  });
}

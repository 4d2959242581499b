// init() of the entry for web bundlers (`stripe-apps-secrets/bundler`,
// pkg/stripe_apps_secrets.js): which engine it starts, and where it finds
// the .wasm. As an ES module it fetches the .wasm from beside itself
// (`import.meta.url`); bundled into one CommonJS or IIFE file (esbuild, as
// the Stripe CLI does) it has no such URL, and init() without a .wasm
// rejects typed, `wasm_url_unknown`, instead of failing on a URL it cannot
// build. Each case in a fresh Node process (an engine is picked once per
// module instance).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));
const NO_WEBASSEMBLY = fileURLToPath(new URL('../support/no-webassembly.mjs', import.meta.url));
const WASM_URL_UNKNOWN =
  "This build gives 'stripe-apps-secrets/bundler' no URL to fetch its .wasm from (an IIFE or CommonJS bundle, as the Stripe CLI makes): " +
  "import 'stripe-apps-secrets', which carries the .wasm and is ready on import, or pass init({ module_or_path }).";

let dir;
let bundled;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bundler-init-'));
  bundled = join(dir, 'bundled.cjs');
  // One CommonJS file, as a bundler makes it: `import.meta` is empty there.
  await build({ entryPoints: [join(PKG, 'stripe_apps_secrets.js')], outfile: bundled, bundle: true, format: 'cjs', platform: 'node', logLevel: 'silent' });
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `body` with `lib` (the entry: `esm` as shipped, or `cjs` bundled) in a fresh process; resolves with `out`. */
function run(kind, body, nodeFlags = []) {
  const source = `
    import { readFileSync } from 'node:fs';
    import { createRequire } from 'node:module';
    const lib = ${kind === 'esm' ? `await import(${JSON.stringify(join(PKG, 'stripe_apps_secrets.js'))})` : `createRequire(import.meta.url)(${JSON.stringify(bundled)})`};
    const init = lib.default;
    const bytes = readFileSync(${JSON.stringify(join(PKG, 'stripe_apps_secrets_bg.wasm'))});
    const typed = (e) => ({ stripe: e instanceof lib.StripeError, type: e?.type, code: e?.code, message: String(e?.message) });
    /** How a call ends: 'threw' (synchronously), or what its promise did. */
    async function outcome(call) {
      let promise;
      try { promise = call(); } catch (e) { return { threw: typed(e) }; }
      if (!(promise instanceof Promise)) return { notAPromise: String(promise) };
      try { await promise; return { resolved: true }; } catch (e) { return { rejected: typed(e) }; }
    }
    const out = {};
    ${body}
    out.engine = lib.engine() ?? null;
    process.stdout.write(JSON.stringify(out));
  `;
  return new Promise((resolve, reject) => {
    const { NODE_TEST_CONTEXT, STRIPE_APPS_SECRETS_ENGINE, ...env } = process.env;
    execFile(process.execPath, [...nodeFlags, '--input-type=module', '-e', source], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout));
    });
  });
}

const urlUnknown = { rejected: { stripe: true, type: 'StripeInvalidRequestError', code: 'wasm_url_unknown', message: WASM_URL_UNKNOWN } };

test('bundled without import.meta.url: init() with no .wasm rejects typed wasm_url_unknown, picks nothing, and init({ module_or_path }) then starts the wasm', async () => {
  const out = await run('cjs', `
    out.bare = await outcome(() => init());
    out.empty = await outcome(() => init({}));
    out.wasm = await outcome(() => init({ engine: 'wasm' }));
    out.noPath = await outcome(() => init({ module_or_path: undefined }));
    out.pickedNone = lib.engine() ?? null;
    out.build = await outcome(async () => new lib.SecretStore({ apiKey: 'sk_test_x' }));
    out.withBytes = await outcome(() => init({ module_or_path: bytes }));
  `);
  for (const call of ['bare', 'empty', 'wasm', 'noPath']) assert.deepEqual(out[call], urlUnknown, call);
  assert.equal(out.pickedNone, null, 'no engine was picked');
  assert.equal(out.build.rejected?.code, 'not_initialized', 'a store cannot be built yet');
  assert.deepEqual(out.withBytes, { resolved: true });
  assert.equal(out.engine, 'wasm', 'init() picks the wasm where WebAssembly compiles');
});

test("bundled without import.meta.url: init(bytes), the glue's older form, starts the wasm", async () => {
  const out = await run('cjs', `out.init = await outcome(() => init(bytes));`);
  assert.deepEqual(out.init, { resolved: true });
  assert.equal(out.engine, 'wasm');
});

test('bundled without import.meta.url: init({ engine: "js" }) needs no .wasm', async () => {
  const out = await run('cjs', `out.init = await outcome(() => init({ engine: 'js' }));`);
  assert.deepEqual(out.init, { resolved: true });
  assert.equal(out.engine, 'js');
});

test('bundled without import.meta.url, where WebAssembly is missing: init() starts the JS engine', async () => {
  const out = await run('cjs', `out.init = await outcome(() => init());`, [`--import=${NO_WEBASSEMBLY}`]);
  assert.deepEqual(out.init, { resolved: true });
  assert.equal(out.engine, 'js');
});

test('as an ES module: init() with no argument fetches the .wasm from beside the entry', async () => {
  // Node's fetch reads no file: URLs; this one does, for the .wasm only (the network is what is faked).
  const out = await run('esm', `
    const fetched = [];
    globalThis.fetch = async (url) => {
      fetched.push(String(url).split('/').pop());
      return new Response(readFileSync(new URL(String(url))), { headers: { 'content-type': 'application/wasm' } });
    };
    out.init = await outcome(() => init());
    out.fetched = fetched;
  `);
  assert.deepEqual(out.init, { resolved: true });
  assert.deepEqual(out.fetched, ['stripe_apps_secrets_bg.wasm']);
  assert.equal(out.engine, 'wasm');
});

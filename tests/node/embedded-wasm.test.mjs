// The .wasm inside the single-file entries `inline` and `inline-wasm`
// (src/js/package/embedded-wasm.js): raw deflate as base64, inflated on
// import. The bytes the entry compiles are the .wasm byte for byte, and a
// damaged embedded module fails closed: `inline-wasm` rejects init() with a
// typed `wasm_damaged` error and builds no store, `inline` runs on its JS
// engine instead. Each damaged copy is the shipped file with only the
// embedded text changed.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync, deflateSync, inflateRawSync } from 'node:zlib';

const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));
const wasm = readFileSync(join(pkg, 'stripe_apps_secrets_bg.wasm'));
const scratch = mkdtempSync(join(tmpdir(), 'embedded-wasm-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const inflates = (base64) => {
  try {
    return inflateRawSync(Buffer.from(base64, 'base64'));
  } catch {
    return undefined;
  }
};

/**
 * The file's text, and its one string literal that inflates to the .wasm:
 * as written (the minifier breaks long lines with a backslash and a
 * newline) and as base64.
 */
function embedded(file) {
  const text = readFileSync(join(pkg, file), 'utf8');
  const literals = [...text.matchAll(/"((?:[A-Za-z0-9+/=]|\\\n){1000,})"/g)]
    .map((m) => ({ literal: m[0], base64: m[1].replaceAll('\\\n', '') }))
    .filter(({ base64 }) => inflates(base64)?.equals(wasm));
  assert.equal(literals.length, 1, `${file} holds one deflated .wasm`);
  return { text, ...literals[0] };
}

/** Adler-32 of `bytes`, as zlib writes it after a stream of them (RFC 1950): not the entry's own code. */
const adler32 = (bytes) => {
  const zlib = deflateSync(bytes);
  return zlib.readUInt32BE(zlib.length - 4);
};

let copies = 0;
/**
 * Imports a copy of pkg/FILE whose embedded module is `damaged` instead;
 * with `withChecksum`, the copy's Adler-32 of the stream is `damaged`'s
 * too, as if the file had been built from it.
 */
async function importWith(file, damaged, { withChecksum = false } = {}) {
  const { text, literal, base64 } = embedded(file);
  let copy = text.replace(literal, () => `"${damaged}"`);
  if (withChecksum) {
    // As a number on its own (a bundler may inline it more than once).
    const built = new RegExp(`(?<![\\w+/])${adler32(Buffer.from(base64, 'base64'))}(?![\\w+/])`, 'g');
    assert.ok(built.test(copy), `${file} holds its checksum`);
    copy = copy.replace(built, String(adler32(Buffer.from(damaged, 'base64'))));
  }
  const path = join(scratch, `${copies++}-${file}`);
  writeFileSync(path, copy);
  return import(pathToFileURL(path).href);
}

/** What compiling the module a damaged copy inflated to would give, found with zlib: a module that compiles, same length, other bytes. */
function flipThatStillCompiles(base64) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  // Deterministic and bounded: literal bits late in the stream, tried in order.
  for (let at = Math.floor(base64.length * 0.9); at < base64.length - 8; at++) {
    for (const bit of [1, 2, 4]) {
      const char = alphabet[alphabet.indexOf(base64[at]) ^ bit];
      const damaged = base64.slice(0, at) + char + base64.slice(at + 1);
      const bytes = inflates(damaged);
      if (bytes === undefined || bytes.length !== wasm.length || bytes.equals(wasm)) continue;
      try {
        new WebAssembly.Module(bytes);
        return damaged;
      } catch {
        // Not compiling: the compile would catch this one anyway.
      }
    }
  }
  throw new Error('no one-character change found that still compiles');
}

for (const file of ['inline.js', 'inline.cjs', 'inline-wasm.js', 'inline-wasm.cjs']) {
  test(`${file} carries the .wasm deflated, not as base64 of the module`, () => {
    const { text, base64 } = embedded(file);
    assert.ok(base64.length < (wasm.length * 4) / 3 / 2, `${base64.length} chars of base64 for a ${wasm.length}-byte module`);
    assert.ok(!text.includes(wasm.subarray(0, 600).toString('base64')), 'the module as base64');
  });
}

test('the bytes inline-wasm compiles on import are the .wasm, byte for byte', async () => {
  const compiled = [];
  const { Module } = WebAssembly;
  WebAssembly.Module = class extends Module {
    constructor(bytes) {
      super(bytes);
      compiled.push(Buffer.from(bytes));
    }
  };
  try {
    const entry = await import(`../../pkg/inline-wasm.js?compiled`);
    await entry.default();
    assert.equal(entry.engine(), 'wasm');
  } finally {
    WebAssembly.Module = Module;
  }
  assert.equal(compiled.length, 1);
  assert.ok(compiled[0].equals(wasm), `compiled ${compiled[0].length} bytes, the .wasm has ${wasm.length}`);
});

const DAMAGED = 'The .wasm inside this file is damaged: it does not inflate to the module it was built from. Reinstall stripe-apps-secrets and rebuild.';

// A whole stream, and a checksum that agrees with it, of other bytes than
// the module: only its length can tell.
test('inline-wasm, embedded a whole stream of a module one byte short, with its checksum: init() rejects typed wasm_damaged', async () => {
  const short = deflateRawSync(wasm.subarray(0, wasm.length - 1)).toString('base64');
  const entry = await importWith('inline-wasm.js', short, { withChecksum: true });
  const error = await entry.default().then(() => assert.fail('init() resolved'), (e) => e);
  assert.equal(error.code, 'wasm_damaged', String(error));
  assert.equal(error.message, DAMAGED);
  assert.equal(entry.engine(), undefined);
});

test('inline-wasm, embedded a stream of the module and a megabyte more, with its checksum: it is inflated no further than the module', async () => {
  const longer = deflateRawSync(Buffer.concat([wasm, Buffer.alloc(1 << 20, 7)])).toString('base64');
  const entry = await importWith('inline-wasm.js', longer, { withChecksum: true });
  await entry.default();
  assert.equal(entry.engine(), 'wasm');
  const store = new entry.SecretStore({ userId: 'usr_longer', apiKey: 'sk_test_x', baseUrl: 'http://127.0.0.1:9' });
  assert.equal(store.userId, 'usr_longer');
});

const damages = {
  truncated: (base64) => base64.slice(0, Math.floor((base64.length * 0.6) / 4) * 4),
  'not deflate': (base64) => Buffer.alloc((base64.length * 3) / 4, 0xff).toString('base64'),
  'one character changed, still a module that compiles': flipThatStillCompiles,
  empty: () => '',
};

for (const [damage, make] of Object.entries(damages)) {
  test(`inline-wasm, embedded module ${damage}: init() rejects typed wasm_damaged, no store is built`, async () => {
    const entry = await importWith('inline-wasm.js', make(embedded('inline-wasm.js').base64));
    const error = await entry.default().then(
      () => assert.fail('init() resolved'),
      (e) => e,
    );
    assert.ok(error instanceof entry.StripeInvalidRequestError, `${error?.name}: ${error?.message}`);
    assert.equal(error.code, 'wasm_damaged');
    assert.equal(error.message, DAMAGED);
    assert.equal(entry.engine(), undefined);
    assert.throws(() => entry.initSync(), (e) => e === error);
    // A store says why there is no engine, not "await init()".
    assert.throws(
      () => new entry.SecretStore({ userId: 'usr_damaged', apiKey: 'sk_test_x', baseUrl: 'http://127.0.0.1:9' }),
      (e) => e === error,
    );
  });

  test(`inline, embedded module ${damage}: the JS engine runs instead`, async () => {
    const entry = await importWith('inline.js', make(embedded('inline.js').base64));
    await entry.default();
    assert.equal(entry.engine(), 'js');
    const store = new entry.SecretStore({ userId: 'usr_damaged', apiKey: 'sk_test_x', baseUrl: 'http://127.0.0.1:9' });
    assert.equal(store.userId, 'usr_damaged');
  });
}

// Bytes a browser downloads, raw, gzip -9 and brotli (quality 11). Each file
// is compressed on its own (as a server sends it) and the sizes are summed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import { oursMinifiedBundle, root, stripeNodeSizeBundle } from './bundles.mjs';

export const gzip9 = (buf) => gzipSync(buf, { level: 9 }).length;
export const brotli11 = (buf, text = true) =>
  brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;

/** `{ raw, gzip, brotli }` summed over `files` (`[{ name, bytes, text }]`). */
function measure(files) {
  const out = { raw: 0, gzip: 0, brotli: 0, files: [] };
  for (const f of files) {
    const one = { name: f.name, raw: f.bytes.length, gzip: gzip9(f.bytes), brotli: brotli11(f.bytes, f.text) };
    out.files.push(one);
    out.raw += one.raw;
    out.gzip += one.gzip;
    out.brotli += one.brotli;
  }
  return out;
}

const pkgFile = (name) => readFileSync(join(root, 'pkg', name));

/**
 * The bundler entry as shipped, file by file: the .wasm, the entry (with
 * the shared SecretStore module), the glue and the snippets (src/'s JS, one
 * module). tests/size-budget.test.mjs counts the same files.
 */
export function mainEntryFiles() {
  return [
    { name: 'stripe_apps_secrets_bg.wasm', bytes: pkgFile('stripe_apps_secrets_bg.wasm'), text: false },
    { name: 'stripe_apps_secrets.js', bytes: pkgFile('stripe_apps_secrets.js'), text: true },
    { name: 'stripe_apps_secrets_core.js', bytes: pkgFile('stripe_apps_secrets_core.js'), text: true },
    { name: 'snippets.js', bytes: pkgFile('snippets.js'), text: true },
  ];
}

export async function measureSizes() {
  const [wasmFile, ...mainJs] = mainEntryFiles();
  const wasm = wasmFile.bytes;
  const single = (name) => measure([{ name, bytes: pkgFile(name), text: true }]);
  const rows = [
    {
      key: 'ours-default',
      label: 'ours, main entry (as shipped): .wasm + the entry, the glue and the snippets',
      ...measure([wasmFile, ...mainJs]),
    },
    {
      key: 'ours-inline',
      label: 'ours, `inline` (one file, both engines: the Stripe App entry), as shipped',
      ...single('inline.js'),
    },
    {
      key: 'ours-inline-wasm',
      label: 'ours, `inline-wasm` (one file, the wasm only), as shipped',
      ...single('inline-wasm.js'),
    },
    {
      key: 'ours-inline-js',
      label: 'ours, `inline-js` (one file, the JS engine only), as shipped',
      ...single('inline-js.js'),
    },
    {
      key: 'ours-js-engine',
      label: 'ours, main entry where wasm cannot compile: its JS + the JS engine chunk (stripe_apps_secrets_js.js)',
      ...measure([...mainJs, { name: 'stripe_apps_secrets_js.js', bytes: pkgFile('stripe_apps_secrets_js.js'), text: true }]),
    },
    {
      key: 'ours-default-min',
      label: 'ours, main entry, JS bundled by esbuild --minify: .wasm + bundle',
      ...measure([
        { name: 'stripe_apps_secrets_bg.wasm', bytes: wasm, text: false },
        { name: 'bundle.js', bytes: await oursMinifiedBundle('pkg/stripe_apps_secrets.js'), text: true },
      ]),
    },
    {
      key: 'stripe-node',
      label: 'stripe-node 23.1.0 + SDK createHttpClient, esbuild --bundle --minify --format=esm',
      ...measure([{ name: 'bundle.js', bytes: await stripeNodeSizeBundle(), text: true }]),
    },
  ];
  return rows;
}

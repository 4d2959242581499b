// Completes the npm package in pkg/ after wasm-pack (the .wasm, its glue and
// types, the JS snippets of src/) and scripts/build-js-engine.sh (the JS
// engine). scripts/build-pkg.sh runs it. The entries and package.json are
// committed files in src/js/package/; this script only:
//
// - moves wasm-pack's glue aside as stripe_apps_secrets_core.js (the bundler
//   entry takes its name), and writes index.d.ts and index.d.cts, the types
//   of every entry: src/js/package/index.d.ts with the generated classes;
// - bundles with esbuild the bundler entry (stripe_apps_secrets.js, with the
//   shared secret-store.js and public-api.js; the glue, the snippets and the
//   JS engine stay apart), copies node.js, and bundles what must be one file:
//   the single-file entries (inline, the bare import, inline-wasm, inline-js:
//   no import.meta; the first two carry the .wasm deflated by zopfli, as
//   base64, see src/js/package/embedded-wasm.js) and their CommonJS builds
//   (for `require` of any entry, jest); the sources are the committed files
//   of the same names;
// - copies package.json (its version must equal Cargo.toml's) and the
//   license files. Its `sideEffects` lists the modules whose import does
//   more than define: the entries start an engine or guard their class's
//   prototype; the snippets name their error classes. Without them, esbuild
//   drops the snippets' lazy init from a bundle of the bundler entry.
//
// Idempotent: a second run over its own output writes the same bytes.
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, gzipSync, inflateRawSync } from 'node:zlib';
import { deflateAsync } from '@gfx/zopfli';
import { build, transformSync } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = join(root, 'pkg');
const sources = join(root, 'src/js/package');

const fail = (message) => {
  console.error(`finish-pkg: ${message}`);
  process.exit(1);
};
const read = (path) => readFileSync(path, 'utf8');

const WASM = 'stripe_apps_secrets_bg.wasm';
const MAIN = 'stripe_apps_secrets.js';
const CORE = 'stripe_apps_secrets_core.js';
const JS_ENGINE = 'stripe_apps_secrets_js.js';
for (const file of [MAIN, WASM, JS_ENGINE]) {
  if (!existsSync(join(pkg, file))) fail(`pkg/${file} is missing: run scripts/build-pkg.sh`);
}

// --- wasm-pack's glue moves aside ------------------------------------------------

// wasm-pack wrote the glue under the main entry's name; a second run finds
// the main entry there, the glue already moved.
if (read(join(pkg, MAIN)).includes('function __wbg_get_imports(')) {
  writeFileSync(join(pkg, CORE), read(join(pkg, MAIN)).replace('@ts-self-types="./stripe_apps_secrets.d.ts"', '@ts-self-types="./stripe_apps_secrets_core.d.ts"'));
  // (A run stopped short may have moved the types already.)
  if (existsSync(join(pkg, 'stripe_apps_secrets.d.ts'))) renameSync(join(pkg, 'stripe_apps_secrets.d.ts'), join(pkg, 'stripe_apps_secrets_core.d.ts'));
}
let coreTypes = read(join(pkg, 'stripe_apps_secrets_core.d.ts'));
const initSection = coreTypes.indexOf('export type InitInput');
if (initSection >= 0) coreTypes = coreTypes.slice(0, initSection).trimEnd() + '\n';
// wasm-bindgen declares `[Symbol.dispose]()` on every class; a project
// compiling with `lib: ["es2022"]` and `skipLibCheck: false` lacks the lib
// that defines it, so the .d.ts brings that lib itself.
const DISPOSABLE = '/// <reference lib="esnext.disposable" />\n';
if (coreTypes.includes('[Symbol.dispose]') && !coreTypes.startsWith(DISPOSABLE)) coreTypes = DISPOSABLE + coreTypes;
writeFileSync(join(pkg, 'stripe_apps_secrets_core.d.ts'), coreTypes);

// --- the snippets both engines' glue imports ----------------------------------------

// wasm-bindgen copies each JS file of src/ that the Rust imports from into
// snippets/<crate>-<hash>/, paths kept: src/interop/objects.js,
// src/js/errors.js (the public error classes), src/js/values.js,
// src/transport/http.js. They ship as one module, snippets.js, which both
// engines' glue imports instead: one file for a browser to fetch, and one
// instance of the error classes for every entry.
const SNIPPETS = 'snippets.js';
const [snippetDir, ...otherDirs] = existsSync(join(pkg, 'snippets')) ? readdirSync(join(pkg, 'snippets')) : [];
if (snippetDir === undefined || otherDirs.length > 0) fail('pkg/snippets/ should hold one folder, wasm-bindgen\'s: run scripts/build-pkg.sh');
const filesUnder = (dir) =>
  readdirSync(join(pkg, dir), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`]));
const snippets = filesUnder(`snippets/${snippetDir}`).sort();
const snippetSources = snippets.map((path) => path.slice(`snippets/${snippetDir}/`.length));
if (!snippetSources.includes('src/js/errors.js')) fail(`pkg/snippets/${snippetDir} has no src/js/errors.js`);
// A second run finds the imports already pointing at snippets.js.
for (const file of [CORE, JS_ENGINE]) {
  let text = read(join(pkg, file));
  // Only the module specifiers: the glue also names each snippet as an
  // import module of the .wasm (a key of its imports object), which stays.
  for (const snippet of snippets) {
    for (const quote of ['"', "'"]) text = text.replaceAll(`from ${quote}./${snippet}${quote}`, `from ${quote}./${SNIPPETS}${quote}`).replaceAll(`from${quote}./${snippet}${quote}`, `from${quote}./${SNIPPETS}${quote}`);
  }
  if (/from\s*["']\.\/snippets\//.test(text)) fail(`pkg/${file} imports a snippet that pkg/snippets/ does not have`);
  if (!/from\s*["']\.\/snippets\.js["']/.test(text)) fail(`pkg/${file} imports no snippet`);
  writeFileSync(join(pkg, file), text);
}

// The generated glue and the snippets ship without their comments and
// without whitespace (the types are in the .d.ts, the reasons in the
// repository); names stay as written, so stack traces still read. Of what
// a browser downloads, that is about 2.6 KB gzip for the comments and
// 1.7 KB for the whitespace. A second run reprints the same code.
const shipped = { format: 'esm', target: 'esnext', legalComments: 'none', charset: 'utf8', minifyWhitespace: true, minifySyntax: true };
/** Writes `from`'s code into pkg/`file` as it ships, after `header`. */
const ship = (from, file, header = '') => writeFileSync(join(pkg, file), header + transformSync(read(from), shipped).code);
ship(join(pkg, CORE), CORE);
const snippetsBuild = await build({
  stdin: { contents: snippets.map((path) => `export * from './${path}';`).join('\n'), resolveDir: pkg, loader: 'js' },
  outfile: join(pkg, SNIPPETS),
  bundle: true,
  ...shipped,
  banner: { js: `// stripe-apps-secrets: ${snippetSources.join(', ')} as one module, which both engines' glue imports. Written by scripts/finish-pkg.mjs. Do not edit.` },
  logLevel: 'warning',
});
if (snippetsBuild.errors.length || snippetsBuild.warnings.length) fail(`bundling ${SNIPPETS}: ${JSON.stringify(snippetsBuild.warnings)}`);
rmSync(join(pkg, 'classes.js'), { force: true });

// --- the committed entries, as they are ----------------------------------------------

copyFileSync(join(sources, 'node.js'), join(pkg, 'node.js'));

// One declaration file for every entry, in both module formats (TypeScript
// reads a .d.ts in this "type": "module" package as ESM, and a `require`
// needs CommonJS types): the committed index.d.ts with the generated
// classes in place of its re-export of them.
const coreExport = "export * from './stripe_apps_secrets_core.js';\n";
const entryTypes = read(join(sources, 'index.d.ts'));
if (!entryTypes.includes(coreExport)) fail('src/js/package/index.d.ts does not re-export ./stripe_apps_secrets_core.js');
const typesHeader = '// stripe-apps-secrets: the types of every entry. Written by scripts/finish-pkg.mjs from src/js/package/index.d.ts and the classes generated from src/js/types.rs. Do not edit.\n';
const allTypes = typesHeader + entryTypes.replace(coreExport, coreTypes.replace(DISPOSABLE, '')).replace(/^(\/\/.*\n)+/, DISPOSABLE);
for (const file of ['index.d.ts', 'index.d.cts']) writeFileSync(join(pkg, file), allTypes);

// The bundler entry (`stripe-apps-secrets/bundler`) is one module with what
// it shares with the single-file entries (secret-store.js, public-api.js):
// one file fewer for a browser to fetch, smaller once gzipped. The glue, the
// snippets and the JS engine stay files of their own (the glue and the
// snippets are shared with the JS engine, which is fetched only where wasm
// cannot compile).
const mainBuild = await build({
  entryPoints: [join(sources, MAIN)],
  outfile: join(pkg, MAIN),
  bundle: true,
  ...shipped,
  banner: { js: '/* @ts-self-types="./index.d.ts" */' },
  logLevel: 'warning',
  plugins: [
    {
      name: 'glue-stays-apart',
      setup(b) {
        b.onResolve({ filter: /^\.\/(stripe_apps_secrets_core|stripe_apps_secrets_js)\.js$/ }, (args) => ({ path: args.path, external: true }));
        b.onResolve({ filter: /^\.\/snippets\.js$/ }, () => ({ path: `./${SNIPPETS}`, external: true }));
      },
    },
  ],
});
if (mainBuild.errors.length || mainBuild.warnings.length) fail(`bundling ${MAIN}: ${JSON.stringify(mainBuild.warnings)}`);
for (const file of ['secret-store.js', 'public-api.js']) rmSync(join(pkg, file), { force: true });

// --- the bundles: single-file entries and CommonJS ------------------------------------

// The JS engine goes into the single-file entries as it ships: hardened first.
writeFileSync(join(pkg, JS_ENGINE), hardenHelpers(read(join(pkg, JS_ENGINE)), JS_ENGINE));

const gzipBytes = (file) => gzipSync(readFileSync(join(pkg, file)), { level: 9 }).length;

// The .wasm as the single-file entries carry it (src/js/package/embedded-wasm.js):
// zopfli's raw deflate (about 6% under zlib's level 9, for a few seconds of
// build), as base64, with the Adler-32 of the deflated bytes to check them
// by and the module's length.
const wasmBytes = readFileSync(join(pkg, WASM));
const deflatedWasm = Buffer.from(await deflateAsync(wasmBytes, { numiterations: 15, blocksplitting: true }));
if (!inflateRawSync(deflatedWasm).equals(wasmBytes)) fail('zopfli\'s deflate of the .wasm does not inflate to it');
// zlib's own Adler-32: the last four bytes of a zlib stream, big-endian.
const zlibStream = deflateSync(deflatedWasm, { level: 1 });
const deflatedAdler32 = zlibStream.readUInt32BE(zlibStream.length - 4);
const deflatedWasmBase64 = deflatedWasm.toString('base64');
const generated = {
  'wasm-deflated.js': `export const DEFLATED_WASM = ${JSON.stringify(deflatedWasmBase64)};\nexport const DEFLATED_WASM_ADLER32 = ${deflatedAdler32};\nexport const WASM_BYTES = ${wasmBytes.length};\n`,
  // What each engine adds to a single-file entry, gzip -9, for the development hint.
  'engine-sizes.js': `export const EMBEDDED_WASM_GZIP_BYTES = ${gzipSync(deflatedWasmBase64, { level: 9 }).length};\nexport const JS_ENGINE_GZIP_BYTES = ${gzipBytes(JS_ENGINE)};\n`,
};

/** Relative imports resolve to the generated modules above, then to the committed sources, then to pkg/'s generated files. */
const packageFiles = {
  name: 'package-files',
  setup(build) {
    build.onResolve({ filter: /^\.\/(wasm-deflated|engine-sizes)\.js$/ }, (args) => ({ path: args.path.slice(2), namespace: 'generated' }));
    build.onLoad({ filter: /.*/, namespace: 'generated' }, (args) => ({ contents: generated[args.path], loader: 'js' }));
    build.onResolve({ filter: /^\.\// }, (args) => {
      const dir = args.importer === '' ? sources : dirname(args.importer);
      if (dir !== sources && dir !== pkg) return undefined;
      for (const base of [sources, pkg]) {
        const path = join(base, args.path);
        if (existsSync(path)) return { path };
      }
      return undefined;
    });
  },
};

// tiny-inflate's MIT license asks that its notice travel with its code:
// the entries that carry the deflated .wasm also carry its inflater.
const inflater = JSON.parse(read(join(root, 'node_modules/tiny-inflate/package.json')));
const inflaterCopyright = /^Copyright .*$/m.exec(read(join(root, 'node_modules/tiny-inflate/LICENSE')))?.[0];
if (inflater.license !== 'MIT' || inflaterCopyright === undefined) fail('node_modules/tiny-inflate: not the MIT-licensed package this script names');
const banner = (entry, format) =>
  `// stripe-apps-secrets: ${entry} as ${format}, one file. Bundled by scripts/finish-pkg.mjs from src/js/package/${entry}.js and the generated glue. Do not edit.` +
  (['inline', 'inline-wasm'].includes(entry) ? `\n// Includes tiny-inflate ${inflater.version}, MIT License, ${inflaterCopyright}.` : '');

/**
 * esbuild's helpers (`__export`, `__copyProps`, `__defNormalProp`,
 * `__toCommonJS`) and wasm2js's memory object build property descriptors as
 * object literals, and `__export` walks its map with `for…in`: one property
 * on Object.prototype before the import (an enumerable `isAdmin`, or a
 * `get`, `set`, `value`, ...) broke loading (tests/hostile/import-pollution).
 * Every descriptor given to `Object.defineProperty` (or esbuild's alias of
 * it) gets no prototype, and the walk reads own keys only; `file` is
 * refused if a descriptor literal is left with one.
 */
function hardenHelpers(code, file) {
  const alias = /\bvar ([\w$]+)=Object\.defineProperty\b/.exec(code)?.[1];
  // (?<![\w$]), not \b: a minifier's name may start with `$`.
  const callee = alias === undefined ? 'Object\\.defineProperty' : `(?:Object\\.defineProperty|(?<![\\w$])${alias.replaceAll('$', '\\$')})`;
  const descriptor = new RegExp(`(${callee}\\((?:[\\w$.]+|\\{\\}),(?:[\\w$.]+|"[^"]*"),)\\{(?!__proto__:null)`, 'g');
  const hardened = code
    .replace(descriptor, '$1{__proto__:null,')
    // Still a `for…in` (are-the-types-wrong finds esbuild's `__export` by
    // that shape), over own keys only.
    .replace(/for\(var ([\w$]+) in ([\w$]+)\)(?!Object\.hasOwn)/g, 'for(var $1 in $2)Object.hasOwn($2,$1)&&')
    // wasm2js's memory object, `Object.create` with two descriptors, as the
    // object literal it stands for: a literal's members ignore prototypes.
    .replace(/Object\.create\(Object\.prototype,\{grow:\{value:([\w$]+)\},buffer:\{get:function\(\)\{return ([\w$]+)\}\}\}\)/g, '{grow:$1,get buffer(){return $2}}');
  if (descriptor.test(hardened) || /for\s*\((?:var|let|const) ([\w$]+) in ([\w$]+)\)(?!Object\.hasOwn\(\2,\1\)&&)/.test(hardened) || /Object\.create\(Object\.prototype,\{/.test(hardened)) {
    fail(`pkg/${file}: a property descriptor with a prototype, or a for…in, is left`);
  }
  return hardened;
}

async function bundle(entry, { format, out, platform = 'neutral', extra = {} }) {
  const result = await build({
    entryPoints: [join(sources, `${entry}.js`)],
    outfile: join(pkg, out),
    bundle: true,
    format,
    platform,
    target: platform === 'node' ? 'node20' : 'es2020',
    // The glue's default .wasm URL is never used by these entries: without
    // this, every bundler would warn about `import.meta` in an IIFE or CJS build.
    define: { 'import.meta.url': 'undefined' },
    plugins: [packageFiles],
    banner: { js: banner(entry, format === 'esm' ? 'an ES module' : 'CommonJS') },
    legalComments: 'none',
    logLevel: 'warning',
    ...extra,
  });
  if (result.errors.length || result.warnings.length) fail(`bundling ${out}: ${JSON.stringify(result.warnings)}`);
  if (read(join(pkg, out)).includes('import.meta')) fail(`pkg/${out} holds import.meta`);
}

// Minified: a Stripe App ships its single-file entry whole, in its one file.
for (const entry of ['inline', 'inline-wasm', 'inline-js']) {
  // No lineLimit: esbuild keeps it by splitting the embedded .wasm's base64
  // with a `\` and a line feed every 500 characters, 342 B more gzip for no
  // reader (the Stripe CLI's build joins them again).
  await bundle(entry, { format: 'esm', out: `${entry}.js`, extra: { minify: true } });
  await bundle(entry, { format: 'cjs', out: `${entry}.cjs`, extra: { minify: true } });
}
// `require` of any entry, in Node as anywhere, gets a single-file CommonJS
// build above: ready on import on either engine, with no file read beside it.
rmSync(join(pkg, 'node.cjs'), { force: true });

// The token helper and the hooks (`stripe-apps-secrets/tokens`,
// `stripe-apps-secrets/react`): one file per format each, as the glue ships
// (no comments, no whitespace: an app's bundler minifies names). What they
// take from the package they import by its name, left an import: the app's
// bundler resolves it to the entry the app's own bare import gets, so one
// copy of the engine and the error classes serves both. React is the app's.
const addOnExternals = ['stripe-apps-secrets', 'stripe-apps-secrets/*', 'react'];
for (const entry of ['tokens', 'react']) {
  for (const [format, out] of [['esm', `${entry}.js`], ['cjs', `${entry}.cjs`]]) {
    const result = await build({
      entryPoints: [join(sources, `${entry}.js`)],
      outfile: join(pkg, out),
      bundle: true,
      ...shipped,
      format,
      platform: 'neutral',
      target: 'es2020',
      external: addOnExternals,
      banner: { js: `// stripe-apps-secrets/${entry} as ${format === 'esm' ? 'an ES module' : 'CommonJS'}. Bundled by scripts/finish-pkg.mjs from src/js/package/${entry}.js. Do not edit.` },
      logLevel: 'warning',
    });
    if (result.errors.length || result.warnings.length) fail(`bundling ${out}: ${JSON.stringify(result.warnings)}`);
  }
  for (const file of [`${entry}.d.ts`, `${entry}.d.cts`]) copyFileSync(join(sources, `${entry}.d.ts`), join(pkg, file));
}

// `stripe-apps-secrets/testing`: Stripe's Secret Store in-process, the
// emulator's engine (scripts/build-testing.sh built it into target/testing/),
// one file per format like the single-file entries, its .wasm as base64.
const testing = join(root, 'target/testing');
if (!existsSync(join(testing, 'testing.js'))) fail('target/testing/testing.js is missing: run scripts/build-testing.sh');
for (const [format, out] of [['esm', 'testing.js'], ['cjs', 'testing.cjs']]) {
  const result = await build({
    entryPoints: [join(testing, 'testing.js')],
    outfile: join(pkg, out),
    bundle: true,
    format,
    platform: 'neutral',
    target: 'es2020',
    minify: true,
    lineLimit: 500,
    define: { 'import.meta.url': 'undefined' },
    banner: { js: `// stripe-apps-secrets/testing as ${format === 'esm' ? 'an ES module' : 'CommonJS'}, one file. Bundled by scripts/finish-pkg.mjs from emulator/testing/js/testing.js and its generated glue. Do not edit.` },
    legalComments: 'none',
    logLevel: 'warning',
  });
  if (result.errors.length || result.warnings.length) fail(`bundling ${out}: ${JSON.stringify(result.warnings)}`);
}
for (const file of ['testing.d.ts', 'testing.d.cts']) copyFileSync(join(testing, 'testing.d.ts'), join(pkg, file));

// --- package.json and licenses --------------------------------------------------------

// Every JS file that ships, hardened against a polluted Object.prototype
// (see hardenHelpers); the JS engine was, before the entries bundled it.
for (const file of readdirSync(pkg).filter((f) => /\.c?js$/.test(f))) {
  writeFileSync(join(pkg, file), hardenHelpers(read(join(pkg, file)), file));
}

// npm shows the package's own, shorter README.
copyFileSync(join(sources, 'README.md'), join(pkg, 'README.md'));
const manifest = JSON.parse(read(join(sources, 'package.json')));
const crateVersion = /^version = "([^"]+)"$/m.exec(read(join(root, 'Cargo.toml')))?.[1];
if (manifest.version !== crateVersion) fail(`src/js/package/package.json has version ${manifest.version}, Cargo.toml ${crateVersion}: make them equal`);
for (const file of manifest.files) {
  if (!existsSync(join(pkg, file))) fail(`package.json lists ${file}, which pkg/ does not have`);
}
const targets = (conditions) => (typeof conditions === 'string' ? [conditions] : Object.values(conditions).flatMap(targets));
for (const target of targets(manifest.exports)) {
  if (target !== './package.json' && !existsSync(join(pkg, target))) fail(`exports names ${target}, which pkg/ does not have`);
}
copyFileSync(join(sources, 'package.json'), join(pkg, 'package.json'));

const isLicense = (file) => /^LICEN[CS]E([-.].*)?$/i.test(file);
const licenses = readdirSync(root).filter(isLicense).sort();
for (const file of licenses) copyFileSync(join(root, file), join(pkg, file));
for (const file of readdirSync(pkg).filter(isLicense)) if (!licenses.includes(file)) rmSync(join(pkg, file));

console.log(`finish-pkg: pkg/ holds ${manifest.name}@${manifest.version}; the .wasm is ${gzipBytes(WASM)} B gzip, the JS engine ${gzipBytes(JS_ENGINE)} B`);

// Builds the demo page as static files any static host can serve (no
// emulator, no server code): target/static-demo/ by default, or the folder
// given as the first argument. The page runs in its in-browser mode only:
// stripe-apps-secrets/testing is the Secret Store, inside the page.
//
//   node scripts/build-static-demo.mjs [OUT_DIR]
//   (cd target/static-demo && python3 -m http.server 8000)
//
// Needs pkg/ built (scripts/build-pkg.sh). The host must serve .wasm as
// application/wasm for streaming compilation; the page works without it too.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const www = join(root, 'www');
const pkg = join(root, 'pkg');

/**
 * The package files the page loads: the main entry (its .wasm, and the JS
 * engine it imports where wasm cannot compile) and the testing entry.
 * Nothing else of pkg/ (the CommonJS and inline builds) goes out.
 */
const PKG_FILES = [
  'stripe_apps_secrets.js',
  'stripe_apps_secrets_core.js',
  'stripe_apps_secrets_bg.wasm',
  'stripe_apps_secrets_js.js',
  'snippets.js',
  'testing.js',
  'LICENSE-APACHE',
  'LICENSE-MIT',
];

// The meta tag app.js reads to pick its backend (see www/index.html).
const EMULATOR_BACKEND = '<meta name="demo-backend" content="emulator" />';
const STATIC_BACKEND = '<meta name="demo-backend" content="static" />';

export async function buildStaticDemo(outDir = join(root, 'target', 'static-demo')) {
  if (!existsSync(join(pkg, 'testing.js'))) throw new Error('pkg/ is not built: run scripts/build-pkg.sh');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'pkg'), { recursive: true });

  const html = readFileSync(join(www, 'index.html'), 'utf8');
  if (!html.includes(EMULATOR_BACKEND)) throw new Error(`www/index.html lost its ${EMULATOR_BACKEND}`);
  writeFileSync(join(outDir, 'index.html'), html.replace(EMULATOR_BACKEND, STATIC_BACKEND));
  cpSync(join(www, 'style.css'), join(outDir, 'style.css'));

  // The page's own modules in one file; the package stays as shipped, beside
  // it (its wasm is found relative to its own URL), and vendor/ (the SDK of
  // the Extension mode, which needs the emulator) is left out.
  await build({
    entryPoints: [join(www, 'app.js')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [
      {
        name: 'keep-package-and-vendor-external',
        setup(b) {
          b.onResolve({ filter: /^\.\/(pkg|vendor)\// }, (args) => ({ path: args.path, external: true }));
        },
      },
    ],
  });
  for (const file of PKG_FILES) cpSync(join(pkg, file), join(outDir, 'pkg', file), { recursive: true });
  return outDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildStaticDemo(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`wrote ${out}: serve it with any static server, e.g. (cd ${out} && python3 -m http.server 8000)`);
}

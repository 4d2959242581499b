// Bundles this Stripe App's UI extension as the Stripe CLI does for
// `stripe apps start` (ext.js) and `stripe apps upload` (ext.min.js). Stripe
// does not document the CLI's bundler settings; these are read off the
// `.build/` output public Stripe Apps committed, one setting per fact:
//
// - the CLI generates `.build/manifest.js`: the views' imports,
//   `export * from '@stripe/ui-extension-sdk/version'`, `BUILD_TIME`, the
//   views by name, and the manifest as the default export;
// - esbuild makes it ONE file: `var __StripeExtExports=(()=>{…})();`, an
//   IIFE with no code splitting, so a dynamic import() is inlined and
//   `import.meta` is empty;
// - platform browser (stripe-node resolves to its browser build);
// - target about es2016 (async functions are lowered to generators);
// - react, react/jsx-runtime and @remote-ui/react are external, filled by a
//   `require` the Dashboard provides; an .svg import becomes a data URL;
// - the template's tsconfig (strict) gives the file its "use strict".
//
// Two additions for tests and the bench, off unless asked: `testHooks`
// exports the app's secret and token handling (src/secrets.ts,
// src/oauth.ts) from the bundle, so a test page can drive it without
// rendering the view through the Dashboard's remote UI; `firstCall` exports
// `firstCall(userId)`, the App view's Load (one `find` of the user's token),
// which the bench times from the frame's navigation.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const appDir = new URL('.', import.meta.url).pathname;

/** What esbuild is given, as the CLI gives it (see above). */
export const CLI_SETTINGS = {
  bundle: true,
  format: 'iife',
  globalName: '__StripeExtExports',
  platform: 'browser',
  target: 'es2016',
  external: ['react', 'react/jsx-runtime', '@remote-ui/react'],
  loader: { '.svg': 'dataurl' },
  jsx: 'automatic',
};

/**
 * Builds `.build/<outName>` (ext.js, or ext.min.js with `minify`). `alias`
 * maps package paths to others (one entry of this package to another),
 * each exactly: its subpaths (`stripe-apps-secrets/tokens`) stay theirs,
 * and their own import of the aliased path follows the alias;
 * `secretsModule` replaces the app's `src/secrets.ts` with another file of
 * the same exports (the bench's stripe-node and no-secrets variants);
 * `views` keeps only the views of those names (the bench's rows of the
 * secret handling alone).
 * Throws on any esbuild warning: a Stripe App author would see it in every
 * `stripe apps start`.
 */
export async function buildLikeStripeCli({ dir = appDir, minify = false, outName, alias = {}, testHooks = false, firstCall = false, secretsModule, views: only } = {}) {
  const buildDir = join(dir, '.build');
  mkdirSync(buildDir, { recursive: true });
  const manifest = (await import(join(dir, 'stripe-app.json'), { with: { type: 'json' } })).default;
  const views = manifest.ui_extension.views.map((view) => view.component).filter((name) => only === undefined || only.includes(name));
  const hooks = testHooks
    ? `\n// Test hooks (not in the CLI's manifest): the app's secret handling and the engine that ran.\nexport * as testHooks from './test-hooks.js';\n`
    : '';
  if (testHooks) {
    writeFileSync(
      join(buildDir, 'test-hooks.js'),
      `export * from '../src/secrets';\nexport * from '../src/oauth';\nexport { engine, StripeScopeError } from 'stripe-apps-secrets';\n`,
    );
  }
  const first = firstCall ? `\n// The bench's first call (not in the CLI's manifest).\nexport { firstCall } from './first-call.js';\n` : '';
  if (firstCall) {
    writeFileSync(
      join(buildDir, 'first-call.js'),
      `import { loadToken, secretsFor } from '../src/secrets';\nexport const firstCall = (userId) => loadToken(secretsFor(userId));\n`,
    );
  }
  writeFileSync(
    join(buildDir, 'manifest.js'),
    `${views.map((name) => `import ${name} from '../src/views/${name}';`).join('\n')}

export * from '@stripe/ui-extension-sdk/version';
export const BUILD_TIME = '${new Date().toISOString()}';

export { ${views.join(', ')} };
${hooks}${first}
export default ${JSON.stringify(manifest, null, 2)};
`,
  );
  const outfile = join(buildDir, outName ?? (minify ? 'ext.min.js' : 'ext.js'));
  const result = await build({
    ...CLI_SETTINGS,
    absWorkingDir: dir,
    entryPoints: [join(buildDir, 'manifest.js')],
    outfile,
    minify,
    plugins: [aliasExactly(alias), ...(secretsModule ? [replaceSecrets(secretsModule)] : [])],
    logLevel: 'silent',
    metafile: true,
  });
  if (result.warnings.length) {
    throw new Error(`esbuild warned: ${result.warnings.map((w) => w.text).join('; ')}`);
  }
  return { outfile, metafile: result.metafile };
}

/** Resolves the app's secrets module (`../secrets` from a view, `../src/secrets` from .build/) to `file` instead. */
const replaceSecrets = (file) => ({
  name: 'replace-secrets',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/(src\/)?secrets$/ }, () => ({ path: file }));
  },
});

/** `alias` for exactly the paths it names (esbuild's own also maps their subpaths). */
const aliasExactly = (alias) => ({
  name: 'alias-exactly',
  setup(b) {
    for (const [from, to] of Object.entries(alias)) {
      const exactly = new RegExp(`^${from.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      b.onResolve({ filter: exactly }, (args) => b.resolve(to, { kind: args.kind, resolveDir: args.resolveDir }));
    }
  },
});

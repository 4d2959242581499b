// StrykerJS over the hand-written JS that decides (scripts/stryker.sh runs
// it; see docs/tests.md):
//
// - the snippets both engines' glue imports: src/js/errors.js (the error
//   classes and their brand), src/js/values.js (results, lastResponse, the
//   listAll walk), src/interop/objects.js (own-property reads, definitions,
//   header lines), src/transport/http.js (the transports' init and answer);
// - src/js/package/stripe_apps_secrets.js, the main entry: init(),
//   initSync() and which engine starts;
// - src/js/package/secret-store.js: the engine claim and the receiver guards;
// - src/js/package/single-file.js: how the single-file entries start an engine;
// - src/js/package/embedded-wasm.js: the single-file entries' deflated
//   .wasm, checked before it is inflated;
// - src/js/package/development-hint.js: the `inline` entry's one note in
//   development builds;
// - the token helper and the hooks: app-objects.js (own-property reads of
//   an app's objects), token-codec.js, token-errors.js, token-store.js,
//   use-stored.js and hooks.js (tokens.js and react.js only re-export).
//
// Left out, as they hold no decision of their own: public-api.js (a list of
// re-exports); inline.js, inline-wasm.js and inline-js.js (each hands its
// engines to single-file.js and forwards init/initSync to what it answers);
// node.js (one initSync of the .wasm beside it, else init()); node-cjs-url.js
// (the file's URL for node.cjs). The consumer suites (tests/consumers/,
// minutes per run) are what load those.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export default {
  mutate: [
    'src/js/errors.js',
    'src/js/values.js',
    'src/interop/objects.js',
    'src/transport/http.js',
    'src/js/package/stripe_apps_secrets.js',
    'src/js/package/secret-store.js',
    'src/js/package/single-file.js',
    'src/js/package/embedded-wasm.js',
    'src/js/package/development-hint.js',
    'src/js/package/app-objects.js',
    'src/js/package/token-codec.js',
    'src/js/package/token-errors.js',
    'src/js/package/token-store.js',
    'src/js/package/use-stored.js',
    'src/js/package/hooks.js',
  ],
  testRunner: 'command',
  // Makes pkg/'s JS from the mutated sources, once: Stryker switches
  // mutants at run time through an environment variable, which the suites'
  // child processes inherit.
  buildCommand: `scripts/stryker-sandbox.sh build ${root}`,
  commandRunner: { command: 'scripts/stryker-sandbox.sh test' },
  // No per-test coverage: the command runner sees one command, so every
  // mutant runs the suites (stopping at the first that fails).
  coverageAnalysis: 'off',
  // Two cores, shared with other builds.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  // What the sandbox does not need; target/ is linked in by the build step.
  ignorePatterns: ['/target', '/artifacts', '/bench', '/emulator', '/examples', '/www', '/tests/stripe-app', '/tests/e2e'],
  tempDirName: 'target/stryker-tmp',
  cleanTempDir: 'always',
  reporters: ['progress', 'clear-text', 'json'],
  jsonReporter: { fileName: 'target/stryker.out/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  // A mutant that makes a call hang fails the suite's own bound
  // (stryker-sandbox.sh). Stryker's timeout, which would count it as killed
  // too, is only a backstop: it is measured from the unmutated run, made
  // alone, and two mutants run at once on a shared machine take longer.
  timeoutFactor: 3,
  timeoutMS: 60000,
};

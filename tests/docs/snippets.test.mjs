// Every code block of README.md, docs/*.md and the npm package's README
// (src/js/package/README.md), checked as written.
//
// Each fenced block is decided by its language and by an optional marker,
// an HTML comment on the line just above the fence:
//
// | block | marker | what this test does |
// |---|---|---|
// | ```js | none | runs it with Node in a project where the packed package is installed (npm pack of pkg/), against a fresh Secret Store emulator; `http://127.0.0.1:12111` (the emulator's default address) is replaced by the test emulator's; it must exit 0 with nothing on stderr. A block that uses `require(` and no `import` runs as CommonJS |
// | ```text | `<!-- snippet: output -->` | the stdout of the js block just before it, exactly |
// | ```ts / ```tsx | `<!-- snippet: same-as PATH -->` | byte-identical to PATH, a file another test runs (tests/stripe-app/) |
// | ```ts / ```tsx / any | `<!-- snippet: excerpt-of PATH -->` | a verbatim, contiguous part of PATH |
// | ```ts / ```tsx | none | type-checked (they need a Dashboard) with the Stripe App template's tsconfig and TypeScript (tests/stripe-app/node_modules), against the packed package and the published SDK |
// | ```rust | none | compiled by `cargo test --doc`: src/lib.rs includes the page under cfg(doctest); this test checks that it does |
// | any | `<!-- snippet: not-run (why) -->` | not run; listed by this test, and the reason is required |
// | ```sh, ```text | none | commands and listings: not code |
//
// Also: every fence names its language (rustdoc would compile an unnamed one
// as Rust), and every figure in the prose (a number with B, KB, µs, ms, %
// or ×) appears in bench/RESULTS.md, verbatim or as a whole number there;
// the figures of one table row must come from one line of it.
//
// And the test app's view, shown in docs/entries.md (the same file as tests/stripe-app/src/views/App.tsx)
// is rendered with the SDK's test renderer and driven by its buttons, over
// both of the SDK's transports, behind the fake Dashboard
// (tests/support/fake-dashboard.mjs): this replaces the old README snippet test.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';

import { consumerProject, installPacked, repo } from '../consumers/support/project.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { installFakeDashboard } from '../support/fake-dashboard.mjs';
import { blocksOf } from './blocks.mjs';

const run = promisify(execFile);
const appDir = join(repo, 'tests/stripe-app');
const DEFAULT_EMULATOR = 'http://127.0.0.1:12111';

/** The pages: README.md, every docs/*.md, and the npm package's README. */
const pages = [
  'README.md',
  'src/js/package/README.md',
  ...(existsSync(join(repo, 'docs'))
    ? readdirSync(join(repo, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => `docs/${f}`)
    : []),
];

/** The prose of a Markdown text: fenced blocks blanked out. */
const proseOf = (markdown) => markdown.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\s*\2\s*$/gm, '');

const all = pages.flatMap((page) => blocksOf(readFileSync(join(repo, page), 'utf8')).map((b) => ({ ...b, page })));
const where = (b) => `${b.page}:${b.line}`;
const KNOWN_MARKERS = new Set(['same-as', 'excerpt-of', 'not-run', 'output']);

test('the pages hold code blocks, each with a language and a known marker', () => {
  assert.ok(all.length > 0);
  for (const b of all) {
    assert.ok(b.lang, `${where(b)}: a fence without a language (rustdoc would compile it as Rust)`);
    if (b.marker) assert.ok(KNOWN_MARKERS.has(b.marker.kind), `${where(b)}: unknown marker ${b.marker.kind}`);
  }
});

test('blocks opted out (not-run) are listed, each with its reason', (t) => {
  const skipped = all.filter((b) => b.marker?.kind === 'not-run');
  for (const b of skipped) {
    assert.match(b.marker.arg, /^\(.+\)$/, `${where(b)}: not-run needs a reason in parentheses`);
    t.diagnostic(`not run: ${where(b)} ${b.lang} ${b.marker.arg}`);
  }
  const known = new Set(['js', 'ts', 'tsx', 'rust', 'sh', 'text']);
  assert.deepEqual(
    all
      .filter((b) => !known.has(b.lang) && !['not-run', 'same-as', 'excerpt-of'].includes(b.marker?.kind))
      .map((b) => `${where(b)} ${b.lang}`),
    [],
    `blocks in a language other than ${[...known].join(', ')} must be marked not-run, or be the same as (or an excerpt of) a file a test uses`,
  );
});

describe('blocks that are files another test runs', () => {
  for (const b of all.filter((x) => x.marker?.kind === 'same-as' || x.marker?.kind === 'excerpt-of')) {
    test(`${where(b)} is ${b.marker.kind} ${b.marker.arg}`, () => {
      const file = readFileSync(join(repo, b.marker.arg), 'utf8');
      if (b.marker.kind === 'same-as') assert.equal(b.code, file);
      else assert.ok(file.includes(b.code), `${where(b)} is not a verbatim part of ${b.marker.arg}`);
    });
  }
});

test('pages with Rust blocks are compiled by cargo test --doc (src/lib.rs includes them)', () => {
  const lib = readFileSync(join(repo, 'src/lib.rs'), 'utf8');
  const withRust = [...new Set(all.filter((b) => b.lang === 'rust' && b.marker?.kind !== 'not-run').map((b) => b.page))];
  for (const page of withRust) {
    assert.ok(lib.includes(`include_str!("../${page}")`), `src/lib.rs does not include ${page} as a doctest`);
  }
});

test('every figure in the prose appears in bench/RESULTS.md, a table row\'s figures on one line of it', () => {
  const results = readFileSync(join(repo, 'bench/RESULTS.md'), 'utf8');
  const resultLines = results.split('\n');
  const figure = /(?<![\w.,])\d[\d,]*(?:\.\d+)? ?(?:B|KB|kB|µs|ms|%|×)(?![\w])/g;
  // Verbatim, or its number as a whole number there (RESULTS.md's byte columns carry no unit).
  const holds = (text, value) => {
    const number = /^[\d,.]+/.exec(value)[0];
    return text.includes(value) || new RegExp(`(?<![\\d.,])${number.replace(/[.]/g, '\\.')}(?![\\d]|[.,]\\d)`).test(text);
  };
  const missing = [];
  let count = 0;
  for (const page of pages) {
    for (const line of proseOf(readFileSync(join(repo, page), 'utf8')).split('\n')) {
      const values = [...line.matchAll(figure)].map((m) => m[0]);
      count += values.length;
      for (const value of values) if (!holds(results, value)) missing.push(`${page}: ${value}`);
      // A table row cites one measurement: its figures must come from one row of RESULTS.md.
      if (values.length > 1 && line.trimStart().startsWith('|') && !resultLines.some((r) => values.every((v) => holds(r, v)))) {
        missing.push(`${page}: ${values.join(', ')} are not on one line of bench/RESULTS.md`);
      }
    }
  }
  assert.deepEqual(missing, [], 'figures that bench/RESULTS.md does not hold');
  assert.ok(count > 0, 'the README cites the measured cost');
});

describe('js blocks run against the emulator, with the packed package', () => {
  const runnable = all.filter((b) => b.lang === 'js' && !b.marker);
  let emulator;
  let project;

  before(async () => {
    emulator = await startEmulator();
    project = consumerProject();
  });
  after(async () => {
    project?.cleanup();
    await emulator?.stop();
  });

  runnable.forEach((b, n) => {
    const next = all[all.indexOf(b) + 1];
    const expected = next?.page === b.page && next.marker?.kind === 'output' ? next.code : undefined;
    test(`${where(b)} runs${expected === undefined ? '' : ' and prints what the page shows'}`, async () => {
      await emulator.reset();
      const commonjs = /\brequire\(/.test(b.code) && !/^\s*import\s/m.test(b.code);
      const file = join(project.dir, `snippet-${n}.${commonjs ? 'cjs' : 'mjs'}`);
      writeFileSync(file, b.code.replaceAll(DEFAULT_EMULATOR, emulator.url));
      let out;
      try {
        out = await run(process.execPath, [file], { cwd: project.dir, timeout: 60_000, encoding: 'utf8' });
      } catch (error) {
        assert.fail(`${where(b)} failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
      }
      assert.equal(out.stderr, '', `${where(b)} wrote to stderr`);
      if (expected !== undefined) assert.equal(out.stdout, expected);
    });
  });

  test('every output block follows a js block that runs', () => {
    for (const [i, b] of all.entries()) {
      if (b.marker?.kind !== 'output') continue;
      const previous = all[i - 1];
      assert.ok(
        previous?.page === b.page && runnable.includes(previous),
        `${where(b)}: an output block must follow a js block this test runs`,
      );
    }
  });
});

test('ts and tsx blocks type-check with the Stripe App template\'s tsconfig, against the packed package', async (t) => {
  const checked = all.filter((b) => ['ts', 'tsx'].includes(b.lang) && !b.marker);
  if (checked.length === 0) return t.skip('no ts or tsx block to type-check');
  const dir = join(tmpdir(), `sas-snippets-tsc-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  try {
    // The Stripe App's dependencies (the SDK, react's types, the tools), and this package as npm installs it.
    mkdirSync(join(dir, 'node_modules'));
    for (const name of readdirSync(join(appDir, 'node_modules'))) {
      if (name === 'stripe-apps-secrets' || name.startsWith('.')) continue;
      symlinkSync(join(appDir, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
    }
    installPacked(dir);
    // Blocks may import the test app's secret handling, as its view does.
    writeFileSync(join(dir, 'src/secrets.ts'), readFileSync(join(appDir, 'src/secrets.ts')));
    const files = checked.map((b, n) => {
      const name = `src/snippet-${n}.${b.lang}`;
      writeFileSync(join(dir, name), `${b.code}\nexport {};\n`);
      return { name, b };
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: '@stripe/ui-extension-tools/tsconfig.ui-extension', include: ['src'] }),
    );
    try {
      await run(process.execPath, [join(appDir, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    } catch (error) {
      let report = `${error.stdout}${error.stderr}`;
      for (const { name, b } of files) report = report.replaceAll(name, `${name} (${where(b)})`);
      assert.fail(`tsc:\n${report}`);
    }
    t.diagnostic(`type-checked: ${files.map(({ b }) => where(b)).join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The test app's view (docs/entries.md), rendered and pressed (it is tests/stripe-app/src/views/App.tsx).
describe("the test app's view in the SDK's test renderer, over stripeApiFetch", () => {
  const ALICE = 'usr_alice1';
  const TOKEN = 'ya29.&=+ 🔐';
  let emulator;
  let bundleFile;

  before(async () => {
    assert.ok(
      all.some((b) => b.marker?.kind === 'same-as' && b.marker.arg === 'tests/stripe-app/src/views/App.tsx'),
      'a page shows tests/stripe-app/src/views/App.tsx',
    );
    emulator = await startEmulator();
    // One React and one SDK (the repository's), the package from pkg/ as the
    // other extension tests use it.
    const fromRoot = {
      name: 'one-copy',
      setup(b) {
        b.onResolve({ filter: /^(react|react-dom|@stripe\/ui-extension-sdk|@remote-ui\/[^/]+)(\/.*)?$/ }, (args) =>
          args.pluginData?.fromRoot
            ? undefined
            : b.resolve(args.path, { kind: args.kind, resolveDir: repo, pluginData: { fromRoot: true } }),
        );
        // The bare import as the Stripe CLI bundles it (platform browser), not Node's node.js.
        b.onResolve({ filter: /^stripe-apps-secrets$/ }, () => ({ path: join(repo, 'pkg/inline.js') }));
      },
    };
    const result = await build({
      stdin: {
        contents: `export { default as App } from './tests/stripe-app/src/views/App.tsx';
export { render } from '@stripe/ui-extension-sdk/testing/render';
export { getMockContextProps } from '@stripe/ui-extension-sdk/testing/mockData';
export { Button, TextField } from '@stripe/ui-extension-sdk/ui';
export { createElement } from 'react';`,
        resolveDir: repo,
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      jsx: 'automatic',
      plugins: [fromRoot],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    bundleFile = join(tmpdir(), `sas-readme-view-${process.pid}.mjs`);
    writeFileSync(bundleFile, result.outputFiles[0].contents);
  });
  after(async () => {
    if (bundleFile) rmSync(bundleFile, { force: true });
    await emulator?.stop();
  });

  let instance = 0;
  for (const transport of ['host', 'frame']) {
    test(`save, load, forget; without a user, the user scope refused unsent (${transport} transport)`, async () => {
      await emulator.reset();
      const origin = new URL(emulator.url).origin;
      const dashboard = installFakeDashboard({ emulatorUrl: emulator.url, userId: ALICE, transport, passThrough: (url) => url.origin === origin });
      try {
        instance += 1;
        const ui = await import(`${pathToFileURL(bundleFile).href}?instance=${instance}`); // a fresh SDK: its own transport
        const props = ui.getMockContextProps({ userContext: { id: ALICE }, environment: {} });
        const { wrapper, update } = ui.render(ui.createElement(ui.App, props));
        const settle = async () => {
          for (let i = 0; i < 10; i++) await update();
        };
        const press = async (label) => {
          await wrapper.findAll(ui.Button).find((node) => node.text === label).trigger('onPress');
          await settle();
        };
        const field = () => wrapper.find(ui.TextField);
        const status = () => wrapper.text.replace('SaveLoadForget', '');

        await press('Load');
        assert.equal(field().prop('value'), '', 'nothing saved yet: loads null');
        field().trigger('onChange', { target: { value: TOKEN } });
        await settle();
        await press('Save');
        assert.equal(status(), 'Saved');
        field().trigger('onChange', { target: { value: '' } });
        await settle();
        await press('Load');
        assert.equal(field().prop('value'), TOKEN, 'loaded back exactly');
        await press('Forget');
        assert.equal(field().prop('value'), '');
        wrapper.unmount();

        const log = await emulator.requests();
        assert.deepEqual(
          log.map((r) => `${r.method} ${r.path.split('?')[0]}`),
          ['GET /v1/apps/secrets/find', 'POST /v1/apps/secrets', 'GET /v1/apps/secrets/find', 'POST /v1/apps/secrets/delete'],
        );
        assert.ok(dashboard.requests.length === 4 && dashboard.requests.every((r) => r.transport === transport));

        // Without userContext.id the store has no user: 'user' is refused, unsent.
        await emulator.reset();
        const anonymous = ui.render(ui.createElement(ui.App, ui.getMockContextProps({ userContext: { id: undefined }, environment: {} })));
        await anonymous.wrapper.findAll(ui.Button).find((node) => node.text === 'Save').trigger('onPress');
        for (let i = 0; i < 10; i++) await anonymous.update();
        assert.match(anonymous.wrapper.text, /scope/);
        anonymous.wrapper.unmount();
        assert.deepEqual(await emulator.requests(), []);
        assert.equal(dashboard.requests.length, 4, 'nothing more reached the Dashboard');
      } finally {
        dashboard.uninstall();
      }
    });
  }
});

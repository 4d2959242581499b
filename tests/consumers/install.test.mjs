// The README's Install, as a new user follows it: `scripts/pack.sh` (here
// with `--no-build`: the test command built pkg/ already) checks and packs
// the package and prints the tarball's path; `npm install` of that file
// into a fresh app; then the README's Node example, as written, saved as a
// `.mjs` file (as the README says), prints what the README says it prints,
// and a CommonJS file can require the package. The Stripe App test
// (tests/stripe-app/) installs the same `npm pack` of pkg/ into the test app.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { blocksOf } from '../docs/blocks.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { repo } from './support/project.mjs';

const run = promisify(execFile);
const README = readFileSync(join(repo, 'README.md'), 'utf8');
let emulator;
let app;
let tarball;

before(async () => {
  emulator = await startEmulator();
  app = mkdtempSync(join(tmpdir(), 'sas-install-'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true }));
});
after(async () => {
  await emulator?.stop();
  if (app) rmSync(app, { recursive: true, force: true });
});

test('scripts/pack.sh checks the package and prints the path of its tarball', async () => {
  const { stdout } = await run(join(repo, 'scripts/pack.sh'), ['--no-build'], { cwd: repo, timeout: 240_000 });
  tarball = stdout.trim().split('\n').pop();
  assert.match(tarball, /\/target\/pack\/stripe-apps-secrets-\d+\.\d+\.\d+\.tgz$/);
  assert.ok(existsSync(tarball), tarball);
  assert.ok(README.includes('npm install /path/to/stripe-apps-secrets-'), 'the README installs the tarball');
});

test('npm install of the tarball into a fresh app, then the README\'s Node example prints what the README says', async () => {
  assert.ok(tarball, 'packed by the test before');
  await run('npm', ['install', tarball, '--no-audit', '--no-fund'], { cwd: app, timeout: 240_000 });
  const section = README.slice(README.indexOf('## Use from Node, against the emulator'));
  const [example, printed] = blocksOf(section);
  assert.equal(example.lang, 'js');
  assert.equal(printed.marker?.kind, 'output');
  assert.match(section, /save it as a\s+`\.mjs` file/);
  writeFileSync(join(app, 'example.mjs'), example.code.replaceAll('http://127.0.0.1:12111', emulator.url));
  const { stdout } = await run(process.execPath, ['example.mjs'], { cwd: app, timeout: 30_000 });
  assert.equal(stdout, printed.code);
});

test('a CommonJS file of the fresh app requires the package', async () => {
  writeFileSync(
    join(app, 'require.cjs'),
    "const { SecretStore, engine } = require('stripe-apps-secrets');\n" +
      "console.log(typeof SecretStore, engine(), require.resolve('stripe-apps-secrets').endsWith('inline.cjs'));\n",
  );
  const { stdout } = await run(process.execPath, ['require.cjs'], { cwd: app, timeout: 30_000 });
  assert.equal(stdout, 'function wasm true\n');
});

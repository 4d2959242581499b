// The ecosystem's own checks of the package as npm would ship it: pkg/
// packed with `npm pack`, then are-the-types-wrong (every entry's types
// under node10, node16 from CommonJS and from ESM, and bundler) and publint
// (package.json against the files) over the tarball. The raw .wasm export
// has no types to check.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { pkgDir, rootModules } from './support/project.mjs';

const run = promisify(execFile);
let packDir;
let tarball;

before(() => {
  packDir = mkdtempSync(join(tmpdir(), 'sas-lint-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--silent', '--pack-destination', packDir], { cwd: pkgDir, encoding: 'utf8' }),
  );
  tarball = join(packDir, packed.filename);
});
after(() => packDir && rmSync(packDir, { recursive: true, force: true }));

/** Runs a CLI of the repository's node_modules; resolves with its exit code and output. */
async function cli(name, args) {
  try {
    const { stdout, stderr } = await run(join(rootModules, '.bin', name), args, { timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, output: `${error.stdout}${error.stderr}` };
  }
}

test('are-the-types-wrong finds no problem in any entry', async () => {
  const { code, output } = await cli('attw', [tarball, '--format', 'json', '--exclude-entrypoints', './stripe_apps_secrets_bg.wasm']);
  const report = JSON.parse(output);
  assert.deepEqual(report.analysis.problems, [], output);
  assert.equal(code, 0);
  // Every entry was resolved under every mode, not skipped.
  const entries = Object.keys(report.analysis.entrypoints).sort();
  assert.deepEqual(entries, ['.', './bundler', './inline-js', './inline-wasm', './package.json', './react', './testing', './tokens']);
  for (const entry of entries.filter((e) => e !== './package.json')) {
    for (const mode of ['node10', 'node16-cjs', 'node16-esm', 'bundler']) {
      const resolution = report.analysis.entrypoints[entry].resolutions[mode].resolution;
      assert.ok(resolution?.fileName?.match(/\.d\.c?ts$/), `${entry} under ${mode}: ${JSON.stringify(resolution)}`);
    }
  }
});

test('publint reports no error, warning or suggestion', async () => {
  const { code, output } = await cli('publint', ['run', tarball, '--level', 'suggestion', '--strict']);
  assert.equal(code, 0, output);
  assert.match(output, /All good!/, output);
});

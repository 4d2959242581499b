// TypeScript consumers: `tsc --noEmit` (strict, skipLibCheck off) over
// tests/consumers/types/* in a throwaway project with the packed package
// installed, so every check goes through the package's `exports`/`types`
// the way a user's compiler does, and the package's own .d.ts must compile
// too. Run with TypeScript 5.9 (the version issue 12 names) and with the
// repository's TypeScript (7).
//
// The matrix: lib ["es2022"] with and without "dom" × moduleResolution
// bundler / node16 / nodenext (and node10, the Stripe App template's) × an ESM consumer (esm-consumer.ts, in a
// "type": "module" project) and a CommonJS one (.cts). The package's types
// need neither the DOM lib nor @types/node. usage.ts (every method, every
// option, the @ts-expect-error calls; uses DOM globals itself) and
// node-usage.ts (uses @types/node) join the runs whose settings they need.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { consumerProject, rootModules } from './support/project.mjs';

const run = promisify(execFile);
const COMPILERS = { 'TypeScript 5.9': 'typescript-5.9', 'TypeScript 7': 'typescript' };
let project;

before(() => {
  project = consumerProject({
    links: ['@stripe/ui-extension-sdk', '@types/node', 'undici-types'],
    copy: ['tests/consumers/types'],
  });
  writeFileSync(join(project.dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  // Stripe's docs code from a CommonJS file too: the same text, as .cts.
  copyFileSync(join(project.dir, 'stripe-docs.ts'), join(project.dir, 'stripe-docs.cts'));
});
after(() => project?.cleanup());

let configs = 0;
/** Runs tsc; resolves with its output and exit code (0 = the files check). */
async function tsc(compiler, compilerOptions, files) {
  const config = join(project.dir, `tsconfig.${++configs}.json`);
  const base = { strict: true, noEmit: true, target: 'es2022', skipLibCheck: false, types: [] };
  writeFileSync(config, JSON.stringify({ compilerOptions: { ...base, ...compilerOptions }, files }, null, 2));
  const bin = join(rootModules, COMPILERS[compiler], 'bin', 'tsc');
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, '-p', config], { cwd: project.dir, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, output: `${error.stdout}${error.stderr}` };
  }
}

async function check(compiler, compilerOptions, files) {
  const { code, output } = await tsc(compiler, compilerOptions, files);
  assert.equal(code, 0, `${compiler}, ${JSON.stringify(compilerOptions)}, ${files.join(' ')}:\n${output}`);
}

const MODULES = {
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  node16: { module: 'node16', moduleResolution: 'node16' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  // The Stripe App template's: `exports` is not read, `types` and `typesVersions` are.
  node10: { module: 'commonjs', moduleResolution: 'node' },
};
const LIBS = { 'lib es2022': ['es2022'], 'lib es2022 + dom': ['es2022', 'dom'] };

// Files checked together share one tsc run (TypeScript 5.9 takes seconds a run).
const MATRIX = [
  ['lib es2022', ['es2022'], 'bundler', [], ['esm-consumer.ts', 'stripe-docs.ts']],
  ['lib es2022', ['es2022'], 'node16', [], ['esm-consumer.ts', 'cjs-node16.cts', 'cjs-consumer.cts', 'stripe-docs.ts', 'stripe-docs.cts']],
  ['lib es2022', ['es2022'], 'node10', [], ['esm-consumer.ts', 'stripe-docs.ts']],
  ['lib es2022', ['es2022'], 'nodenext', ['node'], ['esm-consumer.ts', 'cjs-consumer.cts', 'node-usage.ts']],
  ['lib es2022 + dom', ['es2022', 'dom'], 'bundler', [], ['esm-consumer.ts', 'usage.ts']],
  ['lib es2022 + dom', ['es2022', 'dom'], 'node16', ['node'], ['esm-consumer.ts', 'cjs-node16.cts']],
  ['lib es2022 + dom', ['es2022', 'dom'], 'nodenext', [], ['esm-consumer.ts', 'cjs-consumer.cts']],
];

for (const compiler of Object.keys(COMPILERS)) {
  // Two tsc at a time: the machine has two cores.
  describe(compiler, { concurrency: 2 }, () => {
    for (const [libName, lib, resolution, types, files] of MATRIX) {
      // TypeScript 7 no longer has node10; the template's TypeScript (5.9) does.
      if (resolution === 'node10' && compiler !== 'TypeScript 5.9') continue;
      const withTypes = types.length ? `, types ${types.join(' ')}` : ', no @types';
      test(`${libName}, ${resolution}${withTypes}: ${files.join(' ')}`, () =>
        check(compiler, { lib, ...MODULES[resolution], types }, files));
    }
  });
}

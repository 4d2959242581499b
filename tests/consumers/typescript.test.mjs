// TypeScript consumer: `tsc --noEmit --strict` over tests/consumers/types/*.ts
// in a throwaway project with the packed package installed, so the check goes
// through the package's `exports`/`types` the way a user's compiler does.
// usage.ts is checked as UI extensions are built (bundler resolution, DOM),
// node-usage.ts as Node 20 code (nodenext, an ESM package). Both with
// skipLibCheck off, so the package's own .d.ts must compile there too. The
// init types wasm-bindgen writes (RequestInfo, BufferSource, WebAssembly.*)
// come from lib "dom": a Node project needs it too, or skipLibCheck.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { consumerProject, rootModules } from './support/project.mjs';

const run = promisify(execFile);
const tsc = join(rootModules, 'typescript', 'bin', 'tsc');
let project;

before(() => {
  project = consumerProject({
    links: ['@stripe/ui-extension-sdk', '@types/node', 'undici-types'],
    copy: ['tests/consumers/types'],
  });
  writeFileSync(join(project.dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
});
after(() => project?.cleanup());

async function check(name, compilerOptions, files) {
  const config = join(project.dir, `tsconfig.${name}.json`);
  const base = { strict: true, noEmit: true, target: 'es2022', skipLibCheck: false };
  writeFileSync(config, JSON.stringify({ compilerOptions: { ...base, ...compilerOptions }, files }, null, 2));
  try {
    await run(process.execPath, [tsc, '--noEmit', '--strict', '-p', config], { cwd: project.dir, timeout: 60_000 });
  } catch (error) {
    assert.fail(`tsc -p tsconfig.${name}.json failed (exit ${error.code}):\n${error.stdout}${error.stderr}`);
  }
}

test('usage.ts: every method, every option, and the @ts-expect-error calls (bundler resolution)', async () => {
  await check(
    'bundler',
    { lib: ['es2022', 'dom', 'dom.iterable'], module: 'esnext', moduleResolution: 'bundler', types: [] },
    ['usage.ts'],
  );
});

test('node-usage.ts: the Node way (nodenext resolution)', async () => {
  await check('node', { lib: ['es2022', 'dom'], module: 'nodenext', moduleResolution: 'nodenext', types: ['node'] }, [
    'node-usage.ts',
  ]);
});

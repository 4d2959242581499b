// Size ratchet: gzip -9 of each part as shipped must not exceed its
// ceiling in bench/size-budget.json. The ceilings are lowered whenever the
// package shrinks and never raised. The main entry is the .wasm and every
// JS file of its module graph (bench/lib/sizes.mjs `mainEntryFiles`, each
// file compressed on its own and the sizes summed, as a server sends them;
// the same measure as bench/run.mjs); `inline-wasm` (the deflated .wasm
// and the shared JS) and the JS engine are one file each. `inline` and
// `inline-js` are those parts together, so these ceilings bound them too.
// Needs pkg/ built (scripts/build-pkg.sh).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

import { mainEntryFiles } from '../bench/lib/sizes.mjs';

const { ceilings } = JSON.parse(readFileSync(new URL('../bench/size-budget.json', import.meta.url), 'utf8'));
const pkgFile = (name) => ({ name, bytes: readFileSync(new URL(`../pkg/${name}`, import.meta.url)) });
const entries = {
  main: mainEntryFiles,
  'inline-wasm': () => [pkgFile('inline-wasm.js')],
  'JS engine': () => [pkgFile('stripe_apps_secrets_js.js')],
};

test('bench/size-budget.json has a ceiling for every part, and only for those', () => {
  assert.deepEqual(Object.keys(ceilings).sort(), Object.keys(entries).sort());
});

for (const [entry, filesOf] of Object.entries(entries)) {
  test(`gzip -9 of ${entry} as shipped stays within its ceiling in bench/size-budget.json`, (t) => {
    const ceiling = ceilings[entry]?.gzipBytes;
    assert.ok(Number.isInteger(ceiling) && ceiling > 0, `bench/size-budget.json: ceilings["${entry}"].gzipBytes is a positive integer`);
    const files = filesOf().map((f) => ({ name: f.name, gzip: gzipSync(f.bytes, { level: 9 }).length }));
    const total = files.reduce((sum, f) => sum + f.gzip, 0);
    const line = `size ratchet, ${entry}: ${total} bytes gzip -9 (${files.map((f) => `${f.name} ${f.gzip}`).join(', ')}), ceiling ${ceiling}`;
    t.diagnostic(line);
    assert.ok(total <= ceiling, `${line}: over by ${total - ceiling} bytes. Shrink the package: the ceiling only goes down.`);
  });
}

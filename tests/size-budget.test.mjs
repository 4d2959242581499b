// Size ratchet: gzip -9 of the main entry as shipped (the .wasm and every JS
// file of its module graph: bench/lib/sizes.mjs `mainEntryFiles`, each file
// compressed on its own and the sizes summed, as a server sends them; the
// same measure as bench/run.mjs) must not exceed bench/size-budget.json's
// ceiling. The ceiling is lowered whenever the package shrinks and never
// raised. Needs pkg/ built (scripts/build-pkg.sh).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

import { mainEntryFiles } from '../bench/lib/sizes.mjs';

test('gzip -9 of the main entry as shipped stays within its ceiling in bench/size-budget.json', (t) => {
  const { ceilings } = JSON.parse(readFileSync(new URL('../bench/size-budget.json', import.meta.url), 'utf8'));
  const ceiling = ceilings?.main?.gzipBytes;
  assert.ok(Number.isInteger(ceiling) && ceiling > 0, 'bench/size-budget.json: ceilings.main.gzipBytes is a positive integer');
  const files = mainEntryFiles().map((f) => ({ name: f.name, gzip: gzipSync(f.bytes, { level: 9 }).length }));
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  const line = `size ratchet, main entry: ${total} bytes gzip -9 (${files.map((f) => `${f.name} ${f.gzip}`).join(', ')}), ceiling ${ceiling}`;
  t.diagnostic(line);
  assert.ok(total <= ceiling, `${line}: over by ${total - ceiling} bytes. Shrink the package: the ceiling only goes down.`);
});

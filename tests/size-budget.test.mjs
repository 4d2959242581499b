// Size budget: gzip -9 of the .wasm plus gzip -9 of the JS (the main entry,
// the wasm-bindgen glue it imports, and the classes.js snippet; each file
// compressed on its own and the sizes summed, as a server sends them; the
// same measure as bench/run.mjs) must not exceed bench/size-budget.json's
// `gzipBytes`. Needs pkg/ built (scripts/build-pkg.sh).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { classesSnippet } from '../bench/lib/sizes.mjs';
import { gzipSync } from 'node:zlib';

const file = (path) => new URL(`../${path}`, import.meta.url);
const gzip9 = (path) => gzipSync(readFileSync(file(path)), { level: 9 }).length;

test('gzip -9 of the .wasm, the entry, the glue and the classes.js snippet stays within bench/size-budget.json', (t) => {
  const budget = JSON.parse(readFileSync(file('bench/size-budget.json'), 'utf8'));
  assert.ok(Number.isInteger(budget.gzipBytes) && budget.gzipBytes > 0, 'bench/size-budget.json: gzipBytes is a positive integer');
  const wasm = gzip9('pkg/stripe_apps_secrets_bg.wasm');
  const js = gzip9('pkg/stripe_apps_secrets.js') + gzip9('pkg/stripe_apps_secrets_core.js') + gzip9(`pkg/${classesSnippet()}`);
  const total = wasm + js;
  const line = `size budget: measured ${total} bytes gzip -9 (wasm ${wasm} + js ${js}), budget ${budget.gzipBytes} bytes (${((total / budget.gzipBytes) * 100).toFixed(1)}% of it)`;
  t.diagnostic(line);
  console.log(line);
  assert.ok(
    total <= budget.gzipBytes,
    `${line}: over budget by ${total - budget.gzipBytes} bytes. Shrink the package, or raise gzipBytes in bench/size-budget.json with a note saying why.`,
  );
});

// Counts the JS <-> wasm boundary crossings of one call: every import the wasm
// calls (wasm-bindgen's `__wbg_*` shims) and every export JS calls, per
// `find` / `create` on the instant transport. It works on a copy of the
// shipped glue (pkg/stripe_apps_secrets_core.js, in a temp dir next to a
// copy of the driver entry) with both tables wrapped in counters; pkg/ is
// not touched.
//
//   node bench/crossings.mjs [calls]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { loadSdk } from './lib/sdk-stand-in.mjs';
import { makeCases, makeStandIn } from './lib/harness.mjs';

const calls = Number(process.argv[2] || 1000);
const glue = readFileSync(new URL('../pkg/stripe_apps_secrets_core.js', import.meta.url), 'utf8');
const entry = readFileSync(new URL('../pkg/stripe_apps_secrets.js', import.meta.url), 'utf8');
const IMPORTS = '"./stripe_apps_secrets_bg.js": import0,';
const EXPORTS = 'wasm = instance.exports;';
if (!glue.includes(IMPORTS) || !glue.includes(EXPORTS)) throw new Error('the glue has changed shape; update bench/crossings.mjs');
const patched =
  glue
    .replace(IMPORTS, '"./stripe_apps_secrets_bg.js": __countImports(import0),')
    .replace(
      EXPORTS,
      'wasm = new Proxy({ ...instance.exports }, { get(t, k) { const v = t[k]; return typeof v === "function" ? (...a) => { __counts.exports[k] = (__counts.exports[k] || 0) + 1; return v(...a); } : v; } });',
    ) +
  `
export const __counts = { imports: {}, exports: {} };
function __countImports(table) {
  const out = { __proto__: null };
  for (const [k, v] of Object.entries(table)) {
    out[k] = typeof v === 'function' ? function (...a) { __counts.imports[k] = (__counts.imports[k] || 0) + 1; return v.apply(this, a); } : v;
  }
  return out;
}
`;
const dir = mkdtempSync(join(tmpdir(), 'bench-crossings-'));
writeFileSync(join(dir, 'stripe_apps_secrets_core.js'), patched);
writeFileSync(join(dir, 'stripe_apps_secrets.js'), entry);
writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
try {
  const ours = {
    ...(await import(pathToFileURL(join(dir, 'stripe_apps_secrets.js')).href)),
    __counts: (await import(pathToFileURL(join(dir, 'stripe_apps_secrets_core.js')).href)).__counts,
  };
  ours.initSync({ module: readFileSync(new URL('../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });
  const sdk = await loadSdk();
  sdk.setStandIn(makeStandIn());
  const cases = makeCases({ SecretStore: ours.SecretStore, ...sdk });
  for (const op of ['find', 'create']) {
    const fn = cases[op].find((c) => c.name === 'ours').fn;
    await fn();
    for (const t of ['imports', 'exports']) for (const k of Object.keys(ours.__counts[t])) delete ours.__counts[t][k];
    for (let i = 0; i < calls; i++) await fn();
    const rows = [
      ...Object.entries(ours.__counts.imports).map(([k, n]) => ['import', k.replace(/^__wbg_/, '').replace(/_[0-9a-f]{16}$/, ''), n / calls]),
      ...Object.entries(ours.__counts.exports).map(([k, n]) => ['export', k, n / calls]),
    ].sort((a, b) => b[2] - a[2]);
    const sum = (kind) => rows.filter((r) => r[0] === kind).reduce((s, r) => s + r[2], 0);
    console.log(`\n${op}: ${sum('import').toFixed(1)} import calls (wasm -> JS) and ${sum('export').toFixed(1)} export calls (JS -> wasm) per call`);
    for (const [kind, name, n] of rows) console.log(`  ${kind}  ${name.padEnd(60)} ${n.toFixed(2)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

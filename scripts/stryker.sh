#!/usr/bin/env bash
# Mutation testing of the hand-written JS that decides (the snippet both
# engines' glue imports, the main entry's init, the engine claim and the
# receiver guards, the single-file entries' start and their embedded .wasm)
# with StrykerJS; the sources and the suites each mutant runs are in
# scripts/stryker.config.mjs and scripts/stryker-sandbox.sh. Every mutant
# the suites do not kill fails this script, unless `stryker-equivalent`
# names it with the reason it cannot change behaviour.
#
#   scripts/stryker.sh                       # about 56 minutes on 2 cores (see docs/tests.md)
#   STRYKER_CONCURRENCY=1 scripts/stryker.sh
#   STRYKER_MUTATE=src/js/values.js,src/interop/objects.js scripts/stryker.sh   # some files only
#     (entries of stryker-equivalent for the other files are then reported
#     as not missed: they were not run)
#
# Results: target/stryker.out/mutation.json (Stryker's report).
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned in package.json (the last release that runs on Node 20): another
# version may generate mutants differently, and the equivalents are listed
# by what they change.
if ! npm ls --depth=0 @stryker-mutator/core >/dev/null 2>&1; then
    echo "Installing the npm packages (StrykerJS among them)..."
    npm ci --no-audit --no-fund
fi
# What the sandbox builds from and the suites run: pkg/ as
# scripts/build-pkg.sh makes it (the testing engine in target/testing), and
# the emulator.
if [ ! -f pkg/stripe_apps_secrets_bg.wasm ] || [ ! -f pkg/stripe_apps_secrets_js.js ] || [ ! -f target/testing/testing.js ]; then
    scripts/build-pkg.sh
fi
[ -x target/debug/secret-store-emulator ] || cargo build -p secret-store-emulator

start=$(date +%s)
status=0
nice -n 10 npx --no-install stryker run scripts/stryker.config.mjs ${STRYKER_MUTATE:+--mutate "$STRYKER_MUTATE"} || status=$?
elapsed=$(( $(date +%s) - start ))
# Stryker exits non-zero when it cannot run (the unmutated suites failing,
# a bad option); surviving mutants are judged below, from its report.
if [ "$status" -ne 0 ]; then
    echo "stryker failed to run (exit $status)" >&2
    exit "$status"
fi
echo "run time: $((elapsed / 60)) min $((elapsed % 60)) s with concurrency ${STRYKER_CONCURRENCY:-2}"

node --input-type=module - <<'EOF'
// Counts per file, then every mutant not killed (survived, or run by no
// suite) against `stryker-equivalent`. A mutant is named by its file, its
// mutator and the code it replaces (whitespace collapsed), without line and
// column, so edits elsewhere do not stale the list.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('target/stryker.out/mutation.json', 'utf8'));
const collapse = (text) => text.replace(/\s+/g, ' ').trim();
const offsetOf = (lines, { line, column }) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
// Long originals (a function's body) are cut: the start names them.
const cut = (text) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);
const originalOf = (source, { start, end }) => {
  const lines = source.split('\n');
  return cut(collapse(source.slice(offsetOf(lines, start), offsetOf(lines, end))));
};
// The name's parts split on " -> " and " | ": neither occurs in the mutated code.
const nameOf = (file, source, m) => `${file}: ${m.mutatorName}: ${originalOf(source, m.location)} -> ${cut(collapse(m.replacement ?? ''))}`;

const STATUSES = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored'];
const notKilled = new Set(['Survived', 'NoCoverage']);
const rows = [];
const missed = [];
for (const [file, { source, mutants }] of Object.entries(report.files).sort()) {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const m of mutants) {
    counts[m.status] = (counts[m.status] ?? 0) + 1;
    if (notKilled.has(m.status)) missed.push(nameOf(file, source, m));
  }
  rows.push([file, counts.Killed, counts.Timeout, counts.Survived, counts.NoCoverage, counts.CompileError + counts.RuntimeError]);
}
const total = rows.reduce((sum, row) => sum.map((x, i) => (i === 0 ? 'total' : x + row[i])), ['total', 0, 0, 0, 0, 0]);
const table = [['file', 'killed', 'timeout', 'survived', 'no coverage', 'errors'], ...rows, total];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
for (const row of table) console.log(row.map((x, i) => (i === 0 ? String(x).padEnd(widths[i]) : String(x).padStart(widths[i]))).join('  '));

// The reason follows the last " | ".
const entries = readFileSync('stryker-equivalent', 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));
const unreasoned = entries.filter((line) => !/ \| .{10,}$/.test(line));
if (unreasoned.length) {
  console.error(`Equivalents without a reason:\n${unreasoned.join('\n')}`);
  process.exit(1);
}
const listed = new Set(entries.map((line) => line.slice(0, line.lastIndexOf(' | '))));
const missedSet = new Set(missed);
const stale = [...listed].filter((name) => !missedSet.has(name));
if (stale.length) console.log(`Listed as equivalent but not missed any more (remove them from stryker-equivalent):\n${stale.join('\n')}`);
const unexplained = [...missedSet].filter((name) => !listed.has(name)).sort();
if (unexplained.length) {
  console.error(`Surviving mutants (add a test, or list them in stryker-equivalent with a reason):\n${unexplained.join('\n')}`);
  process.exit(1);
}
console.log('No surviving mutants outside stryker-equivalent.');
EOF

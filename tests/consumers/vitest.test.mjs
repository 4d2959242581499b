// Vitest consumer: tests/consumers/vitest/ (an extension's unit tests, no
// Vitest config) in a throwaway project with the packed package installed and
// vitest, stripe and the UI extension SDK linked from the repository. Vitest
// runs them in a child process; its JSON report must list every test as
// passed, so a file that silently stops collecting tests fails here too.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { consumerProject } from './support/project.mjs';

const run = promisify(execFile);
let project;

before(() => {
  project = consumerProject({
    links: ['vitest', 'vite', 'stripe', '@stripe/ui-extension-sdk'],
    copy: ['tests/consumers/vitest'],
  });
});
after(() => project?.cleanup());

test('the Vitest suites pass: this package and stripe-node over the mocked stripeApiFetch', { timeout: 120_000 }, async () => {
  const report = join(project.dir, 'report.json');
  const vitest = join(project.dir, 'node_modules', 'vitest', 'vitest.mjs');
  try {
    await run(process.execPath, [vitest, 'run', '--reporter=json', `--outputFile=${report}`], {
      cwd: project.dir,
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
      timeout: 110_000,
    });
  } catch (error) {
    // Vitest exits non-zero on a failure; the report (if any) says which.
    let detail = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    try {
      detail = failures(JSON.parse(readFileSync(report, 'utf8'))).join('\n') || detail;
    } catch {}
    assert.fail(`vitest failed:\n${detail}`);
  }
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const byFile = Object.fromEntries(
    results.testResults.map((file) => [
      file.name.slice(project.dir.length + 1),
      file.assertionResults.map((t) => `${t.status}: ${t.title}`),
    ]),
  );
  assert.deepEqual(byFile, {
    'secret-store.test.js': [
      'passed: the mock is the testing API',
      'passed: create, find, list and deleteWhere round-trip through the mocked stripeApiFetch',
      "passed: another user's scope is refused before anything is sent",
      'passed: a secret expires when the clock moves past expires_at',
    ],
    'stripe-node.test.js': [
      'passed: stripe.apps.secrets create, find, list and deleteWhere',
      "passed: another user's scope gets the Secret Store's 403, as stripe-node's StripePermissionError",
      'passed: the public api_fetch module is the testing API too',
    ],
    'public-path-only.test.js': ['passed: createHttpClient() bypasses a mock of the public path'],
  });
  assert.equal(results.numFailedTests, 0);
});

function failures(results) {
  return results.testResults.flatMap((file) =>
    file.assertionResults.filter((t) => t.status !== 'passed').map((t) => `${t.status}: ${t.fullName}\n${t.failureMessages.join('\n')}`),
  );
}

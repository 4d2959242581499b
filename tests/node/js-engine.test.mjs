// The Node suites again on the JS engine (wasm2js): once with WebAssembly
// deleted from the global scope (tests/support/no-webassembly.mjs), where
// init() chooses it by itself, and once asked for with init({ engine: 'js' }).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The hostile suites that start their engine through tests/support/engine.mjs
// (settle, misuse, walk-gc and pollution run both engines themselves, each
// case in its own process or worker).
const suites = [
  'tests/node/client.test.mjs',
  'tests/node/junk.test.mjs',
  'tests/node/rule.test.mjs',
  'tests/node/results.test.mjs',
  'tests/hostile/answers.test.mjs',
  'tests/hostile/header-lines.test.mjs',
  'tests/hostile/echoes.test.mjs',
  'tests/hostile/pages.test.mjs',
  'tests/extension/permission.test.mjs',
];

function run(nodeFlags, env) {
  // Without NODE_TEST_CONTEXT, which the runner sets for its own children:
  // the nested run then reports in plain TAP.
  const { NODE_TEST_CONTEXT, ...outer } = process.env;
  const result = spawnSync(process.execPath, [...nodeFlags, '--test', ...suites], {
    cwd: root,
    env: { ...outer, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  const summary = result.stdout.split('\n').filter((line) => /^# (tests|pass|fail)/.test(line));
  assert.equal(result.status, 0, `${nodeFlags.join(' ')} ${JSON.stringify(env)}:\n${result.stdout}\n${result.stderr}`);
  assert.match(summary.join('\n'), /# fail 0/);
  return summary;
}

test('the Node suites pass without WebAssembly in the global scope: the JS engine, chosen by init()', (t) => {
  t.diagnostic(run(['--import', './tests/support/no-webassembly.mjs'], {}).join(', '));
});

test('the Node suites pass on the JS engine asked for with init({ engine: "js" })', (t) => {
  t.diagnostic(run([], { STRIPE_APPS_SECRETS_ENGINE: 'js' }).join(', '));
});

// Runs a snippet of module source in a fresh Node process on the engine
// asked for ('wasm' or 'js'), for cases that pollute the realm or could
// kill it (an uncaught exception ends a Node process). The snippet sees
// `lib` (pkg/stripe_apps_secrets.js, its engine started), `typed(error)`,
// `settled(promise)` and `out`, which is printed as JSON at the end.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PKG = fileURLToPath(new URL('../../../pkg/', import.meta.url));
const ENGINE = fileURLToPath(new URL('../../support/engine.mjs', import.meta.url));
const DASHBOARD = fileURLToPath(new URL('../../support/fake-dashboard.mjs', import.meta.url));

export const ENGINES = ['wasm', 'js'];

/**
 * Resolves with what the snippet put in `out`. `settled(promise)` waits at
 * most `SETTLE_MS` for the promise: a promise still pending then is the bug
 * under test (a call that never settles), reported as `{ pending: true }`.
 * `imports` maps names to module URLs the snippet needs (e.g. the SDK bundle);
 * `nodeFlags` go to the child's node (e.g. --expose-gc).
 */
export function inChild(engine, body, { imports = {}, nodeFlags = [] } = {}) {
  const extra = Object.entries(imports)
    .map(([name, url]) => `const ${name} = await import(${JSON.stringify(url)});`)
    .join('\n');
  const source = `
    import * as lib from ${JSON.stringify(`${PKG}stripe_apps_secrets.js`)};
    import { startEngine } from ${JSON.stringify(ENGINE)};
    import { installFakeDashboard } from ${JSON.stringify(DASHBOARD)};
    ${extra}
    await startEngine();
    const out = { engine: lib.engine(), uncaught: [] };
    process.on('uncaughtException', (e) => out.uncaught.push(String(e)));
    process.on('unhandledRejection', (e) => out.uncaught.push('unhandled rejection: ' + String(e)));
    const typed = (e) => ({ isError: e instanceof Error, stripe: e instanceof lib.StripeError, type: e?.type, code: e?.code, message: String(e?.message) });
    const SETTLE_MS = 5000;
    async function settled(promise) {
      let timer;
      const pending = new Promise((resolve) => { timer = setTimeout(() => resolve({ pending: true }), SETTLE_MS); });
      try {
        return await Promise.race([Promise.resolve(promise).then((value) => ({ resolved: value }), (e) => ({ rejected: typed(e) })), pending]);
      } finally {
        clearTimeout(timer);
      }
    }
    try {
      ${body}
    } catch (e) {
      out.threw = typed(e);
    }
    process.stdout.write('RESULT ' + JSON.stringify(out) + '\\n');
    process.exit(0);
  `;
  return new Promise((resolve, reject) => {
    const { NODE_TEST_CONTEXT, STRIPE_APPS_SECRETS_ENGINE, ...env } = process.env;
    if (engine === 'js') env.STRIPE_APPS_SECRETS_ENGINE = 'js';
    execFile(process.execPath, [...nodeFlags, '--input-type=module', '-e', source], { cwd: fileURLToPath(new URL('../../..', import.meta.url)), env, timeout: 60_000 }, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) return reject(new Error(`no result (${error?.message ?? 'exited'}):\n${stdout}\n${stderr}`));
      resolve(JSON.parse(line.slice('RESULT '.length)));
    });
  });
}

// Starts the Secret Store emulator binary on a free loopback port for a test
// suite or a benchmark, and gives it the test controls. Build it first:
// `cargo build -p secret-store-emulator` (the test command does), or
// `cargo build --release -p secret-store-emulator` for `{ release: true }`
// (bench/run.sh does).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// Captured at import: a test may replace the global fetch (the fake
// Dashboard's frame transport does), and the controls must still reach the emulator.
const nativeFetch = globalThis.fetch;

const binaryOf = (profile) =>
  fileURLToPath(new URL(`../../target/${profile}/secret-store-emulator`, import.meta.url));

/**
 * Starts an emulator; resolves once it prints its `listening on` line.
 * `release: true` runs the optimised build, so a benchmark measures the
 * client rather than the server. The child is killed if this process exits.
 */
export async function startEmulator(extraArgs = [], { release = false } = {}) {
  const binary = binaryOf(release ? 'release' : 'debug');
  if (!existsSync(binary)) {
    const build = `cargo build${release ? ' --release' : ''} -p secret-store-emulator`;
    throw new Error(`${binary} is missing: run \`${build}\``);
  }
  const child = spawn(binary, ['--port', '0', '--quiet', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('emulator did not start within 10 s')), 10_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator exited early with ${code}`)));
    lines.on('line', (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const control = async (path, init) => {
    const response = await nativeFetch(url + path, init);
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return response.json();
  };
  return {
    url,
    pid: child.pid,
    /** Forgets secrets, the request log and queued faults. */
    reset: () => control('/_emulator/reset', { method: 'POST' }),
    /** The /v1 requests received since the last reset (payloads as lengths). */
    requests: () => control('/_emulator/requests'),
    /** Queues faults for the next /v1 requests, e.g. [{ status: 500 }, { drop: true }]. */
    faults: (list) =>
      control('/_emulator/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(list),
      }),
    stop: () =>
      new Promise((resolve) => {
        process.removeListener('exit', kill);
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// Shared by the hostile suites: a pool that runs jobs a few at a time, a
// fresh-realm runner for pollution cases (one Node worker thread each), the
// minimal SDK bundle they load, and the emulator log made comparable.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { IDEMPOTENCY_KEY } from './scenario.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Runs jobs at most `width` at a time; `run(job)` calls `job(slot)` with a
 * slot number 0..width-1 that no other running job holds, and resolves with
 * its result.
 */
export function pool(width) {
  const waiting = [];
  const free = Array.from({ length: width }, (_, i) => i);
  const pump = () => {
    while (free.length > 0 && waiting.length > 0) {
      const { job, resolve, reject } = waiting.shift();
      const slot = free.shift();
      Promise.resolve()
        .then(() => job(slot))
        .then(resolve, reject)
        .finally(() => {
          free.push(slot);
          pump();
        });
    }
  };
  return (job) =>
    new Promise((resolve, reject) => {
      waiting.push({ job, resolve, reject });
      pump();
    });
}

/** The SDK's `stripeApiFetch` alone (unchanged), bundled for Node: a file URL to import. */
export async function sdkBundleFor(platform = 'node') {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-sdk-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const outfile = join(dir, 'sdk.mjs');
  await build({
    stdin: { contents: "export { default as stripeApiFetch } from '@stripe/ui-extension-sdk/api_fetch';", resolveDir: root, loader: 'js' },
    bundle: true,
    platform,
    format: 'esm',
    outfile,
    logLevel: 'silent',
  });
  return { dir, file: outfile, url: pathToFileURL(outfile).href };
}

const CHILD = new URL('./pollution-child.mjs', import.meta.url);

const nativeFetch = globalThis.fetch;

/** Does a fetch the case's realm asked for, here in the clean main realm. */
async function relay(worker, { id, url, method, headers, body }) {
  try {
    const response = await nativeFetch(url, { method, headers, body });
    const answer = { id, status: response.status, statusText: response.statusText, headers: [...response.headers], body: await response.text() };
    worker.postMessage(answer);
  } catch {
    worker.postMessage({ id, failed: true });
  }
}

/**
 * Runs one pollution case in a fresh worker thread (a fresh realm); its
 * requests are made here, by relay. Resolves with its parsed result.
 */
export function runInFreshRealm(config, { timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CHILD, { workerData: config, stdout: false, stderr: false });
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error(`the case did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    worker.on('message', (message) => {
      if (message.fetch) {
        relay(worker, message.fetch);
        return;
      }
      clearTimeout(timer);
      worker.terminate();
      resolve(JSON.parse(message.result));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the case's worker exited with ${code} before answering`));
    });
  });
}

/** The emulator's request log, without what a run makes anew (ids, generated idempotency keys). */
export function canonicalLog(entries) {
  const ids = (s) => (typeof s === 'string' ? s.replace(/appsecret_[A-Za-z0-9]+/g, 'appsecret_ID') : s);
  return entries.map((e) => ({
    ...e,
    path: ids(e.path),
    params: e.params.map(([k, v]) => [k, ids(v)]),
    idempotency_key: e.idempotency_key === null || e.idempotency_key === IDEMPOTENCY_KEY ? e.idempotency_key : 'generated',
  }));
}

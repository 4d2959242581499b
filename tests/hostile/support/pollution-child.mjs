// One pollution case in a fresh realm: a Node worker thread (its own
// Object.prototype, globals and module instances; ../pollution.test.mjs runs
// one per case) or, run as `node pollution-child.mjs '{json}'`, a fresh
// process. The config (workerData, or argv[2] as JSON) is
//   { engine: 'wasm'|'js', emulatorUrl, transport: 'apiKey'|'host'|'frame',
//     timing: 'before'|'after'|'none', target: 'Object'|'Array', name,
//     sdkBundle, expiresAt }
// It starts the engine asked for (the main entry's initSync, or
// init({ engine: 'js' })) while the realm is clean, runs scenario.mjs with
// the realm polluted as asked and posts (or prints as one line
// `RESULT {json}`) the engine that ran, the canonical outcomes, every request that left the
// process (a spy in front of the global fetch, which the fake Dashboard and
// the library both use), and every request that tried to go anywhere but
// the emulator (refused by the spy, so nothing ever leaves the machine).
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

import init, { engine, initSync, SecretStore } from '../../../pkg/stripe_apps_secrets.js';
import { installFakeDashboard } from '../../support/fake-dashboard.mjs';
import { pollute } from './pollutions.mjs';
import { canonical, canonicalRequest, KEY, PAYLOAD, runScenario, USER } from './scenario.mjs';

const config = isMainThread ? JSON.parse(process.argv[2]) : workerData;
if (config.engine === 'js') await init({ engine: 'js' });
else initSync({ module: readFileSync(new URL('../../../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });
const nativeFetch = globalThis.fetch;
const origin = new URL(config.emulatorUrl).origin;
const sent = [];
const stray = [];

// The network is the parent's: a request leaves this realm only as a message
// to the main thread, whose realm is clean, and comes back as a Response.
// Node's fetch is JavaScript (undici) and would itself read the polluted
// prototypes (a browser's fetch is native): what is tested here is the
// library, not undici. Run as a process, the clean fetch is this realm's own.
let relay;
if (isMainThread) {
  relay = async ({ url, method, headers, body }) => nativeFetch(url, { method, headers, body });
} else {
  const pending = new Map();
  let next = 0;
  parentPort.on('message', ({ id, status, statusText, headers, body, failed }) => {
    const { resolve, reject } = pending.get(id);
    pending.delete(id);
    if (failed) reject(new TypeError('fetch failed'));
    else resolve(new Response(status === 204 ? null : body, { status, statusText, headers }));
  });
  relay = (request) =>
    new Promise((resolve, reject) => {
      next += 1;
      pending.set(next, { resolve, reject });
      parentPort.postMessage({ fetch: { id: next, ...request } });
    });
}
// Warm the Request/Response classes up while the realm is clean (Node loads them lazily).
new Request('http://127.0.0.1/', { method: 'POST', body: 'x', headers: { a: 'b' } });
await new Response('x', { status: 200, headers: { a: 'b' } }).text();
// ...and the stream internals a body goes through (one of them builds a
// regular expression lazily, in a vm script whose options an inherited
// `timeout` would then set).
await new Response('x').body.pipeTo(new WritableStream());
const reader = new Response('x').body.getReader();
await reader.read();
reader.releaseLock();

globalThis.fetch = async function spy(input, init) {
  // The library (apiKey) hands fetch a Request built in this realm: taken
  // as Node's fetch takes it. The fake Dashboard's network (a URL string and a plain init)
  // stands for the Dashboard's own, clean realm: its own fields only, and no
  // Request is built here for it (Node's Request reads Object.prototype even
  // in its internal records, a browser's does not).
  let method;
  let url;
  const headers = {};
  let body;
  if (typeof input === 'string') {
    const own = (key) => (Object.hasOwn(init, key) ? init[key] : undefined);
    url = input;
    method = own('method') ?? 'GET';
    for (const [key, value] of Object.entries(own('headers') ?? {})) headers[key.toLowerCase()] = value;
    body = own('body');
  } else {
    const request = new Request(input, init); // what Node's fetch(request) does first
    url = request.url;
    method = request.method;
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    body = method === 'GET' || method === 'HEAD' ? undefined : await request.clone().text();
  }
  const seen = { method, url, headers, body };
  if (new URL(url).origin !== origin) {
    const text = JSON.stringify([url, headers, body ?? '']);
    stray.push({ url, carriesKey: text.includes(KEY) || text.includes('sk_test_'), carriesPayload: text.includes(encodeURIComponent(PAYLOAD)) || text.includes(PAYLOAD) });
    throw new TypeError('Failed to fetch');
  }
  sent.push(seen);
  return relay(seen);
};

let fetchFn;
if (config.transport !== 'apiKey') {
  installFakeDashboard({ emulatorUrl: config.emulatorUrl, userId: USER, transport: config.transport });
  fetchFn = (await import(config.sdkBundle)).stripeApiFetch;
}

let depollute = () => {};
const steps = await runScenario({
  SecretStore,
  transport: config.transport,
  baseUrl: config.emulatorUrl,
  fetchFn,
  expiresAt: config.expiresAt,
  timing: config.timing,
  fast: config.fast === true,
  pollute: () => {
    if (config.timing !== 'none') depollute = pollute(config.target, config.name);
  },
  depollute: () => depollute(),
});

const sentPath = (r) => new URL(r.url).pathname + new URL(r.url).search;
const result = JSON.stringify({
  engine: engine(),
  steps: JSON.parse(canonical(steps)),
  sent: sent.map((r) => canonicalRequest({ ...r, url: sentPath(r) })),
  stray,
  attackerFetchRan: globalThis.__attackerFetchRan ?? 0,
});
if (isMainThread) process.stdout.write(`RESULT ${result}\n`);
else parentPort.postMessage({ result });

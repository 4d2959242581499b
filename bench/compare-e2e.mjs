// `find` end to end against the release emulator for several builds of the
// package side by side with stripe-node, in one run (the schedule of
// bench/lib/e2e.mjs: each level warmed up, then runs in one order and
// the reverse): for trying a change to the transport before keeping it.
//
//   node bench/compare-e2e.mjs pkg /tmp/pkg-before ...
//
// Each argument is a directory holding the bundler entry
// (stripe_apps_secrets.js and its .wasm), as scripts/build-pkg.sh makes it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import Stripe from 'stripe';

import { drive, percentile } from './lib/e2e.mjs';
import { startEmulator } from '../tests/support/emulator.mjs';

const dirs = process.argv.slice(2);
if (dirs.length === 0) throw new Error('usage: node bench/compare-e2e.mjs DIR [DIR...]');
const KEY = 'sk_test_bench';
const NAME = 'bench-find';
const LEVELS = [1, 8, 64];
const RUN_MS = 1500;

const emulator = await startEmulator([], { release: true });
try {
  const { hostname, port } = new URL(emulator.url);
  const clients = {};
  for (const dir of dirs) {
    const abs = resolve(dir);
    // A query string makes each directory's glue its own module instance.
    const m = await import(`${pathToFileURL(`${abs}/stripe_apps_secrets.js`).href}?${encodeURIComponent(dir)}`);
    m.initSync({ module: readFileSync(`${abs}/stripe_apps_secrets_bg.wasm`) });
    const store = new m.SecretStore({ apiKey: KEY, baseUrl: emulator.url });
    clients[dir] = () => store.find({ name: NAME, scope: 'account', expand: ['payload'] });
  }
  const stripe = new Stripe(KEY, { host: hostname, port: Number(port), protocol: 'http', httpClient: Stripe.createFetchHttpClient() });
  clients['stripe-node'] = () => stripe.apps.secrets.find({ name: NAME, scope: { type: 'account' }, expand: ['payload'] });
  await stripe.apps.secrets.create({ name: NAME, payload: 'p'.repeat(40), scope: { type: 'account' } });
  for (const [name, fn] of Object.entries(clients)) {
    const secret = await fn();
    if (secret.payload !== 'p'.repeat(40)) throw new Error(`${name} find answered something else`);
  }
  console.log('in flight'.padEnd(10), 'client'.padEnd(28), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'p50 ×'.padStart(7), 'p99 ×'.padStart(7));
  for (const concurrency of LEVELS) {
    for (const fn of Object.values(clients)) await drive(fn, concurrency, 300);
    const latencies = Object.fromEntries(Object.keys(clients).map((name) => [name, []]));
    const names = Object.keys(clients);
    for (const order of [names, [...names].reverse()]) {
      for (const name of order) latencies[name].push(...(await drive(clients[name], concurrency, RUN_MS)).latencies);
    }
    const stats = Object.fromEntries(
      Object.entries(latencies).map(([name, list]) => {
        const sorted = list.sort((a, b) => a - b);
        return [name, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
      }),
    );
    const base = stats['stripe-node'];
    for (const [name, { p50, p99 }] of Object.entries(stats)) {
      console.log(String(concurrency).padEnd(10), name.padEnd(28), p50.toFixed(2).padStart(8), p99.toFixed(2).padStart(8), (p50 / base.p50).toFixed(2).padStart(7), (p99 / base.p99).toFixed(2).padStart(7));
    }
  }
} finally {
  await emulator.stop();
}

// Where does an end-to-end call's time go in the client's thread? A V8 CPU
// profile of sequential `find`s against the release emulator on loopback,
// with the global fetch (as bench/lib/e2e.mjs measures them), summed by
// self time per category, like bench/profile.mjs does for the instant
// transport. Not part of run.mjs.
//
//   node bench/profile-e2e.mjs [ours|stripe-node|floor] [calls]
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import Stripe from 'stripe';

import { summariseProfile } from './lib/cpuprofile.mjs';
import { startEmulator } from '../tests/support/emulator.mjs';

const [client = 'ours', callsArg = '4000'] = process.argv.slice(2);
const calls = Number(callsArg);
const pkgDir = resolve(process.env.PKG_DIR || new URL('../pkg', import.meta.url).pathname);
const KEY = 'sk_test_bench';
const NAME = 'bench-find';

const { initSync, SecretStore } = await import(pathToFileURL(`${pkgDir}/stripe_apps_secrets.js`).href);
initSync({ module: readFileSync(`${pkgDir}/stripe_apps_secrets_bg.wasm`) });
const emulator = await startEmulator([], { release: true });
try {
  const { hostname, port } = new URL(emulator.url);
  const ours = new SecretStore({ apiKey: KEY, baseUrl: emulator.url });
  const stripe = new Stripe(KEY, { host: hostname, port: Number(port), protocol: 'http', httpClient: Stripe.createFetchHttpClient() });
  await ours.create({ name: NAME, payload: 'p'.repeat(40), scope: 'account' });
  const floorUrl = `${emulator.url}/v1/apps/secrets/find?name=${NAME}&scope[type]=account&expand[0]=payload`;
  const floorInit = { headers: { Authorization: `Bearer ${KEY}`, 'Stripe-Version': '2024-04-10' } };
  const fn = {
    ours: () => ours.find({ name: NAME, scope: 'account', expand: ['payload'] }),
    'stripe-node': () => stripe.apps.secrets.find({ name: NAME, scope: { type: 'account' }, expand: ['payload'] }),
    floor: async () => (await fetch(floorUrl, floorInit)).json(),
  }[client];
  for (let i = 0; i < 500; i++) await fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  await session.post('Profiler.start');
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  const elapsedMs = performance.now() - t0;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const out = `/tmp/bench-e2e-${client}.cpuprofile`;
  writeFileSync(out, JSON.stringify(profile));
  console.log(summariseProfile(profile, { elapsedMs, calls, title: `find end to end via ${client} in Node (${pkgDir})` }));
  console.log(`\nraw profile: ${out}`);
} finally {
  await emulator.stop();
}

// One pollution case in this page's realm (a fresh page per case, opened by
// ../pollution-browser.test.mjs): the same scenario as in Node
// (./scenario.mjs, ./pollutions.mjs, copies of ../support/), through the main
// entry (init() fetches the .wasm, or with `engine: 'js'` imports the JS
// engine), over the global fetch (apiKey) or the
// SDK's stripeApiFetch (./sdk.js, bundled unchanged) behind the fake
// Dashboard (./fake-dashboard.mjs). A spy in front of the page's fetch
// records every request and refuses any other origin, so nothing leaves.
import init, { engine, SecretStore } from '/pkg/stripe_apps_secrets.js';
import { installFakeDashboard } from './fake-dashboard.mjs';
import { pollute } from './pollutions.mjs';
import { canonical, canonicalRequest, KEY, PAYLOAD, runScenario, USER } from './scenario.mjs';

window.runCase = async (config) => {
  await init({ engine: config.engine });
  const nativeFetch = window.fetch.bind(window);
  const origin = location.origin;
  const sent = [];
  const stray = [];
  window.fetch = async function spy(input, init) {
    // The library hands fetch a Request (a browser's fetch reads nothing more
    // from it); the fake Dashboard's network stands for the Dashboard's own,
    // clean realm: its own fields only, passed on with a null prototype.
    let request;
    if (typeof input === 'string') {
      const own = Object.assign(Object.create(null), init);
      request = new Request(input, own);
    } else {
      request = input;
    }
    const headers = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.clone().text();
    const url = request.url;
    if (new URL(url).origin !== origin) {
      const text = JSON.stringify([url, headers, body ?? '']);
      stray.push({ url, carriesKey: text.includes(KEY) || text.includes('sk_test_'), carriesPayload: text.includes(encodeURIComponent(PAYLOAD)) || text.includes(PAYLOAD) });
      throw new TypeError('Failed to fetch');
    }
    sent.push({ method: request.method, url, headers, body });
    return nativeFetch(request);
  };

  let fetchFn;
  if (config.transport !== 'apiKey') {
    installFakeDashboard({ emulatorUrl: origin, userId: USER, transport: config.transport });
    fetchFn = (await import('./sdk.js')).stripeApiFetch;
  }
  let depollute = () => {};
  const steps = await runScenario({
    SecretStore,
    transport: config.transport,
    baseUrl: origin,
    fetchFn,
    expiresAt: config.expiresAt,
    timing: config.timing,
    fast: config.fast === true,
    pollute: () => {
      if (config.timing !== 'none') depollute = pollute(config.target, config.name);
    },
    depollute: () => depollute(),
  });
  const path = (u) => new URL(u).pathname + new URL(u).search;
  return JSON.stringify({
    engine: engine(),
    steps: JSON.parse(canonical(steps)),
    sent: sent.map((r) => canonicalRequest({ ...r, url: path(r.url) })),
    stray,
    attackerFetchRan: globalThis.__attackerFetchRan ?? 0,
  });
};

window.pageReady = true;

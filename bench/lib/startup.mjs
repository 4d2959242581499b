// Start-up in Chromium: from `import()` to the first call ready, in fresh
// browser contexts (empty HTTP cache, so no V8 code cache and no cached
// compiled wasm), the page and files served by the emulator on loopback.
//   default:     import('/pkg/stripe_apps_secrets.js'); await init() (fetch,
//                compile and instantiate the .wasm, streaming); new SecretStore
//   inline:      import('/pkg/inline.js'); await init() (base64 decode, compile,
//                instantiate); new SecretStore
//   stripe-node: import('/stripe-node-startup.js') (stripe-node + the SDK
//                http client, minified; parse, evaluate, new Stripe(...))
// Then one `find` on an instant stand-in: "first call" is ready + that call.
// Before the clock starts the page imports an empty module (/noop.js).

export const STARTUP_HTML = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>start-up</title>
<script type="module">
const variant = new URLSearchParams(location.search).get('v');
const secret = { id: 'appsecret_1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'n', payload: 'p', scope: { type: 'user', user: 'usr_alice1' } };
const standIn = () => Promise.resolve({ json: { ...secret }, headers: { 'content-type': 'application/json', 'request-id': 'req_1' }, ok: true, status: 200, statusText: 'OK' });
try {
  // An empty module first, so the timings start with the loader and the
  // loopback connection warm and measure the files themselves.
  await import('/noop.js');
  const t0 = performance.now();
  let imported, ready, first;
  if (variant === 'stripe-node') {
    globalThis.__stripeApiFetchStandIn = standIn;
    const m = await import('/stripe-node-startup.js');
    imported = ready = performance.now();
    await m.stripe.apps.secrets.find({ name: 'n', scope: { type: 'user', user: 'usr_alice1' }, expand: ['payload'] });
    first = performance.now();
  } else {
    const m = await import(variant === 'inline' ? '/pkg/inline.js' : '/pkg/stripe_apps_secrets.js');
    imported = performance.now();
    await m.default();
    const store = new m.SecretStore({ userId: 'usr_alice1', fetch: standIn });
    ready = performance.now();
    await store.find({ name: 'n', scope: 'user', expand: ['payload'] });
    first = performance.now();
  }
  globalThis.__startup = { import: imported - t0, init: ready - imported, ready: ready - t0, firstCall: first - t0 };
} catch (e) {
  globalThis.__startup = { error: String(e && e.stack || e) };
}
</script>
`;

export const VARIANTS = ['default', 'inline', 'stripe-node'];

/** `{ [variant]: [{ import, init, ready, firstCall }] }`, loads interleaved by variant. */
export async function startup(browser, baseUrl, { loads }) {
  const out = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  // One throwaway load of each, so the browser process itself is warm.
  for (let i = -1; i < loads; i++) {
    for (const variant of VARIANTS) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${baseUrl}/startup.html?v=${variant}`);
      const handle = await page.waitForFunction(() => globalThis.__startup, null, { timeout: 20_000 });
      const result = await handle.jsonValue();
      await context.close();
      if (result.error) throw new Error(`start-up ${variant}: ${result.error}`);
      if (i >= 0) out[variant].push(result);
    }
  }
  return out;
}

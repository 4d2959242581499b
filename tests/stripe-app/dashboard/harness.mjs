// A fake Stripe Dashboard for a Stripe App's bundle, in Chromium: a host
// page (host.js) that embeds the extension's frame as the Dashboard does
// (`sandbox="allow-scripts"`, an opaque origin), served with the frame's
// nonce Content-Security-Policy, with and without 'wasm-unsafe-eval'. The
// frame runs, in order: violations.js (records what the policy refuses),
// the modules the Dashboard provides through `require` (host-modules.js),
// the app's bundle as the CLI built it, and frame-endpoint.js (the SDK's RPC
// endpoint). Only the Dashboard and the network are faked: the SDK's
// `stripeApiFetch` runs as published, and https://api.stripe.com leads to
// the Secret Store emulator. tests/stripe-app/stripe-app.test.mjs and
// bench/lib/stripe-app.mjs use it.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const PLACEHOLDER = 'Bearer DO_NOT_PASS_A_REAL_API_KEY';

/** What the app's manifest adds to the frame's `connect-src` (`ui_extension.content_security_policy`). */
const declaredConnectSrc = JSON.parse(readFileSync(join(here, '../stripe-app.json'), 'utf8')).ui_extension.content_security_policy['connect-src'] ?? [];

/** The only public capture of the frame's policy, plus what the frame transport needs to reach the API and what the app declares. */
export const framePolicy = (nonce, wasm) =>
  [
    "default-src 'none'",
    "frame-src 'none'",
    `script-src 'nonce-${nonce}' https://cdn.stripeextensions.com 'report-sample'${wasm ? " 'wasm-unsafe-eval'" : ''}`,
    // The SDK's frame transport fetches the API from the frame itself; the app's own services are its manifest's.
    ['connect-src https://api.stripe.com', ...declaredConnectSrc].join(' '),
    'sandbox allow-scripts',
  ].join('; ');

/**
 * The bench's timing of a bundle built with `firstCall` (cli-build.mjs):
 * once the Dashboard's port arrives (the SDK's calls work from then on; this
 * listener runs after frame-endpoint.js's), the app's first call, and
 * `__firstCallEnd`, the time from the frame's navigation to its end (-1
 * where it failed, with `__firstCallError`).
 */
const FIRST_CALL = `addEventListener('message', (event) => {
  if (event.data !== 'stripe-dashboard-port' || typeof __StripeExtExports.firstCall !== 'function') return;
  __StripeExtExports.firstCall(__firstCallUser).then(
    () => { __firstCallEnd = performance.now(); },
    (error) => { __firstCallError = String(error); __firstCallEnd = -1; },
  );
});`;

/**
 * Serves the Dashboard for `bundles` (name -> the bytes of a bundle built
 * like the CLI). With `inlineBundles`, the frame holds the bundle in its
 * page (nonce'd), so that timing its evaluation excludes a fetch, and runs
 * its first call where it exports one (FIRST_CALL) as `firstCallUser`.
 * Resolves with `{ origin, close }`.
 */
export async function serveDashboard(bundles, { inlineBundles = false, firstCallUser } = {}) {
  const hostModules = await build({
    entryPoints: [join(here, 'host-modules.js')],
    absWorkingDir: join(here, '..'),
    bundle: true,
    format: 'iife',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  const files = new Map([
    ['/host-modules.js', Buffer.from(hostModules.outputFiles[0].contents)],
    ['/host.js', readFileSync(join(here, 'host.js'))],
    ['/frame-endpoint.js', readFileSync(join(here, 'frame-endpoint.js'))],
    ['/violations.js', readFileSync(join(here, 'violations.js'))],
    ['/support/fake-dashboard.mjs', readFileSync(join(here, '../../support/fake-dashboard.mjs'))],
  ]);
  for (const [name, bytes] of Object.entries(bundles)) files.set(`/ext/${name}.js`, bytes);

  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const frame = /^\/frame\/([\w-]+)\/(strict|wasm)$/.exec(url.pathname);
    if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>Dashboard</title><script type="module" src="/host.js"></script>');
    } else if (frame && files.has(`/ext/${frame[1]}.js`)) {
      const nonce = randomBytes(16).toString('base64');
      const script = (src) => `<script nonce="${nonce}" src="${src}"></script>`;
      const timed = (code) => `<script nonce="${nonce}">${code}</script>`;
      const bundle = inlineBundles
        ? timed('__t0=performance.now()') +
          timed(files.get(`/ext/${frame[1]}.js`).toString('utf8').replaceAll('</script', '<\\/script')) +
          timed('__t1=performance.now()')
        : script(`/ext/${frame[1]}.js`);
      response.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': framePolicy(nonce, frame[2] === 'wasm') });
      response.end(
        `<!doctype html><title>extension</title>${script('/violations.js')}${script('/host-modules.js')}${bundle}${script('/frame-endpoint.js')}` +
          (inlineBundles ? timed(`var __firstCallUser = ${JSON.stringify(firstCallUser ?? null)};\n${FIRST_CALL}`) : ''),
      );
    } else if (files.has(url.pathname)) {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(files.get(url.pathname));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Opens the fake Dashboard in a new page of `browser`, with the frame of
 * bundle `bundle` under policy `policy` ('strict' or 'wasm'), the SDK on
 * `transport` ('host' or 'frame'), as Dashboard user `userId`; resolves
 * with the page, the frame and the console messages of both. `services`
 * maps an https origin the app calls (declared in its manifest) to a local
 * server that answers for it.
 */
export async function openExtension(browser, { origin, emulatorUrl, userId, bundle, policy, transport, services = {} }) {
  const page = await browser.newPage();
  const messages = [];
  page.on('console', (message) => messages.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => messages.push({ type: 'pageerror', text: error.message }));
  // The network: https://api.stripe.com is the emulator, reached as this
  // user's UI extension when the frame transport's app key comes with the call.
  let appKey;
  await page.route('https://api.stripe.com/**', async (route) => {
    const request = route.request();
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' };
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    const headers = await request.allHeaders();
    if (headers.authorization !== `Bearer ${appKey}`) return route.fulfill({ status: 401, headers: cors, body: '{}' });
    const url = new URL(request.url());
    const answer = await fetch(emulatorUrl + url.pathname + url.search, {
      method: request.method(),
      headers: { ...headers, authorization: PLACEHOLDER, 'stripe-emulator-user': userId },
      body: request.postData() ?? undefined,
    });
    return route.fulfill({
      status: answer.status,
      headers: { ...Object.fromEntries(answer.headers), ...cors },
      body: Buffer.from(await answer.arrayBuffer()),
    });
  });
  for (const [serviceOrigin, serviceUrl] of Object.entries(services)) {
    await page.route(`${serviceOrigin}/**`, async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const answer = await fetch(serviceUrl + url.pathname + url.search, {
        method: request.method(),
        headers: await request.allHeaders(),
        body: request.postData() ?? undefined,
      });
      return route.fulfill({ status: answer.status, headers: Object.fromEntries(answer.headers), body: Buffer.from(await answer.arrayBuffer()) });
    });
  }
  await page.goto(`${origin}/`);
  appKey = await page.evaluate((options) => window.startDashboard(options), {
    emulatorUrl,
    userId,
    transport,
    src: `${origin}/frame/${bundle}/${policy}`,
  });
  let frame;
  for (let i = 0; i < 200 && frame === undefined; i++) {
    frame = page.frames().find((f) => f.url().includes('/frame/'));
    if (frame === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    await frame.waitForFunction(() => document.title === 'endpoint ready', undefined, { timeout: 20_000 });
  } catch (error) {
    await page.close();
    throw new Error(`the extension's frame did not load: ${JSON.stringify(messages)}`, { cause: error });
  }
  return { page, frame, messages };
}

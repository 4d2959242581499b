// A fake Stripe Dashboard for running the UI extension SDK's own
// `stripeApiFetch` (@stripe/ui-extension-sdk 9.3.0, unchanged) outside the
// Dashboard: in Node, in a Chromium page and in a Web Worker. Plain ESM with
// no imports, so a page or a worker can load it as it is.
//
// It fakes only what cannot run here:
//   - the host endpoint the SDK reads from `globalThis.__StripeExtExports.endpoint`
//     (utils/_endpoint.js), whose `call` object the SDK uses as
//       supportsFetchAppEmbeddedKey()          -> chooses the transport, once per SDK module instance
//       fetchAppEmbeddedKey()                  -> the frame transport's app key
//       stripeApiFetch(pathAndSearch, init)    -> the host transport (init crosses postMessage)
//   - the network: the Dashboard's own requests for the host transport, and
//     the extension realm's `fetch` for the frame transport. `https://api.stripe.com`
//     maps onto the Secret Store emulator in extension mode
//     (`Authorization: Bearer DO_NOT_PASS_A_REAL_API_KEY` + `Stripe-Emulator-User`);
//     any other URL fails as a browser's failed fetch does (TypeError), unless
//     `passThrough(url)` lets it through (harness traffic such as the demo's
//     own backend mode).
//
// The SDK picks its transport once per module instance, so use a fresh SDK
// module instance per transport: a fresh page or worker, or a fresh import
// (e.g. the same bundle with another `?instance=` query).

export const API_ORIGIN = 'https://api.stripe.com';
export const STRIPE_API_KEY = 'DO_NOT_PASS_A_REAL_API_KEY';
export const AUTHORIZATION_VALUE = `Bearer ${STRIPE_API_KEY}`;
export const USER_HEADER = 'Stripe-Emulator-User';

/** Headers of a fetch Response as the SDK builds them: a plain object, lowercase names. */
function plainHeaders(response) {
  const headers = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return headers;
}

/** The value of header `name` in a plain headers object, whatever the case of its name. */
function headerValue(headers, name) {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === lower) return value;
  return undefined;
}

function randomHex(bytes) {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  return [...buffer].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Installs the fake Dashboard on `target` (default `globalThis`).
 *
 * @param {object} options
 * @param {string} options.emulatorUrl   the emulator, e.g. http://127.0.0.1:12111
 * @param {string} options.userId        the Dashboard user the extension runs for
 * @param {'host'|'frame'} [options.transport='host']  what `supportsFetchAppEmbeddedKey()` answers
 * @param {number} [options.readyAfterMs=0]  the endpoint appears only after this many ms
 *   (before that the SDK throws "hostEndpoint has not been initialized"); `Infinity`: never
 * @param {(request: object) => void} [options.onRequest]  sees each request as the host
 *   (or the realm's network) sent it to the API, once answered (`status`, `requestId`, `ms`)
 *   or failed (`status: null`); `requests` holds them all, in the order sent
 * @param {(url: URL, init: object) => boolean} [options.passThrough]  frame transport:
 *   non-API URLs for which the realm's previous `fetch` is used instead of failing
 * @param {(response: Response, request: object) => Response|Promise<Response>} [options.rewriteAnswer]
 *   stands for a server or proxy on the way: replaces the API's answer to `request` (as recorded)
 * @returns {{ requests: object[], appKey: string, ready: Promise<void>, isReady: () => boolean,
 *   becomeReady: () => void, answerWith: (fn) => void, uninstall: () => void }}
 */
export function installFakeDashboard({
  emulatorUrl,
  userId,
  transport = 'host',
  readyAfterMs = 0,
  onRequest,
  passThrough = () => false,
  rewriteAnswer,
  target = globalThis,
} = {}) {
  if (typeof emulatorUrl !== 'string' || !/^https?:\/\//.test(emulatorUrl)) throw new Error('installFakeDashboard: emulatorUrl');
  if (transport !== 'host' && transport !== 'frame') throw new Error(`installFakeDashboard: transport '${transport}'`);
  if (target.__fakeDashboardInstalled) throw new Error('installFakeDashboard: a fake Dashboard is already installed here');
  const emulator = emulatorUrl.replace(/\/+$/, '');
  const realFetch = target.fetch.bind(target);
  const hadExports = Object.hasOwn(target, '__StripeExtExports');
  const previousExports = target.__StripeExtExports;
  const previousFetch = target.fetch;
  const appKey = `fake_app_embedded_key_${randomHex(12)}`;
  const requests = [];
  const state = { rewriteAnswer };

  /** Sends one API request to the emulator in extension mode; resolves with the (maybe rewritten) Response. */
  async function toEmulator(pathAndSearch, { method, headers, body }, seenHeaders = headers) {
    const started = globalThis.performance?.now() ?? Date.now();
    const entry = { transport, method, path: pathAndSearch, headers: { ...seenHeaders }, body, status: null };
    requests.push(entry);
    const forwarded = { ...headers, [USER_HEADER]: userId };
    try {
      let response = await realFetch(emulator + pathAndSearch, { method, headers: forwarded, body });
      if (state.rewriteAnswer) response = await state.rewriteAnswer(response, entry);
      entry.status = response.status;
      entry.requestId = response.headers.get('request-id') ?? undefined;
      return response;
    } finally {
      entry.ms = (globalThis.performance?.now() ?? Date.now()) - started;
      onRequest?.(entry);
    }
  }

  // ---- the host endpoint ----------------------------------------------------

  /** The Dashboard side of the host transport: `stripeApiFetch(pathAndSearch, init)`. */
  async function hostStripeApiFetch(pathAndSearch, init = {}) {
    // Both arguments cross postMessage: what structuredClone refuses fails here as it would there.
    const [path, options] = structuredClone([pathAndSearch, init]);
    if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError('stripeApiFetch: expected a path');
    // The Dashboard runs in its own realm: it sees what crossed postMessage
    // (own properties), never the extension realm's prototypes.
    const own = (key) => (options !== null && typeof options === 'object' && Object.hasOwn(options, key) ? options[key] : undefined);
    // The Dashboard validates the SDK's placeholder and throws otherwise.
    if (headerValue(own('headers'), 'authorization') !== AUTHORIZATION_VALUE) {
      throw new Error('stripeApiFetch: Authorization must be the SDK placeholder (STRIPE_API_KEY)');
    }
    const response = await toEmulator(path, {
      method: own('method') ?? 'GET',
      headers: own('headers') ?? {},
      body: own('body'),
    });
    const serializable = {
      json: undefined,
      arrayBuffer: undefined,
      headers: plainHeaders(response),
      ok: response.ok,
      redirected: false,
      status: response.status,
      statusText: response.statusText,
      type: 'basic',
      url: API_ORIGIN + path,
    };
    // As the SDK's frame transport does: json only for exactly application/json.
    if (response.headers.get('content-type') === 'application/json') serializable.json = await response.json();
    else serializable.arrayBuffer = await response.arrayBuffer();
    // The answer crosses postMessage back.
    return structuredClone(serializable);
  }

  const call = {
    supportsFetchAppEmbeddedKey: async () => transport === 'frame',
    fetchAppEmbeddedKey: async () => (transport === 'frame' ? appKey : undefined),
    stripeApiFetch: hostStripeApiFetch,
  };
  const endpoint = { call };

  // ---- the realm's network (frame transport) -------------------------------

  async function realmFetch(input, init = {}) {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input?.url;
    let url;
    try {
      url = new URL(raw, target.location?.href); // a page or a worker resolves against its own URL; Node does not
    } catch {
      throw new TypeError(`Failed to parse URL from ${raw}`);
    }
    if (url.origin !== API_ORIGIN) {
      if (passThrough(url, init)) return previousFetch.call(target, input, init);
      throw new TypeError('Failed to fetch');
    }
    // What the realm's fetch would send: its init read as fetch reads it
    // (inherited members included), refused where fetch refuses it.
    let request;
    try {
      request = new Request(url.href, init);
    } catch (error) {
      throw new TypeError(`Failed to execute 'fetch': ${error?.message}`);
    }
    if (request.signal.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const headers = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    // The API knows the app key it handed out; the emulator knows the placeholder plus its user header.
    if (headers.authorization === `Bearer ${appKey}`) headers.authorization = AUTHORIZATION_VALUE;
    // Recorded with the headers as the realm sent them (the app key in Authorization).
    return toEmulator(url.pathname + url.search, { method: request.method, headers, body }, init.headers);
  }

  // ---- readiness -----------------------------------------------------------

  let timer;
  let ready = false;
  let resolveReady;
  const readyPromise = new Promise((resolve) => {
    resolveReady = resolve;
  });
  const becomeReady = () => {
    if (ready) return;
    ready = true;
    clearTimeout(timer);
    target.__StripeExtExports = { ...(target.__StripeExtExports ?? {}), endpoint };
    resolveReady();
  };

  target.__fakeDashboardInstalled = true;
  delete target.__StripeExtExports;
  if (transport === 'frame') target.fetch = realmFetch;
  if (readyAfterMs === 0) becomeReady();
  else if (Number.isFinite(readyAfterMs)) timer = setTimeout(becomeReady, readyAfterMs);

  return {
    requests,
    appKey,
    ready: readyPromise,
    isReady: () => ready,
    becomeReady,
    /** Replaces `rewriteAnswer` (null: the emulator's answers as they are). */
    answerWith(fn) {
      state.rewriteAnswer = fn ?? undefined;
    },
    uninstall() {
      clearTimeout(timer);
      if (hadExports) target.__StripeExtExports = previousExports;
      else delete target.__StripeExtExports;
      target.fetch = previousFetch;
      delete target.__fakeDashboardInstalled;
    },
  };
}

/** Whether `value` is the SDK's "host not ready" error. */
export const isHostNotReady = (value) => /hostEndpoint has not been initialized/.test(String(value?.message ?? value));

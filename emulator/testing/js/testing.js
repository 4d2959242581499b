// stripe-apps-secrets/testing: Stripe's Secret Store in-process, for unit
// tests of UI extensions. `createSecretStoreApi({ userId })` returns a
// function shaped like the UI extension SDK's `stripeApiFetch`
// (`@stripe/ui-extension-sdk/api_fetch`), answering as the Secret Store
// emulator does (the same Rust engine, compiled to WebAssembly): Stripe's
// params and errors, 10 secrets per scope, expiry, pagination, idempotency,
// and the scope rule for that user's extension. Mock the SDK module with it,
// and this package's client or stripe-node's `createHttpClient()` run
// against it unchanged.
//
// It loads synchronously (the .wasm travels as base64 in
// secret_store_testing_wasm.js), so jest, Vitest, Node and browsers can
// import it without await and without a loader for .wasm.
import { Engine, initSync, isUserId } from './secret_store_testing.js';
import wasmBase64 from './secret_store_testing_wasm.js';

/** The SDK's placeholder key (`STRIPE_API_KEY` of `@stripe/ui-extension-sdk/http_client`). */
export const STRIPE_API_KEY = 'DO_NOT_PASS_A_REAL_API_KEY';
/** The only `Authorization` the Dashboard accepts from an extension. */
export const AUTHORIZATION_VALUE = `Bearer ${STRIPE_API_KEY}`;
/** The origin the SDK's transports reach. */
export const API_ORIGIN = 'https://api.stripe.com';
/** The emulator's header naming the user a placeholder-key request acts for. */
const USER_HEADER = 'stripe-emulator-user';
const NORMALISED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

let initialized = false;

function ensureInitialized() {
  if (initialized) return;
  const binary = atob(wasmBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  initSync({ module: bytes });
  initialized = true;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A time as Unix milliseconds: a number (milliseconds, as `Date.now()`) or a Date.
 * @param {number | Date} value
 * @param {string} what
 * @returns {number}
 */
function toMs(value, what) {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new TypeError(`${what}: expected a Date or Unix milliseconds (a finite number)`);
  }
  return ms;
}

/**
 * The request body as bytes, as the Dashboard's `fetch` would send it.
 * @param {unknown} body
 * @returns {Uint8Array | undefined}
 */
function bodyBytes(body) {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  if (body instanceof Blob) throw new TypeError('stripeApiFetch: a Blob body cannot be read synchronously; send a string');
  return new TextEncoder().encode(String(body));
}

/**
 * @typedef {object} SerializableResponse  What the SDK's transports resolve with.
 * @property {any} [json]  The parsed body (every answer here is `application/json`).
 * @property {ArrayBuffer} [arrayBuffer]  Never set here (only for answers that are not JSON).
 * @property {Record<string, string>} headers  Lowercase names.
 * @property {boolean} ok
 * @property {boolean} redirected
 * @property {number} status
 * @property {string} statusText
 * @property {string} type
 * @property {string} url
 */

/**
 * @typedef {object} Fault  One injected fault, applied to the next request (as the emulator's).
 * @property {number} [status]  Answer with this status (400..=599) and Stripe's error JSON.
 * @property {boolean} [should_retry]  With `status`: sends `Stripe-Should-Retry: true|false`.
 * @property {boolean} [drop]  No answer: the call rejects with a `TypeError` as a failed fetch does.
 * @property {number} [delay_ms]  Wait this long first (at most 60000).
 */

/**
 * @typedef {object} LoggedRequest  One request received (as `GET /_emulator/requests` gives it).
 * @property {string} method
 * @property {string} path
 * @property {Array<[string, string | { length: number }]>} params  Decoded params; `payload` only as its length.
 * @property {string[]} headers  Lowercase names, never values.
 * @property {string | null} idempotency_key
 * @property {number | null} status  `null` for a dropped request.
 */

/**
 * @typedef {object} HeldSecret  A secret the store holds, payload included.
 * @property {string} account  The `Stripe-Account` it belongs to ("" for the platform).
 * @property {string} id
 * @property {string} name
 * @property {string} payload
 * @property {{ type: 'account' } | { type: 'user', user: string }} scope
 * @property {number} created  Unix seconds.
 * @property {number | null} expires_at  Unix seconds.
 */

/**
 * @typedef {object} SecretStoreApiOptions
 * @property {string} userId  The Dashboard user the extension runs for (`usr_…`): the one user scope it may reach.
 * @property {number | Date | (() => number | Date)} [now]  The clock: a fixed time, or a function read
 *   at each request (default `Date.now`). `advanceTime` and `setNow` move it.
 * @property {number} [seed]  Seeds the ids (an integer from 0 to 2**32 - 1); random by default.
 */

/**
 * @typedef {object} SecretStoreInspection
 * @property {string} userId  The user given.
 * @property {() => LoggedRequest[]} requests  The requests received since the last reset, oldest first
 *   (bounded as the emulator's log: newest 10 000 within 8 MiB).
 * @property {() => HeldSecret[]} secrets  Every secret held now, expired ones gone.
 * @property {() => number} now  The clock, in Unix milliseconds.
 * @property {(seconds: number) => void} advanceTime  Moves the clock forward (time travel: expiry).
 * @property {(time: number | Date) => void} setNow  Stops the clock at `time` (Unix milliseconds or a Date).
 * @property {(faults: Fault | Fault[]) => number} fault  Queues faults for the next requests, one each;
 *   returns how many are queued (at most 1000; an invalid list queues none and throws).
 * @property {() => Fault[]} faults  The faults still queued, next first.
 * @property {() => void} reset  Forgets secrets, requests, idempotency keys and faults (not the clock).
 */

/**
 * @typedef {((url: string, init?: { method?: string, headers?: Record<string, string>, body?: string }) =>
 *   Promise<SerializableResponse>) & SecretStoreInspection} SecretStoreApi
 */

/**
 * An in-memory Secret Store, reached as one user's UI extension reaches
 * Stripe: through a function shaped like the SDK's `stripeApiFetch`.
 *
 * As the SDK's host transport does, it needs a full URL
 * (`https://api.stripe.com/v1/apps/secrets…`; a bare path throws `TypeError`),
 * and `init` must survive `structuredClone`. As the Dashboard does, it throws
 * unless `Authorization` is the SDK placeholder (`Bearer DO_NOT_PASS_A_REAL_API_KEY`).
 *
 * @param {SecretStoreApiOptions} options
 * @returns {SecretStoreApi}
 */
export function createSecretStoreApi({ userId, now, seed } = /** @type {any} */ ({})) {
  ensureInitialized();
  if (typeof userId !== 'string' || !isUserId(userId)) {
    throw new TypeError(`createSecretStoreApi: userId must be a Dashboard user id such as usr_123 (got ${JSON.stringify(userId)})`);
  }
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new TypeError('createSecretStoreApi: seed must be an integer from 0 to 2**32 - 1');
  }
  const engine = new Engine(seed ?? Math.floor(Math.random() * 2 ** 32));
  /** @type {() => number} */
  let clock;
  if (now === undefined) clock = () => Date.now();
  else if (typeof now === 'function') clock = () => toMs(now(), 'createSecretStoreApi: now()');
  else {
    const fixed = toMs(now, 'createSecretStoreApi: now');
    clock = () => fixed;
  }
  let offsetMs = 0;
  const currentMs = () => clock() + offsetMs;

  /**
   * @param {string} url
   * @param {{ method?: string, headers?: Record<string, string>, body?: string }} [init]
   * @returns {Promise<SerializableResponse>}
   */
  async function stripeApiFetch(url, init = {}) {
    // As fetchViaHost: `new URL(url)` (a bare path throws), then path and
    // search cross postMessage with init to the Dashboard.
    const target = new URL(url);
    const [options] = structuredClone([init]);
    // The Dashboard sees what crossed postMessage: own properties only.
    /** @param {string} key */
    const own = (key) => (options !== null && typeof options === 'object' && Object.hasOwn(options, key) ? options[key] : undefined);
    const headers = own('headers') ?? {};
    const names = [];
    const values = [];
    let authorization;
    let contentType = false;
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (lower === USER_HEADER) continue; // the Dashboard knows its user
      if (lower === 'authorization') authorization = String(value);
      if (lower === 'content-type') contentType = true;
      names.push(lower);
      values.push(String(value));
    }
    if (authorization !== AUTHORIZATION_VALUE) {
      throw new Error('stripeApiFetch: Authorization must be the SDK placeholder (STRIPE_API_KEY)');
    }
    // Fetch uppercases these six methods only; any other is sent as written.
    const asked = String(own('method') ?? 'GET');
    const method = NORMALISED_METHODS.includes(asked.toUpperCase()) ? asked.toUpperCase() : asked;
    const rawBody = own('body');
    if ((method === 'GET' || method === 'HEAD') && rawBody !== undefined && rawBody !== null) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    // What the Dashboard's fetch adds for a string body without a type.
    if (typeof rawBody === 'string' && !contentType) {
      names.push('content-type');
      values.push('text/plain;charset=UTF-8');
    }
    names.push(USER_HEADER);
    values.push(userId);

    const pending = engine.admit(method, target.pathname, target.search.slice(1), names, values, bodyBytes(rawBody));
    const delay = pending.delayMs;
    if (delay !== undefined) await sleep(delay);
    const reply = engine.answer(pending, currentMs());
    if (reply === undefined) throw new TypeError('Failed to fetch');
    const answerHeaders = { 'request-id': engine.requestId() };
    const pairs = reply.headers;
    for (let i = 0; i + 1 < pairs.length; i += 2) answerHeaders[pairs[i]] = pairs[i + 1];
    const body = reply.body;
    answerHeaders['content-length'] = String(new TextEncoder().encode(body).length);
    const response = {
      json: JSON.parse(body),
      arrayBuffer: undefined,
      headers: answerHeaders,
      ok: reply.status >= 200 && reply.status < 300,
      redirected: false,
      status: reply.status,
      statusText: reply.statusText,
      type: 'basic',
      url: API_ORIGIN + target.pathname + target.search,
    };
    reply.free();
    return response;
  }

  /** @type {SecretStoreInspection} */
  const inspection = {
    userId,
    requests: () => engine.requests(),
    secrets: () => engine.secrets(currentMs()),
    now: currentMs,
    advanceTime(seconds) {
      if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
        throw new TypeError('advanceTime: expected a finite number of seconds');
      }
      offsetMs += seconds * 1000;
    },
    setNow(time) {
      const fixed = toMs(time, 'setNow');
      clock = () => fixed;
      offsetMs = 0;
    },
    fault(faults) {
      return engine.addFaults(Array.isArray(faults) ? faults : [faults]);
    },
    faults: () => engine.faults(),
    reset: () => engine.reset(),
  };
  return Object.assign(stripeApiFetch, inspection);
}

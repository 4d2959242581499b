// The JS side of the transports: the init handed to a `stripeApiFetch`
// (src/transport/extension.rs), the parts of what the global `fetch`
// resolved with (src/transport/global.rs), and the caller's signal read in
// a `try` (src/transport/mod.rs). wasm-bindgen links this module as a
// snippet.
import { append, headersOf } from '../interop/objects.js';

/**
 * The init of a `stripeApiFetch` call (src/transport/extension.rs):
 * `{ method, headers, body }`, and an own `undefined` for every other
 * member `fetch` reads. The SDK's frame transport spreads it into the
 * init of the realm's `fetch`, where a missing member would be read
 * through a possibly polluted Object.prototype (an inherited `signal`,
 * `body` or `mode` broke every call). `undefined` is "absent" to `fetch`
 * and survives `structuredClone` and the spread. A literal, headers by
 * `headersOf`: an inherited `body` or `Authorization` setter sees nothing.
 */
export function makeInit(method, headerLines, headerCount, body) {
  return initOf(Object.prototype, method, headerLines, headerCount, body, undefined);
}

/**
 * The init of a call to the global `fetch` (src/transport/global.rs),
 * which builds the request itself: makeInit's, with the attempt's signal,
 * and without a prototype, nor have its headers. Node's `fetch` reads
 * members no list here names (undici's `dispatcher`); none may come from a
 * polluted Object.prototype.
 */
export function makeFetchInit(method, headerLines, headerCount, body, signal) {
  return initOf(null, method, headerLines, headerCount, body, signal);
}

function initOf(prototype, method, headerLines, headerCount, body, signal) {
  const headers = headersOf(headerLines, headerCount, prototype);
  // The request's headers are checked visible ASCII (src/options.rs): this
  // never throws, and were it to, the call fails before anything is sent.
  if (headers === undefined) throw new TypeError('unsendable headers');
  const init = {
    method,
    headers,
    body,
    cache: undefined,
    credentials: undefined,
    duplex: undefined,
    integrity: undefined,
    keepalive: undefined,
    mode: undefined,
    priority: undefined,
    redirect: undefined,
    referrer: undefined,
    referrerPolicy: undefined,
    signal,
    window: undefined,
  };
  return Object.setPrototypeOf(init, prototype);
}

/**
 * The status and the first `max` headers of what the global `fetch`
 * resolved with, as `[status, name, value, name, value, ...]`, or
 * `undefined` when it is not a `Response` with real `Headers` (src/transport/global.rs).
 * Everything that could throw runs here, inside one `try`: a stand-in
 * `fetch`, a Proxy or a patched prototype then makes the call fail with a
 * typed error, where a throw inside the wasm would leave it pending for ever.
 */
export function answerParts(response, max) {
  try {
    if (!(response instanceof Response)) return undefined;
    const headers = response.headers;
    if (!(headers instanceof Headers)) return undefined;
    // The status is checked in Rust (a whole number from 100 to 599).
    const parts = [response.status];
    let count = 0;
    for (const entry of headers) {
      if (count++ >= max) break;
      const name = entry[0];
      const value = entry[1];
      if (typeof name !== 'string' || typeof value !== 'string') return undefined;
      append(parts, name);
      append(parts, value);
    }
    return parts;
  } catch {
    return undefined;
  }
}

/**
 * Whether the caller's `signal` aborted: 1, 0, or 2 when `aborted` cannot
 * be read (src/transport/mod.rs). An object that passes `instanceof
 * AbortSignal` without being one throws here, inside the `try`.
 */
export function signalAborted(signal) {
  try {
    const aborted = signal.aborted;
    return aborted === true ? 1 : aborted === false ? 0 : 2;
  } catch {
    return 2;
  }
}

// The JS side of the transport (src/transport/fetch.rs): the init of each
// request, the attempt's timeout and abort, and the answer read into parts
// Rust checks; the caller's signal read in a `try` (src/transport/mod.rs).
// wasm-bindgen links this module as a snippet.
//
// An attempt is waited for here, not in Rust: one promise crosses back,
// where a race, a timer and their closures each made wasm-bindgen glue and
// a Rust future (issue 33, bench/NOTES.md).
import { ABSENT, ACCESSOR, headersOf, ownJson, ownValue } from '../interop/objects.js';

/**
 * The init of a `stripeApiFetch` call (src/transport/fetch.rs):
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
 * The init of a call to the global `fetch` (src/transport/fetch.rs),
 * which builds the request itself: makeInit's, with the attempt's signal
 * (see `startAttempt`), and without a prototype, nor have its headers.
 * Node's `fetch` reads members no list here names (undici's `dispatcher`);
 * none may come from a polluted Object.prototype.
 */
export function makeFetchInit(method, headerLines, headerCount, body, attempt) {
  return initOf(null, method, headerLines, headerCount, body, attempt.controller.signal);
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

/** Why an attempt ended without an answer (src/transport/fetch.rs reads these numbers). */
const CONNECTION = 0;
const TIMEOUT = 1;
const MALFORMED = 2;

/**
 * One attempt's abort: its controller aborts when `timeoutMs` have passed
 * (at most 2 ** 31 - 2, which src/options.rs checks and every timer takes)
 * or when the caller's `signal` aborts. The global `fetch` gets the
 * controller's signal, so a timed-out or aborted request is really
 * cancelled; a `stripeApiFetch` cannot take one (its init crosses
 * `postMessage`), and there the wait alone ends. Made by hand, not by
 * `AbortSignal.timeout` and `AbortSignal.any`: `endAttempt` clears the
 * timer and the listener at once (a pending timer keeps Node alive), and
 * the caller's `signal` may be anything that passes `instanceof
 * AbortSignal`.
 */
export function startAttempt(timeoutMs, signal) {
  const controller = new AbortController();
  const attempt = { __proto__: null, controller, signal, aborted: false, timer: undefined, stop() {} };
  attempt.abort = () => {
    attempt.aborted = true;
    attempt.stop();
    try {
      controller.abort();
    } catch {
      // Run from a timer or the caller's event: a throw would be uncaught.
    }
  };
  try {
    signal?.addEventListener('abort', attempt.abort);
  } catch {
    // Not a real signal: its `aborted` is still read before each attempt.
  }
  attempt.timer = setTimeout(attempt.abort, timeoutMs);
  return attempt;
}

function endAttempt(attempt) {
  clearTimeout(attempt.timer);
  try {
    attempt.signal?.removeEventListener('abort', attempt.abort);
  } catch {
    // As in startAttempt.
  }
}

/**
 * `work`, or a rejection as soon as the attempt aborts. No listener on the
 * controller's signal: Node's `addEventListener` assigns to objects of its
 * own, which a property made read-only on Object.prototype breaks.
 */
function within(work, attempt) {
  return new Promise((resolve, reject) => {
    attempt.stop = reject;
    if (attempt.aborted) reject();
    Promise.resolve(work).then(resolve, reject);
  });
}

/**
 * The answer to one attempt, as `[status, name, value, ..., body]`, or why
 * there is none: `TIMEOUT` once the attempt's controller aborted (Rust
 * tells the caller's abort from a timeout), `MALFORMED` when the answer is
 * not a response, `CONNECTION` for any other throw or rejection. `work` is
 * what the transport's function returned (or a rejection with what it
 * threw). `fromSdk`: the answer is a `stripeApiFetch`'s (`sdkParts`), not
 * a `Response` (`responseParts`). Never rejects; the attempt's timer and
 * listener are gone once it settles.
 */
export async function answerOf(work, attempt, max, fromSdk) {
  try {
    const answer = await within(work, attempt);
    const parts = fromSdk ? sdkParts(answer, max) : responseParts(answer, max);
    if (parts === undefined) return MALFORMED;
    if (!fromSdk) {
      // `responseParts` found a real `Response`; a patched `text` that
      // throws is a failed attempt.
      const text = await within(answer.text(), attempt);
      // Anything but a string is no body (Rust reads it as empty).
      add(parts, typeof text === 'string' ? text : undefined);
    }
    return parts;
  } catch {
    return attempt.aborted ? TIMEOUT : CONNECTION;
  } finally {
    endAttempt(attempt);
  }
}

/**
 * Waits `ms` between attempts, or until the caller's `signal` aborts
 * (Rust reads which).
 */
export function pause(ms, signal) {
  const attempt = startAttempt(ms, signal);
  return new Promise((resolve) => {
    attempt.stop = () => {
      endAttempt(attempt);
      resolve();
    };
  });
}

/**
 * The status and the first `max` headers of what the global `fetch`
 * resolved with, as `[status, name, value, name, value, ...]`, or
 * `undefined` when it is not a `Response` with real `Headers`.
 * Everything that could throw runs here, inside one `try`: a stand-in
 * `fetch`, a Proxy or a patched prototype then makes the call fail with a
 * typed error, where a throw inside the wasm would leave it pending for ever.
 */
function responseParts(response, max) {
  try {
    if (!(response instanceof Response)) return undefined;
    const headers = response.headers;
    if (!(headers instanceof Headers)) return undefined;
    // The status is checked in Rust (a whole number from 100 to 599).
    const parts = partsOf(response.status);
    let count = 0;
    for (const entry of headers) {
      if (count++ >= max) break;
      const name = entry[0];
      const value = entry[1];
      if (typeof name !== 'string' || typeof value !== 'string') return undefined;
      add(parts, name);
      add(parts, value);
    }
    return parts;
  } catch {
    return undefined;
  }
}

/**
 * The parts of a `stripeApiFetch`'s `SerializableResponse` (`{ status, ok,
 * headers, json?, arrayBuffer? }`), read from own data properties only:
 * `[status, name, value, ..., body]`, or `undefined` when it is not an
 * object or its headers or JSON cannot be read. The SDK gives `json` only
 * when the answer's `Content-Type` was exactly `application/json`, else the
 * body as an `ArrayBuffer`. Of the headers (a plain object, names in any
 * case), the first `max` keys are looked at; Rust keeps the names and
 * values that are strings, and lowers the names. `json` goes back to text by
 * `ownJson`: `JSON.stringify` would hand the answer to a `toJSON` on a
 * polluted Object.prototype; a value JSON cannot hold, or a cycle, is a
 * malformed answer, and the engine's parser refuses one nested deeper than
 * it reads. An `ArrayBuffer` goes to Rust as bytes: not UTF-8 is not JSON,
 * and it is never decoded lossily, which could change a payload.
 */
function sdkParts(answer, max) {
  try {
    // `null` too: it has no status, which Rust then finds missing.
    if (typeof answer !== 'object') return undefined;
    const parts = partsOf(ownData(answer, 'status'));
    const headers = ownData(answer, 'headers');
    if (typeof headers === 'object' && headers !== null) {
      const names = Reflect.ownKeys(headers);
      // A real answer has a dozen headers; a hostile one is not walked for ever.
      const count = Math.min(names.length, max);
      for (let i = 0; i < count; i++) {
        add(parts, names[i]);
        add(parts, ownData(headers, names[i]));
      }
    }
    const json = ownData(answer, 'json');
    const buffer = ownData(answer, 'arrayBuffer');
    // No body: Rust reads it as empty.
    let body;
    if (json !== undefined) {
      body = ownJson(json);
      if (typeof body !== 'string') return undefined;
    } else if (buffer instanceof ArrayBuffer) {
      body = new Uint8Array(buffer);
    }
    add(parts, body);
    return parts;
  } catch {
    return undefined;
  }
}

/**
 * A new array of parts, `status` first, without a prototype: resolving a
 * promise with it reads its `then`, which must not be a getter a polluted
 * Object.prototype holds (it would see the body). Without one, `add`
 * assigns where no inherited setter can run, at a fraction of `define`'s
 * cost per call.
 */
function partsOf(status) {
  return Object.setPrototypeOf([status], null);
}

function add(parts, item) {
  parts[parts.length] = item;
}

/** An own data property's value; `undefined` for an accessor, none, or a Proxy trap that throws. */
function ownData(target, key) {
  try {
    const value = ownValue(target, key);
    return value === ABSENT || value === ACCESSOR ? undefined : value;
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

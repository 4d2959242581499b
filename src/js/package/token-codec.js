// A token as the token helper keeps it in a secret's payload: the
// provider's token response as JSON, with its relative lifetimes turned
// into times (docs/tokens.md, "The token and its payload"). Every field is
// kept, known or not; the few the helper reads are checked.
import { shielded } from '../values.js';
import { ownData } from './app-objects.js';
import { invalid } from './token-errors.js';

/** A secret's payload holds at most this many characters (Unicode code points). */
export const PAYLOAD_LIMIT = 5000;
/** Stripe refuses an `expires_at` more than 100 years ahead; a day less leaves room for clocks. */
const LONGEST_SECONDS = 100 * 365 * 24 * 3600 - 24 * 3600;
/** How deep and how big a token may be (a token is a few fields; the payload limit bounds it anyway). */
const MAX_DEPTH = 8;
const MAX_VALUES = 2000;

/**
 * `value` as JSON data to encode: own enumerable data properties of plain
 * objects and arrays, strings, finite numbers, booleans and null (other
 * numbers become null, and missing array items too, as `JSON.stringify`
 * makes them). Objects and arrays are rebuilt without a prototype, where
 * assignment runs no inherited setter and `JSON.stringify` finds no
 * inherited `toJSON`; getters are left out, not run. Bounded in depth and
 * size.
 */
function jsonData(value, budget, depth) {
  if (--budget.values < 0 || depth > MAX_DEPTH) throw invalid('token_invalid', 'token', 'A token is a small JSON object: this one is too deep or too big to keep in a secret.');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const copy = Object.setPrototypeOf([], null);
    const length = ownData(value, 'length');
    // What is no JSON (undefined, a function, a getter) becomes null when the copy is encoded.
    for (let i = 0; i < length; i++) copy[i] = jsonData(ownData(value, i), budget, depth + 1);
    return copy;
  }
  const copy = Object.create(null);
  for (const key of Object.keys(value)) {
    const item = jsonData(ownData(value, key), budget, depth + 1);
    if (item !== undefined) copy[key] = item;
  }
  return copy;
}

/** A time or a lifetime: a finite number (which no other type is, to Number.isFinite). */
const isTime = Number.isFinite;

/**
 * The token to keep, from what an app saves or its `refresh` returns (the
 * provider's token response, or a token the helper handed out):
 * `expires_in` and `refresh_token_expires_in` (seconds from now) become
 * `expires_at` and `refresh_token_expires_at` (Unix seconds), unless those
 * are given. Where `previous` is given (a refresh) and the answer carries no
 * `refresh_token`, the previous one and its lifetime are kept (RFC 6749,
 * section 6: the provider may leave it unchanged).
 */
export function tokenToKeep(value, nowSeconds, previous) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid('token_invalid', 'token', 'A token is an object with an access_token: pass the provider\'s token response, parsed.');
  }
  const token = jsonData(value, { values: MAX_VALUES }, 0);
  if (typeof token.access_token !== 'string' || token.access_token === '') {
    throw invalid('token_invalid', 'access_token', 'A token needs a non-empty access_token string: pass the provider\'s token response, parsed.');
  }
  if (Object.hasOwn(token, 'refresh_token') && typeof token.refresh_token !== 'string') {
    throw invalid('token_invalid', 'refresh_token', 'A token\'s refresh_token, where there is one, is a string.');
  }
  for (const [relative, absolute] of [['expires_in', 'expires_at'], ['refresh_token_expires_in', 'refresh_token_expires_at']]) {
    if (Object.hasOwn(token, relative)) {
      if (!isTime(token[relative])) throw invalid('token_invalid', relative, `A token's ${relative} is a number of seconds.`);
      if (!Object.hasOwn(token, absolute)) token[absolute] = Math.floor(nowSeconds + token[relative]);
      delete token[relative];
    }
    if (Object.hasOwn(token, absolute) && !isTime(token[absolute])) {
      throw invalid('token_invalid', absolute, `A token's ${absolute} is a time in Unix seconds.`);
    }
  }
  if (!Object.hasOwn(token, 'refresh_token')) {
    const kept = ownData(previous, 'refresh_token');
    if (typeof kept === 'string') {
      token.refresh_token = kept;
      const keptUntil = ownData(previous, 'refresh_token_expires_at');
      if (isTime(keptUntil) && !Object.hasOwn(token, 'refresh_token_expires_at')) token.refresh_token_expires_at = keptUntil;
    }
  }
  return token;
}

/**
 * When the secret should expire, so that Stripe deletes a dead token by
 * itself: when the refresh token dies, where the provider says; never
 * while a refresh token of unknown lifetime may still work; else when the
 * access token dies. At most 100 years ahead, as Stripe allows.
 */
export function secretExpiry(token, nowSeconds) {
  const until = Object.hasOwn(token, 'refresh_token_expires_at')
    ? token.refresh_token_expires_at
    : Object.hasOwn(token, 'refresh_token')
      ? undefined
      : token.expires_at;
  if (until === undefined) return undefined;
  if (until <= nowSeconds) {
    throw invalid('token_expired', Object.hasOwn(token, 'refresh_token') ? 'refresh_token_expires_at' : 'expires_at', 'This token has expired already and cannot be refreshed: sign the user in again.');
  }
  return Math.min(Math.floor(until), nowSeconds + LONGEST_SECONDS);
}

/** How many code points `text` has, as Stripe counts a payload's length. */
function codePoints(text) {
  let count = 0;
  // A string iterates by code point (JSON.stringify leaves no lone surrogate).
  for (const _codePoint of text) count++;
  return count;
}

/** The payload for `token` (from `tokenToKeep`), checked against the payload limit before anything is sent. */
export function encodeToken(token) {
  const payload = JSON.stringify(token);
  const length = codePoints(payload);
  if (length > PAYLOAD_LIMIT) {
    throw invalid(
      'token_too_long',
      'payload',
      `This token is ${length} characters as JSON; a secret's payload holds at most ${PAYLOAD_LIMIT}. ` +
        'Leave out the fields the app does not use to call the service (an id_token often is the longest) before save(), and in what refresh returns.',
    );
  }
  return payload;
}

/**
 * Every object of a decoded token carries its own `then` and `toJSON`, as
 * the package's results do: a `then` getter on Object.prototype would
 * otherwise be called with the token when get(), save() or refresh()
 * resolves, and a `toJSON` one when the app writes it as JSON.
 */
const shieldedObjects = (key, value) => (value !== null && typeof value === 'object' ? shielded(value) : value);

/** The token a payload holds: a fresh plain object each time, so no caller's changes reach another. */
export function decodeToken(payload) {
  let token;
  try {
    token = JSON.parse(payload, shieldedObjects);
  } catch {
    // Not JSON: refused below, as JSON that is no token is (null, a primitive or an array has no own access_token).
  }
  if (typeof ownData(token, 'access_token') !== 'string') {
    throw invalid('token_unreadable', 'payload', 'This secret does not hold a token the helper saved: clear() it, or save() a token over it.');
  }
  return token;
}

/** Whether the access token ends within `marginSeconds` (a token without `expires_at` never does). */
export function isDue(token, nowSeconds, marginSeconds) {
  const expiresAt = ownData(token, 'expires_at');
  return isTime(expiresAt) && expiresAt - marginSeconds <= nowSeconds;
}

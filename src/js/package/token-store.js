// The token helper: one OAuth token kept in one secret, refreshed before it
// ends and after a 401, one refresh at a time in a frame, and reconciled
// with what other frames saved (docs/tokens.md). Plain JS over a
// SecretStore: the store applies the scope rule to every call it makes.
import { isMissing, ownData, statusOf } from './app-objects.js';
import { decodeToken, encodeToken, isDue, secretExpiry, tokenToKeep } from './token-codec.js';
import { invalid } from './token-errors.js';

/** A token due to end within this many seconds is refreshed before use. */
const DEFAULT_MARGIN_SECONDS = 60;

/** After a failed refresh, the waits before each look for a token another frame saved (ms: at once, then a second in all). */
const FORGIVING_LOOKS_MS = [0, 250, 750];

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The refresh of each secret in this frame, by scope and name:
 * `{ from, promise }`, where `from` is the payload it refreshes. Callers
 * holding that payload share the one refresh, in flight or done, so two
 * calls (two views, two clicks, two helpers over two stores) that met one
 * expired token spend its refresh token once. One entry per secret; a
 * failed refresh leaves, so a later call tries again.
 */
const refreshes = new Map();

/**
 * The scope as the app gave it (checked: the store is asked with the
 * app's own form), and as it resolves: the user the shorthand 'user'
 * stands for is the store's.
 */
function resolveScope(scope, secrets) {
  if (scope === 'account') return { scope, resolved: { type: 'account' } };
  if (scope === 'user') return { scope, resolved: { type: 'user', user: secrets.userId } };
  const type = ownData(scope, 'type');
  const user = ownData(scope, 'user');
  if (type === 'account' && user === undefined) return { scope: { type }, resolved: { type } };
  if (type === 'user' && typeof user === 'string') return { scope: { type, user }, resolved: { type, user } };
  throw invalid('parameter_invalid', 'scope', "scope is 'user' (the store's own user, the default), 'account', { type: 'user', user } or { type: 'account' }.");
}

/**
 * A token helper for the secret `name` in `scope` (the store's own user by
 * default) of `secrets`. `refresh(current)` is the app's call to the
 * provider's token endpoint with `current.refresh_token`; it resolves with
 * the provider's answer. Options are read once, as own properties.
 */
export function tokenStore(options) {
  const secrets = ownData(options, 'secrets');
  const name = ownData(options, 'name');
  const refresh = ownData(options, 'refresh');
  const margin = ownData(options, 'margin') ?? DEFAULT_MARGIN_SECONDS;
  if (secrets === null || typeof secrets !== 'object' || typeof secrets.find !== 'function' || typeof secrets.create !== 'function' || typeof secrets.deleteWhere !== 'function') {
    throw invalid('parameter_invalid', 'secrets', 'secrets is the SecretStore that keeps the token.');
  }
  if (typeof name !== 'string' || name === '') throw invalid('parameter_invalid', 'name', 'name is the name of the secret that keeps the token.');
  if (refresh !== undefined && typeof refresh !== 'function') {
    throw invalid('parameter_invalid', 'refresh', 'refresh, where given, is a function: (current) => the provider\'s answer to a refresh.');
  }
  if (typeof margin !== 'number' || !(margin >= 0) || margin === Infinity) {
    throw invalid('parameter_invalid', 'margin', 'margin is a number of seconds, 0 or more.');
  }
  const { scope, resolved } = resolveScope(ownData(options, 'scope') ?? 'user', secrets);
  /** This secret among the frame's (`refreshes`): its scope and name. */
  const key = `${resolved.type}\n${resolved.user}\n${name}`;
  const secret = () => ({ name, scope });

  /**
   * What the helper holds of a saved token, resolved through its own
   * promises: without a prototype, so that a `then` getter planted on
   * Object.prototype is not called with it (a promise reads `then` on what
   * it resolves with).
   */
  const heldAs = (payload) => ({ __proto__: null, payload, token: decodeToken(payload) });

  /** The saved token as `heldAs` holds it, or null where none is saved. */
  async function read() {
    let found;
    try {
      found = await secrets.find({ ...secret(), expand: ['payload'] });
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    return heldAs(found.payload);
  }

  /** Saves `token` (from tokenToKeep), with the secret's expiry taken from it. */
  async function write(token) {
    const payload = encodeToken(token);
    // An `expires_at` left undefined is no `expires_at`, to the store as to stripe-node.
    await secrets.create({ ...secret(), payload, expires_at: secretExpiry(token, nowSeconds()) });
    return heldAs(payload);
  }

  /**
   * Refreshes `held`, then reads the secret back before saving: where
   * another frame saved a token meanwhile, that one is used and this
   * frame's new token dropped; where the secret is gone (signed out
   * elsewhere), nothing is saved. A refresh that fails is forgiven where
   * another frame saved a token since (it may have spent the same refresh
   * token first), or where the secret is gone.
   */
  async function refreshAndReconcile(held) {
    let fresh;
    try {
      fresh = tokenToKeep(await refresh(held.token), nowSeconds(), held.token);
    } catch (error) {
      // The other frame's save may be a round trip behind its refresh: look a few times.
      for (const delay of FORGIVING_LOOKS_MS) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        const stored = await read().catch(() => undefined);
        if (stored === null || (stored !== undefined && stored.payload !== held.payload)) return stored;
      }
      throw error;
    }
    const stored = await read();
    if (stored === null || stored.payload !== held.payload) return stored;
    return write(fresh);
  }

  /** The one refresh of `held` in this frame (see `refreshes`). */
  function refreshOnce(held) {
    const last = refreshes.get(key);
    if (last !== undefined && last.from === held.payload) return last.promise;
    const flight = { from: held.payload, promise: refreshAndReconcile(held) };
    refreshes.set(key, flight);
    flight.promise.catch(() => {
      if (refreshes.get(key) === flight) refreshes.delete(key);
    });
    return flight.promise;
  }

  /** The saved token, refreshed first where it is due and the app can refresh; null where none is saved. */
  async function current() {
    const held = await read();
    if (held === null || refresh === undefined || !isDue(held.token, nowSeconds(), margin)) return held;
    return refreshOnce(held);
  }

  const missing = () => invalid('resource_missing', 'name', `No token is saved in the secret '${name}': sign the user in first.`);
  const tokenOf = (held) => (held === null ? null : decodeToken(held.payload));

  return Object.freeze({
    name,
    /** The scope the secret is in: `{ type: 'user', user }` or `{ type: 'account' }`. */
    scope: Object.freeze(resolved),

    /** The saved token, or null; refreshed first (and saved) where it ends within the margin. */
    async get() {
      return tokenOf(await current());
    },

    /** Saves `token` (the provider's token response, or a token from get()); resolves with the token as kept. */
    async save(token) {
      return tokenOf(await write(tokenToKeep(token, nowSeconds())));
    },

    /** Refreshes the saved token now, whatever its expiry; null where none is saved. */
    async refresh() {
      if (refresh === undefined) throw invalid('parameter_missing', 'refresh', 'This token helper was made without a refresh function.');
      const held = await read();
      return held === null ? null : tokenOf(await refreshOnce(held));
    },

    /**
     * Calls `request(token)` (the app's call to the service, resolving with
     * a fetch Response or an answer with a `status`) with the saved token;
     * on a 401, refreshes once (or takes the token another frame saved) and
     * calls it once more. Resolves with what `request` resolved with last.
     */
    async withToken(request) {
      if (typeof request !== 'function') throw invalid('parameter_invalid', 'request', 'withToken takes a function: (token) => the call to the service.');
      let held = await current();
      if (held === null) throw missing();
      const answer = await request(tokenOf(held));
      if (refresh === undefined || statusOf(answer) !== 401) return answer;
      const stored = await read();
      held = stored === null || stored.payload !== held.payload ? stored : await refreshOnce(held);
      if (held === null) throw missing();
      return request(tokenOf(held));
    },

    /** Deletes the secret (signs the user out here); a secret already gone is not an error. */
    async clear() {
      refreshes.delete(key);
      try {
        await secrets.deleteWhere(secret());
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },
  });
}

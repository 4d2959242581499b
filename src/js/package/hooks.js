// useSecret and useToken: the state and actions of a view over one secret,
// or over a token helper's token (use-stored.js keeps the state).
import { isMissing, ownData } from './app-objects.js';
import { useStored } from './use-stored.js';

/**
 * The scope as a key, `[type, user]`: the same for the shorthand and the
 * object it stands for ('user' and `{ type: 'user', user }` with the
 * store's user, 'account' and `{ type: 'account' }`), so that a view that
 * switches between the two forms reads nothing again.
 */
function scopeKey(scope, userId) {
  const [type, user] = scope === 'user' || scope === 'account' ? [scope, scope === 'user' ? userId : undefined] : [ownData(scope, 'type'), ownData(scope, 'user')];
  return [String(type), String(user)];
}

/** A missing secret's answer as the value null; any other error as it is. */
function nullIfMissing(error) {
  if (isMissing(error)) return null;
  throw error;
}

/**
 * A secret's payload for a view: `{ loading, value, error, save, remove,
 * refresh }`, `value` the payload or null where the secret does not exist.
 * `save(payload, { expires_at })` sets it, `remove()` deletes it (a
 * missing one is not an error), `refresh()` reads it again. Read again when
 * the store's user, the scope or the name changes.
 */
export function useSecret(secrets, options) {
  const name = ownData(options, 'name');
  const scope = ownData(options, 'scope') ?? 'user';
  const source = {
    read: () =>
      secrets.find({ name, scope, expand: ['payload'] }).then((secret) => secret.payload ?? null, nullIfMissing),
    // An `expires_at` left undefined is no `expires_at`, to the store as to stripe-node.
    save: (payload, saveOptions) => secrets.create({ name, scope, payload, expires_at: ownData(saveOptions, 'expires_at') }).then(() => payload),
    remove: () =>
      secrets.deleteWhere({ name, scope }).then(() => null, nullIfMissing),
  };
  source.refresh = source.read;
  return useStored(source, [String(name), ...scopeKey(scope, secrets.userId)]);
}

/**
 * A token helper's token for a view (`stripe-apps-secrets/tokens`):
 * `{ loading, value, error, save, remove, refresh }`, `value` the token or
 * null where none is saved. `save(token)` keeps a token, `remove()` signs
 * out (clear()), `refresh()` refreshes now. Read again (get(), which
 * refreshes a token due to end) when the helper's user, scope or name
 * changes.
 */
export function useToken(tokens) {
  const source = {
    read: () => tokens.get(),
    save: (token) => tokens.save(token),
    remove: () => tokens.clear().then(() => null),
    refresh: () => tokens.refresh(),
  };
  return useStored(source, [tokens.name, ...scopeKey(tokens.scope)]);
}

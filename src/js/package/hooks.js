// useSecret and useToken: the state and actions of a view over one secret,
// or over a token helper's token (use-stored.js keeps the state).
import { ownData } from './app-objects.js';
import { useStored } from './use-stored.js';

/**
 * Whether `error` is the Secret Store's answer for a missing secret. Read
 * from the error's own fields, not by `instanceof`: this entry imports no
 * engine, so a view that uses it pays for no second copy of one.
 */
const isMissing = (error) => ownData(error, 'type') === 'StripeInvalidRequestError' && ownData(error, 'code') === 'resource_missing';

/** The scope as a key: the user the shorthand 'user' stands for is the store's. */
function scopeKey(scope, userId) {
  if (scope === 'user' || scope === 'account') return [scope, scope === 'user' ? String(userId) : ''];
  return [String(ownData(scope, 'type')), String(ownData(scope, 'user'))];
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
      secrets.find({ name, scope, expand: ['payload'] }).then(
        (secret) => secret.payload ?? null,
        (error) => {
          if (isMissing(error)) return null;
          throw error;
        },
      ),
    save: (payload, saveOptions) => {
      const expiresAt = ownData(saveOptions, 'expires_at');
      const params = expiresAt === undefined ? { name, scope, payload } : { name, scope, payload, expires_at: expiresAt };
      return secrets.create(params).then(() => payload);
    },
    remove: () =>
      secrets.deleteWhere({ name, scope }).then(
        () => null,
        (error) => {
          if (isMissing(error)) return null;
          throw error;
        },
      ),
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
  return useStored(source, [tokens.name, tokens.scope.type, tokens.scope.user ?? '']);
}

// How the token helper and the hooks read the objects an app hands them
// (options, the tokens its `refresh` returns, what its requests resolve
// with): own data properties only, so that neither a getter nor a value a
// polluted Object.prototype holds decides anything.

/**
 * The own data property `key` of `object`; `undefined` for an accessor
 * (never run), an inherited value, a primitive or a function (which the
 * store's own methods refuse as options too).
 */
export function ownData(object, key) {
  if (object === null || typeof object !== 'object') return undefined;
  const found = Object.getOwnPropertyDescriptor(object, key);
  // A descriptor is a fresh object: it has its own `value` exactly when it describes data.
  return found !== undefined && Object.hasOwn(found, 'value') ? found.value : undefined;
}

/**
 * Whether `error` is the Secret Store's answer for a secret that does not
 * exist. Read from the error's own `code`, not by `instanceof`: the React
 * entry imports no engine, so a view that uses it pays for no second copy
 * of one.
 */
export const isMissing = (error) => ownData(error, 'code') === 'resource_missing';

/** How far `statusOf` looks up a prototype chain (a Proxy's need not end). */
const PROTOTYPE_DEPTH = 8;

/**
 * The HTTP status of what an app's request resolved with: a fetch
 * `Response` (whose `status` is a getter of `Response.prototype`) or a plain
 * answer such as `stripeApiFetch`'s (an own `status`). The chain is read
 * up to, never including, `Object.prototype`: a polluted `status` there is
 * no answer's status.
 */
export function statusOf(response) {
  let object = response;
  for (let depth = 0; depth < PROTOTYPE_DEPTH; depth++) {
    if (object === null || typeof object !== 'object' || object === Object.prototype) return undefined;
    const found = Object.getOwnPropertyDescriptor(object, 'status');
    if (found !== undefined) return Object.hasOwn(found, 'value') ? found.value : found.get?.call(response);
    object = Object.getPrototypeOf(object);
  }
  return undefined;
}

// The JavaScript a button ran, as a newcomer would write it: the method call
// on `secrets` (a SecretStore) with its exact params. The payload is never
// shown, whatever its value: the page renders this text, and a screenshot or a
// screen share of the demo must not carry a secret.
export const MASK = '••••••••';

/** A JS literal of `value` (strings as JSON, which JS reads back unchanged). */
function literal(value) {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value && typeof value === 'object') {
    const fields = Object.entries(value).map(([key, v]) => `${propertyName(key)}: ${literal(v)}`);
    return fields.length ? `{ ${fields.join(', ')} }` : '{}';
  }
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

const propertyName = (key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));

/**
 * `await secrets.method({ … });`, one param a line, `payload` masked.
 * @param {string} method  a SecretStore method: create, find, list, deleteWhere
 * @param {Record<string, unknown>} params  what the page passed, unchanged
 */
export function callCode(method, params) {
  const lines = Object.entries(params).map(
    ([key, value]) => `  ${propertyName(key)}: ${key === 'payload' ? JSON.stringify(MASK) : literal(value)},`,
  );
  return `await secrets.${method}({\n${lines.join('\n')}\n});`;
}

/** The line that built `secrets` in the current mode, for the same panel. */
export function setupCode(mode, userId) {
  const user = JSON.stringify(userId);
  if (mode === 'direct') return `const secrets = new SecretStore({ userId: ${user}, apiKey: "sk_test_demo", baseUrl: location.origin });`;
  if (mode === 'extension') return `const secrets = new SecretStore({ userId: ${user}, fetch: stripeApiFetch });`;
  return `const secrets = new SecretStore({ userId: ${user}, fetch: createSecretStoreApi({ userId: ${user} }) });`;
}

// One create + find through the inline entry with no init() call: shared by
// the classic-script page and the classic worker (both bundled by esbuild
// with its default format, iife, where top-level await cannot be).
import { SecretStore, StripeScopeError } from 'stripe-apps-secrets';

export async function createAndFind(origin, where) {
  const user = `usr_${where}`;
  const store = new SecretStore({ userId: user, apiKey: 'sk_test_anything', baseUrl: origin });
  const scope = { type: 'user', user };
  await store.create({ name: 'no_init', payload: `no init, ${where}`, scope });
  const found = await store.find({ name: 'no_init', scope, expand: ['payload'] });
  const refused = await store.find({ name: 'no_init', scope: { type: 'user', user: 'usr_other' } }).then(
    () => 'sent',
    (error) => (error instanceof StripeScopeError ? 'StripeScopeError' : String(error)),
  );
  return `Found ${found.name} in the ${found.scope.type} scope: ${found.payload}; other user: ${refused}`;
}

export function describeError(error) {
  return `${error?.type ?? error?.name}: ${error?.message}`;
}

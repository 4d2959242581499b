// A CommonJS consumer under module "node16" that takes the ES module
// instead of the CommonJS build: types through `resolution-mode: "import"`,
// the code through import().
import type { SecretStore, StripeScopeError as ScopeError } from 'stripe-apps-secrets' with { 'resolution-mode': 'import' };

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export async function findPayload(): Promise<string> {
  const { SecretStore: Store, StripeScopeError } = await import('stripe-apps-secrets');
  const store: SecretStore = new Store({ userId: 'usr_123', apiKey: 'sk_test_123', baseUrl: 'http://127.0.0.1:12111' });
  try {
    return (await store.find({ name: 'oauth', scope: 'user', expand: ['payload'] })).payload ?? '';
  } catch (caught) {
    if (caught instanceof StripeScopeError) {
      const narrowed: Equals<typeof caught, ScopeError> = true;
      const type: Equals<typeof caught.type, 'StripeScopeError'> = true;
      void [narrowed, type];
      return caught.type;
    }
    throw caught;
  }
}

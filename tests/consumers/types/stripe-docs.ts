// Stripe's docs code for the Secret Store in a UI extension, with only the
// client swapped: `stripe.apps.secrets` is this package's SecretStore.
// `userContext` is typed as the SDK types it (`id?: string`), so
// `user: userContext.id` is `string | undefined`: the calls compile, and a
// missing id is refused at run time, before anything is sent. Checked
// under strict with bundler, node16 (ESM and, as stripe-docs.cts,
// CommonJS) and node resolution by tests/consumers/typescript.test.mjs.
import { SecretStore, type StripeApiFetch } from 'stripe-apps-secrets';

/**
 * The view's props as @stripe/ui-extension-sdk/context declares them
 * (`userContext: { id?: string; ... }`; usage.ts checks that the SDK's
 * type says so). Declared here because the SDK's subpaths have no file
 * extension and no `exports`, which node16 resolution from ES modules
 * cannot follow.
 */
type ExtensionContextValue = { userContext: { id?: string } };

// The SDK's own (usage.ts checks that it is one) under every resolution.
declare const stripeApiFetch: StripeApiFetch;

export async function docsExample({ userContext }: ExtensionContextValue): Promise<string | undefined> {
  const stripe = { apps: { secrets: new SecretStore({ userId: userContext.id, fetch: stripeApiFetch }) } };

  // Set a secret
  await stripe.apps.secrets.create({
    scope: { type: 'user', user: userContext.id },
    name: 'secret_name',
    payload: 'secret value',
    expires_at: 1956528000,
  });

  // Find a secret
  const secret = await stripe.apps.secrets.find({
    scope: { type: 'user', user: userContext.id },
    name: 'secret_name',
    expand: ['payload'],
  });

  // List secrets
  const secrets = await stripe.apps.secrets.list({
    scope: { type: 'user', user: userContext.id },
    limit: 5,
  });
  void secrets.data.length;

  // Delete a secret
  await stripe.apps.secrets.deleteWhere({
    scope: { type: 'user', user: userContext.id },
    name: 'secret_name',
  });

  return secret.payload;
}

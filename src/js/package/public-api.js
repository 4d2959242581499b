// The package's public names: every entry re-exports this one list.
export { SecretStore, engine } from './secret-store.js';
export {
  StripeError,
  StripeInvalidRequestError,
  StripeAuthenticationError,
  StripePermissionError,
  StripeRateLimitError,
  StripeAPIError,
  StripeConnectionError,
  StripeIdempotencyError,
  StripeScopeError,
  StripeAbortError,
} from './errors.js';

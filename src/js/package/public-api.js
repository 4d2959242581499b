// The package's public names, which every single-file entry re-exports
// (the main entry lists them itself: it ships unbundled, one file fewer).
export {
  SecretStore,
  engine,
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
} from './secret-store.js';

// The bundler entry in a browser, used before init(): the constructor throws a
// typed error that says so (no TypeError from inside the glue).
import { SecretStore, StripeError, StripeInvalidRequestError } from 'stripe-apps-secrets/bundler';

const status = document.getElementById('status');
try {
  new SecretStore({});
  status.textContent = 'constructed before init()';
  status.dataset.status = 'error';
} catch (error) {
  const typed = error instanceof StripeInvalidRequestError && error instanceof StripeError;
  status.textContent = `${typed ? 'typed' : 'untyped'} ${error.type} ${error.code}: ${error.message}`;
  status.dataset.status = 'done';
}

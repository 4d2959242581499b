import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.jsx';

// In a Stripe App these come from the UI extension's props (userContext.id)
// and the SDK (`fetch: stripeApiFetch` from '@stripe/ui-extension-sdk/api_fetch').
// Here the page talks to the local emulator with a test key; ?api= overrides
// where it lives (default: the origin that served this page).
const params = new URLSearchParams(location.search);
const options = {
  userId: params.get('user') ?? 'usr_example',
  apiKey: 'sk_test_example',
  baseUrl: params.get('api') ?? location.origin,
};

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App options={options} />
  </StrictMode>,
);

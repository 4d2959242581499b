// For the JS-engine run of the unit tests (tests/stripe-app/stripe-app.test.mjs
// passes it as --setupFilesAfterEnv): the test realm loses WebAssembly, as a
// page whose policy refuses it, so the package runs the JS engine.
// The in-process Secret Store is wasm itself: it starts first.
import { createSecretStoreApi } from 'stripe-apps-secrets/testing';

createSecretStoreApi({ userId: 'usr_setup' });
delete (globalThis as { WebAssembly?: unknown }).WebAssembly;

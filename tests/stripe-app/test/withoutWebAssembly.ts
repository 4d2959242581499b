// For the JS-engine run of the unit tests (tests/stripe-app/stripe-app.test.mjs
// passes it as --setupFilesAfterEnv): the test realm has no WebAssembly, as
// a page whose policy refuses it, so the single-file entry runs the JS engine.
delete (globalThis as { WebAssembly?: unknown }).WebAssembly;

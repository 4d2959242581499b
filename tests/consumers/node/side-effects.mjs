// Backs `"sideEffects": false`: importing either entry writes no global,
// compiles no wasm and makes no request; only init() does.
const names = (object) => Reflect.ownKeys(object).map(String).sort().join(',');
const before = names(globalThis);
const calls = [];
for (const fn of ['compile', 'instantiate', 'instantiateStreaming']) {
  const original = WebAssembly[fn];
  WebAssembly[fn] = (...args) => {
    calls.push(fn);
    return original.apply(WebAssembly, args);
  };
}
const originalFetch = globalThis.fetch;
globalThis.fetch = (...args) => {
  calls.push('fetch');
  return originalFetch(...args);
};
const main = await import('stripe-apps-secrets');
const inline = await import('stripe-apps-secrets/inline');
const after = names(globalThis);
console.log(
  JSON.stringify({
    globalsChanged: before !== after,
    calls,
    mainExports: Object.keys(main).sort(),
    inlineExports: Object.keys(inline).sort(),
  }),
);

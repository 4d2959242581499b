// What importing each entry does. The browser main entry (the `default`
// condition, stripe_apps_secrets.js) writes no global, compiles no wasm and
// sends nothing: a SecretStore built before init() throws a typed error.
// node.js and inline.js (listed in `sideEffects`) compile the wasm on
// import, synchronously, and do nothing else.
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
const OriginalModule = WebAssembly.Module;
WebAssembly.Module = class Module extends OriginalModule {
  constructor(bytes) {
    calls.push('new Module');
    super(bytes);
  }
};
const originalFetch = globalThis.fetch;
globalThis.fetch = (...args) => {
  calls.push('fetch');
  return originalFetch(...args);
};

const take = () => calls.splice(0);
const dir = new URL('./', import.meta.resolve('stripe-apps-secrets/package.json'));
const browserMain = await import(new URL('stripe_apps_secrets.js', dir).href);
const browserMainCalls = take();
let beforeInit;
try {
  new browserMain.SecretStore({});
  beforeInit = 'constructed';
} catch (error) {
  beforeInit = {
    invalidRequest: error instanceof browserMain.StripeInvalidRequestError,
    type: error.type,
    code: error.code,
    message: error.message,
  };
}
const nodeMain = await import('stripe-apps-secrets');
const nodeMainCalls = take();
const inline = await import(new URL('inline.js', dir).href);
const inlineCalls = take();
const after = names(globalThis);
console.log(
  JSON.stringify({
    globalsChanged: before !== after,
    browserMainCalls,
    beforeInit,
    nodeMainCalls,
    inlineCalls,
    mainExports: Object.keys(nodeMain).sort(),
    inlineExports: Object.keys(inline).sort(),
    sameClasses: nodeMain.SecretStore === browserMain.SecretStore,
  }),
);

// Runs first in the extension's frame: records what the frame's
// Content-Security-Policy refuses, as the Dashboard's report endpoint would
// receive it, for the test to read.
globalThis.__cspViolations = [];
addEventListener('securitypolicyviolation', (event) => {
  globalThis.__cspViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
});

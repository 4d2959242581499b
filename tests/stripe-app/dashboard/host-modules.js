// The modules the Dashboard provides to an extension's bundle through a
// global `require` (the Stripe CLI leaves them external): the real packages,
// bundled into the frame by tests/stripe-app/stripe-app.test.mjs.
import * as React from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import * as remoteUiReact from '@remote-ui/react';

const modules = { react: React, 'react/jsx-runtime': jsxRuntime, '@remote-ui/react': remoteUiReact };
globalThis.require = (name) => {
  if (!Object.hasOwn(modules, name)) throw new Error(`The Dashboard provides no module ${name}`);
  return modules[name];
};

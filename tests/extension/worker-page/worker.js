// Runs scenario.js inside a dedicated Web Worker and posts back what happened.
import { run } from './scenario.js';

self.addEventListener('unhandledrejection', (event) => {
  self.postMessage({ failed: `unhandled rejection: ${event.reason?.stack ?? event.reason}` });
});

self.addEventListener('message', (event) => {
  run(event.data).then(
    (results) => self.postMessage({ results }),
    (error) => self.postMessage({ failed: `${error?.type ?? ''} ${error?.code ?? ''} ${error?.stack ?? error}` }),
  );
});

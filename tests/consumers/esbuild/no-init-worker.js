// A classic worker (iife, `new Worker(url)` without type: 'module'): the
// inline entry, no init().
import { createAndFind, describeError } from './no-init-run.js';

createAndFind(self.location.origin, 'worker').then(
  (text) => self.postMessage({ status: 'done', text }),
  (error) => self.postMessage({ status: 'error', text: describeError(error) }),
);

// runInWorker(config): one dedicated module worker per run, resolving with what it posts.
// runInPage(config): the same scenario in this page's own realm.
// Both run scenario.js (see there); a run in the page installs and then
// uninstalls the fake Dashboard, and imports a fresh SDK module instance.
import { run } from './scenario.js';

window.runInWorker = (config) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    const done = (settle, value) => {
      worker.terminate();
      settle(value);
    };
    worker.addEventListener('message', (event) => done(resolve, event.data));
    worker.addEventListener('error', (event) => done(reject, new Error(`worker error: ${event.message || 'failed to load'}`)));
    worker.addEventListener('messageerror', () => done(reject, new Error('worker messageerror')));
    worker.postMessage(config);
  });

window.runInPage = (config) =>
  run(config).then(
    (results) => ({ results }),
    (error) => ({ failed: `${error?.type ?? ''} ${error?.code ?? ''} ${error?.stack ?? error}` }),
  );

window.pageReady = true;

// Starts one dedicated module worker per run and resolves with what it posts.
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
window.pageReady = true;

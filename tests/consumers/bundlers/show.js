// Runs one create + find with the store `makeStore` resolves, and shows the
// outcome in #status (data-status done / error).
export function show(what, makeStore) {
  const status = document.getElementById('status');
  const name = `bundled_${document.documentElement.dataset.bundler}`;
  (async () => {
    const store = await makeStore();
    const scope = { type: 'user', user: 'usr_bundler' };
    await store.create({ name, payload: `from the ${what}`, scope });
    const found = await store.find({ name, scope, expand: ['payload'] });
    return `Found ${found.name} in the ${found.scope.type} scope: ${found.payload}`;
  })().then(
    (text) => {
      status.textContent = text;
      status.dataset.status = 'done';
    },
    (error) => {
      status.textContent = `${error?.type ?? error?.name}: ${error?.message}`;
      status.dataset.status = 'error';
    },
  );
}

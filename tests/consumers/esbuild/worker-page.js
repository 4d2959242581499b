// Starts no-init-worker.bundle.js as a classic worker and shows its answer.
const status = document.getElementById('status');
const worker = new Worker('no-init-worker.bundle.js');
worker.onmessage = ({ data }) => {
  status.textContent = data.text;
  status.dataset.status = data.status;
};
worker.onerror = (event) => {
  status.textContent = `worker error: ${event.message}`;
  status.dataset.status = 'error';
};

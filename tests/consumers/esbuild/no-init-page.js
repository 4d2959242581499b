// Classic <script> (iife), main thread: the inline entry, no init().
import { createAndFind, describeError } from './no-init-run.js';

const status = document.getElementById('status');
createAndFind(location.origin, 'page').then(
  (text) => {
    status.textContent = text;
    status.dataset.status = 'done';
  },
  (error) => {
    status.textContent = describeError(error);
    status.dataset.status = 'error';
  },
);

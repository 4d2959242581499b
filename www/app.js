// The demo page: a UI extension of one Dashboard user, using the Secret
// Store through stripe-apps-secrets. No framework; the DOM is built with
// textContent only (payloads and server messages are never parsed as HTML).
import init, { engine, SecretStore } from './pkg/stripe_apps_secrets.js';
import { callCode, setupCode } from './call-code.js';
import { inBrowserStore, resetInBrowserStores } from './in-browser.js';
// Extension mode runs the UI extension SDK's own stripeApiFetch, bundled
// unchanged into vendor/ (scripts/build-demo-sdk.mjs), behind a fake
// Dashboard that relays to this emulator (tests/support/fake-dashboard.mjs).
// Imported when that mode is chosen: the static build has no vendor/.
const loadFakeDashboard = () => import('./vendor/fake-dashboard.mjs');

const USERS = ['usr_alice', 'usr_bob', 'usr_carol'];
const API_KEY = 'sk_test_demo';
const MAX_LOG_ENTRIES = 60;
/** Built as static files (scripts/build-static-demo.mjs): no emulator, so the in-browser mode only. */
const STATIC = document.querySelector('meta[name="demo-backend"]')?.content === 'static';
const MODE_TAGS = { direct: 'API key', extension: 'extension', inbrowser: 'in-browser' };

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
};

const state = {
  user: USERS[0],
  mode: 'direct',
  /** Extension mode: the SDK transport the fake Dashboard offers, 'host' or 'frame'. */
  transport: 'host',
  /** Extension mode: the installed fake Dashboard. */
  dashboard: null,
  /** Resolves once the store of the current user and mode is built. */
  storeReady: Promise.resolve(),
  store: null,
  /** In-browser mode: the testing API the store talks to (its requests() counts them). */
  inBrowserApi: null,
  busy: false,
  /** The action whose requests are being recorded, if any. */
  current: null,
  /** Secrets seen by this user, by `${scopeKey}\u0000${name}`. */
  secrets: new Map(),
  /**
   * What the Secrets panel says while it has no row, once an operation has
   * taught something (a scope listed empty, a secret deleted); null: nothing loaded yet.
   */
  emptyNote: null,
};

// ---------------------------------------------------------------------------
// Recording the requests that leave.
//
// API key mode: the library calls the global `fetch`, so the page wraps it and
// records every /v1 request it sees (with its time and Request-Id). Extension
// mode: the fake Dashboard reports each request it relays through `onRequest`.
// The emulator's own count (GET /_emulator/requests) is shown too, as a check
// that does not depend on the page.

const nativeFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = async function recordingFetch(input, init) {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, location.href);
  if (state.mode !== 'direct' || !url.pathname.startsWith('/v1/')) return nativeFetch(input, init);
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const started = performance.now();
  try {
    const response = await nativeFetch(input, init);
    recordRequest({
      method,
      path: url.pathname,
      status: response.status,
      ms: performance.now() - started,
      requestId: response.headers.get('request-id') ?? undefined,
    });
    return response;
  } catch (error) {
    recordRequest({ method, path: url.pathname, status: null, ms: performance.now() - started });
    throw error;
  }
};

function recordRequest(entry) {
  const action = state.current;
  if (!action) return;
  action.sent += 1;
  const statusClass = entry.status == null ? 'failed' : entry.status < 300 ? 'ok' : entry.status < 500 ? 'client' : 'failed';
  action.list.append(
    el(
      'li',
      { class: 'log-request' },
      el('span', { class: 'method', text: entry.method }),
      el('span', { class: 'path', text: entry.path }),
      el('span', { class: `pill ${statusClass}`, text: entry.status == null ? 'no answer' : String(entry.status) }),
      el('span', { class: 'ms', text: `${Math.max(1, Math.round(entry.ms))} ms` }),
      el('span', { class: 'rid', text: entry.requestId ?? '—', title: 'Request-Id' }),
    ),
  );
}

// ---------------------------------------------------------------------------
// The store.

let sdkInstances = 0;

async function makeStore() {
  state.store?.free();
  state.store = null;
  state.dashboard?.uninstall();
  state.dashboard = null;
  state.inBrowserApi = null;
  // Any await below lets the user or the mode change: a newer call wins.
  const instance = ++sdkInstances;
  if (state.mode === 'direct') {
    state.store = new SecretStore({ userId: state.user, apiKey: API_KEY, baseUrl: location.origin });
    return;
  }
  if (state.mode === 'inbrowser') {
    const { api, fetch } = await inBrowserStore(state.user, recordRequest);
    if (instance !== sdkInstances) return;
    state.inBrowserApi = api;
    state.store = new SecretStore({ userId: state.user, fetch });
    return;
  }
  const { installFakeDashboard } = await loadFakeDashboard();
  if (instance !== sdkInstances) return;
  // The Dashboard this extension runs in, for this user. The page is also its
  // own backend (API key mode, the emulator's controls): its other requests pass.
  state.dashboard = installFakeDashboard({
    emulatorUrl: location.origin,
    userId: state.user,
    transport: state.transport,
    onRequest: (r) => recordRequest({ ...r, path: r.path.split('?')[0] }),
    passThrough: () => true,
  });
  // The SDK picks its transport once per module instance: a fresh one each time.
  // (A URL held in a variable: a bundler leaves it to the browser, not a glob of files.)
  const sdkUrl = `./vendor/ui-extension-sdk.js?instance=${instance}`;
  const { stripeApiFetch } = await import(sdkUrl);
  if (instance !== sdkInstances) return; // the user or the mode changed meanwhile
  state.store = new SecretStore({ userId: state.user, fetch: stripeApiFetch });
}

function scopeFromSelect() {
  const value = $('scope').value;
  if (value === 'account') return { type: 'account' };
  return { type: 'user', user: value.slice('user:'.length) };
}

/** The panel's text while nothing is loaded (index.html). */
const NOTHING_LOADED = $('secrets-empty').textContent;

const scopeKey = (scope) => (scope?.type === 'user' ? `user:${scope.user}` : 'account');
const scopeText = (scope) => (scope?.type === 'user' ? `user ${scope.user}` : 'account');
const describeScope = (scope) =>
  scope.type === 'account' ? 'the account' : scope.user === state.user ? 'your user' : `${scope.user}'s user`;

function fillScopes() {
  const select = $('scope');
  const previous = select.value;
  const previousUser = previous.startsWith('user:') ? previous.slice('user:'.length) : null;
  const others = USERS.filter((u) => u !== state.user);
  select.replaceChildren(
    el('option', { value: 'account', text: 'The account' }),
    el('option', { value: `user:${state.user}`, text: `My user (${state.user})` }),
    el('optgroup', { label: "Another user's" }, ...others.map((u) => el('option', { value: `user:${u}`, text: `${u} (another user)` }))),
  );
  // The first choice is the viewer's own user scope, to agree with the name
  // the form starts with (oauth_token, see index.html). Stripe's API reference
  // puts per-user OAuth tokens in the user scope and what does not change per
  // user (a third-party API key) in the account scope; a UI extension's
  // typical secret is its Dashboard user's token for another service. It is
  // also the scope the rule is about: another user's is one choice away.
  if (previous === '') select.value = `user:${state.user}`;
  // Then keep the same kind of choice when the viewer changes who they are.
  else if (previousUser === null) select.value = 'account';
  else if (previousUser === state.previousUser) select.value = `user:${state.user}`;
  else select.value = others.includes(previousUser) ? previous : `user:${others[0]}`;
  state.previousUser = state.user;
}

// ---------------------------------------------------------------------------
// Formatting.

const dateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function whenText(seconds) {
  if (seconds == null) return null;
  return dateTime.format(new Date(seconds * 1000));
}

function expiresText(seconds) {
  if (seconds == null) return 'never';
  const minutes = Math.round((seconds * 1000 - Date.now()) / 60000);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

// ---------------------------------------------------------------------------
// The secrets table.

function upsertSecret(secret, { keepPayload = true } = {}) {
  const key = `${scopeKey(secret.scope)}\u0000${secret.name}`;
  const before = state.secrets.get(key);
  const next = { ...secret };
  if (!('payload' in next) && keepPayload && before && before.id === secret.id && 'payload' in before) {
    next.payload = before.payload;
  }
  state.secrets.set(key, next);
  return key;
}

function renderSecrets() {
  const body = $('secrets-body');
  const rows = [...state.secrets.values()].sort(
    (a, b) => scopeKey(a.scope).localeCompare(scopeKey(b.scope)) || (b.created ?? 0) - (a.created ?? 0),
  );
  body.replaceChildren(
    ...rows.map((secret, index) => {
      const payloadCell = el('td', { class: 'payload-cell', 'data-label': 'Payload' });
      if (typeof secret.payload === 'string') {
        const id = `payload-${index}`;
        const value = el('code', { class: 'payload-value masked', id, text: '••••••••', 'aria-label': 'hidden payload' });
        const toggle = el('button', {
          type: 'button',
          class: 'ghost small reveal',
          text: 'Show',
          'aria-pressed': 'false',
          'aria-controls': id,
          'aria-label': `Show the payload of ${secret.name}`,
        });
        toggle.addEventListener('click', () => {
          const shown = toggle.getAttribute('aria-pressed') !== 'true';
          toggle.setAttribute('aria-pressed', String(shown));
          toggle.textContent = shown ? 'Hide' : 'Show';
          toggle.setAttribute('aria-label', `${shown ? 'Hide' : 'Show'} the payload of ${secret.name}`);
          value.textContent = shown ? secret.payload : '••••••••';
          value.classList.toggle('masked', !shown);
          if (shown) value.removeAttribute('aria-label');
          else value.setAttribute('aria-label', 'hidden payload');
        });
        payloadCell.append(el('span', { class: 'payload' }, value, toggle));
      } else {
        payloadCell.append(el('span', { class: 'muted', text: 'not fetched', title: 'Find fetches the payload' }));
      }
      const created = whenText(secret.created);
      return el(
        'tr',
        { 'data-name': secret.name, 'data-scope': scopeKey(secret.scope) },
        el('th', { scope: 'row', class: 'name', 'data-label': 'Name' }, el('span', { text: secret.name })),
        el(
          'td',
          { 'data-label': 'Scope' },
          el('span', {
            class: `scope-tag ${secret.scope?.type === 'user' ? 'user' : 'account'}`,
            text: scopeText(secret.scope),
          }),
        ),
        el('td', {
          'data-label': 'Created',
          class: 'when',
          text: created ?? '—',
          title: secret.created ? fullDateTime.format(new Date(secret.created * 1000)) : '',
        }),
        el('td', {
          'data-label': 'Expires',
          class: 'when',
          text: expiresText(secret.expires_at),
          title: secret.expires_at ? fullDateTime.format(new Date(secret.expires_at * 1000)) : 'no expiry',
        }),
        payloadCell,
      );
    }),
  );
  $('secrets-empty').hidden = rows.length > 0;
  $('secrets-empty').textContent = state.emptyNote ?? NOTHING_LOADED;
  $('secrets-note').textContent = `What you have seen as ${state.user}`;
}

// ---------------------------------------------------------------------------
// The log, the error panel, the status line.

/** A log entry for an operation; `note` says why the page ran it, if the viewer did not press it. */
function startAction(label, scope, note) {
  const list = el('ol', { class: 'requests' });
  const result = el('span', { class: 'result', text: 'sending…' });
  const item = el(
    'li',
    { class: 'log-action pending' },
    el(
      'div',
      { class: 'action-head' },
      el('span', { class: 'time', text: timeOnly.format(new Date()) }),
      el('strong', { class: 'op', text: label }),
      note ? el('span', { class: 'action-note', text: note }) : null,
      el('span', { class: 'action-scope', text: scope ? scopeText(scope) : '' }),
      el('span', { class: `mode-tag ${state.mode}`, text: MODE_TAGS[state.mode] }),
      result,
    ),
    list,
  );
  const log = $('log');
  log.prepend(item);
  while (log.children.length > MAX_LOG_ENTRIES) log.lastElementChild.remove();
  $('log-empty').hidden = true;
  return { item, list, result, sent: 0 };
}

function finishAction(action, error) {
  action.item.classList.remove('pending');
  if (!error) {
    action.item.classList.add('done');
    action.result.textContent = `${action.sent} request${action.sent === 1 ? '' : 's'}`;
    return;
  }
  if (action.sent === 0) {
    action.item.classList.add('refused');
    action.result.textContent = 'refused before sending — 0 requests';
    action.list.append(
      el(
        'li',
        { class: 'log-refused' },
        stopIcon(),
        el('span', { text: `${error.type ?? 'Error'}${error.code ? ` · ${error.code}` : ''} — nothing left the browser` }),
      ),
    );
  } else {
    action.item.classList.add('failed');
    action.result.textContent = `${error.type ?? 'Error'} after ${action.sent} request${action.sent === 1 ? '' : 's'}`;
  }
}

/** A small "no entry" sign (SVG, so it needs no emoji font). */
function stopIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', 'stop-icon');
  svg.setAttribute('aria-hidden', 'true');
  const circle = document.createElementNS(ns, 'circle');
  for (const [k, v] of Object.entries({ cx: 8, cy: 8, r: 7, fill: 'currentColor' })) circle.setAttribute(k, v);
  const bar = document.createElementNS(ns, 'rect');
  for (const [k, v] of Object.entries({ x: 3.5, y: 6.75, width: 9, height: 2.5, rx: 1, fill: '#fff' })) bar.setAttribute(k, v);
  svg.append(circle, bar);
  return svg;
}

function showError(error, sent) {
  const panel = $('error-panel');
  const title = $('error-title');
  const fields = $('error-fields');
  panel.classList.toggle('local', sent === 0);
  title.textContent =
    sent === 0
      ? 'Refused in the browser — no request was sent'
      : `The ${state.mode === 'inbrowser' ? 'in-browser Secret Store' : 'server'} refused (${sent} request${sent === 1 ? '' : 's'} sent)`;
  const rows = [
    ['Type', error?.type ?? error?.name ?? 'Error', 'type'],
    ['Code', error?.code, 'code'],
    ['Param', error?.param, 'param'],
    ['Message', error?.message ?? String(error), 'message'],
    ['HTTP status', error?.statusCode, 'status'],
    ['Request id', error?.requestId, 'request-id'],
  ].filter(([, value]) => value != null && value !== '');
  // One <div> a field. A class name or a code that does not fit beside its
  // label goes under it, whole (style.css); and can break only between its
  // words, where a line is narrower than it.
  fields.replaceChildren(
    ...rows.map(([label, value, key]) =>
      el(
        'div',
        { class: 'error-row' },
        el('dt', { text: label }),
        el('dd', { class: `error-${key}` }, ...(key === 'type' || key === 'code' ? wordBreaks(String(value)) : [String(value)])),
      ),
    ),
  );
  panel.hidden = false;
}

/** `StripeInvalidRequestError` or `resource_missing`, with a <wbr> between its words. */
function wordBreaks(name) {
  return name.split(/(?<=_)|(?<=[a-z0-9])(?=[A-Z])/).flatMap((word, i) => (i ? [el('wbr'), word] : [word]));
}

function clearError() {
  $('error-panel').hidden = true;
  $('error-fields').replaceChildren();
}

function setStatus(text) {
  $('status').textContent = text;
}

async function refreshServerCount() {
  if (state.mode === 'inbrowser') {
    showCount(state.inBrowserApi?.requests().length ?? 0, 'The in-browser Secret Store has received');
    return;
  }
  if (STATIC) return;
  try {
    const response = await nativeFetch('/_emulator/requests', { cache: 'no-store' });
    if (!response.ok) return;
    const entries = await response.json();
    showCount(entries.length, 'The emulator has received');
  } catch {
    // Not behind the emulator: the counter simply stays as it is.
  }
}

function showCount(n, who) {
  const counter = $('server-count');
  counter.textContent = `${who} ${n} request${n === 1 ? '' : 's'} since the last reset.`;
  counter.dataset.count = String(n);
}

// ---------------------------------------------------------------------------
// Operations.

function readExpiry() {
  const raw = $('expires').value.trim();
  if (raw === '') return undefined;
  const minutes = Number(raw);
  // Passed on as given: the library refuses a bad expires_at before sending.
  return Math.floor(Date.now() / 1000) + Math.round(minutes * 60);
}

/**
 * Runs `secrets[method](params)` on the current store, after showing that
 * exact call beside the button of `op` (before the await: a refusal shows it too).
 */
function call(op, method, params) {
  $(`code-${op}`).firstElementChild.textContent = callCode(method, params);
  $(`code-${op}`).dataset.ran = 'true';
  return state.store[method](params);
}

const OPERATIONS = {
  async set(scope) {
    const params = { name: $('name').value, payload: $('payload').value, scope };
    const expiresAt = readExpiry();
    if (expiresAt !== undefined) params.expires_at = expiresAt;
    const secret = await call('set', 'create', params);
    upsertSecret(secret, { keepPayload: false });
    return `Saved “${secret.name}” in ${describeScope(scope)} scope.`;
  },
  async find(scope) {
    const secret = await call('find', 'find', { name: $('name').value, scope, expand: ['payload'] });
    upsertSecret(secret);
    return `Found “${secret.name}” in ${describeScope(scope)} scope, with its payload.`;
  },
  /** `deleted`: the name a delete just removed, when this listing follows it. */
  async list(scope, { deleted } = {}) {
    const page = await call('list', 'list', { scope, limit: 100 });
    // The scope's rows become the listed ones; a payload already fetched stays
    // with its secret (a listing never carries payloads).
    const listed = new Set(page.data.map((secret) => upsertSecret(secret)));
    for (const [key, secret] of state.secrets) {
      if (scopeKey(secret.scope) === scopeKey(scope) && !listed.has(key)) state.secrets.delete(key);
    }
    const count = `${page.data.length} secret${page.data.length === 1 ? '' : 's'}${page.has_more ? ' (more on the next page)' : ''}`;
    if (deleted === undefined) {
      if (page.data.length === 0) state.emptyNote = `${capitalized(describeScope(scope))} scope holds no secrets.`;
      return `${count} in ${describeScope(scope)} scope.`;
    }
    if (page.data.length === 0) state.emptyNote = `Deleted “${deleted}”: ${describeScope(scope)} scope is now empty.`;
    return `Deleted “${deleted}” from ${describeScope(scope)} scope, which now holds ${count}.`;
  },
  async delete(scope) {
    const secret = await call('delete', 'deleteWhere', { name: $('name').value, scope });
    const name = secret.name ?? $('name').value;
    state.secrets.delete(`${scopeKey(secret.scope ?? scope)}\u0000${name}`);
    // What the panel says if the listing that follows fails and leaves no row.
    state.emptyNote = `Deleted “${name}” from ${describeScope(scope)} scope.`;
    return { message: `Deleted “${name}” from ${describeScope(scope)} scope.`, deleted: name };
  },
};

const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);

const LABELS = { set: 'Set', find: 'Find', list: 'List', delete: 'Delete' };

function setBusy(busy) {
  state.busy = busy;
  document.body.classList.toggle('busy', busy);
  $('secret-form').setAttribute('aria-busy', String(busy));
  for (const button of document.querySelectorAll('.actions button, #reset')) button.disabled = busy;
  for (const input of document.querySelectorAll('#user, input[name="mode"], #transport')) input.disabled = busy;
}

async function run(op) {
  if (state.busy) return;
  await state.storeReady;
  if (state.busy || !state.store) return;
  const scope = scopeFromSelect();
  clearError();
  setStatus('');
  setBusy(true);
  try {
    const result = await perform(op, scope);
    // After a delete, the page lists the scope (a List entry of its own in the
    // log, its call beside List): the Secrets panel then shows what the scope
    // holds now, or says that it is empty, rather than what was seen before.
    if (op === 'delete' && result) await perform('list', scope, { deleted: result.deleted }, 'after Delete');
  } finally {
    await refreshServerCount();
    setBusy(false);
  }
}

/**
 * Runs one operation and logs it; resolves with what the operation returned
 * (a status message, or { message, … }), or null once its error is shown.
 */
async function perform(op, scope, options, note) {
  const action = startAction(LABELS[op], scope, note);
  state.current = action;
  try {
    const result = await OPERATIONS[op](scope, options);
    finishAction(action);
    setStatus(typeof result === 'string' ? result : result.message);
    renderSecrets();
    return result;
  } catch (error) {
    finishAction(action, error);
    showError(error, action.sent);
    if (error?.code === 'resource_missing' && op !== 'set') {
      const name = $('name').value;
      state.secrets.delete(`${scopeKey(scope)}\u0000${name}`);
      state.emptyNote = `No “${name}” in ${describeScope(scope)} scope.`;
      renderSecrets();
    }
    return null;
  } finally {
    state.current = null;
  }
}

// ---------------------------------------------------------------------------
// Wiring.

function onIdentityOrModeChange() {
  state.user = $('user').value;
  state.mode = document.querySelector('input[name="mode"]:checked').value;
  state.transport = $('transport').value;
  $('transport-field').hidden = state.mode !== 'extension';
  $('transport-help').textContent = TRANSPORT_HELP[state.transport];
  $('mode-help').replaceChildren(...MODE_HELP[state.mode]());
  $('code-setup').firstElementChild.textContent = setupCode(state.mode, state.user);
  $('log-title').textContent =
    state.mode === 'inbrowser' ? 'Requests the in-browser Secret Store received' : 'Requests that left the browser';
  $('reset').textContent = state.mode === 'inbrowser' ? 'Reset the store' : 'Reset emulator';
  fillScopes();
  state.storeReady = makeStore().catch((error) => showError(error, 0));
  // A different user sees different secrets: start from what they load.
  state.secrets.clear();
  state.emptyNote = null;
  renderSecrets();
  clearError();
  setStatus(`You are ${state.user}, in ${MODE_TAGS[state.mode]} mode.`);
}

/** What each transport of the SDK's stripeApiFetch does (the select shows their names only). */
const TRANSPORT_HELP = {
  host: "The Dashboard relays the extension's request.",
  frame: "The Dashboard hands over an app key; the extension's own fetch sends the request.",
};

const MODE_HELP = {
  direct: () => ['Global ', el('code', { text: 'fetch' }), ' with the test key ', el('code', { text: API_KEY }), '.'],
  extension: () => ['The SDK\'s own ', el('code', { text: 'stripeApiFetch' }), ', through a stand-in Dashboard.'],
  inbrowser: () => [
    el('code', { text: 'createSecretStoreApi' }),
    ' of ',
    el('code', { text: 'stripe-apps-secrets/testing' }),
    ': the Secret Store in this page, nothing sent.',
  ],
};

function wire() {
  $('secret-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const op = event.submitter?.dataset.op ?? 'set';
    run(op);
  });

  $('payload-reveal').addEventListener('click', () => {
    const input = $('payload');
    const button = $('payload-reveal');
    const shown = input.type === 'password';
    input.type = shown ? 'text' : 'password';
    button.textContent = shown ? 'Hide' : 'Show';
    button.setAttribute('aria-pressed', String(shown));
    button.setAttribute('aria-label', shown ? 'Hide the payload' : 'Show the payload');
  });
  $('payload-reveal').setAttribute('aria-label', 'Show the payload');

  $('user').addEventListener('change', onIdentityOrModeChange);
  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    radio.addEventListener('change', onIdentityOrModeChange);
  }
  $('transport').addEventListener('change', onIdentityOrModeChange);

  $('reset').addEventListener('click', async () => {
    if (state.busy) return;
    setBusy(true);
    try {
      if (state.mode === 'inbrowser') {
        resetInBrowserStores();
      } else {
        const response = await nativeFetch('/_emulator/reset', { method: 'POST' });
        if (!response.ok) throw new Error(`reset answered ${response.status}`);
      }
      state.secrets.clear();
      state.emptyNote = null;
      renderSecrets();
      $('log').replaceChildren();
      $('log-empty').hidden = false;
      clearError();
      setStatus(`The ${state.mode === 'inbrowser' ? 'in-browser store' : 'emulator'} forgot every secret and request.`);
    } catch (error) {
      showError(error, 0);
    } finally {
      await refreshServerCount();
      setBusy(false);
    }
  });
}

/** Static build: no server behind the page, so the in-browser mode is the only one. */
function keepInBrowserModeOnly() {
  for (const id of ['mode-direct', 'mode-extension']) {
    $(id).remove();
    document.querySelector(`label[for="${id}"]`).remove();
  }
  $('mode-inbrowser').checked = true;
  for (const node of document.querySelectorAll('[data-backend]')) node.hidden = node.dataset.backend !== 'static';
}

async function main() {
  if (STATIC) keepInBrowserModeOnly();
  wire();
  setBusy(true);
  try {
    await init();
    document.getElementById('engine').textContent = `engine: ${engine()}`;
  } catch (error) {
    showError(
      Object.assign(new Error(`Could not load the WebAssembly module from ./pkg/: ${error?.message ?? error}. Build it with scripts/build-pkg.sh.`), {
        type: 'LoadError',
      }),
      0,
    );
    return;
  }
  setBusy(false);
  onIdentityOrModeChange();
  await state.storeReady;
  renderSecrets();
  await refreshServerCount();
  document.body.dataset.ready = 'true';
}

main();

// The CLIProxy console: plain DOM, no framework; every call goes to /v0/management with the key.
'use strict';

const API = '/v0/management';
const KEY_SLOT = 'cliproxy.console.key';
const SVG = 'http://www.w3.org/2000/svg';
const LOGINS = [
  { kind: 'codex', label: 'Codex (ChatGPT)' },
  { kind: 'anthropic', label: 'Claude' },
  { kind: 'gemini-cli', label: 'Gemini CLI' },
  { kind: 'antigravity', label: 'Antigravity' },
];

const $ = (id) => document.getElementById(id);

/** An element with attributes (on* as listeners) and children (strings become text). */
function el(tag, attrs, ...children) {
  const node = tag.startsWith('svg:')
    ? document.createElementNS(SVG, tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An answer of the management API that was not a success. */
class ApiError extends Error {
  constructor(status, error, message) {
    super(message ? `${error}: ${message}` : error);
    this.status = status;
    this.error = error;
    this.detail = message || '';
  }
}

function key() {
  return sessionStorage.getItem(KEY_SLOT) || '';
}

/** Calls the management API; a 401 sends the user back to the key prompt. */
async function api(method, path, options = {}) {
  const headers = { Authorization: 'Bearer ' + key() };
  if (options.type) headers['Content-Type'] = options.type;
  let response;
  try {
    response = await fetch(API + path, { method, headers, body: options.body, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'the proxy cannot be reached', String(e.message || e));
  }
  const text = await response.text();
  if (!response.ok) {
    let error = `HTTP ${response.status}`;
    let message = '';
    try {
      const body = JSON.parse(text);
      error = body.error || error;
      message = body.message || '';
    } catch (e) {
      message = text.slice(0, 300);
    }
    const failure = new ApiError(response.status, error, message);
    if (response.status === 401) signOut(`The key was refused (${failure.message}). Enter it again.`);
    throw failure;
  }
  if (options.text) return text;
  return text ? JSON.parse(text) : {};
}

/** What to tell the user about a failed call. */
function describe(e) {
  if (!(e instanceof ApiError)) return String(e && e.message ? e.message : e);
  return e.status ? `${e.status} ${e.message}` : e.message;
}

function say(id, text, isError) {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle('error', !!isError);
}

function notice(text) {
  const node = $('notice');
  node.textContent = text || '';
  node.hidden = !text;
}

/** Shows a failure in its place; a 401 has already returned to the key prompt. */
function failed(id, e) {
  if (e instanceof ApiError && e.status === 401) return;
  say(id, describe(e), true);
}

// ---------------------------------------------------------------- sign in and sections

function signOut(reason) {
  sessionStorage.removeItem(KEY_SLOT);
  loginDone();
  $('tabs').hidden = true;
  $('signout').hidden = true;
  for (const section of document.querySelectorAll('main > section')) section.hidden = true;
  $('signin').hidden = false;
  say('key-error', reason || '', true);
  $('key').value = '';
  $('key').focus();
}

async function signIn(event) {
  event.preventDefault();
  const value = $('key').value.trim();
  if (!value) return;
  sessionStorage.setItem(KEY_SLOT, value);
  say('key-error', 'Checking the key…');
  try {
    await api('GET', '/auth-files');
  } catch (e) {
    if (e.status !== 401) {
      sessionStorage.removeItem(KEY_SLOT);
      say('key-error', describe(e), true);
    }
    return;
  }
  say('key-error', '');
  $('key').value = '';
  opened();
}

function opened() {
  $('signin').hidden = true;
  $('tabs').hidden = false;
  $('signout').hidden = false;
  notice('');
  show(location.hash.slice(1) || 'accounts');
}

const LOADERS = { accounts: loadAccounts, logins: showLogins, usage: loadUsage, config: loadConfig };

function show(tab) {
  if (!LOADERS[tab]) tab = 'accounts';
  for (const button of document.querySelectorAll('#tabs button')) {
    const current = button.dataset.tab === tab;
    button.setAttribute('aria-current', current ? 'page' : 'false');
  }
  for (const name of Object.keys(LOADERS)) $(name).hidden = name !== tab;
  if (location.hash !== '#' + tab) history.replaceState(null, '', '#' + tab);
  LOADERS[tab]();
}

// ---------------------------------------------------------------- accounts

function when(iso) {
  if (!iso) return '—';
  const at = new Date(iso);
  return isNaN(at) ? iso : at.toLocaleString();
}

function untilText(iso) {
  const seconds = Math.round((new Date(iso) - Date.now()) / 1000);
  if (!(seconds > 0)) return 'now';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return 'in ' + (h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`);
}

const STATES = {
  ready: 'ready',
  resting: 'resting',
  needs_login: 'needs login',
  disabled: 'disabled',
  benched: 'benched',
  unreadable: 'unreadable',
  loading: 'loading',
};

function stateCell(file) {
  const state = file.state || (file.disabled ? 'disabled' : 'ready');
  const badge = el('span', { class: 'state state-' + state }, STATES[state] || state);
  const detail = [];
  if (state === 'resting' && file.next_retry_after) {
    detail.push(`until ${when(file.next_retry_after)} (${untilText(file.next_retry_after)})`);
  }
  if (file.status_message && state !== 'ready') detail.push(file.status_message);
  if (file.last_error && file.last_error.status) {
    detail.push(`last error ${file.last_error.status} at ${when(file.last_error.at)}`);
  }
  return el('td', {}, badge, detail.length ? el('div', { class: 'detail' }, detail.join(' — ')) : null);
}

function restsCell(file) {
  const rests = file.resting || [];
  if (!rests.length) return el('td', {}, '—');
  return el('td', {}, el('ul', { class: 'rests' }, rests.map((rest) =>
    el('li', {}, `${rest.model || 'all models'}: until ${when(rest.until)} (${untilText(rest.until)})`,
      rest.status ? `, after ${rest.status}` : ''))));
}

/** What the upstream last said of the account's allowance: each window used and when it resets. */
function quotaCell(file) {
  const windows = (file.quota && file.quota.windows) || [];
  if (!windows.length) return el('td', {}, '—');
  return el('td', {}, file.quota.plan ? el('div', { class: 'detail' }, `plan ${file.quota.plan}`) : null,
    el('ul', { class: 'rests' }, windows.map((w) => {
      const used = typeof w.used_percent === 'number' ? Math.round(w.used_percent) : null;
      return el('li', {}, `${w.name}: `, used === null ? (w.status || '') : `${used}% used `,
        used === null ? null : el('meter', { min: 0, max: 100, value: Math.min(used, 100), 'aria-label': `${w.name} used` }),
        w.resets_at ? ` resets ${untilText(w.resets_at)}` : '');
    })));
}

function accountRow(file) {
  const name = file.name;
  const who = file.email || file.label || '';
  const actions = el('td', { class: 'actions' });
  if (file.state !== 'unreadable') {
    actions.append(el('button', {
      type: 'button',
      onclick: () => setDisabled(name, !file.disabled),
      'aria-label': `${file.disabled ? 'Enable' : 'Disable'} ${name}`,
    }, file.disabled ? 'Enable' : 'Disable'));
  }
  actions.append(el('button', {
    type: 'button',
    class: 'danger',
    onclick: () => removeAccount(name),
    'aria-label': `Delete ${name}`,
  }, 'Delete'));
  return el('tr', { 'data-name': name, 'data-state': file.state || '' },
    el('th', { scope: 'row' }, el('div', {}, name),
      el('div', { class: 'detail' }, [file.type, who].filter(Boolean).join(' · '))),
    stateCell(file),
    el('td', {}, when(file.expires_at)),
    el('td', {}, when(file.last_refresh)),
    quotaCell(file),
    restsCell(file),
    actions);
}

async function loadAccounts(quietly) {
  if (quietly !== true) say('accounts-status', 'Loading…');
  try {
    const body = await api('GET', '/auth-files');
    const files = body.files || [];
    const rows = files.length
      ? files.map(accountRow)
      : [el('tr', {}, el('td', { colspan: 7 }, 'No account files yet: upload one or use Logins.'))];
    $('accounts-table').tBodies[0].replaceChildren(...rows);
    if (quietly !== true) say('accounts-status', `${files.length} account file${files.length === 1 ? '' : 's'}`);
  } catch (e) {
    failed('accounts-status', e);
  }
}

async function setDisabled(name, disabled) {
  try {
    await api('PATCH', '/auth-files/status', {
      type: 'application/json',
      body: JSON.stringify({ name, disabled }),
    });
    await loadAccounts();
    say('accounts-status', `${name} ${disabled ? 'disabled' : 'enabled'}`);
  } catch (e) {
    failed('accounts-status', e);
  }
}

async function removeAccount(name) {
  if (!confirm(`Delete ${name} from the auth directory? This cannot be undone.`)) return;
  try {
    await api('DELETE', '/auth-files?name=' + encodeURIComponent(name));
    await loadAccounts();
    say('accounts-status', `${name} deleted`);
  } catch (e) {
    failed('accounts-status', e);
  }
}

async function upload() {
  const input = $('upload');
  if (!input.files.length) return;
  const form = new FormData();
  for (const file of input.files) form.append('file', file, file.name);
  say('accounts-status', 'Uploading…');
  try {
    await api('POST', '/auth-files', { body: form });
    const count = input.files.length;
    await loadAccounts();
    say('accounts-status', `${count} file${count === 1 ? '' : 's'} uploaded`);
  } catch (e) {
    failed('accounts-status', e);
  } finally {
    input.value = '';
  }
}

// ---------------------------------------------------------------- logins

let polling = null;
let pending = null;

function loginDone() {
  if (polling) clearTimeout(polling);
  polling = null;
  pending = null;
  $('login-pending').hidden = true;
}

function showLogins() {
  const buttons = $('login-buttons');
  if (buttons.childElementCount) return;
  for (const login of LOGINS) {
    buttons.append(el('button', { type: 'button', onclick: () => startLogin(login) },
      `Log in to ${login.label}`));
  }
}

async function startLogin(login) {
  loginDone();
  let query = '?is_webui=true';
  const project = $('project').value.trim();
  if (login.kind === 'gemini-cli' && project) query += '&project_id=' + encodeURIComponent(project);
  say('login-status', `Starting the ${login.label} login…`);
  let started;
  try {
    started = await api('GET', `/${login.kind}-auth-url${query}`);
  } catch (e) {
    if (e.status === 404 || e.status === 405) {
      say('login-status', `Logging in to ${login.label} from the console is not available in this`
        + ' proxy version; use the command line login instead.', true);
    } else failed('login-status', e);
    return;
  }
  if (!/^https?:\/\//.test(started.url || '') || !started.state) {
    say('login-status', 'The proxy did not give a login address.', true);
    return;
  }
  window.open(started.url, '_blank', 'noopener');
  const status = $('login-status');
  status.classList.remove('error');
  status.replaceChildren(`Waiting for the ${login.label} login to finish. If no tab opened, `,
    el('a', { href: started.url, target: '_blank', rel: 'noopener noreferrer' }, 'open the login page'),
    '.');
  pending = { login, state: started.state };
  $('callback-url').value = '';
  $('login-pending').hidden = false;
  poll(login, started.state, Date.now() + 10 * 60 * 1000);
}

async function sendCallback(event) {
  event.preventDefault();
  if (!pending) return;
  try {
    await api('POST', '/oauth-callback', {
      type: 'application/json',
      body: JSON.stringify({ state: pending.state, redirect_url: $('callback-url').value.trim() }),
    });
    say('login-status', `Address sent; finishing the ${pending.login.label} login…`);
  } catch (e) {
    failed('login-status', e);
  }
}

async function cancelLogin() {
  if (!pending) return;
  const { login, state } = pending;
  loginDone();
  try {
    await api('DELETE', '/oauth-session?state=' + encodeURIComponent(state));
    say('login-status', `The ${login.label} login was cancelled.`);
  } catch (e) {
    failed('login-status', e);
  }
}

function poll(login, state, deadline) {
  polling = setTimeout(async () => {
    let answer;
    try {
      answer = await api('GET', '/get-auth-status?state=' + encodeURIComponent(state));
    } catch (e) {
      loginDone();
      failed('login-status', e);
      return;
    }
    if (!pending || pending.state !== state) return;
    if (answer.status === 'ok') {
      loginDone();
      say('login-status', `Logged in to ${login.label}; the account is saved and listed under Accounts.`);
    } else if (answer.status === 'error') {
      loginDone();
      say('login-status', `The ${login.label} login failed: ${answer.error || 'no reason given'}`, true);
    } else if (Date.now() > deadline) {
      loginDone();
      say('login-status', `The ${login.label} login did not finish in 10 minutes; start it again.`, true);
    } else {
      poll(login, state, deadline);
    }
  }, 2000);
}

// ---------------------------------------------------------------- usage

const fmt = (n) => Number(n || 0).toLocaleString();

/** Sums the values of [label, value] pairs by label, largest first. */
function ranked(pairs, limit = 12) {
  const sums = new Map();
  for (const [label, value] of pairs) sums.set(label, (sums.get(label) || 0) + (value || 0));
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, limit);
}

function chartFrame(title, width, height) {
  const svg = el('svg:svg', {
    class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title,
  }, el('svg:title', {}, title));
  return svg;
}

/** Horizontal bars, one per label, each with its number. */
function barChart(title, pairs) {
  const row = 26;
  const labelWidth = 220;
  const width = 640;
  const height = Math.max(1, pairs.length) * row + 8;
  const svg = chartFrame(title, width, height);
  const max = Math.max(1, ...pairs.map((p) => p[1]));
  pairs.forEach(([label, value], i) => {
    const y = 4 + i * row;
    const length = Math.max(2, (value / max) * (width - labelWidth - 90));
    svg.append(
      el('svg:text', { x: labelWidth - 8, y: y + 16, 'text-anchor': 'end', class: 'label' },
        label.length > 30 ? label.slice(0, 29) + '…' : label),
      el('svg:rect', { class: 'bar', x: labelWidth, y: y + 3, width: length, height: row - 8 },
        el('svg:title', {}, `${label}: ${fmt(value)}`)),
      el('svg:text', { x: labelWidth + length + 6, y: y + 16, class: 'value' }, fmt(value)));
  });
  return svg;
}

/** Columns per day, oldest first, each with its number. */
function dayChart(title, pairs) {
  const width = 640;
  const height = 220;
  const bottom = 30;
  const svg = chartFrame(title, width, height);
  const shown = pairs.slice(-30);
  const max = Math.max(1, ...shown.map((p) => p[1]));
  const slot = (width - 20) / Math.max(1, shown.length);
  svg.append(el('svg:line', { x1: 10, x2: width - 10, y1: height - bottom, y2: height - bottom, class: 'axis' }));
  shown.forEach(([day, value], i) => {
    const h = Math.max(2, (value / max) * (height - bottom - 30));
    const w = Math.min(slot * 0.7, 56);
    const x = 10 + i * slot + (slot - w) / 2;
    const y = height - bottom - h;
    svg.append(
      el('svg:rect', { class: 'bar', x, y, width: w, height: h },
        el('svg:title', {}, `${day}: ${fmt(value)}`)),
      el('svg:text', { x: x + w / 2, y: y - 4, 'text-anchor': 'middle', class: 'value' }, fmt(value)),
      el('svg:text', { x: x + w / 2, y: height - 10, 'text-anchor': 'middle', class: 'label' },
        shown.length > 10 ? day.slice(5) : day));
  });
  return svg;
}

function figure(title, chart, empty) {
  return el('figure', {}, el('figcaption', {}, title),
    chart || el('p', { class: 'hint' }, empty || 'Nothing recorded yet.'));
}

/** Requests per account: this proxy's /usage/daily when it has it, else the details of /usage. */
async function perAccount(usage) {
  try {
    const body = await api('GET', '/usage/daily');
    return ranked((body.daily || []).map((d) => [d.credential || 'unknown', d.requests]));
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  const pairs = [];
  for (const client of Object.values(usage.apis || {})) {
    for (const model of Object.values(client.models || {})) {
      for (const detail of model.details || []) pairs.push([detail.source || 'unknown', 1]);
    }
  }
  return ranked(pairs);
}

async function loadUsage() {
  say('usage-status', 'Loading…');
  let usage;
  try {
    usage = (await api('GET', '/usage')).usage || {};
  } catch (e) {
    if (e.status === 404) say('usage-status', 'This proxy version has no usage figures.', true);
    else failed('usage-status', e);
    return;
  }
  $('usage-totals').textContent = `${fmt(usage.total_requests)} requests (${fmt(usage.success_count)} answered,`
    + ` ${fmt(usage.failure_count)} failed), ${fmt(usage.total_tokens)} tokens`;
  const days = (obj) => Object.entries(obj || {}).sort((a, b) => a[0].localeCompare(b[0]));
  const clients = Object.entries(usage.apis || {});
  const models = ranked(clients.flatMap(([, c]) =>
    Object.entries(c.models || {}).map(([m, v]) => [m, v.total_requests])));
  const keys = ranked(clients.map(([k, c]) => [k, c.total_requests]));
  let accounts = [];
  try {
    accounts = await perAccount(usage);
  } catch (e) {
    failed('usage-status', e);
  }
  const requestsByDay = days(usage.requests_by_day);
  const tokensByDay = days(usage.tokens_by_day);
  $('usage-charts').replaceChildren(
    figure('Requests per day', requestsByDay.length && dayChart('Requests per day', requestsByDay)),
    figure('Tokens per day', tokensByDay.length && dayChart('Tokens per day', tokensByDay)),
    figure('Requests per model', models.length && barChart('Requests per model', models)),
    figure('Requests per client key', keys.length && barChart('Requests per client key', keys)),
    figure('Requests per account', accounts.length && barChart('Requests per account', accounts)));
  say('usage-status', '');
}

// ---------------------------------------------------------------- config

let configLoaded = null;

async function loadConfig(force) {
  const text = $('config-text');
  if (configLoaded !== null && text.value !== configLoaded && force !== true) {
    say('config-status', 'Your edits are kept; use “Load from the server” to discard them.');
    return;
  }
  say('config-status', 'Loading…');
  try {
    const yaml = await api('GET', '/config.yaml', { text: true });
    text.value = yaml;
    text.dataset.loaded = 'true';
    configLoaded = yaml;
    say('config-status', '');
  } catch (e) {
    if (e.status === 404 && e.error !== 'not_found') {
      say('config-status', 'This proxy version cannot edit its config from here.', true);
    } else failed('config-status', e);
  }
}

async function saveConfig() {
  const yaml = $('config-text').value;
  say('config-status', 'Saving…');
  try {
    await api('PUT', '/config.yaml', { type: 'application/yaml', body: yaml });
    configLoaded = yaml;
    say('config-status', 'Saved and applied.');
  } catch (e) {
    if (e.status === 400 || e.status === 422) {
      say('config-status', `Not saved, the file on the server is unchanged: ${e.detail || e.error}`, true);
    } else failed('config-status', e);
  }
}

// ---------------------------------------------------------------- start

document.addEventListener('DOMContentLoaded', () => {
  $('key-form').addEventListener('submit', signIn);
  $('signout').addEventListener('click', () => signOut(''));
  for (const button of document.querySelectorAll('#tabs button')) {
    button.addEventListener('click', () => show(button.dataset.tab));
  }
  $('accounts-refresh').addEventListener('click', loadAccounts);
  // rests end and accounts change on their own: the list is read again while it is on screen
  setInterval(() => {
    if (key() && !document.hidden && !$('accounts').hidden) loadAccounts(true);
  }, 15000);
  $('upload').addEventListener('change', upload);
  $('usage-refresh').addEventListener('click', loadUsage);
  $('callback-form').addEventListener('submit', sendCallback);
  $('login-cancel').addEventListener('click', cancelLogin);
  $('config-save').addEventListener('click', saveConfig);
  $('config-load').addEventListener('click', () => {
    const text = $('config-text');
    if (configLoaded !== null && text.value !== configLoaded
      && !confirm('Discard your edits and load the file from the server?')) return;
    loadConfig(true);
  });
  if (key()) opened();
  else $('key').focus();
});

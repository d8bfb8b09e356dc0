// The Unideploy dashboard: no build step, no external resources. Views are rendered from the API's answers.
import { api, Problem } from './api.js';

const main = document.getElementById('main');
const state = { session: null, providers: [], apps: [], timer: null, stream: null };

const h = (tag, attrs = {}, ...children) => {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) el.append(child);
  return el;
};
const statusBadge = (status) => h('span', { class: 'status ' + status }, status.replace('_', ' '));
const time = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
const can = (scope) => state.session && state.session.scopes && (state.session.scopes.includes(scope) || state.session.scopes.includes('admin'));
const capability = (providerId, op) => {
  const provider = state.providers.find((p) => p.id === providerId);
  return provider ? provider.capabilities[op] : 'unsupported';
};
const supported = (providerId, op) => ['native', 'emulated'].includes(capability(providerId, op));

function showProblem(error) {
  const box = document.getElementById('problem');
  if (!error) { box.hidden = true; box.replaceChildren(); return; }
  const p = error instanceof Problem ? error.problem : { title: 'Error', detail: String(error), code: 'client_error' };
  box.replaceChildren(h('strong', {}, p.title || 'Problem'), ' ', h('code', {}, p.code || ''),
    p.detail ? h('p', {}, p.detail) : null, p.provider ? h('p', { class: 'muted' }, 'Provider: ' + p.provider) : null);
  box.hidden = false;
}

function confirmAction(text) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
    document.getElementById('confirm-ok').focus();
  });
}

async function act(label, text, run) {
  if (!(await confirmAction(text))) return;
  try { showProblem(null); const result = await run(); if (result && result.id) location.hash = '#/deployments/' + encodeURIComponent(result.id); else route(); }
  catch (error) { showProblem(error); }
}

function renderWho() {
  const who = document.getElementById('who');
  const s = state.session;
  if (s && s.signedIn) {
    who.replaceChildren('Signed in as ', h('strong', {}, s.client), s.sandbox ? ' (sandbox)' : '',
      h('button', { type: 'button', onclick: async () => { await api.signOut(); location.reload(); } }, 'Sign out'));
  } else {
    who.replaceChildren();
  }
}

function signInView() {
  const s = state.session || {};
  const form = h('form', { class: 'signin', onsubmit: async (event) => {
    event.preventDefault();
    try { state.session = await api.signIn(form.elements.apiKey.value); showProblem(null); await start(); }
    catch (error) { showProblem(error); }
  } }, h('label', { for: 'apiKey' }, 'API key'), h('input', { id: 'apiKey', name: 'apiKey', type: 'password', autocomplete: 'off', required: true }),
  h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  main.replaceChildren(h('h1', {}, 'Sign in'),
    s.oidcLogin ? h('p', {}, h('a', { href: s.oidcLogin + '?returnTo=' + encodeURIComponent('/' + location.hash) }, 'Sign in with your identity provider')) : null,
    form);
}

async function providersView() {
  const cards = state.providers.map((p) => h('section', { class: 'card', 'aria-labelledby': 'p-' + p.id },
    h('h2', { id: 'p-' + p.id }, p.id), h('p', {}, p.type, p.sandbox ? ' · sandbox' : '', ' · health ', h('strong', {}, p.health)),
    h('p', { class: 'caps' }, 'Capabilities: ', Object.entries(p.capabilities).filter(([, v]) => v !== 'unsupported').map(([k, v]) => k + (v === 'emulated' ? ' (emulated)' : '')).join(', '))));
  main.replaceChildren(h('h1', {}, 'Provider connections'), h('div', { class: 'cards' }, cards));
}

async function appsView() {
  const rows = state.apps.map((app) => h('tr', {}, h('td', {}, h('code', {}, app.id)), h('td', {}, app.name), h('td', {}, app.provider),
    h('td', {}, can('deployments:write') && supported(app.provider, 'trigger')
      ? h('button', { type: 'button', 'aria-label': 'Deploy ' + app.name, onclick: () => act('Deploy', 'Deploy ' + app.name + ' (' + app.id + ')?', () => api.trigger(app.id)) }, 'Deploy')
      : h('span', { class: 'muted' }, '—'))));
  main.replaceChildren(h('h1', {}, 'Apps'), h('table', {}, h('caption', { class: 'muted' }, state.apps.length + ' apps across providers'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Id'), h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Provider'), h('th', { scope: 'col' }, 'Action'))),
    h('tbody', {}, rows)));
}

async function deploymentsView() {
  const table = h('tbody');
  const live = h('p', { class: 'live', 'aria-live': 'off' });
  main.replaceChildren(h('h1', {}, 'Deployments'), live, h('table', {},
    h('thead', {}, h('tr', {}, ...['Deployment', 'App', 'Provider', 'Status', 'Created'].map((t) => h('th', { scope: 'col' }, t)))), table));
  const refresh = async () => {
    try {
      const ids = state.apps.map((a) => a.id).slice(0, 50);
      const page = ids.length ? await api.deployments(ids) : { items: [], errors: [] };
      table.replaceChildren(...page.items.map((d) => h('tr', {},
        h('td', {}, h('a', { href: '#/deployments/' + encodeURIComponent(d.id) }, h('code', {}, d.id))),
        h('td', {}, d.appId), h('td', {}, d.provider), h('td', {}, statusBadge(d.status)), h('td', {}, time(d.createdAt)))));
      live.textContent = 'Updated ' + new Date().toLocaleTimeString() + (page.errors.length ? ' · ' + page.errors.map((e) => e.provider + ': ' + e.detail).join('; ') : '');
    } catch (error) { showProblem(error); }
  };
  await refresh();
  state.timer = setInterval(refresh, 2000);
}

async function deploymentView(id) {
  const facts = h('dl', { class: 'facts' });
  const timeline = h('ol', { class: 'timeline', 'aria-label': 'Status timeline' });
  const log = h('div', { class: 'log', role: 'log', 'aria-label': 'Deployment log', tabindex: '0' });
  const actions = h('div', { class: 'actions' });
  const title = h('h1', {}, 'Deployment ', h('code', {}, id));
  main.replaceChildren(title, facts, actions, h('h2', {}, 'Status'), timeline, h('h2', {}, 'Log'), log);
  const seen = [];
  const show = (d) => {
    facts.replaceChildren(...[['Status', statusBadge(d.status)], ['App', d.appId], ['Provider', d.provider + ' (' + d.providerType + ')'],
      ['Provider status', d.providerStatus || '—'], ['Created', time(d.createdAt)], ['Finished', time(d.finishedAt)],
      ['Duration', d.durationSeconds != null ? d.durationSeconds + ' s' : '—']].flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    if (seen[seen.length - 1] !== d.status) { seen.push(d.status); timeline.append(h('li', {}, statusBadge(d.status))); }
    const buttons = [];
    const write = can('deployments:write');
    if (write && !d.terminal && supported(d.provider, 'cancel')) buttons.push(h('button', { type: 'button', onclick: () => act('Cancel', 'Cancel deployment ' + d.id + '?', () => api.cancel(d.id)) }, 'Cancel'));
    if (write && d.status === 'succeeded' && supported(d.provider, 'rollback')) buttons.push(h('button', { type: 'button', onclick: () => act('Rollback', 'Roll ' + d.appId + ' back to ' + d.id + '?', () => api.rollback(d.id)) }, 'Roll back to this'));
    if (write && d.status === 'succeeded' && supported(d.provider, 'promote')) buttons.push(h('button', { type: 'button', onclick: () => act('Promote', 'Promote ' + d.id + ' to production?', () => api.promote(d.id, 'production')) }, 'Promote to production'));
    actions.replaceChildren(...buttons);
  };
  try { show(await api.deployment(id)); } catch (error) { showProblem(error); return; }
  const stream = api.events(id);
  state.stream = stream;
  stream.addEventListener('status', (e) => show(JSON.parse(e.data)));
  stream.addEventListener('log', (e) => { const line = JSON.parse(e.data); log.append(h('div', { class: line.stream === 'stderr' ? 'stderr' : null }, line.message)); log.scrollTop = log.scrollHeight; });
  stream.addEventListener('end', (e) => { show(JSON.parse(e.data)); stream.close(); });
  stream.addEventListener('error', (e) => { if (e.data) showProblem(new Problem(JSON.parse(e.data))); });
}

async function route() {
  clearInterval(state.timer);
  if (state.stream) { state.stream.close(); state.stream = null; }
  if (!state.session || !state.session.signedIn) return signInView();
  const hash = location.hash || '#/';
  const match = hash.match(/^#\/deployments\/(.+)$/);
  if (match) return deploymentView(decodeURIComponent(match[1]));
  if (hash === '#/providers') return providersView();
  if (hash === '#/apps') return appsView();
  return deploymentsView();
}

async function start() {
  renderWho();
  if (!state.session.signedIn) return route();
  try {
    const [providers, apps] = await Promise.all([api.providers(), api.apps()]);
    state.providers = providers.items;
    state.apps = apps.items;
    if (apps.errors && apps.errors.length) showProblem(new Problem({ title: 'Some providers did not answer', code: apps.errors[0].code, detail: apps.errors.map((e) => e.provider + ': ' + e.detail).join('; ') }));
  } catch (error) { showProblem(error); }
  return route();
}

window.addEventListener('hashchange', () => { showProblem(null); route(); });
api.session().then((session) => { state.session = session; return start(); }).catch(showProblem);

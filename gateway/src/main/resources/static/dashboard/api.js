// The gateway's API as the dashboard uses it: same origin, the HttpOnly session cookie, problems as errors.
export class Problem extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || 'Request failed');
    this.problem = problem;
  }
}

async function call(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (method !== 'GET') init.headers['X-Requested-With'] = 'unideploy-dashboard';
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 204) return null;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Problem(data && data.title ? data : { title: response.statusText, status: response.status, code: 'http_' + response.status });
  }
  return data;
}

export const api = {
  session: () => call('GET', '/v1/session'),
  signIn: (apiKey) => call('POST', '/v1/session', { apiKey }),
  signOut: () => call('DELETE', '/v1/session'),
  providers: () => call('GET', '/v1/providers'),
  apps: () => call('GET', '/v1/apps'),
  deployments: (appIds, limit = 30) =>
    call('GET', '/v1/deployments?' + new URLSearchParams([...appIds.map((id) => ['appId', id]), ['limit', String(limit)]])),
  deployment: (id) => call('GET', '/v1/deployments/' + encodeURIComponent(id)),
  logs: (id) => call('GET', '/v1/deployments/' + encodeURIComponent(id) + '/logs'),
  trigger: (appId) => call('POST', '/v1/deployments', { appId }, { 'Idempotency-Key': crypto.randomUUID() }),
  cancel: (id) => call('POST', '/v1/deployments/' + encodeURIComponent(id) + '/cancel', undefined, { 'Idempotency-Key': crypto.randomUUID() }),
  rollback: (id) => call('POST', '/v1/deployments/' + encodeURIComponent(id) + '/rollback', undefined, { 'Idempotency-Key': crypto.randomUUID() }),
  promote: (id, environment) =>
    call('POST', '/v1/deployments/' + encodeURIComponent(id) + '/promote', { environment }, { 'Idempotency-Key': crypto.randomUUID() }),
  // Same origin: EventSource sends the session cookie; no secret in the URL.
  events: (id) => new EventSource('/v1/deployments/' + encodeURIComponent(id) + '/events'),
};

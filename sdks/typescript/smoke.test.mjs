// Smoke test of the TypeScript SDK as a user installs it (npm install sdks/target/dist/typescript/*.tgz), run with
// Node's own runner against the gateway at UNIDEPLOY_URL with the key UNIDEPLOY_TOKEN (a sandbox gateway):
//   node --test smoke.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  Configuration, ProvidersApi, Deployments, ProblemError, problemMiddleware, verifyWebhook, DeploymentStatus,
} = require('@unideploy/client');

const url = process.env.UNIDEPLOY_URL;
const token = process.env.UNIDEPLOY_TOKEN;
assert.ok(url, 'UNIDEPLOY_URL must name the gateway, e.g. http://localhost:8080');
assert.ok(token, 'UNIDEPLOY_TOKEN must hold a gateway API key, e.g. sandbox');

const config = new Configuration({ basePath: url, accessToken: token, middleware: [problemMiddleware] });
const deployments = new Deployments(config);

test('lists the five sandbox providers', async () => {
  const list = await new ProvidersApi(config).listProviders();
  assert.deepEqual(list.items.map((p) => p.type).sort(), ['coolify', 'dokploy', 'dooor', 'mist', 'zectre']);
});

test('follows coolify:cool-web live: status, each log line once, end succeeded', async () => {
  const started = await deployments.trigger({ appId: 'coolify:cool-web' });
  assert.match(started.id, /^coolify:/);

  const events = [];
  for await (const event of deployments.follow(started.id)) events.push(event);

  // status first while it runs; a deployment already finished sends its lines, then status and end
  assert.ok(events.some((e) => e.type === 'status'));
  const end = events.at(-1);
  assert.equal(end.type, 'end');
  assert.equal(end.deployment.status, DeploymentStatus.Succeeded);
  const lines = events.filter((e) => e.type === 'log').map((e) => e.line.message);
  assert.ok(lines.length >= 1, 'at least one log line');
  assert.equal(new Set(events.filter((e) => e.type === 'log').map((e) => e.id)).size, lines.length, 'no line twice');
});

test('waitForTerminal answers the failed build of coolify:cool-broken', async () => {
  const started = await deployments.trigger({ appId: 'coolify:cool-broken' });
  const done = await deployments.waitForTerminal(started.id, { timeoutSeconds: 60 });
  assert.equal(done.status, DeploymentStatus.Failed);
  assert.equal(done.terminal, true);
});

test('an unknown app is a typed ProblemError', async () => {
  await assert.rejects(deployments.trigger({ appId: 'coolify:no-such-app' }), (error) => {
    assert.ok(error instanceof ProblemError);
    assert.equal(error.status, 404);
    assert.equal(error.code, 'not_found');
    assert.ok(error.requestId);
    assert.match(error.message, /HTTP 404 not_found/);
    return true;
  });
});

test('verifyWebhook accepts a Standard Webhooks v1 signature and refuses a changed body', () => {
  const key = Buffer.from('unideploy-test-secret-32-bytes!!');
  const secret = `whsec_${key.toString('base64')}`;
  const body = '{"type":"deployment.succeeded","data":{"id":"coolify:abc"}}';
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', key).update(`msg_1.${timestamp}.${body}`).digest('base64');
  const headers = { 'Webhook-Id': 'msg_1', 'Webhook-Timestamp': timestamp, 'Webhook-Signature': `v1,${signature}` };

  assert.equal(verifyWebhook(secret, body, headers).type, 'deployment.succeeded');
  assert.throws(() => verifyWebhook(secret, body.replace('succeeded', 'failed'), headers));
});

// A scripted gateway on a free port: the first event stream drops after one line, a trigger first times out.
const DEPLOYMENT = (status) => JSON.stringify({
  id: 'stub:d1', provider: 'stub', providerType: 'coolify', appId: 'stub:app', status, terminal: status === 'succeeded',
  providerStatus: status, kind: 'deploy', emulated: false, links: { self: '/x', logs: '/x/logs', events: '/x/events' },
});

async function scripted(handler) {
  const { createServer } = await import('node:http');
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { server, deployments: new Deployments(new Configuration({ basePath: base }), { backoffMs: 10 }) };
}

test('follow resumes a dropped stream with Last-Event-ID and repeats no line', async () => {
  const lastEventIds = [];
  const { server, deployments: scriptedDeployments } = await scripted((request, response) => {
    const last = request.headers['last-event-id'];
    lastEventIds.push(last ?? '');
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(last
      ? `id: 2\nevent: log\ndata: {"message":"two"}\n\nid: 2\nevent: end\ndata: ${DEPLOYMENT('succeeded')}\n\n`
      : `id: 0\nevent: status\ndata: ${DEPLOYMENT('in_progress')}\n\n: heartbeat\n\nid: 1\nevent: log\ndata: {"message":"one"}\n\n`);
  });
  try {
    const events = [];
    for await (const event of scriptedDeployments.follow('stub:d1')) events.push(event);
    assert.deepEqual(events.map((e) => e.type), ['status', 'log', 'log', 'end']);
    assert.deepEqual(events.filter((e) => e.type === 'log').map((e) => e.line.message), ['one', 'two']);
    assert.deepEqual(lastEventIds, ['', '1']);
  } finally {
    server.close();
  }
});

test('trigger retries a 504 with the same Idempotency-Key and reports one deployment', async () => {
  const keys = [];
  const { server, deployments: scriptedDeployments } = await scripted((request, response) => {
    keys.push(request.headers['idempotency-key']);
    if (keys.length === 1) {
      response.writeHead(504, { 'content-type': 'application/problem+json' });
      response.end('{"title":"Gateway Timeout","status":504,"code":"provider_timeout","detail":"late"}');
    } else {
      response.writeHead(202, { 'content-type': 'application/json' });
      response.end(DEPLOYMENT('queued'));
    }
  });
  try {
    const started = await scriptedDeployments.trigger({ appId: 'stub:app' });
    assert.equal(started.id, 'stub:d1');
    assert.equal(keys.length, 2);
    assert.ok(keys[0]);
    assert.equal(keys[1], keys[0]);
  } finally {
    server.close();
  }
});

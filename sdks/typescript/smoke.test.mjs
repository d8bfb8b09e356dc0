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

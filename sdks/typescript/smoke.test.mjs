// Smoke test of the generated TypeScript SDK (typescript-fetch), run with Node's own runner:
//   node --test sdks/typescript/smoke.test.mjs
// against the gateway at UNIDEPLOY_URL with the key UNIDEPLOY_TOKEN (a sandbox gateway: five providers).
// The SDK is built into sdks/target/generated/typescript by `npm install` there (its prepare script runs tsc).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Configuration, ProvidersApi, DeploymentsApi, DeploymentStatus } = require('../target/generated/typescript');

const url = process.env.UNIDEPLOY_URL;
const token = process.env.UNIDEPLOY_TOKEN;
assert.ok(url, 'UNIDEPLOY_URL must name the gateway, e.g. http://localhost:8080');
assert.ok(token, 'UNIDEPLOY_TOKEN must hold a gateway API key, e.g. sandbox');

const config = new Configuration({ basePath: url, accessToken: token });
const providers = new ProvidersApi(config);
const deployments = new DeploymentsApi(config);

test('lists the five sandbox providers', async () => {
  const list = await providers.listProviders();
  const types = list.items.map((p) => p.type).sort();
  assert.deepEqual(types, ['coolify', 'dokploy', 'dooor', 'mist', 'zectre']);
  for (const provider of list.items) {
    assert.equal(provider.capabilities.trigger, 'native', `${provider.id} triggers natively`);
  }
});

test('triggers coolify:cool-web, waits until it succeeds and reads its logs', async () => {
  const started = await deployments.triggerDeployment({
    triggerDeploymentRequest: { appId: 'coolify:cool-web' },
  });
  assert.match(started.id, /^coolify:/);
  assert.equal(started.appId, 'coolify:cool-web');

  const finished = await deployments.getDeployment({ id: started.id, waitFor: 'terminal', timeoutSeconds: 60 });
  assert.equal(finished.id, started.id);
  assert.equal(finished.status, DeploymentStatus.Succeeded);
  assert.equal(finished.terminal, true);

  const logs = await deployments.getDeploymentLogs({ id: started.id });
  assert.ok(logs.items.length >= 1, 'a finished deployment has at least one log line');
  assert.ok(logs.items.some((line) => line.message.trim() !== ''), 'some log line has a message');
  assert.equal(logs.complete, true);
});

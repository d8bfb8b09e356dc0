// The dashboard in a real browser (Debian's Chromium driven by playwright-core), against a running sandbox gateway.
// Usage: node dashboard.mjs <mode: sandbox|oidc> <gateway base URL> <screenshot dir> [zectre simulator base URL]
//        [port for a page on another origin, which the gateway's CORS configuration allows]
// Prints one JSON line of findings; exits non-zero on the first failed expectation.
// playwright-core comes from $PLAYWRIGHT_DIR (an npm prefix; .ci/run installs the pinned version there).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';

const { chromium } = createRequire(path.join(process.env.PLAYWRIGHT_DIR, 'node_modules') + '/')('playwright-core');

const [mode, base, shots, zectre, otherPort] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const consoleErrors = [];
page.on('pageerror', (error) => consoleErrors.push(String(error)));
const findings = { mode };

async function statusOfPage() {
  return (await page.locator('dl.facts dd .status').first().textContent()).trim();
}

// The page another team would host (Backstage, say): it holds an API key, never puts it in a URL, and opens the
// event stream with a short-lived ticket.
const OTHER_PAGE = `<!doctype html><title>other origin</title><script type="module">
  const base = new URLSearchParams(location.search).get('api');
  const auth = { Authorization: 'Bearer sandbox' };
  const providers = (await (await fetch(base + '/v1/providers', { headers: auth })).json()).items.length;
  const created = await (await fetch(base + '/v1/deployments', { method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ appId: 'coolify:cool-web' }) })).json();
  const ticket = await (await fetch(base + '/v1/session/stream-ticket', { method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ path: '/v1/deployments/' + created.id + '/events' }) })).json();
  const events = new EventSource(base + ticket.url);
  events.addEventListener('end', (e) => { window.result = { providers, end: JSON.parse(e.data).status }; events.close(); });
</script>`;

async function crossOrigin() {
  const server = http.createServer((req, res) => { res.setHeader('Content-Type', 'text/html'); res.end(OTHER_PAGE); });
  await new Promise((resolve) => server.listen(Number(otherPort), 'localhost', resolve));
  try {
    await page.goto(`http://localhost:${otherPort}/?api=${encodeURIComponent(base)}`);
    await page.waitForFunction(() => window.result, null, { timeout: 60000 });
    return await page.evaluate(() => window.result);
  } finally {
    server.close();
  }
}

try {
  if (mode === 'oidc') {
    await page.goto(base + '/');
    const link = page.getByRole('link', { name: 'Sign in with your identity provider' });
    await link.waitFor();
    await page.screenshot({ path: shots + '/sign-in.png' });
    await link.click();
    await page.getByText('Signed in as').waitFor({ timeout: 20000 });
    findings.client = (await page.locator('#who strong').textContent()).trim();
    assert.equal(findings.client, 'bob');
    await page.locator('table tbody tr').first().waitFor({ timeout: 20000 });
  } else {
    // 1. it opens signed in, with deployments of all five providers, newest first
    await page.goto(base + '/');
    await page.getByText('Signed in as').waitFor();
    await page.locator('table tbody tr').nth(9).waitFor({ timeout: 20000 });
    const providers = await page.locator('table tbody tr td:nth-child(3)').allTextContents();
    findings.providers = [...new Set(providers)].sort();
    assert.deepEqual(findings.providers, ['coolify', 'dokploy', 'dooor', 'mist', 'zectre']);
    await page.screenshot({ path: shots + '/deployments.png', fullPage: false });

    await page.getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('heading', { name: 'Provider connections' }).waitFor();
    assert.equal(await page.locator('.card').count(), 5);
    await page.screenshot({ path: shots + '/providers.png' });

    // 2. trigger one and follow it live to succeeded, with its log
    await page.getByRole('link', { name: 'Apps' }).click();
    await page.getByRole('button', { name: 'Deploy web', exact: false }).first().waitFor();
    await page.locator('button[aria-label="Deploy web"]').first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/#\/deployments\//);
    findings.triggered = decodeURIComponent(page.url().split('#/deployments/')[1]);
    await page.locator('ol.timeline li').first().waitFor();
    await page.locator('dl.facts .status.succeeded').waitFor({ timeout: 60000 });
    const timeline = await page.locator('ol.timeline li').allTextContents();
    findings.timeline = timeline;
    assert.ok(timeline.length >= 2, 'the timeline shows more than the final status: ' + timeline);
    assert.equal(timeline[timeline.length - 1], 'succeeded');
    await page.locator('.log div').first().waitFor();
    findings.logLines = await page.locator('.log div').count();
    assert.ok(findings.logLines > 0);
    await page.screenshot({ path: shots + '/deployment.png' });

    // 3. an unsupported action is not offered: Mist cannot roll back; Coolify can
    assert.ok(findings.triggered.startsWith('coolify:'), findings.triggered);
    assert.equal(await page.getByRole('button', { name: 'Roll back to this' }).count(), 1);
    const mistRow = await (await fetch(base + '/v1/deployments?appId=mist:1&limit=1', { headers: { Authorization: 'Bearer sandbox' } })).json();
    await page.goto(base + '/#/deployments/' + encodeURIComponent(mistRow.items[0].id));
    await page.locator('dl.facts .status').first().waitFor();
    await page.locator('dl.facts .status.succeeded').waitFor({ timeout: 60000 });
    assert.equal(await page.getByRole('button', { name: 'Roll back to this' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Promote to production' }).count(), 0);

    // 4. cancel one
    const started = await (await fetch(base + '/v1/deployments', {
      method: 'POST', headers: { Authorization: 'Bearer sandbox', 'Content-Type': 'application/json' },
      body: JSON.stringify({ appId: 'zectre:zec-web' }) })).json();
    await page.goto(base + '/#/deployments/' + encodeURIComponent(started.id));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.locator('dl.facts .status.cancelled').waitFor({ timeout: 30000 });
    findings.cancelled = started.id;

    // 5. a provider failure is shown as a problem: title, detail and code
    const stub = await (await fetch(zectre + '/__admin/mappings', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ priority: 1, request: { method: 'GET', urlPath: '/api/v1/deployments/11111111-2222-3333-4444-555555555555' },
        response: { status: 500, jsonBody: { error: 'INTERNAL', message: 'database is down' } } }) })).json();
    try {
      await page.goto(base + '/#/deployments/' + encodeURIComponent('zectre:11111111-2222-3333-4444-555555555555'));
      await page.locator('#problem:not([hidden]) code').waitFor({ timeout: 30000 });
      findings.problem = (await page.locator('#problem').textContent()).trim();
      assert.match(findings.problem, /provider_(error|unavailable)/);
      await page.screenshot({ path: shots + '/problem.png' });
    } finally {
      await fetch(zectre + '/__admin/mappings/' + stub.id, { method: 'DELETE' });
    }

    // 6. a page on another (configured) origin calls the API with a key and follows events with plain EventSource
    findings.crossOrigin = await crossOrigin();
    assert.equal(findings.crossOrigin.providers, 5);
    assert.equal(findings.crossOrigin.end, 'succeeded');
  }
  assert.deepEqual(consoleErrors, []);
  console.log(JSON.stringify(findings));
} catch (error) {
  await page.screenshot({ path: shots + '/failure-' + mode + '.png' }).catch(() => {});
  console.log(JSON.stringify({ ...findings, error: String(error && error.stack || error), consoleErrors }));
  process.exitCode = 1;
} finally {
  await browser.close();
}

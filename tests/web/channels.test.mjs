// Channels in the browser: an admin sets a channel's endpoint, buffer, despatch rule and webhook
// secret (the page then says "set", and neither the page nor any answer of the API ever holds the
// secret), gives a SKU a fixed quantity, sees the stock update the channel refused as failed with
// its reason, and re-sends it once the channel is back. The channel's end is a real little HTTP
// server on loopback. A manager sees the settings but cannot change them. axe-core on the page;
// screenshots at 1366x768 and at tablet size.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';

import { accessibilityProblems, kDesktop, kTablet, launch, screenshot, signedInPage } from './browser.mjs';
import { startOffice } from './office.mjs';

let office;
let browser;
let shop;

// The channel's API: answers 500 while `failing`, and keeps every stock update it is sent.
function startShop() {
  const state = { failing: true, received: [] };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      state.received.push({ path: request.url, body: JSON.parse(body || 'null'), failing: state.failing });
      response.statusCode = state.failing ? 500 : 200;
      response.end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    state.url = `http://127.0.0.1:${server.address().port}`;
    state.close = () => new Promise((done) => { server.closeAllConnections(); server.close(done); });
    resolve(state);
  }));
}

before(async () => {
  office = await startOffice('channels');
  browser = await launch();
  shop = await startShop();
});

after(async () => {
  await browser?.close();
  await office?.stop();
  await shop?.close();
});

// Waits for `done` to hold, clicking the outbox's "Show" between looks.
async function untilShown(page, done, what) {
  for (let i = 0; i < 80; ++i) {
    if (await done()) return;
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForTimeout(250);
  }
  assert.fail(`the outbox never showed ${what}`);
}

test('an admin sets a channel and its secret, a fixed quantity, and re-sends a failed update', async () => {
  const runs = [['1366x768', kDesktop, 'shopify', 'Shopify', 'TEA-EARL-125G', 'hush-web-secret-0451'],
                ['tablet', kTablet, 'woocommerce', 'WooCommerce', 'TEA-EARL-250G', 'woo-web-secret-7788']];
  for (const [size, viewport, code, name, sku, secret] of runs) {
    shop.failing = true;
    const problems = [];
    const answers = [];
    const page = await signedInPage(browser, office, viewport, ['admin', 'demo-admin-password'],
                                    problems, '/channels');
    page.on('response', async (response) => {
      if (!response.url().includes('/api/')) return;
      answers.push(await response.text().catch(() => ''));
    });
    const section = page.getByRole('region', { name });
    await section.getByLabel('Webhook secret (not set)').waitFor();

    // Settings, with a secret.
    await section.getByLabel('Stock updates go to').fill(shop.url);
    await section.getByLabel('Buffer (units held back)').fill('1');
    await section.getByLabel('Despatch rule').fill('Mars/Base 14:00 +0 +2');
    await section.getByLabel('Webhook secret (not set)').fill(secret);
    await section.getByRole('button', { name: `Save ${name} settings` }).click();
    await page.getByRole('status').filter({ hasText: 'despatch rule' }).waitFor();
    await section.getByLabel('Despatch rule').fill('Europe/London 15:00 +0 +2');
    await section.getByLabel('Webhook secret (not set)').fill(secret);
    await section.getByRole('button', { name: `Save ${name} settings` }).click();
    await page.getByRole('status').filter({ hasText: `${name}: settings saved.` }).waitFor();
    const saved = page.getByRole('region', { name });
    await saved.getByLabel('Webhook secret (set)').waitFor();
    assert.equal(await saved.getByLabel('Webhook secret (set)').inputValue(), '');
    assert.equal(await saved.getByLabel('Despatch rule').inputValue(), 'Europe/London 15:00 +0 +2');
    assert.equal(await saved.getByLabel('Stock updates go to').inputValue(), shop.url);

    // A channel with no endpoint or despatch rule takes a new buffer, and keeps none of either.
    if (code === 'shopify') {
      const ebay = page.getByRole('region', { name: 'eBay' });
      await ebay.getByLabel('Buffer (units held back)').fill('2');
      await ebay.getByRole('button', { name: 'Save eBay settings' }).click();
      await page.getByRole('status').filter({ hasText: 'eBay: settings saved.' }).waitFor();
      assert.equal(await page.getByRole('region', { name: 'eBay' }).getByLabel('Stock updates go to').inputValue(), '');
      assert.equal(await page.getByRole('region', { name: 'eBay' }).getByLabel('Buffer (units held back)').inputValue(), '2');
    }

    // A fixed quantity for one SKU.
    await saved.getByLabel('SKU', { exact: true }).fill(sku);
    await saved.getByLabel('Rule', { exact: true }).selectOption('fixed_quantity');
    await saved.getByLabel('Units (kg if weighed)').fill('3');
    await saved.getByRole('button', { name: 'Set rule' }).click();
    await page.getByRole('status').filter({ hasText: `the rule for ${sku} is set` }).waitFor();
    await page.getByRole('region', { name }).getByRole('row', { name: `${sku} Fixed quantity 3` }).waitFor();

    // The channel refuses the update: it shows as failed, with the reason.
    await page.getByLabel('Channel', { exact: true }).selectOption(code);
    await page.getByLabel('State', { exact: true }).selectOption('failed');
    const row = page.locator('#outbox-table tbody tr').filter({ hasText: sku });
    // (allInnerTexts does not wait: the table may be redrawn between looks.)
    await untilShown(page, async () => (await row.allInnerTexts()).some((text) => /HTTP 500/.test(text)),
                     `${sku} failed`);
    assert.match(await row.innerText(), /failed/);
    assert.equal(await row.locator('td').nth(2).innerText(), '3');
    // A list cut at its 100 rows says so (with every update refused, this one is cut).
    const shown = await page.locator('#outbox-table tbody tr').count();
    assert.equal(await page.locator('#outbox-cut').isVisible(), shown === 100, `${shown} rows`);
    // The outbox fits its box on either screen: a tablet reaches Re-send without scrolling sideways.
    const fit = await page.locator('#outbox-table').evaluate((box) => [box.scrollWidth, box.clientWidth]);
    assert.ok(fit[0] <= fit[1], `${size}: the outbox is ${fit[0]} px wide in a ${fit[1]} px box`);
    await screenshot(page, `channels-${size}`, 'channels-failed.png');

    // The channel is back, from the moment the re-send is asked for (not before: a retry of the
    // outbox's own could deliver it first, and the re-send would then rightly be refused): a
    // re-send delivers it.
    await page.route('**/api/v1/channels/outbox/*/resend', async (route) => {
      shop.failing = false;
      await route.continue();
    });
    await page.getByRole('button', { name: `Re-send ${sku} to ${name}` }).click();
    await page.getByRole('status').filter({ hasText: `${sku} goes to ${name} again now.` }).waitFor();
    await page.getByLabel('State', { exact: true }).selectOption('delivered');
    // Newest first: the re-sent figure, delivered without an error (older ones were superseded).
    await untilShown(page, async () => (await row.first().locator('td').allInnerTexts())[7] === '—',
                     `${sku} delivered`);
    assert.ok(shop.received.some((r) => !r.failing && r.path === '/stock' && r.body.sku === sku &&
                                        r.body.available === 3));

    // The secret is nowhere: not in the page, not in any answer the page was given.
    assert.ok(!(await page.content()).includes(secret));
    assert.ok(answers.length > 5);
    assert.ok(answers.every((text) => !text.includes(secret)));

    await page.getByLabel('State', { exact: true }).selectOption('');
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `channels-${size}`, 'channels.png');
    assert.deepEqual(problems, []);
    await page.context().close();
  }

  // A manager sees the settings, cannot change them, and the secret stays unshown.
  const problems = [];
  const page = await signedInPage(browser, office, kDesktop, ['tom', 'demo-manager-password'],
                                  problems, '/channels');
  const section = page.getByRole('region', { name: 'Shopify' });
  await section.getByText('Only an admin changes a channel’s settings.').waitFor();
  assert.equal(await section.getByRole('button', { name: 'Save Shopify settings' }).count(), 0);
  assert.ok(await section.getByLabel('Stock updates go to').isDisabled());
  await section.getByLabel('Webhook secret (set)').waitFor();
  assert.ok(!(await page.content()).includes('hush-web-secret-0451'));
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'channels-manager', 'channels.png');
  assert.deepEqual(problems, []);
  await page.context().close();
});

// The postal returns desk in the browser: a store sale made at a real till comes back by post;
// one line is received at the warehouse, damaged, and refunded to the card it was paid with; the
// order's audit trail then shows the return and the refund. axe-core on the page; screenshots at
// 1366x768 and at tablet size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accessibilityProblems, kDesktop, kTablet, launch, screenshot, signedInPage } from './browser.mjs';
import { startOffice, tillSale, tokenOf } from './office.mjs';

let office;
let browser;
let sale;

before(async () => {
  office = await startOffice('returns');
  browser = await launch();
  const manager = await tokenOf(office, 'tom', 'demo-manager-password');
  sale = await tillSale(office, manager, 'T1', ['5060123450019', '5060123450026']);
});

after(async () => {
  await browser?.close();
  await office?.stop();
});

test('a manager receives a postal return of a store sale and refunds it', async () => {
  const problems = [];
  const page = await signedInPage(browser, office, kDesktop, ['tom', 'demo-manager-password'],
                                  problems, '/returns');
  await page.getByLabel('Order number, channel id or receipt barcode').fill(sale);
  await page.getByRole('button', { name: 'Find order' }).click();
  await page.getByRole('heading', { name: `Order ${sale}` }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);

  // Nothing chosen: said plainly, nothing received.
  await page.getByRole('button', { name: 'Receive the return' }).click();
  await page.getByRole('status').filter({ hasText: 'at least one item' }).waitFor();

  await page.getByLabel('Units of Earl Grey loose leaf tea 250 g back').fill('1');
  await page.getByLabel('Why Earl Grey loose leaf tea 250 g came back').selectOption('faulty');
  await page.getByLabel('State of Earl Grey loose leaf tea 250 g').selectOption('damaged');
  await page.getByLabel('Received at').selectOption('W01');
  await page.getByLabel('Refund').selectOption('original');
  await screenshot(page, 'returns-1366x768', 'chosen.png');
  await page.getByRole('button', { name: 'Receive the return' }).click();
  await page.getByRole('status').filter({ hasText: 'Return received: £11.50 of goods. Refunded £11.50.' }).waitFor();
  await screenshot(page, 'returns-1366x768', 'received.png');

  // The same line cannot come back twice.
  await page.getByLabel('Units of Earl Grey loose leaf tea 250 g back').waitFor({ state: 'attached' });
  assert.equal(await page.getByLabel('Units of Earl Grey loose leaf tea 250 g back').isDisabled(), true);

  // The order's audit trail: the till's sale, then the return and its refund by Tom Hughes.
  await page.goto(`${office.url}/orders?q=${encodeURIComponent(sale)}`);
  await page.getByRole('link', { name: sale }).click();
  await page.getByRole('heading', { name: `Order ${sale}` }).waitFor();
  const trail = await page.locator('#audit-trail tbody').innerText();
  assert.match(trail, /Order placed\s+Zoë Clarke[\s\S]*Till S01-T1/);
  assert.match(trail, /Return received\s+Tom Hughes/);
  assert.match(trail, /Refund issued\s+Tom Hughes/);
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'returns-1366x768', 'audit-trail.png');

  // The desk at tablet size.
  const tablet = await signedInPage(browser, office, kTablet, ['tom', 'demo-manager-password'],
                                    problems, '/returns');
  await tablet.getByLabel('Order number, channel id or receipt barcode').fill(sale);
  await tablet.getByRole('button', { name: 'Find order' }).click();
  await tablet.getByRole('heading', { name: `Order ${sale}` }).waitFor();
  await screenshot(tablet, 'returns-tablet', 'order.png');
  assert.deepEqual(problems, []);
});

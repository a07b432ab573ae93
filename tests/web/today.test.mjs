// The managers' "today" page: what the store's till and the channels took since midnight, the
// tills with the age of their last event, the overdue orders; and it refreshes by itself when a
// new sale arrives. axe-core on the page; screenshots at 1366x768 and at tablet size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accessibilityProblems, kDesktop, kTablet, launch, screenshot, signedInPage } from './browser.mjs';
import { importShopifyOrder, startOffice, tillSale, tokenOf } from './office.mjs';

let office;
let browser;
let manager;

// The page counts the sales since midnight on the browser's clock, which is this process's: the
// two sales and the page must fall on one day, so a run in the day's last minute waits past it.
async function awayFromMidnight() {
  const now = new Date();
  const toMidnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1) - now;
  if (toMidnight < 60_000) await new Promise((resolve) => setTimeout(resolve, toMidnight + 1000));
}

before(async () => {
  await awayFromMidnight();
  office = await startOffice('today');
  browser = await launch();
  manager = await tokenOf(office, 'tom', 'demo-manager-password');
  await tillSale(office, manager, 'T1', ['5060123450019', '5060123450026']);  // £18.00 by card
  await importShopifyOrder(office, manager, 8802, 'ada@example.com');  // despatch by 23/11: late
});

after(async () => {
  await browser?.close();
  await office?.stop();
});

test('today shows takings by channel, the tills, the overdue orders, and refreshes by itself',
     async () => {
  const problems = [];
  const page = await signedInPage(browser, office, kDesktop, ['tom', 'demo-manager-password'],
                                  problems, '/today?refresh=2');
  await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
  const store = page.getByRole('row').filter({ hasText: 'Store S01' });
  await store.waitFor();
  assert.match(await store.innerText(), /1\s+£18\.00\s+£0\.00/);
  assert.match(await page.getByRole('row').filter({ hasText: 'S01-T1' }).innerText(), /s ago|min ago/);
  await page.getByRole('link', { name: '#8802' }).waitFor();
  assert.match(await page.getByRole('heading', { name: /Overdue for despatch/ }).innerText(), /\(1\)/);
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'today-1366x768', 'today.png');

  // Another till sells: the page shows it without being reloaded.
  await tillSale(office, manager, 'T2', ['5060456110017']);  // £4.95
  await page.getByRole('row').filter({ hasText: 'Store S01' }).filter({ hasText: '£22.95' }).waitFor();
  assert.match(await page.getByRole('row').filter({ hasText: 'Store S01' }).innerText(), /2\s+£22\.95/);

  const tablet = await signedInPage(browser, office, kTablet, ['tom', 'demo-manager-password'],
                                    problems, '/today');
  await tablet.getByRole('row').filter({ hasText: 'Store S01' }).waitFor();
  await screenshot(tablet, 'today-tablet', 'today.png');
  assert.deepEqual(problems, []);
});

// The orders list in the browser, over more orders than one page holds: pages forward and back
// (every order once), a date range, a search by the customer's name, and status moves for the
// orders ticked, done with the keyboard alone: the moves one order cannot make are refused in
// words while the others move. axe-core on the page; screenshots at 1366x768 and at tablet size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accessibilityProblems, kDesktop, kTablet, launch, screenshot, signedInPage } from './browser.mjs';
import { call, importShopifyOrder, startOffice, tokenOf } from './office.mjs';

let office;
let browser;
let manager;
const kOrders = 56;  // more than a page (50)
const kTom = ['tom', 'demo-manager-password'];

before(async () => {
  office = await startOffice('orders');
  browser = await launch();
  manager = await tokenOf(office, 'tom', 'demo-manager-password');
  // The first ten placed on 10 November, the rest on 20 November; order 6003 by Ada Lovelace.
  for (let i = 0; i < kOrders; ++i) {
    const day = i < 10 ? '10' : '20';
    await importShopifyOrder(office, manager, 6000 + i, `buyer${i}@example.com`, {
      placed: `2026-11-${day}T10:${String(i % 60).padStart(2, '0')}:00Z`,
      name: i === 3 ? 'Ada Lovelace' : `Buyer ${i}`,
    });
  }
});

after(async () => {
  await browser?.close();
  await office?.stop();
});

async function numbersShown(page) {
  return page.locator('#order-results tbody tr td:nth-child(2)').allInnerTexts();
}

test('the list pages through every order once, forward and back', async () => {
  for (const [size, viewport] of [['1366x768', kDesktop], ['tablet', kTablet]]) {
    const problems = [];
    const page = await signedInPage(browser, office, viewport, kTom, problems, '/orders');
    await page.locator('#order-results tbody tr').first().waitFor();
    const first = await numbersShown(page);
    assert.equal(first.length, 50);
    await page.getByText('Orders 1–50').waitFor();
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `orders-${size}`, 'list.png');

    await page.getByRole('button', { name: 'Next page →' }).click();
    await page.getByText(/Orders 51–\d+ \(the last\)/).waitFor();
    const second = await numbersShown(page);
    const all = new Set([...first, ...second]);
    assert.equal(all.size, first.length + second.length, 'no order on both pages');
    for (let i = 0; i < kOrders; ++i) assert.ok(all.has(`#${6000 + i}`), `#${6000 + i} listed`);
    assert.equal(await page.getByRole('button', { name: 'Next page →' }).isDisabled(), true);

    await page.getByRole('button', { name: '← Previous page' }).click();
    await page.getByText('Orders 1–50').waitFor();
    assert.deepEqual(await numbersShown(page), first);
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

test('a date range and a search by name narrow the list, and stay in the address', async () => {
  const problems = [];
  const page = await signedInPage(browser, office, kDesktop, kTom, problems, '/orders');
  await page.getByLabel('Placed from').fill('2026-11-09');
  await page.getByLabel('Placed to').fill('2026-11-11');
  await page.getByLabel('Order by').selectOption('newest');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/from=2026-11-09&to=2026-11-11&sort=newest$/);
  await page.getByText('Orders 1–10 (the last)').waitFor();
  const early = await numbersShown(page);
  assert.deepEqual(early, ['#6009', '#6008', '#6007', '#6006', '#6005', '#6004', '#6003', '#6002',
                           '#6001', '#6000']);

  // "to" before "from": said in words, nothing asked of the office.
  await page.getByLabel('Placed to').fill('2026-11-01');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('alert').filter({ hasText: 'is after' }).waitFor();

  await page.goto(`${office.url}/orders?q=lovelace`);
  await page.getByRole('link', { name: '#6003' }).waitFor();
  assert.deepEqual(await numbersShown(page), ['#6003']);
  assert.match(await page.locator('#order-results tbody').innerText(), /Ada Lovelace/);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('orders ticked with the keyboard move together; one that cannot move is refused in words', async () => {
  const problems = [];
  const page = await signedInPage(browser, office, kDesktop, kTom, problems, '/orders?q=buyer1');
  // buyer1, buyer10..buyer19: eleven orders, all allocated.
  await page.getByText('Orders 1–11 (the last)').waitFor();
  const tick = async (number) => {
    await page.getByRole('checkbox', { name: `Select order ${number}` }).focus();
    await page.keyboard.press('Space');
  };
  await tick('#6010');
  await tick('#6011');
  await page.getByText('2 selected').waitFor();
  await page.getByLabel('Move to', { exact: true }).focus();
  await page.getByLabel('Move to', { exact: true }).selectOption('picking');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');  // "Move selected", reached by Tab
  await page.getByRole('status').filter({ hasText: '2 orders moved to picking.' }).waitFor();
  const rows = page.locator('#order-results tbody tr');
  const statusOf = async (number) =>
    rows.filter({ has: page.getByRole('link', { name: number, exact: true }) }).locator('td').nth(5).innerText();
  assert.equal(await statusOf('#6010'), 'picking');
  assert.equal(await statusOf('#6011'), 'picking');
  assert.equal(await statusOf('#6012'), 'allocated');

  // Packed: #6010 is picking and goes; #6012 is only allocated and stays, with the reason.
  await tick('#6010');
  await tick('#6012');
  await page.getByLabel('Move to', { exact: true }).selectOption('packed');
  await page.getByRole('button', { name: 'Move selected' }).click();
  await page.getByRole('status').filter({ hasText: '1 order moved to packed.' }).waitFor();
  assert.match(await page.getByRole('status').innerText(), /Refused: #6012: .*allocated/);
  assert.equal(await statusOf('#6010'), 'packed');
  assert.equal(await statusOf('#6012'), 'allocated');
  // The refused order stays ticked, for another try.
  assert.equal(await page.getByRole('checkbox', { name: 'Select order #6012' }).isChecked(), true);
  const detail = await call(office, 'GET', '/api/v1/orders?q=%236012', manager);
  assert.equal(detail.body.orders[0].status, 'allocated');

  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'orders-1366x768', 'moved.png');
  assert.deepEqual(problems, []);
  await page.context().close();
});

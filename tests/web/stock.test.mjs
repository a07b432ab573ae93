// Stock in the browser: a manager finds a SKU, adjusts its level at a store and sees the level
// change, then moves units from the warehouse and sees both levels change. axe-core on the page;
// screenshots at 1366x768 and at tablet size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accessibilityProblems, kDesktop, kTablet, launch, screenshot, signedInPage } from './browser.mjs';
import { startOffice } from './office.mjs';

let office;
let browser;

before(async () => {
  office = await startOffice('stock');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await office?.stop();
});

// The "On hand" figure of the location's row, as a number of units.
async function onHand(page, location) {
  const row = page.locator('#stock-levels tbody tr').filter({ has: page.getByRole('cell', { name: location, exact: true }) });
  return Number.parseInt(await row.locator('td').nth(1).innerText(), 10);
}

test('a manager adjusts and transfers stock and sees each level change', async () => {
  for (const [size, viewport] of [['1366x768', kDesktop], ['tablet', kTablet]]) {
    const problems = [];
    const page = await signedInPage(browser, office, viewport, ['tom', 'demo-manager-password'],
                                    problems, '/stock');
    await page.getByLabel('SKU, name or barcode').fill('TEA-EARL-125G');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('heading', { name: 'Stock of TEA-EARL-125G' }).waitFor();
    const s01 = await onHand(page, 'S01');
    const w01 = await onHand(page, 'W01');

    await page.getByLabel('Adjust at').selectOption('S01');
    await page.getByLabel('Change (units, − to take away)').fill('5');
    await page.getByLabel('Reason').selectOption('goods_received');
    await page.getByRole('button', { name: 'Adjust stock' }).click();
    await page.getByRole('status').filter({ hasText: 'adjustment recorded' }).waitFor();
    assert.equal(await onHand(page, 'S01'), s01 + 5);

    await page.getByLabel('From', { exact: true }).selectOption('W01');
    await page.getByLabel('To', { exact: true }).selectOption('S01');
    await page.getByLabel('Units', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Transfer stock' }).click();
    await page.getByRole('status').filter({ hasText: 'transfer recorded' }).waitFor();
    assert.equal(await onHand(page, 'S01'), s01 + 7);
    assert.equal(await onHand(page, 'W01'), w01 - 2);

    // A transfer of more than the warehouse holds is refused in words, and nothing moves.
    await page.getByLabel('From', { exact: true }).selectOption('W01');
    await page.getByLabel('To', { exact: true }).selectOption('S01');
    await page.getByLabel('Units', { exact: true }).fill('999999');
    await page.getByRole('button', { name: 'Transfer stock' }).click();
    await page.getByRole('status').filter({ hasText: 'free to move' }).waitFor();
    assert.match(await page.getByRole('status').innerText(), /W01 has \d+ free to move/);
    assert.equal(await onHand(page, 'W01'), w01 - 2);

    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `stock-${size}`, 'stock.png');
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

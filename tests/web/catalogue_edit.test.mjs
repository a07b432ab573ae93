// Editing the catalogue in the browser: a manager finds a SKU by its barcode, changes its price
// and sees the new price in the table and in the office's answer, adds a barcode and removes it,
// is told in words that a barcode already on another SKU cannot be added, deactivates and
// re-activates the SKU, and renames its variant; a bad price and a product name that differs from
// the other variants' are refused in words, and nothing changes. axe-core on the page; screenshots
// at 1366x768 and at tablet size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accessibilityProblems, kDesktop, kTablet, launch, screenshot, signedInPage } from './browser.mjs';
import { call, startOffice, tokenOf } from './office.mjs';

let office;
let browser;

before(async () => {
  office = await startOffice('catalogue-edit');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await office?.stop();
});

const kSku = 'TEA-EARL-125G';
const kBarcode = '5060123450019';  // on TEA-EARL-125G in the demo shop
const kTaken = '5060123450026';  // on TEA-EARL-250G

// The cells of the SKU's row in the results: name, price, barcodes, active.
function cells(page, code) {
  return page.getByRole('row').filter({ has: page.getByRole('button', { name: `Edit ${code}`, exact: true }) })
    .getByRole('cell');
}

test('a manager finds a SKU by barcode and changes its price, barcodes, state and name', async () => {
  const manager = await tokenOf(office, 'tom', 'demo-manager-password');
  const office_sku = async () => (await call(office, 'GET', `/api/v1/catalogue/skus/${kSku}`, manager)).body;
  const rounds = [
    ['1366x768', kDesktop, { price: '6.95', shown: '£6.95', minor: 695, barcode: '5012345678900', variant: '125 g tin' }],
    ['tablet', kTablet, { price: '7.25', shown: '£7.25', minor: 725, barcode: '036000291452', variant: '125 g caddy' }],
  ];
  for (const [size, viewport, want] of rounds) {
    const problems = [];
    const page = await signedInPage(browser, office, viewport, ['tom', 'demo-manager-password'],
                                    problems, '/catalogue');
    const said = (words) => page.getByRole('status').filter({ hasText: words }).waitFor();
    // The first page of the catalogue is there before any search.
    await page.locator('#results-count').filter({ hasText: /^50 SKUs, more below/ }).waitFor();
    await screenshot(page, `catalogue-edit-${size}`, 'list.png');

    // Scanned or typed, a barcode names one SKU, which opens at once.
    await page.getByLabel('Code, name or barcode').fill(kBarcode);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: `Edit ${kSku}` }).waitFor();
    assert.match(await page.locator('#results-count').innerText(), /^1 SKU matching/);
    assert.match(await cells(page, kSku).nth(2).innerText(), new RegExp(kBarcode));
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `catalogue-edit-${size}`, 'open.png');

    // A new price: said, in the table, and in the office.
    await page.getByLabel('Price (GBP)', { exact: true }).fill(want.price);
    await page.getByRole('button', { name: 'Set price' }).click();
    await said(`the price is now ${want.shown}`);
    assert.equal(await cells(page, kSku).nth(1).innerText(), want.shown);
    assert.equal((await office_sku()).price_minor, want.minor);
    assert.equal(await page.getByLabel('Price (GBP)', { exact: true }).inputValue(), want.price);

    // Bad prices are refused in words next to the field, and nothing changes (typed and sent by
    // the keyboard alone: Enter in the field sets the price).
    for (const [bad, words] of [['1.2.3', /"1\.2\.3": more than one '\.'/], ['-1', /"-1": must not be negative/],
                               ['6.505', /more than 2 decimal places for GBP/]]) {
      await page.getByLabel('Price (GBP)', { exact: true }).fill(bad);
      await page.getByLabel('Price (GBP)', { exact: true }).press('Enter');
      const refusal = page.locator('#edit-price-problem');
      await refusal.filter({ hasText: words }).waitFor();
      assert.match(await refusal.innerText(), /price/);
      assert.equal(await page.getByLabel('Price (GBP)', { exact: true }).getAttribute('aria-invalid'), 'true');
      assert.equal((await office_sku()).price_minor, want.minor);
      assert.equal(await cells(page, kSku).nth(1).innerText(), want.shown);
    }
    await screenshot(page, `catalogue-edit-${size}`, 'bad-price.png');

    // A new barcode, then one that is another SKU's: refused in words, nothing changes.
    await page.getByLabel('New barcode').fill(want.barcode);
    await page.getByRole('button', { name: 'Add barcode' }).click();
    await said(`barcode ${want.barcode} added`);
    assert.ok((await office_sku()).barcodes.includes(want.barcode));
    assert.match(await cells(page, kSku).nth(2).innerText(), new RegExp(want.barcode));
    await page.getByLabel('New barcode').fill(kTaken);
    await page.getByRole('button', { name: 'Add barcode' }).click();
    await page.locator('#edit-barcode-problem').filter({ hasText: 'already belongs to SKU TEA-EARL-250G' }).waitFor();
    assert.deepEqual((await office_sku()).barcodes.sort(), [kBarcode, want.barcode].sort());
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `catalogue-edit-${size}`, 'barcode-taken.png');
    await page.getByRole('button', { name: `Remove barcode ${want.barcode}` }).click();
    await said(`barcode ${want.barcode} removed`);
    assert.deepEqual((await office_sku()).barcodes, [kBarcode]);
    assert.doesNotMatch(await cells(page, kSku).nth(2).innerText(), new RegExp(want.barcode));

    // Deactivated after a question, then activated again: the table and the office agree.
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await said(`${kSku} is deactivated`);
    assert.equal(await cells(page, kSku).nth(3).innerText(), 'No');
    assert.equal((await office_sku()).active, false);
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `catalogue-edit-${size}`, 'deactivated.png');
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await said(`${kSku} is active again`);
    assert.equal(await cells(page, kSku).nth(3).innerText(), 'Yes');
    assert.equal((await office_sku()).active, true);

    // Details: a product name unlike its other variant's is refused in words; a variant renamed.
    await page.getByLabel('Product name', { exact: true }).fill('Earl Grey de luxe');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.locator('#edit-product-name-problem').filter({ hasText: 'variants share one product name' }).waitFor();
    assert.equal((await office_sku()).product_name, 'Earl Grey loose leaf tea');
    await page.getByLabel('Product name', { exact: true }).fill('Earl Grey loose leaf tea');
    await page.getByLabel('Variant', { exact: true }).fill(want.variant);
    await page.getByRole('button', { name: 'Save details' }).click();
    await said(`${kSku}: details saved`);
    const saved = await office_sku();
    assert.equal(saved.variant_name, want.variant);
    assert.equal(saved.price_minor, want.minor);  // the rest of the record as it was
    assert.equal(saved.active, true);
    assert.match(await cells(page, kSku).nth(0).innerText(), new RegExp(want.variant));

    // The keyboard: Close goes back to the SKU's row in the results.
    await page.getByRole('button', { name: 'Close' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), `Edit ${kSku}`);
    await screenshot(page, `catalogue-edit-${size}`, 'closed.png');
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

test('a search answers a page at a time, and more are shown on asking', async () => {
  const problems = [];
  const page = await signedInPage(browser, office, kDesktop, ['tom', 'demo-manager-password'],
                                  problems, '/catalogue');
  const rows = page.locator('table.skus tbody tr');
  await page.getByRole('button', { name: 'Show more SKUs' }).waitFor();
  assert.equal(await rows.count(), 50);
  await page.getByRole('button', { name: 'Show more SKUs' }).click();
  await page.locator('#results-count').filter({ hasText: /^100 SKUs/ }).waitFor();
  assert.equal(await rows.count(), 100);
  // The codes run on in order from one page to the next.
  const codes = await rows.locator('th').allInnerTexts();
  assert.deepEqual(codes, [...codes].sort());
  assert.equal(new Set(codes).size, 100);
  // A search that matches nothing says so.
  await page.getByLabel('Code, name or barcode').fill('no such thing');
  await page.getByLabel('Code, name or barcode').press('Enter');
  await page.locator('#results-count').filter({ hasText: 'No SKU matches “no such thing”.' }).waitFor();
  assert.equal(await rows.count(), 0);
  // The address keeps the search and the open SKU: a reload comes back to both.
  await page.getByLabel('Code, name or barcode').fill('TEA-EARL');
  await page.getByLabel('Code, name or barcode').press('Enter');
  await page.getByRole('button', { name: 'Edit TEA-EARL-250G' }).click();
  await page.getByRole('heading', { name: 'Edit TEA-EARL-250G' }).waitFor();
  assert.match(page.url(), /\/catalogue\?q=TEA-EARL&sku=TEA-EARL-250G$/);
  await page.reload();
  await page.getByRole('heading', { name: 'Edit TEA-EARL-250G' }).waitFor();
  assert.equal(await rows.count(), 2);
  assert.equal(await page.getByLabel('Code, name or barcode').inputValue(), 'TEA-EARL');
  assert.deepEqual(problems, []);
  await page.context().close();
});

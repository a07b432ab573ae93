// The catalogue import in the browser: a CSV with one bad row imports nothing and names the row's
// file, line and field; corrected, it imports, and the new SKU is then in the catalogue. axe-core
// on the page; screenshots at 1366x768 and at tablet size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accessibilityProblems, kDesktop, kTablet, launch, screenshot, signedInPage } from './browser.mjs';
import { call, catalogueCsv, kBadRow, kGoodRow, startOffice, tokenOf } from './office.mjs';

let office;
let browser;

before(async () => {
  office = await startOffice('catalogue');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await office?.stop();
});

test('a catalogue CSV with one bad row imports nothing and names the row; corrected, it imports',
     async () => {
  const manager = await tokenOf(office, 'tom', 'demo-manager-password');
  const exists = async (sku) => (await call(office, 'GET', `/api/v1/catalogue/skus/${sku}`, manager)).status === 200;
  for (const [size, viewport] of [['1366x768', kDesktop], ['tablet', kTablet]]) {
    const problems = [];
    const page = await signedInPage(browser, office, viewport, ['tom', 'demo-manager-password'],
                                    problems, '/catalogue');
    await page.getByLabel('CSV file').setInputFiles(catalogueCsv('autumn.csv', [kGoodRow, kBadRow]));
    await page.getByRole('button', { name: 'Import' }).click();
    const errors = page.locator('pre.errors');
    await errors.waitFor();
    const words = await errors.innerText();
    assert.match(words, /autumn\.csv/);
    assert.match(words, /line 3/);
    assert.match(words, /price/);
    assert.match(await page.getByRole('status', { name: 'Import a catalogue CSV' }).innerText(), /Nothing was imported/);
    // The good row waited for the bad one (at tablet size it was imported the round before).
    if (size === '1366x768') assert.equal(await exists('TEA-ROOIBOS-100G'), false);
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `catalogue-${size}`, 'bad-row.png');

    if (size === '1366x768') {
      await page.getByLabel('CSV file').setInputFiles(catalogueCsv('autumn.csv', [kGoodRow]));
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByRole('status', { name: 'Import a catalogue CSV' })
        .filter({ hasText: 'Imported 1 SKU from autumn.csv.' }).waitFor();
      assert.equal(await exists('TEA-ROOIBOS-100G'), true);
      await screenshot(page, `catalogue-${size}`, 'imported.png');
    }
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

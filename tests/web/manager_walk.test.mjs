// Issue 15's acceptance walk, in one browser session of a manager, against the real office: find
// an online order by the customer's e-mail and read its audit trail (the channel's import, the
// dispatch, and a till's return of one of its lines); receive a postal return of a store sale made
// at a real till and refund it; adjust stock and see the level change; import a catalogue CSV with
// one bad row and see the row's error with nothing imported; make a pairing code; deactivate a
// member of staff, who is then signed out. axe-core on every page; screenshots at 1366x768.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';

import {
  accessibilityProblems, kDesktop, launch, newPage, screenshot, signIn,
} from './browser.mjs';
import {
  call, catalogueCsv, importShopifyOrder, kBadRow, kGoodRow, startOffice, tillSale, tokenOf,
} from './office.mjs';

let office;
let browser;
let manager;
let storeSale;
const kEmail = 'ada.lovelace@example.com';

// A UUIDv7 as the till makes its ids: the time in milliseconds, then random bits.
function uuidV7() {
  const bytes = randomBytes(16);
  const now = BigInt(Date.now());
  for (let i = 0; i < 6; ++i) bytes[i] = Number((now >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function ok(answer, what) {
  const got = await answer;
  if (Math.floor(got.status / 100) !== 2) {
    throw new Error(`${what}: ${got.status} ${JSON.stringify(got.body)}`);
  }
  return got.body;
}

// The online order goes out (picked, packed, dispatched), and then the customer brings one unit of
// its first line back to the High Street store: the till T9 sends that return to the office as a
// paired till does (its own token, the return with the id it made, the cashier as actor).
async function onlineOrderReturnedAtTill() {
  const orderId = await importShopifyOrder(office, manager, 5001, kEmail);
  for (const to of ['picking', 'packed', 'dispatched']) {
    const moved = await ok(call(office, 'POST', '/api/v1/orders/status', manager,
                                { orders: [orderId], to }), `move to ${to}`);
    assert.equal(moved.results[0].ok, true, JSON.stringify(moved.results[0]));
  }
  const code = await ok(call(office, 'POST', '/api/v1/terminals/pairing-codes', manager,
                             { store: 'S01' }), 'pairing code');
  const till = await ok(call(office, 'POST', '/api/v1/terminals/pair', '',
                             { code: code.code, name: 'T9' }), 'pair T9');
  const staff = await ok(call(office, 'GET', '/api/v1/staff', manager), 'staff');
  const zoe = staff.staff.find((s) => s.username === 'zoe');
  const locations = await ok(call(office, 'GET', '/api/v1/locations', manager), 'locations');
  const s01 = locations.locations.find((l) => l.code === 'S01');
  const returned = {
    actor: zoe.id,
    return: {
      id: uuidV7(), order_id: orderId, location_id: s01.id, no_receipt: false, currency: 'GBP',
      lines: [{ order_line_no: 1, sku: 'TEA-EARL-125G', quantity: 1000,
                unit_value: { minor: 0, currency: 'GBP' }, reason: 1, condition: 1 }],
    },
  };
  await ok(call(office, 'POST', '/api/v1/till/returns', till.token, returned), 'till return');
}

before(async () => {
  office = await startOffice('manager-walk');
  browser = await launch();
  manager = await tokenOf(office, 'tom', 'demo-manager-password');
  await onlineOrderReturnedAtTill();
  storeSale = await tillSale(office, manager, 'T1', ['5060123450019', '5060123450026']);
});

after(async () => {
  await browser?.close();
  await office?.stop();
});

test('a manager walks through the back office', async () => {
  const problems = [];
  const shot = (page, name) => screenshot(page, 'walk-1366x768', name);
  const checked = async (page, name) => {
    assert.deepEqual(await accessibilityProblems(page), [], name);
    await shot(page, name);
  };

  // Kwame (fulfilment) is at work on the orders in his own browser.
  const kwameProblems = [];
  const kwame = await newPage(browser, kDesktop, kwameProblems);
  await kwame.goto(`${office.url}/sign-in?next=%2Forders`);
  await signIn(kwame, 'kwame', 'demo-fulfilment-password');
  await kwame.waitForURL(/\/orders$/);

  // The manager signs in.
  const page = await newPage(browser, kDesktop, problems);
  await page.goto(`${office.url}/`);
  await page.waitForURL(/\/sign-in/);
  await signIn(page, 'tom', 'demo-manager-password');
  await page.waitForURL(/\/today$/);  // a manager's start page
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();

  // 1. The online order, found by its customer's e-mail; its audit trail.
  await page.getByRole('link', { name: 'Orders', exact: true }).click();
  await page.getByLabel('Search orders').fill(kEmail);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: '#5001' }).waitFor();
  assert.equal(await page.locator('#order-results tbody tr').count(), 1);
  await checked(page, '1-orders-found.png');
  await page.getByRole('link', { name: '#5001' }).click();
  await page.getByRole('heading', { name: 'Order #5001' }).waitFor();
  const trail = await page.locator('#audit-trail tbody').innerText();
  assert.match(trail, /^Order placed\t[^\n]*\tShopify$/m, trail);
  assert.match(trail, /^Stock reserved\t[^\n]*\tShopify, at W01$/m, trail);
  assert.match(trail, /^Order dispatched[^\n]*\tBack office$/m, trail);
  // The till's return: by its cashier, at the till that took the goods back, in its store. (The
  // office records it at the till's word and names the till: the ledger's via, docs/ledger.md.)
  assert.match(trail, /Return received\tZoë Clarke\t[^\n]*\tTill S01-T9, at S01/, trail);
  await checked(page, '2-audit-trail.png');

  // 2. A postal return of the store sale, received and refunded to the card it was paid with.
  await page.getByRole('link', { name: 'Returns', exact: true }).click();
  await page.getByLabel('Order number, channel id or receipt barcode').fill(storeSale);
  await page.getByRole('button', { name: 'Find order' }).click();
  await page.getByRole('heading', { name: `Order ${storeSale}` }).waitFor();
  await page.getByLabel('Units of Earl Grey loose leaf tea 250 g back').fill('1');
  await page.getByLabel('Why Earl Grey loose leaf tea 250 g came back').selectOption('changed_mind');
  await page.getByLabel('State of Earl Grey loose leaf tea 250 g').selectOption('restock');
  await page.getByLabel('Received at').selectOption('W01');
  await page.getByLabel('Refund').selectOption('original');
  await page.getByRole('button', { name: 'Receive the return' }).click();
  await page.getByRole('status').filter({ hasText: /Return received: .* Refunded/ }).waitFor();
  await checked(page, '3-postal-return.png');

  // 3. Stock: an adjustment, and the level read back.
  await page.getByRole('link', { name: 'Stock', exact: true }).click();
  await page.getByLabel('SKU, name or barcode').fill('TEA-EARL-125G');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('heading', { name: 'Stock of TEA-EARL-125G' }).waitFor();
  const onHand = async () => {
    const row = page.locator('#stock-levels tbody tr')
      .filter({ has: page.getByRole('cell', { name: 'S01', exact: true }) });
    return Number.parseInt(await row.locator('td').nth(1).innerText(), 10);
  };
  const before = await onHand();
  await page.getByLabel('Adjust at').selectOption('S01');
  await page.getByLabel('Change (units, − to take away)').fill('4');
  await page.getByLabel('Reason').selectOption('goods_received');
  await page.getByRole('button', { name: 'Adjust stock' }).click();
  await page.getByRole('status').filter({ hasText: 'adjustment recorded' }).waitFor();
  assert.equal(await onHand(), before + 4);
  await checked(page, '4-stock.png');

  // 4. A catalogue CSV with one bad row: the row's file, line and field; nothing imported.
  await page.getByRole('link', { name: 'Catalogue', exact: true }).click();
  await page.getByLabel('CSV file').setInputFiles(catalogueCsv('winter.csv', [kGoodRow, kBadRow]));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Nothing was imported' }).waitFor();
  const errors = await page.locator('pre.errors').innerText();
  assert.match(errors, /winter\.csv/);
  assert.match(errors, /line 3/);
  assert.match(errors, /price/);
  assert.equal((await call(office, 'GET', '/api/v1/catalogue/skus/TEA-ROOIBOS-100G', manager)).status, 404);
  await checked(page, '5-catalogue-import.png');

  // 5. A pairing code for a new till, shown large.
  await page.getByRole('link', { name: 'Tills', exact: true }).click();
  await page.getByRole('button', { name: 'Make a pairing code' }).click();
  const code = (await page.getByLabel('Pairing code').innerText()).trim();
  assert.match(code, /^\d{4}-\d{4}-\d{4}$/);
  await checked(page, '6-pairing-code.png');

  // 6. Kwame is deactivated, and his browser is signed out.
  await page.getByRole('link', { name: 'Staff', exact: true }).click();
  await page.getByRole('button', { name: 'Deactivate Kwame Mensah' }).click();
  await page.getByRole('dialog', { name: 'Deactivate Kwame Mensah?' })
    .getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('status').filter({ hasText: 'deactivated and signed out' }).waitFor();
  await checked(page, '7-staff.png');
  await kwame.getByRole('link', { name: 'Orders', exact: true }).click();
  await kwame.waitForURL(/\/sign-in\?next=/);
  assert.equal(await kwame.evaluate(async () => (await fetch('/api/v1/browser-session')).status), 401);

  assert.deepEqual(problems, []);
  assert.deepEqual(kwameProblems, []);
});

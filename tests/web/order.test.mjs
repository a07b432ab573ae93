// The order page in the browser: a manager opens an imported Shopify order and sees its lines,
// payment, reservations and audit trail, then moves it picking -> packed -> dispatched (with a
// tracking number asked in a dialog) and sees the status, the reservations and the audit trail
// change; a till sale with a postal return shows its payment, the return and the refund and
// offers no fulfilment move. axe-core on each state; screenshots at 1366x768 and at tablet size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accessibilityProblems, kDesktop, kTablet, launch, screenshot, signedInPage } from './browser.mjs';
import { call, importShopifyOrder, startOffice, tillSale, tokenOf } from './office.mjs';

let office;
let browser;
let manager;
let sale;
let saleId;

before(async () => {
  office = await startOffice('order');
  browser = await launch();
  manager = await tokenOf(office, 'tom', 'demo-manager-password');
  sale = await tillSale(office, manager, 'T1', ['5060123450026']);
  const found = await call(office, 'GET', `/api/v1/orders/lookup?code=${encodeURIComponent(sale)}`, manager);
  assert.equal(found.status, 200);
  saleId = found.body.id;
  const back = await call(office, 'POST', '/api/v1/returns', manager, {
    order: sale, location: 'W01',
    lines: [{ line_no: 1, quantity: 1, reason: 'faulty', condition: 'damaged' }],
    refund: { tender: 'original' },
  });
  assert.equal(back.status, 201, JSON.stringify(back.body));
});

after(async () => {
  await browser?.close();
  await office?.stop();
});

const rowsOf = async (page, id) => (await page.locator(`#${id} tbody`).innerText()).trim();

// Clicks the move's button and waits for the page to say it is done.
async function moveTo(page, button, number, says) {
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('status').filter({ hasText: `Order ${number} ${says}.` }).waitFor();
}

test('a manager picks, packs and dispatches a Shopify order from its page', async () => {
  for (const [size, viewport, id] of [['1366x768', kDesktop, 8101], ['tablet', kTablet, 8102]]) {
    const orderId = await importShopifyOrder(office, manager, id, `order-${id}@example.com`);
    const number = `#${id}`;
    const problems = [];
    const page = await signedInPage(browser, office, viewport, ['tom', 'demo-manager-password'],
                                    problems, `/orders/${orderId}`);
    await page.getByRole('heading', { name: `Order ${number}` }).waitFor();
    assert.equal(await page.locator('#order-status').innerText(), 'allocated');
    assert.match(await rowsOf(page, 'order-lines'), /TEA-EARL-125G\s+Earl Grey 125 g\s+2\s+0\s+£6\.50\s+£0\.00\s+£13\.00/);
    assert.match(await rowsOf(page, 'order-lines'), /TEA-ENGB-80BAGS[\s\S]*£8\.95/);
    assert.match(await rowsOf(page, 'order-payments'), /Paid on the channel[\s\S]*£21\.95/);
    assert.match(await rowsOf(page, 'order-reservations'), /W01\s+TEA-EARL-125G\s+Earl Grey 125 g\s+2/);
    assert.match(await page.locator('#order-returns-heading + p').innerText(), /Nothing has come back/);
    // The deadline: local time, UTC on hover.
    const deadline = page.locator('.figure').filter({ hasText: 'Despatch by' }).locator('time');
    assert.match(await deadline.getAttribute('title'), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    assert.match(await rowsOf(page, 'audit-trail'), /^Order placed[\s\S]*Shopify/);
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `order-${size}`, 'allocated.png');

    // Packed is not offered before picking; picking is.
    assert.equal(await page.getByRole('button', { name: 'Packed' }).count(), 0);
    await moveTo(page, 'Start picking', number, 'is being picked');
    assert.equal(await page.locator('#order-status').innerText(), 'picking');
    await moveTo(page, 'Packed', number, 'is packed');
    assert.equal(await page.locator('#order-status').innerText(), 'packed');

    // Dispatch asks for the tracking number; cancelling it changes nothing.
    await page.getByRole('button', { name: 'Dispatched…' }).click();
    await page.getByRole('dialog', { name: `Dispatch order ${number}` }).waitFor();
    await screenshot(page, `order-${size}`, 'dispatch-dialog.png');
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await page.locator('#order-status').innerText(), 'packed');
    await page.getByRole('button', { name: 'Dispatched…' }).click();
    await page.getByLabel('Tracking number').fill(`JD000${id}`);
    await page.getByRole('button', { name: 'Dispatch', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `Order ${number} is dispatched.` }).waitFor();
    assert.equal(await page.locator('#order-status').innerText(), 'dispatched');
    assert.match(await page.locator('#order-reservations-heading + p').innerText(), /the goods have left/);
    const trail = await rowsOf(page, 'audit-trail');
    assert.match(trail, /Status changed to picking\s+Tom Hughes\s+[^\n]*\s+Back office\nStatus changed to packed\s+Tom Hughes\s+[^\n]*\s+Back office\nOrder dispatched, tracking JD000\d+\s+Tom Hughes\s+[^\n]*\s+Back office$/);
    assert.equal(await page.getByRole('button', { name: 'Delivered' }).count(), 1);
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `order-${size}`, 'dispatched.png');

    // A move from a page left open that is no longer possible is refused in words.
    const stale = await page.context().newPage();
    await stale.goto(`${office.url}/orders/${orderId}`);
    await stale.getByRole('heading', { name: `Order ${number}` }).waitFor();
    await moveTo(page, 'Delivered', number, 'is delivered');
    await stale.getByRole('button', { name: 'Delivered' }).click();
    await stale.getByRole('status').filter({ hasText: `order ${number} is delivered and cannot be marked delivered` }).waitFor();
    assert.equal(await stale.locator('#order-status').innerText(), 'dispatched');
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

test('a till sale shows its payment, its return and refund, and no fulfilment move', async () => {
  for (const [size, viewport] of [['1366x768', kDesktop], ['tablet', kTablet]]) {
    const problems = [];
    const page = await signedInPage(browser, office, viewport, ['tom', 'demo-manager-password'],
                                    problems, `/orders/${saleId}`);
    await page.getByRole('heading', { name: `Order ${sale}` }).waitFor();
    assert.equal(await page.locator('#order-status').innerText(), 'delivered');
    assert.match(await rowsOf(page, 'order-payments'), /Card\s+[^\n]*£11\.50/);
    assert.match(await rowsOf(page, 'order-returns'), /W01\s+TEA-EARL-250G\s+1\s+Faulty\s+Damaged\s+£11\.50/);
    assert.match(await rowsOf(page, 'order-refunds'), /To the original payment\s+Returned goods[\s\S]*£11\.50/);
    assert.match(await page.locator('.figure').filter({ hasText: 'Refunded' }).innerText(), /£11\.50/);
    assert.match(await page.getByText('A till sale, handed over at the counter').innerText(), /nothing to pick/);
    assert.equal(await page.locator('.row-actions button').count(), 0);
    const trail = await rowsOf(page, 'audit-trail');
    assert.match(trail, /Order placed\s+Zoë Clarke[\s\S]*Return received\s+Tom Hughes[\s\S]*Refund issued\s+Tom Hughes/);
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `order-${size}`, 'till-sale.png');
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

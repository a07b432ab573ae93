// The back office in Debian's headless Chromium against the real tillbook-office: signing in and
// out, the way back to the page a browser was sent from, roles, CSRF and other origins, and
// axe-core on every page drawn. Screenshots at 1366x768 and at tablet size are kept.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  accessibilityProblems, kDesktop, kTablet, launch, newPage, screenshot, signIn,
} from './browser.mjs';
import { call, importShopifyOrder, startOffice, tokenOf } from './office.mjs';

let office;
let browser;
let orderId;

before(async () => {
  office = await startOffice('sign-in');
  browser = await launch();
  const manager = await tokenOf(office, 'tom', 'demo-manager-password');
  orderId = await importShopifyOrder(office, manager, 8801, 'grace.hopper@example.com');
});

after(async () => {
  await browser?.close();
  await office?.stop();
});

test('a manager is sent to sign in, comes back to the orders, finds one and opens its audit trail',
     async () => {
  for (const [size, viewport] of [['1366x768', kDesktop], ['tablet', kTablet]]) {
    const problems = [];
    const page = await newPage(browser, viewport, problems);
    await page.goto(`${office.url}/orders?q=grace.hopper%40example.com`);
    await page.waitForURL(/\/sign-in\?next=/);
    assert.match(page.url(), /next=\/orders%3Fq%3Dgrace.hopper%2540example.com$/);
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `sign-in-${size}`, 'sign-in.png');

    await signIn(page, 'tom', 'wrong-password');
    await page.getByRole('alert').filter({ hasText: /./ }).waitFor();
    assert.match(await page.getByRole('alert').innerText(), /wrong password/i);
    await screenshot(page, `sign-in-${size}`, 'wrong-password.png');

    // Back to the search it was sent from, then the same search typed.
    await signIn(page, 'tom', 'demo-manager-password');
    await page.waitForURL(/\/orders\?q=grace.hopper%40example.com$/);
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    assert.equal(await page.getByLabel('Search orders').inputValue(), 'grace.hopper@example.com');
    await page.getByRole('link', { name: '#8801' }).waitFor();
    await page.getByLabel('Search orders').fill('GRACE.HOPPER@example.com');
    await page.getByRole('button', { name: 'Search' }).click();
    const link = page.getByRole('link', { name: '#8801' });
    await link.waitFor();
    assert.equal(await page.locator('table.list tbody tr').count(), 1);
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `orders-${size}`, 'orders.png');

    await link.click();
    await page.waitForURL(new RegExp(`/orders/${orderId}$`));
    await page.getByRole('heading', { name: 'Order #8801' }).waitFor();
    const trail = page.locator('#audit-trail tbody tr');
    assert.ok(await trail.count() >= 1);
    assert.match(await trail.first().innerText(), /Order placed/);
    assert.match(await trail.first().innerText(), /Shopify/);
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `order-${size}`, 'order.png');

    // Signing out ends the session: the page is refused until the next sign-in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    const cookies = await page.context().cookies();
    assert.equal(cookies.filter((c) => c.name === 'tillbook_session').length, 0);
    await page.goto(`${office.url}/orders`);
    await page.waitForURL(/\/sign-in\?next=/);
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

test('the session cookie is HttpOnly and SameSite=Strict, and no token is kept in storage',
     async () => {
  const problems = [];
  const page = await newPage(browser, kDesktop, problems);
  // A sign-in link that would send the browser to another site afterwards stays on this one.
  await page.goto(`${office.url}/sign-in?next=${encodeURIComponent('/\\evil.example/')}`);
  await signIn(page, 'tom', 'demo-manager-password');
  await page.waitForURL(/\/today$/);  // the start page: a manager's is Today
  assert.ok(page.url().startsWith(office.url));
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'tillbook_session');
  assert.ok(cookie);
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal(await page.evaluate(() => document.cookie), '');
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a cashier gets 403 for the back office, its pages and their API calls', async () => {
  const problems = [];
  const page = await newPage(browser, kDesktop, problems);
  await page.goto(`${office.url}/orders`);
  await signIn(page, 'zoe', 'demo-cashier-password');
  await page.waitForURL(/\/orders$/);
  await page.getByRole('heading', { name: 'Not for your role' }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'cashier-1366x768', 'not-for-your-role.png');
  const status = await page.evaluate(async () => (await fetch('/api/v1/orders')).status);
  assert.equal(status, 403);
  const detail = await page.goto(`${office.url}/orders/${orderId}`);
  assert.equal(detail.status(), 403);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a change without the CSRF token, or from another origin, is refused and changes nothing',
     async () => {
  const manager = await tokenOf(office, 'tom', 'demo-manager-password');
  const stockOf = async () =>
    JSON.stringify((await call(office, 'GET', '/api/v1/stock?sku=TEA-EARL-125G', manager)).body);
  const before = await stockOf();
  const adjustment = { location: 'S01', sku: 'TEA-EARL-125G', delta: 5, reason: 'count' };

  const problems = [];
  const page = await newPage(browser, kDesktop, problems);
  await page.goto(`${office.url}/sign-in`);
  await signIn(page, 'tom', 'demo-manager-password');
  await page.waitForURL(/\/today$/);
  const statuses = await page.evaluate(async (body) => {
    const post = (headers) => fetch('/api/v1/stock/adjustments', {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then((r) => r.status);
    return [await post({}), await post({ 'X-CSRF-Token': 'not-the-token' })];
  }, adjustment);
  assert.deepEqual(statuses, [403, 403]);

  // Another site's page, as an attacker would make it: its script's fetch and its form post
  // reach the office without the strict cookie, and are refused.
  await page.route('http://evil.example/**', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><title>Win a prize</title><form method="post" enctype="text/plain"
      action="${office.url}/api/v1/stock/adjustments"><input name='{"a":' value='1}'></form>`,
  }));
  await page.goto('http://evil.example/');
  const fetched = await page.evaluate(async ([target, body]) => {
    try {
      const response = await fetch(`${target}/api/v1/stock/adjustments`, {
        method: 'POST', mode: 'no-cors', credentials: 'include',
        headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(body),
      });
      return response.type;
    } catch (error) {
      return `refused: ${error.message}`;
    }
  }, [office.url, adjustment]);
  assert.ok(fetched === 'opaque' || fetched.startsWith('refused'), fetched);
  const [posted] = await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/v1/stock/adjustments')),
    page.evaluate(() => document.forms[0].submit()),
  ]);
  assert.equal(posted.status(), 401);  // the cookie stayed home: no session, nothing done
  assert.equal(await stockOf(), before);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a session that has ended returns to sign-in, then to the page it was on', async () => {
  const problems = [];
  const page = await newPage(browser, kDesktop, problems);
  await page.goto(`${office.url}/sign-in?next=${encodeURIComponent(`/orders/${orderId}`)}`);
  await signIn(page, 'tom', 'demo-manager-password');
  await page.waitForURL(new RegExp(`/orders/${orderId}$`));
  await page.getByRole('heading', { name: 'Order #8801' }).waitFor();
  // The session ends on the server (signed out elsewhere, or run out): the cookie stays behind.
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'tillbook_session');
  const ended = await call(office, 'DELETE', '/api/v1/session', cookie.value);
  assert.equal(ended.status, 204);
  await page.getByRole('link', { name: '← All orders' }).click();
  await page.waitForURL(/\/sign-in\?next=\/orders$/);
  await signIn(page, 'tom', 'demo-manager-password');
  await page.waitForURL(/\/orders$/);
  await page.getByRole('heading', { name: 'Orders' }).waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
});

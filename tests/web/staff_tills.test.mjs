// Staff and tills in the browser: a manager makes a pairing code that a till then pairs with,
// and deactivates a cashier, who is signed out at once. axe-core on each page; screenshots at
// 1366x768 and at tablet size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  accessibilityProblems, kDesktop, kTablet, launch, newPage, screenshot, signIn, signedInPage,
} from './browser.mjs';
import { call, startOffice } from './office.mjs';

let office;
let browser;

before(async () => {
  office = await startOffice('staff-tills');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await office?.stop();
});

const kTom = ['tom', 'demo-manager-password'];

test('a manager makes a pairing code, shown large, with which a till pairs', async () => {
  for (const [size, viewport, name] of [['1366x768', kDesktop, 'T7'], ['tablet', kTablet, 'T8']]) {
    const problems = [];
    const page = await signedInPage(browser, office, viewport, kTom, problems, '/tills');
    await page.getByRole('heading', { name: 'Tills', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Make a pairing code' }).click();
    const shown = page.getByLabel('Pairing code');
    await shown.waitFor();
    const code = (await shown.innerText()).trim();
    assert.match(code, /^\d{4}-\d{4}-\d{4}$/);
    assert.deepEqual(await accessibilityProblems(page), []);
    await screenshot(page, `tills-${size}`, 'pairing-code.png');

    // The code works once, at a new till.
    const paired = await call(office, 'POST', '/api/v1/terminals/pair', '', { code, name });
    assert.equal(paired.status, 201);
    const again = await call(office, 'POST', '/api/v1/terminals/pair', '', { code, name: 'T9' });
    assert.notEqual(again.status, 201);
    await page.reload();
    await page.getByRole('cell', { name: `S01-${name}` }).waitFor();
    await screenshot(page, `tills-${size}`, 'paired.png');
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

test('a manager deactivates a cashier, who is then signed out', async () => {
  const zoeProblems = [];
  const zoe = await newPage(browser, kDesktop, zoeProblems);
  await zoe.goto(`${office.url}/sign-in`);
  await signIn(zoe, 'zoe', 'demo-cashier-password');
  await zoe.waitForURL(/\/orders$/);  // a cashier: the 403 page, but signed in
  assert.equal(await zoe.evaluate(async () => (await fetch('/api/v1/browser-session')).status), 200);

  const problems = [];
  const page = await signedInPage(browser, office, kDesktop, kTom, problems, '/staff');
  await page.getByRole('heading', { name: 'Staff', exact: true }).waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'staff-1366x768', 'staff.png');
  // A manager cannot change another manager or an admin: no buttons there.
  assert.equal(await page.getByRole('button', { name: 'Deactivate Tom Hughes' }).count(), 0);

  await page.getByRole('button', { name: 'Deactivate Zoë Clarke' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate Zoë Clarke?' });
  await dialog.waitFor();
  assert.deepEqual(await accessibilityProblems(page), []);
  await screenshot(page, 'staff-1366x768', 'deactivate.png');
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('status').filter({ hasText: 'deactivated and signed out' }).waitFor();
  await page.getByRole('button', { name: 'Bring back Zoë Clarke' }).waitFor();
  await screenshot(page, 'staff-1366x768', 'deactivated.png');

  // Zoë's browser: her session has ended; her next page is the sign-in, and she cannot sign in.
  assert.equal(await zoe.evaluate(async () => (await fetch('/api/v1/browser-session')).status), 401);
  await zoe.goto(`${office.url}/orders`);
  await zoe.waitForURL(/\/sign-in\?next=/);
  await signIn(zoe, 'zoe', 'demo-cashier-password');
  await zoe.getByRole('alert').filter({ hasText: /./ }).waitFor();

  // At tablet size the same page, after the change.
  const tablet = await signedInPage(browser, office, kTablet, kTom, problems, '/staff');
  await tablet.getByRole('button', { name: 'Bring back Zoë Clarke' }).waitFor();
  await screenshot(tablet, 'staff-tablet', 'staff.png');
  assert.deepEqual(problems, []);
  assert.deepEqual(zoeProblems, []);
});

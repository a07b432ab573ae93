// Debian's Chromium, headless, driven by playwright-core. The flags keep it off the network
// (this machine has none but loopback) and out of the user's profile.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { artefacts } from './office.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const kDesktop = { width: 1366, height: 768 };
export const kTablet = { width: 800, height: 1280 };  // a 10-inch tablet, upright

export async function launch() {
  return chromium.launch({
    executablePath: process.env.TILLBOOK_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A new browser context (its own cookies) at `viewport`, failing the test on any page error or
// Content-Security-Policy violation.
export async function newPage(browser, viewport, problems) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      problems.push(`CSP: ${message.text()}`);
  });
  return page;
}

export async function screenshot(page, test, name) {
  const dir = join(artefacts, test);
  mkdirSync(dir, { recursive: true });
  // Every page shot is also a page that fits its screen: nothing pushes it wider than the window
  // (a tablet would scroll sideways). Measured before the shot (a full-page shot resizes the
  // view for a moment), refused after it, so that the shot is there to look at.
  const { page: wide, window } = await page.evaluate(() => (
    { page: document.documentElement.scrollWidth, window: window.innerWidth }));
  await page.screenshot({ path: join(dir, name), fullPage: true });
  if (wide > window) throw new Error(`${test}/${name}: the page is ${wide} px wide in a ${window} px window`);
}

// axe-core's serious and critical findings on the page as it is now. Evaluated through the
// DevTools protocol, which the page's Content-Security-Policy does not govern.
export async function accessibilityProblems(page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Types the username and password on the sign-in page the browser is at, and signs in.
export async function signIn(page, username, password) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// A new page signed in as `username`, sent through sign-in to `path` and arrived there.
export async function signedInPage(browser, office, viewport, [username, password], problems, path) {
  const page = await newPage(browser, viewport, problems);
  await page.goto(`${office.url}/sign-in?next=${encodeURIComponent(path)}`);
  await signIn(page, username, password);
  await page.waitForURL(new RegExp(`${path.replace(/[?]/g, '\\?')}$`));
  return page;
}

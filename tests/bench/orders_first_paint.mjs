// The orders page's first meaningful paint on loopback: from the start of the navigation to the
// first frame painted after the page has drawn its list of orders (the page marks
// 'orders-listed'), in Debian's headless Chromium, against the real tillbook-office. Measured
// side by side on two databases in one run: a big one (order_search_bench --keep makes one with
// 100,000 orders) and the demo's (a handful), so the ratio shows what the size of the shop costs.
// First contentful paint (the page's frame, before any order) is printed beside it.
//
//   node tests/bench/orders_first_paint.mjs --office build/release/backoffice/tillbook-office \
//        --db /tmp/orders-100k.db [--loads 30]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { kDesktop, launch, newPage, signIn } from '../web/browser.mjs';

const { values: options } = parseArgs({
  options: {
    office: { type: 'string', default: 'build/release/backoffice/tillbook-office' },
    db: { type: 'string' },
    loads: { type: 'string', default: '30' },
  },
});
if (!options.db) {
  console.error('usage: orders_first_paint.mjs --db BIG.db [--office PATH] [--loads N]');
  process.exit(2);
}

async function serve(db) {
  const child = spawn(options.office, ['serve', '--db', db, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const read = (chunk) => {
      log += chunk;
      const found = /serving .* on (http:\/\/[^\s]+)/.exec(log);
      if (found) resolve(found[1]);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`the office exited (${code}):\n${log}`)));
  });
  return { url, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

// Milliseconds from the navigation's start to the frame after the list was drawn, and to the
// first contentful paint, for one load of /orders.
async function oneLoad(page, url) {
  await page.goto(`${url}/orders`);
  return page.evaluate(() => new Promise((resolve) => {
    const done = () => requestAnimationFrame(() => requestAnimationFrame(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      resolve({ listed: performance.now(), contentful: fcp ? fcp.startTime : NaN });
    }));
    const check = () => (performance.getEntriesByName('orders-listed').length ? done()
                                                                                : setTimeout(check, 2));
    check();
  }));
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(browser, name, db) {
  const office = await serve(db);
  try {
    const page = await newPage(browser, kDesktop, []);
    await page.goto(`${office.url}/sign-in`);
    await signIn(page, 'tom', 'demo-manager-password');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await oneLoad(page, office.url);  // warm: the office's read connection, the browser's cache
    const listed = [];
    const contentful = [];
    for (let i = 0; i < Number(options.loads); ++i) {
      const t = await oneLoad(page, office.url);
      listed.push(t.listed);
      contentful.push(t.contentful);
    }
    listed.sort((a, b) => a - b);
    contentful.sort((a, b) => a - b);
    const rows = await page.locator('#order-results tbody tr').count();
    await page.context().close();
    return { name, rows, listed, contentful };
  } finally {
    await office.stop();
  }
}

const demoDir = mkdtempSync(join(tmpdir(), 'tillbook-paint-'));
const demoDb = join(demoDir, 'demo.db');
const init = spawnSync(options.office, ['init', '--db', demoDb, '--demo'], { encoding: 'utf8' });
if (init.status !== 0) throw new Error(`init: ${init.stdout}${init.stderr}`);

const browser = await launch();
try {
  const big = await measure(browser, options.db, options.db);
  const demo = await measure(browser, 'the demo database', demoDb);
  console.log(`orders page on loopback, ${options.loads} loads each, 1366x768, headless Chromium:`);
  for (const r of [big, demo]) {
    console.log(`  ${r.name}: ${r.rows} orders shown; first meaningful paint p50 ` +
                `${percentile(r.listed, 50).toFixed(0)} ms, p99 ${percentile(r.listed, 99).toFixed(0)} ms` +
                ` (first contentful paint p50 ${percentile(r.contentful, 50).toFixed(0)} ms)`);
  }
  console.log(`  big/demo first meaningful paint, p50: ` +
              `${(percentile(big.listed, 50) / percentile(demo.listed, 50)).toFixed(2)}`);
} finally {
  await browser.close();
  rmSync(demoDir, { recursive: true, force: true });
}

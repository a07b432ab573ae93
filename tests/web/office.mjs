// The real tillbook-office for the browser tests: a demo database of its own, served on a free
// port of loopback, stopped (SIGTERM) when the test is done.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const officeExe = process.env.TILLBOOK_OFFICE_EXE;
export const artefacts = process.env.TILLBOOK_WEB_ARTEFACTS || join(tmpdir(), 'tillbook-web');

export async function startOffice(name) {
  if (!officeExe) throw new Error('TILLBOOK_OFFICE_EXE is not set (ctest sets it)');
  const dir = mkdtempSync(join(tmpdir(), `tillbook-web-${name}-`));
  const db = join(dir, 'office.db');
  const init = spawnSync(officeExe, ['init', '--db', db, '--demo'], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`init failed: ${init.stdout}${init.stderr}`);
  const child = spawn(officeExe, ['serve', '--db', db, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the office did not start:\n${log}`)), 30000);
    const read = (chunk) => {
      log += chunk;
      const found = /serving .* on (http:\/\/[^\s]+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`the office exited (${code}):\n${log}`)));
  });
  return {
    url,
    db,
    log: () => log,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The office's answer to a call with a bearer token: what tills and scripts do.
export async function call(office, method, path, token, body) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(office.url + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function tokenOf(office, username, password) {
  const answer = await call(office, 'POST', '/api/v1/session', '', { username, password });
  if (answer.status !== 201) throw new Error(`sign-in of ${username}: ${answer.status}`);
  return answer.body.token;
}

// A paid Shopify order of two lines for `email`, imported as the channel would send it; placed
// at `placed` (ISO-8601) by `name` (on the shipping address) when given.
export async function importShopifyOrder(office, token, id, email,
                                         { placed = '2026-11-20T10:00:00-05:00', name = '' } = {}) {
  const line = (n, sku, title, quantity, price) => ({
    id: n, sku, title, quantity, price, gift_card: false, requires_shipping: true,
    tax_lines: [{ price: '0.00', title: 'VAT' }], discount_allocations: [],
  });
  const order = {
    id, name: `#${id}`, currency: 'GBP', presentment_currency: 'GBP',
    created_at: placed, updated_at: placed,
    taxes_included: true, financial_status: 'paid', cancelled_at: null, email,
    total_price: '21.95',
    shipping_address: { name: name || undefined, address1: '1 High Street', city: 'Leeds',
                        zip: 'LS1 1AA', country_code: 'GB' },
    billing_address: name ? { name } : undefined,
    customer: name ? { first_name: name.split(' ')[0], last_name: name.split(' ').slice(1).join(' ') }
                   : undefined,
    line_items: [line(1, 'TEA-EARL-125G', 'Earl Grey 125 g', 2, '6.50'),
                 line(2, 'TEA-ENGB-80BAGS', 'English breakfast 80 bags', 1, '8.95')],
    shipping_lines: [], refunds: [],
  };
  const answer = await call(office, 'POST', '/api/v1/channels/shopify/orders', token, order);
  if (Math.floor(answer.status / 100) !== 2) throw new Error(`import: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}

// A real till (tillbook-pos) paired with the office as `name`, which sells `codes` by card as
// Zoë and sends the sale to the office: the store sale's number ("S01-T1-000001") is answered.
export async function tillSale(office, managerToken, name, codes) {
  const posExe = process.env.TILLBOOK_POS_EXE;
  if (!posExe) throw new Error('TILLBOOK_POS_EXE is not set (ctest sets it)');
  const made = await call(office, 'POST', '/api/v1/terminals/pairing-codes', managerToken, { store: 'S01' });
  if (made.status !== 201) throw new Error(`pairing code: ${made.status}`);
  const dir = mkdtempSync(join(tmpdir(), `tillbook-web-till-${name}-`));
  const db = join(dir, 'till.db');
  const run = (args) => {
    const done = spawnSync(posExe, args, { encoding: 'utf8' });
    if (done.status !== 0) throw new Error(`tillbook-pos ${args.join(' ')}: ${done.stdout}${done.stderr}`);
    return done.stdout;
  };
  run(['pair', '--office', office.url, '--code', made.body.code, '--name', name, '--db', db]);
  run(['sell', '--db', db, ...codes, '--tender', 'card', '--staff', 'zoe']);
  run(['sync', '--db', db]);
  rmSync(dir, { recursive: true, force: true });
  return `S01-${name}-000001`;
}

// A catalogue CSV file for the import's file chooser: the header, then `rows`. kGoodRow adds a new
// SKU; kBadRow's price (4.5.0) is wrong in its third field from the end.
const kCatalogueHeader = 'sku,product_id,product_name,variant_name,category,barcodes,price,cost_price,tax_class,sold_by,active';
export const kGoodRow = 'TEA-ROOIBOS-100G,TEA-ROOIBOS,Rooibos loose leaf tea,100 g,Tea & coffee,,5.25,2.10,zero,unit,true';
export const kBadRow = 'TEA-MATE-100G,TEA-MATE,Yerba mate,100 g,Tea & coffee,,4.5.0,2.00,zero,unit,true';

export function catalogueCsv(name, rows) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from([kCatalogueHeader, ...rows].join('\n') + '\n') };
}

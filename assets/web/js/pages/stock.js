// Stock of one SKU at every location: on hand, held for orders, and free to sell; and the three
// ways a level changes by hand: an adjustment with its reason, a transfer between locations, and
// a count of the shelf. Each is a ledger event; the table is read back from the office after it.
import { api } from '/web/js/api.js';
import { el, quantity } from '/web/js/format.js';

const kReasons = [['goods_received', 'Goods received'], ['count', 'Count correction'],
                  ['damaged', 'Damaged'], ['theft', 'Theft'], ['other', 'Other']];

function field(id, label, control) {
  return el('div', { class: 'field' }, el('label', { for: id }, label), control);
}

function locationSelect(id, locations) {
  return el('select', { id, name: id },
    locations.map((l) => el('option', { value: l.code }, `${l.code} ${l.name}`)));
}

export async function render(main, context) {
  const manager = ['manager', 'admin'].includes(context.staff.role);
  const locations = (await api('GET', '/api/v1/locations')).locations;
  const wanted = new URLSearchParams(location.search).get('sku') || '';
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const found = el('div');
  const levels = el('div', { id: 'stock-levels' });
  const changes = el('div');
  let shown = '';

  const showLevels = async (sku) => {
    const answer = await api('GET', `/api/v1/stock?sku=${encodeURIComponent(sku)}`);
    shown = sku;
    history.replaceState(null, '', `/stock?sku=${encodeURIComponent(sku)}`);
    levels.replaceChildren(
      el('h2', {}, `Stock of ${sku}`),
      el('table', { class: 'list' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Location'),
          ['On hand', 'Held for orders', 'Free to sell'].map((h) =>
            el('th', { scope: 'col', class: 'amount' }, h)))),
        el('tbody', {}, answer.levels.map((level) => el('tr', {},
          el('td', {}, level.location),
          el('td', { class: 'amount' }, quantity(level.on_hand_milli)),
          el('td', { class: 'amount' }, quantity(level.reserved_milli)),
          el('td', { class: 'amount' }, quantity(level.available_milli)))))));
    changes.hidden = !manager;
  };

  const send = (form, path, body, done) => async (event) => {
    event.preventDefault();
    status.textContent = '';
    try {
      await api('POST', path, body());
      form.reset();
      await showLevels(shown);  // the table first: the words then say it is up to date
      status.classList.remove('problem');
      status.textContent = done();
    } catch (error) {
      status.classList.add('problem');
      status.textContent = error.message;
    }
  };

  const adjust = el('form', { class: 'panel', 'aria-labelledby': 'adjust-heading' },
    el('h3', { id: 'adjust-heading' }, 'Adjust'),
    field('adjust-location', 'Adjust at', locationSelect('adjust-location', locations)),
    field('adjust-delta', 'Change (units, − to take away)',
          el('input', { id: 'adjust-delta', inputmode: 'numeric', required: true })),
    field('adjust-reason', 'Reason', el('select', { id: 'adjust-reason' },
      kReasons.map(([key, words]) => el('option', { value: key }, words)))),
    el('button', { type: 'submit', class: 'primary' }, 'Adjust stock'));
  adjust.addEventListener('submit', send(adjust, '/api/v1/stock/adjustments', () => ({
    location: adjust.elements['adjust-location'].value, sku: shown,
    delta: Number.parseInt(adjust.elements['adjust-delta'].value, 10),
    reason: adjust.elements['adjust-reason'].value,
  }), () => `${shown}: adjustment recorded.`));

  const transfer = el('form', { class: 'panel', 'aria-labelledby': 'transfer-heading' },
    el('h3', { id: 'transfer-heading' }, 'Transfer'),
    field('transfer-from', 'From', locationSelect('transfer-from', locations)),
    field('transfer-to', 'To', locationSelect('transfer-to', locations)),
    field('transfer-quantity', 'Units', el('input', { id: 'transfer-quantity', inputmode: 'numeric', required: true })),
    el('button', { type: 'submit', class: 'primary' }, 'Transfer stock'));
  transfer.addEventListener('submit', send(transfer, '/api/v1/stock/transfers', () => ({
    from: transfer.elements['transfer-from'].value, to: transfer.elements['transfer-to'].value,
    lines: [{ sku: shown, quantity: Number.parseInt(transfer.elements['transfer-quantity'].value, 10) }],
  }), () => `${shown}: transfer recorded.`));

  const count = el('form', { class: 'panel', 'aria-labelledby': 'count-heading' },
    el('h3', { id: 'count-heading' }, 'Count'),
    field('count-location', 'Counted at', locationSelect('count-location', locations)),
    field('count-counted', 'Counted on the shelf (units)', el('input', { id: 'count-counted', inputmode: 'numeric', required: true })),
    el('button', { type: 'submit', class: 'primary' }, 'Record count'));
  count.addEventListener('submit', send(count, '/api/v1/stock/counts', () => ({
    location: count.elements['count-location'].value,
    lines: [{ sku: shown, counted: Number.parseInt(count.elements['count-counted'].value, 10) }],
  }), () => `${shown}: count recorded.`));

  changes.append(el('h2', {}, 'Change the level'), el('div', { class: 'change-forms' }, adjust, transfer, count));
  changes.hidden = true;

  const search = el('form', { class: 'filters', role: 'search', 'aria-label': 'Find a SKU' },
    el('label', { for: 'sku-q', class: 'wide' }, 'SKU, name or barcode'),
    el('input', { id: 'sku-q', type: 'search', class: 'wide', value: wanted }),
    el('button', { type: 'submit', class: 'primary' }, 'Find'));
  search.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = search.querySelector('#sku-q').value.trim();
    if (!text) return;
    try {
      const answer = await api('GET', `/api/v1/catalogue/skus?q=${encodeURIComponent(text)}`);
      const exact = answer.skus.find((s) => s.code.toLowerCase() === text.toLowerCase());
      if (exact || answer.skus.length === 1) {
        found.replaceChildren();
        await showLevels((exact || answer.skus[0]).code);
        return;
      }
      found.replaceChildren(answer.skus.length === 0
        ? el('p', { class: 'empty' }, `No SKU matches “${text}”.`)
        : el('ul', { class: 'matches' }, answer.skus.slice(0, 20).map((sku) => el('li', {},
            el('button', { type: 'button', class: 'link', onclick: () => showLevels(sku.code) },
               `${sku.code} ${sku.product_name} ${sku.variant_name}`.trim())))));
    } catch (error) {
      status.textContent = error.message;
    }
  });

  const note = manager ? null : el('p', { class: 'dim' }, 'A manager adjusts, transfers and counts stock.');
  main.replaceChildren(...[el('h1', {}, 'Stock'), search, found, status, levels, note, changes]
    .filter(Boolean));
  if (wanted) await showLevels(wanted);
}

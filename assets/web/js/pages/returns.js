// The postal returns desk: a parcel back at the warehouse (or a store) against any order, a
// store sale included. Choose what came back, why and in what state; the goods are received at
// the chosen location and, at once if wanted, refunded to the original tender or onto a new
// store-credit card.
import { api } from '/web/js/api.js';
import { channelName, el, money, quantity } from '/web/js/format.js';

const kReasons = [['changed_mind', 'Changed mind'], ['faulty', 'Faulty'],
                  ['wrong_item_sent', 'Wrong item sent'], ['damaged_in_transit', 'Damaged in transit'],
                  ['not_as_described', 'Not as described'], ['other', 'Other']];
const kConditions = [['restock', 'Back to stock'], ['damaged', 'Damaged'], ['write_off', 'Write-off']];
const kRefunds = [['original', 'Refund to the original tender'],
                  ['store_credit', 'Refund onto a new store-credit card'],
                  ['', 'Receive only, refund later']];

function choice(id, label, options) {
  return el('select', { id, 'aria-label': label },
    options.map(([key, words]) => el('option', { value: key }, words)));
}

export async function render(main) {
  const locations = (await api('GET', '/api/v1/locations')).locations;
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const order = el('div');

  const show = (found) => {
    const rows = found.lines.filter((line) => line.kind === 1).map((line) => {
      const left = line.quantity_milli - line.returned_quantity_milli;
      const name = line.description || line.sku;
      return {
        line, left,
        back: el('input', { id: `back-${line.line_no}`, inputmode: 'numeric', value: '0',
                            'aria-label': `Units of ${name} back`, disabled: left <= 0 }),
        reason: choice(`reason-${line.line_no}`, `Why ${name} came back`, kReasons),
        condition: choice(`condition-${line.line_no}`, `State of ${name}`, kConditions),
      };
    });
    const at = el('select', { id: 'received-at' },
      locations.map((l) => el('option', { value: l.code, selected: l.kind === 'warehouse' },
                              `${l.code} ${l.name}`)));
    const refund = el('select', { id: 'refund-to' },
      kRefunds.map(([key, words]) => el('option', { value: key }, words)));
    const receive = el('button', { type: 'submit', class: 'primary' }, 'Receive the return');
    const form = el('form', {},
      el('h2', {}, `Order ${found.number}`),
      el('p', { class: 'dim' }, `${channelName(found.channel)}, ${money(found.total_minor, found.currency)} paid ` +
                                `${money(found.paid_minor, found.currency)}, refunded ` +
                                `${money(found.refunded_minor, found.currency)}`),
      el('table', { class: 'list' },
        el('thead', {}, el('tr', {}, ['Item', 'Sold', 'Returned before', 'Back now', 'Reason', 'State']
          .map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows.map((row) => el('tr', {},
          el('td', {}, row.line.description || row.line.sku),
          el('td', {}, quantity(row.line.quantity_milli)),
          el('td', {}, quantity(row.line.returned_quantity_milli)),
          el('td', {}, row.back), el('td', {}, row.reason), el('td', {}, row.condition))))),
      el('div', { class: 'inline-form' },
        el('label', { for: 'received-at' }, 'Received at'), at,
        el('label', { for: 'refund-to' }, 'Refund'), refund, receive));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const lines = [];
      for (const row of rows) {
        const text = row.back.value.trim() || '0';
        if (!/^\d+$/.test(text)) {
          status.textContent = `Units back must be a whole number: “${text}”.`;
          row.back.focus();
          return;
        }
        const units = Number.parseInt(text, 10);
        if (units > 0) {
          lines.push({ line_no: row.line.line_no, quantity: units, reason: row.reason.value,
                       condition: row.condition.value });
        }
      }
      if (lines.length === 0) {
        status.textContent = 'Type how many units of at least one item came back.';
        return;
      }
      const body = { order: found.id, location: at.value, lines };
      if (refund.value) body.refund = { tender: refund.value };
      receive.disabled = true;
      try {
        const done = await api('POST', '/api/v1/returns', body);
        let words = `Return received: ${money(done.value_minor, found.currency)} of goods.`;
        if (done.refunded_minor !== undefined)
          words += ` Refunded ${money(done.refunded_minor, found.currency)}.`;
        if (done.credit_card)
          words += ` Store credit card ${done.credit_card.replace(/(\d{4})(?=\d)/g, '$1 ')}: send it to the customer.`;
        // The order as it is now first (what came back can no longer be chosen), then the words.
        show(await api('GET', `/api/v1/orders/lookup?code=${encodeURIComponent(found.id)}`));
        status.textContent = words;
      } catch (error) {
        status.textContent = error.message;
      } finally {
        receive.disabled = false;
      }
    });
    order.replaceChildren(form);
  };

  const find = el('form', { class: 'filters', role: 'search', 'aria-label': 'Find the order' },
    el('label', { for: 'order-code', class: 'wide' }, 'Order number, channel id or receipt barcode'),
    el('input', { id: 'order-code', class: 'wide', autocomplete: 'off' }),
    el('button', { type: 'submit', class: 'primary' }, 'Find order'));
  find.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = find.querySelector('#order-code').value.trim();
    if (!code) return;
    status.textContent = '';
    try {
      show(await api('GET', `/api/v1/orders/lookup?code=${encodeURIComponent(code)}`));
    } catch (error) {
      order.replaceChildren();
      status.textContent = error.message;
    }
  });

  main.replaceChildren(el('h1', {}, 'Postal returns'), find, status, order);
}

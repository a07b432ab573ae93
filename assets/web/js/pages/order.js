// One order: its figures and despatch deadline, the fulfilment moves it can make now (start
// picking, packed, dispatched with tracking, delivered), its lines, payments, reservations,
// returns and refunds, and its audit trail: every ledger event with what, who, when (local time,
// UTC on hover) and where.
import { api } from '/web/js/api.js';
import { ask } from '/web/js/dialog.js';
import { channelName, el, localTime, money, quantity, utcTime } from '/web/js/format.js';

const kRank = { cashier: 1, fulfilment: 2, manager: 3, admin: 4 };

// The moves as buttons: what each says, and what the office is told.
const kMoves = {
  picking: { label: 'Start picking', done: 'is being picked' },
  packed: { label: 'Packed', done: 'is packed' },
  dispatched: { label: 'Dispatched…', done: 'is dispatched' },
  delivered: { label: 'Delivered', done: 'is delivered' },
};

const kTenders = {
  cash: 'Cash', card: 'Card', store_credit: 'Store credit', original: 'Paid on the channel',
  gift_card: 'Gift card', other: 'Other', exchange_credit: 'Exchange credit',
};

// A ledger event in words: "ReturnReceived" -> "Return received"; a status change says to what,
// a dispatch its tracking number.
function words(entry) {
  if (entry.event === 'OrderStatusChanged' && entry.to) return `Status changed to ${entry.to}`;
  if (entry.event === 'OrderDispatched') {
    return entry.tracking ? `Order dispatched, tracking ${entry.tracking}` : 'Order dispatched, no tracking number';
  }
  const spaced = entry.event.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

// "damaged_in_transit" -> "Damaged in transit".
function sentence(name) {
  const spaced = name.replaceAll('_', ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function where(origin) {
  if (origin.startsWith('terminal:')) return `Till ${origin.slice('terminal:'.length)}`;
  if (origin.startsWith('channel:')) return channelName(origin.slice('channel:'.length));
  if (origin === 'office') return 'Back office';
  return origin;
}

// Who did it: a member of staff by name (with the approving manager), else the till or channel.
function who(entry) {
  const actor = entry.actor_name || (entry.actor.startsWith('terminal:') ? where(entry.actor) : entry.actor);
  if (!entry.approver) return actor;
  return `${actor}, approved by ${entry.approver_name || entry.approver}`;
}

// A time as the shop reads it, UTC on hover.
function when(iso) {
  if (!iso) return el('span', { class: 'dim' }, 'None');
  return el('time', { datetime: iso, title: utcTime(iso) }, localTime(iso));
}

function figure(label, value) {
  return el('div', { class: 'figure' }, el('dt', {}, label), el('dd', {}, value));
}

// A table of `rows` under its heading, or the heading and `empty` in words when there are none.
// `columns`: [heading, cell(row), kind]: 'amount' (right-aligned, one line) or 'code' (one line).
function section(title, id, rows, columns, empty) {
  const heading = el('h2', { id: `${id}-heading` }, title);
  if (rows.length === 0) return [heading, el('p', { class: 'empty' }, empty)];
  const table = el('table', { class: 'list', id, 'aria-labelledby': `${id}-heading` },
    el('thead', {}, el('tr', {}, columns.map(([h, , kind]) =>
      el('th', { scope: 'col', class: kind === 'amount' ? 'amount' : false }, h)))),
    el('tbody', {}, rows.map((row) => el('tr', {}, columns.map(([, cell, kind]) =>
      el('td', { class: kind ? `${kind === 'amount' ? 'amount ' : ''}nowrap` : false }, cell(row)))))));
  return [heading, el('div', { class: 'table-scroll' }, table)];
}

// The buttons for the moves the order can make now; each asks the office for that one order and
// draws its answer: the page again with what happened, or the refusal in words.
function actions(order, context, status, say) {
  const heading = el('h2', { id: 'fulfilment-heading' }, 'Fulfilment');
  if (order.channel.startsWith('store:')) {
    return [heading, el('p', { class: 'dim' }, 'A till sale, handed over at the counter: nothing to pick, pack or dispatch.')];
  }
  if (order.moves.length === 0) {
    return [heading, el('p', { class: 'dim' }, `Nothing more to do: the order is ${order.status}.`), status];
  }
  if ((kRank[context.staff.role] || 0) < kRank.fulfilment) {
    return [heading, el('p', { class: 'dim' }, 'Fulfilment staff and managers move orders on.'), status];
  }
  const move = async (to, button) => {
    const body = { orders: [order.id], to };
    if (to === 'dispatched') {
      const answer = await ask({
        title: `Dispatch order ${order.number}`,
        text: 'The reserved goods leave the shelf. Give the carrier’s tracking number, or leave it empty when there is none.',
        confirm: 'Dispatch',
        fields: [{ name: 'tracking', label: 'Tracking number', optional: true }],
      });
      if (!answer) return;
      if (answer.tracking) body.tracking = answer.tracking;
    }
    button.disabled = true;
    try {
      const { results } = await api('POST', '/api/v1/orders/status', body);
      const result = results[0];
      if (result.ok) await context.redraw(`Order ${order.number} ${kMoves[to].done}.`, false);
      else say(result.error, true);
    } catch (error) {
      say(error.message, true);
    } finally {
      button.disabled = false;
    }
  };
  const buttons = order.moves.map((to) => {
    const button = el('button', { type: 'button', class: 'primary' }, kMoves[to].label);
    button.addEventListener('click', () => move(to, button));
    return button;
  });
  return [heading, el('div', { class: 'row-actions', role: 'group', 'aria-labelledby': 'fulfilment-heading' }, buttons),
          status];
}

function returnLines(order) {
  const rows = [];
  for (const ret of order.returns) {
    for (const line of ret.lines) rows.push({ ret, line });
  }
  return rows;
}

async function draw(main, context, message, problem) {
  const id = decodeURIComponent(context.path.slice('/orders/'.length));
  const order = await api('GET', `/api/v1/orders/${encodeURIComponent(id)}`);
  const currency = order.currency;
  const status = el('p', { class: problem ? 'status problem' : 'status', role: 'status',
                          'aria-live': 'polite', tabindex: '-1' }, message || '');
  const say = (text, isProblem) => {
    status.textContent = text;
    status.classList.toggle('problem', isProblem);
  };
  const describe = (sku) => (order.lines.find((line) => line.sku === sku) || {}).description || '';
  document.title = `Order ${order.number} - Tillbook back office`;
  main.replaceChildren(...[
    el('p', {}, el('a', { href: '/orders' }, '← All orders')),
    el('h1', {}, `Order ${order.number}`),
    el('dl', { class: 'figures' },
      figure('Channel', order.external_id ? `${channelName(order.channel)} (${order.external_id})`
                                           : channelName(order.channel)),
      figure('Status', el('span', { id: 'order-status' }, order.status)),
      figure('Placed', when(order.placed_at)),
      order.despatch_by ? figure('Despatch by', when(order.despatch_by)) : null,
      figure('Total', money(order.total_minor, currency)),
      figure('Paid', money(order.paid_minor, currency)),
      figure('Refunded', money(order.refunded_minor, currency)),
      order.location ? figure('Location', order.location) : null),
    order.attention.length === 0 ? null : [
      el('h2', {}, 'Needs attention'),
      el('ul', { class: 'attention' }, order.attention.map((reason) => el('li', { class: 'flag' }, reason))),
    ],
    actions(order, context, status, say),
    section('Lines', 'order-lines', order.lines, [
      ['Line', (line) => line.line_no],
      ['SKU', (line) => line.sku, 'code'],
      ['Description', (line) => line.description],
      ['Quantity', (line) => quantity(line.quantity_milli), 'amount'],
      ['Returned', (line) => quantity(line.returned_quantity_milli), 'amount'],
      ['Unit price', (line) => money(line.unit_price_minor, currency), 'amount'],
      ['Discount', (line) => money(line.discount_minor, currency), 'amount'],
      ['Total', (line) => money(line.total_minor, currency), 'amount'],
    ], 'No lines.'),
    section('Payments', 'order-payments', order.payments, [
      ['When', (p) => when(p.occurred_at), 'code'],
      ['Tender', (p) => kTenders[p.tender] || p.tender],
      ['Reference', (p) => p.reference],
      ['Amount', (p) => money(p.amount_minor, currency), 'amount'],
    ], 'No payments.'),
    section('Reservations', 'order-reservations', order.reservations, [
      ['Location', (r) => r.location || r.location_id],
      ['SKU', (r) => r.sku, 'code'],
      ['Description', (r) => describe(r.sku)],
      ['Quantity', (r) => quantity(r.quantity_milli), 'amount'],
    ], order.status === 'dispatched' || order.status === 'delivered'
      ? 'Nothing reserved: the goods have left.' : 'Nothing reserved.'),
    section('Returns', 'order-returns', returnLines(order), [
      ['Received', ({ ret }) => when(ret.received_at), 'code'],
      ['At', ({ ret }) => ret.location],
      ['SKU', ({ line }) => line.sku, 'code'],
      ['Quantity', ({ line }) => quantity(line.quantity_milli), 'amount'],
      ['Reason', ({ line }) => sentence(line.reason)],
      ['Condition', ({ line }) => sentence(line.condition)],
      ['Value', ({ line }) => money(line.value_minor, currency), 'amount'],
    ], 'Nothing has come back.'),
    section('Refunds', 'order-refunds', order.refunds, [
      ['When', (r) => when(r.occurred_at), 'code'],
      ['Tender', (r) => (r.tender === 'original' ? 'To the original payment' : kTenders[r.tender] || r.tender)],
      ['For', (r) => (r.return_id ? 'Returned goods' : 'No goods back')],
      ['Reference', (r) => r.reference],
      ['Amount', (r) => money(r.amount_minor, currency), 'amount'],
    ], 'No refunds.'),
    section('Audit trail', 'audit-trail', order.history, [
      ['What', (entry) => words(entry)],
      ['Who', (entry) => who(entry)],
      ['When', (entry) => when(entry.occurred_at), 'code'],
      // A till's return of an order it did not make is recorded by the office at the till's word:
      // the till is where it happened.
      ['Where', (entry) => {
        const place = where(entry.via || entry.origin);
        return entry.location ? `${place}, at ${entry.location}` : place;
      }],
    ], 'No events.'),
  ].flat().filter(Boolean));
  // After a move the page is drawn again: the keyboard carries on from what it says.
  if (message && status.isConnected) status.focus();
}

export async function render(main, context) {
  const redraw = (message, problem) => draw(main, { ...context, redraw }, message, problem);
  await redraw('', false);
}

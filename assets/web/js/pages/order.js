// One order: its lines, money, and its audit trail, every ledger event with what, who, when
// (local time, UTC on hover) and where.
import { api } from '/web/js/api.js';
import { el, localTime, money, utcTime } from '/web/js/format.js';

// A ledger event's name in words: "ReturnReceived" -> "Return received".
function words(event) {
  const spaced = event.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function where(origin) {
  if (origin.startsWith('terminal:')) return `Till ${origin.slice('terminal:'.length)}`;
  if (origin.startsWith('channel:')) return `Channel ${origin.slice('channel:'.length)}`;
  if (origin === 'office') return 'Back office';
  return origin;
}

// Who did it: a member of staff by name (with the approving manager), else the till or channel.
function who(entry) {
  const actor = entry.actor_name || (entry.actor.startsWith('terminal:') ? where(entry.actor) : entry.actor);
  if (!entry.approver) return actor;
  return `${actor}, approved by ${entry.approver_name || entry.approver}`;
}

function figure(label, value) {
  return el('div', { class: 'figure' }, el('dt', {}, label), el('dd', {}, value));
}

export async function render(main, context) {
  const id = decodeURIComponent(context.path.slice('/orders/'.length));
  const order = await api('GET', `/api/v1/orders/${encodeURIComponent(id)}`);
  const currency = order.currency;
  document.title = `Order ${order.number} - Tillbook back office`;
  main.replaceChildren(
    el('p', {}, el('a', { href: '/orders' }, '← All orders')),
    el('h1', {}, `Order ${order.number}`),
    el('dl', { class: 'figures' },
      figure('Channel', order.channel),
      figure('Status', order.status),
      figure('Placed', el('span', { title: utcTime(order.placed_at) }, localTime(order.placed_at))),
      figure('Total', money(order.total_minor, currency)),
      figure('Paid', money(order.paid_minor, currency)),
      figure('Refunded', money(order.refunded_minor, currency))),
    el('h2', {}, 'Lines'),
    el('table', { class: 'list' },
      el('thead', {}, el('tr', {}, ['Line', 'SKU', 'Description'].map((h) => el('th', { scope: 'col' }, h)),
        ['Quantity', 'Returned', 'Total'].map((h) => el('th', { scope: 'col', class: 'amount' }, h)))),
      el('tbody', {}, order.lines.map((line) => el('tr', {},
        el('td', {}, line.line_no),
        el('td', {}, line.sku),
        el('td', {}, line.description),
        el('td', { class: 'amount' }, line.quantity),
        el('td', { class: 'amount' }, line.returned_quantity_milli / 1000),
        el('td', { class: 'amount' }, money(line.total_minor, currency)))))),
    el('h2', {}, 'Audit trail'),
    el('table', { class: 'list', id: 'audit-trail' },
      el('thead', {}, el('tr', {}, ['What', 'Who', 'When', 'Where']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, order.history.map((entry) => el('tr', {},
        el('td', {}, words(entry.event)),
        el('td', {}, who(entry)),
        el('td', {}, el('time', { datetime: entry.occurred_at, title: utcTime(entry.occurred_at) },
                        localTime(entry.occurred_at))),
        el('td', {}, where(entry.origin)))))));
}

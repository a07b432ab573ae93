// Orders of every channel and store: search, filters, and each order's deadline as a traffic
// light (green on time, amber due today, red overdue). The filters live in the address, so a
// reload or a shared link shows the same list.
import { api } from '/web/js/api.js';
import { el, localTime, money, utcTime } from '/web/js/format.js';

const kChannels = ['', 'shopify', 'woocommerce', 'ebay', 'amazon', 'store:S01'];
const kStatuses = ['', 'placed', 'allocated', 'picking', 'packed', 'dispatched', 'delivered',
                   'cancelled', 'lost'];
const kDeadlines = [['', 'Any deadline'], ['due', 'Due today'], ['overdue', 'Overdue']];

function sameLocalDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() &&
         a.getDate() === b.getDate();
}

// The deadline in words and colour, for an order not yet gone.
function deadline(order) {
  if (!order.despatch_by) return el('span', { class: 'light none' }, 'No deadline');
  const when = new Date(order.despatch_by);
  const done = ['dispatched', 'delivered', 'cancelled', 'lost'].includes(order.status);
  let look = 'green';
  let words = 'On time';
  if (done) {
    look = 'none';
    words = 'Done';
  } else if (order.overdue) {
    look = 'red';
    words = 'Overdue';
  } else if (sameLocalDay(when, new Date())) {
    look = 'amber';
    words = 'Due today';
  }
  return el('span', { class: `light ${look}`, title: utcTime(order.despatch_by) },
            `${words} · ${localTime(order.despatch_by)}`);
}

function select(id, label, options, value) {
  return [
    el('label', { for: id }, label),
    el('select', { id, name: id }, options.map(([key, words]) =>
      el('option', { value: key, selected: key === value }, words))),
  ];
}

function filtersOf(search) {
  const params = new URLSearchParams(search);
  return {
    q: params.get('q') || '',
    channel: params.get('channel') || '',
    status: params.get('status') || '',
    deadline: params.get('deadline') || '',
  };
}

function drawTable(orders) {
  if (orders.length === 0) {
    return el('p', { class: 'empty' }, 'No orders match. Clear a filter or search for less.');
  }
  return el('table', { class: 'list' },
    el('caption', { class: 'visually-hidden' }, 'Orders'),
    el('thead', {}, el('tr', {},
      ['Order', 'Channel', 'Status', 'Total', 'Despatch by', 'Attention'].map((h) =>
        el('th', { scope: 'col', class: h === 'Total' ? 'amount' : false }, h)))),
    el('tbody', {}, orders.map((order) => el('tr', {},
      el('td', {}, el('a', { href: `/orders/${encodeURIComponent(order.id)}` }, order.number)),
      el('td', {}, order.channel),
      el('td', {}, order.status),
      el('td', { class: 'amount' }, money(order.total_minor, order.currency)),
      el('td', {}, deadline(order)),
      el('td', {}, order.needs_attention ? el('span', { class: 'flag' }, 'Needs attention') : '')))));
}

export async function render(main) {
  const filters = filtersOf(location.search);
  const results = el('div', { id: 'order-results' });
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Find orders' },
    el('label', { for: 'q', class: 'wide' }, 'Search orders'),
    el('input', { id: 'q', name: 'q', type: 'search', value: filters.q, class: 'wide',
                  placeholder: 'Number, channel id, e-mail, name or SKU' }),
    ...select('channel', 'Channel', kChannels.map((c) => [c, c || 'Every channel']),
              filters.channel),
    ...select('status', 'Status', kStatuses.map((s) => [s, s || 'Any status']), filters.status),
    ...select('deadline', 'Deadline', kDeadlines, filters.deadline),
    el('button', { type: 'submit', class: 'primary' }, 'Search'));

  const load = async () => {
    const wanted = new URLSearchParams();
    for (const [key, value] of Object.entries(filtersOf(location.search))) {
      if (value) wanted.set(key, value);
    }
    results.replaceChildren(el('p', { class: 'loading' }, 'Loading…'));
    const answer = await api('GET', '/api/v1/orders?' + wanted.toString());
    results.replaceChildren(
      el('p', { class: 'count' }, `${answer.orders.length} order${answer.orders.length === 1 ? '' : 's'}`),
      drawTable(answer.orders));
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const key of ['q', 'channel', 'status', 'deadline']) {
      const value = form.elements[key].value.trim();
      if (value) params.set(key, value);
    }
    history.replaceState(null, '', '/orders' + (params.size ? '?' + params : ''));
    try {
      await load();
    } catch (error) {
      results.replaceChildren(el('p', { class: 'problem', role: 'alert' }, error.message));
    }
  });
  main.replaceChildren(el('h1', {}, 'Orders'), form, results);
  await load();
}

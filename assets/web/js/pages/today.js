// Today, for managers: what each store and channel has taken since midnight, the tills and how
// long ago each last sent an event, and the orders that need someone (overdue for despatch, or
// flagged). It refreshes by itself every 30 seconds.
import { api } from '/web/js/api.js';
import { channelName, el, localTime, money, utcTime } from '/web/js/format.js';

// Every 30 seconds; ?refresh=N (2 to 300 seconds) for a wall screen or a test.
function refreshMs() {
  const asked = Number.parseInt(new URLSearchParams(location.search).get('refresh') || '', 10);
  return Number.isInteger(asked) ? Math.min(300, Math.max(2, asked)) * 1000 : 30_000;
}

function ago(iso, now) {
  if (!iso) return 'nothing sent yet';
  const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

function orderList(orders, count, empty) {
  if (orders.length === 0) return el('p', { class: 'empty' }, empty);
  return el('div', {},
    el('ul', { class: 'attention' }, orders.map((order) => el('li', {},
      el('a', { href: `/orders/${encodeURIComponent(order.id)}` }, order.number), ` ${channelName(order.channel)}, `,
      order.despatch_by
        ? el('span', { title: utcTime(order.despatch_by) }, `despatch by ${localTime(order.despatch_by)}`)
        : 'no deadline'))),
    count > orders.length ? el('p', { class: 'dim' }, `and ${count - orders.length} more`) : null);
}

export async function render(main) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const body = el('div');
  const stamp = el('p', { class: 'dim', role: 'status', 'aria-live': 'polite' });

  const draw = async () => {
    const today = await api('GET', `/api/v1/reports/today?tz=${encodeURIComponent(zone)}`);
    const sales = today.channels.length === 0
      ? el('p', { class: 'empty' }, 'No orders yet today.')
      : el('table', { class: 'list' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Store or channel'),
          ['Orders', 'Taken', 'Refunded'].map((h) => el('th', { scope: 'col', class: 'amount' }, h)))),
        el('tbody', {}, today.channels.map((c) => el('tr', {},
          el('td', {}, channelName(c.channel)),
          el('td', { class: 'amount' }, c.orders),
          el('td', { class: 'amount' }, money(c.total_minor, c.currency)),
          el('td', { class: 'amount' }, money(c.refunded_minor, c.currency))))));
    const tills = today.tills.length === 0
      ? el('p', { class: 'empty' }, 'No till is paired.')
      : el('table', { class: 'list' },
        el('thead', {}, el('tr', {}, ['Till', 'Last event sent'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, today.tills.map((t) => el('tr', {},
          el('td', {}, `${t.store}-${t.name}`),
          el('td', { title: utcTime(t.last_event_at) }, ago(t.last_event_at, today.now))))));
    body.replaceChildren(
      el('section', { 'aria-labelledby': 'sales-heading' },
        el('h2', { id: 'sales-heading' }, `Sales since midnight (${today.time_zone})`), sales),
      el('div', { class: 'two-columns' },
        el('section', { 'aria-labelledby': 'tills-heading' },
          el('h2', { id: 'tills-heading' }, 'Tills'), tills),
        el('section', { 'aria-labelledby': 'overdue-heading' },
          el('h2', { id: 'overdue-heading' }, `Overdue for despatch (${today.overdue_count})`),
          orderList(today.overdue, today.overdue_count, 'Nothing is overdue.'),
          el('h2', { id: 'attention-heading' }, `Need attention (${today.attention_count})`),
          orderList(today.attention, today.attention_count, 'Nothing needs attention.'))));
    stamp.textContent = `Updated ${new Date().toLocaleTimeString('en-GB')}; it refreshes by itself.`;
  };

  main.replaceChildren(el('h1', {}, 'Today'), stamp, body);
  await draw();
  const timer = setInterval(() => {
    if (!document.body.contains(body)) {
      clearInterval(timer);
      return;
    }
    draw().catch((error) => { stamp.textContent = `Not refreshed: ${error.message}`; });
  }, refreshMs());
}

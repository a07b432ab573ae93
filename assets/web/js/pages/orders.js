// Orders of every channel and store: search, filters, pages, each order's deadline as a traffic
// light (green on time, amber due today, red overdue: the office judges it in the zone of the
// order's location), and status moves for the orders ticked. The filters live in the address, so
// a reload or a shared link shows the same list; the pages go by the office's cursor.
import { api } from '/web/js/api.js';
import { channelName, el, kChannelNames, localTime, money, utcTime } from '/web/js/format.js';

const kStatuses = ['placed', 'allocated', 'picking', 'packed', 'dispatched', 'delivered',
                   'cancelled', 'lost'];
const kDeadlines = [['', 'Any deadline'], ['overdue', 'Overdue'], ['today', 'Due today'],
                    ['due', 'Open, with a deadline']];
const kSorts = [['deadline', 'Deadline first'], ['newest', 'Newest first']];
const kMoves = [['picking', 'Picking'], ['packed', 'Packed'], ['dispatched', 'Dispatched'],
                ['delivered', 'Delivered']];
const kFilterNames = ['q', 'channel', 'status', 'deadline', 'from', 'to', 'sort', 'attention'];
const kPageSize = 50;

const kLights = {
  on_time: ['green', 'On time'],
  due_today: ['amber', 'Due today'],
  overdue: ['red', 'Overdue'],
};

// The deadline in words and colour; an order already gone (or with no deadline) is grey.
function deadline(order) {
  if (!order.despatch_by) return el('span', { class: 'light none' }, 'No deadline');
  const [look, words] = kLights[order.deadline] || ['none', 'Done'];
  return el('span', { class: 'deadline', title: utcTime(order.despatch_by) },
            el('span', { class: `light ${look}` }, words), ' ',
            el('span', { class: 'when' }, localTime(order.despatch_by)));
}

function select(id, label, options, value) {
  return el('div', { class: 'field' },
    el('label', { for: id }, label),
    el('select', { id, name: id }, options.map(([key, words]) =>
      el('option', { value: key, selected: key === value }, words))));
}

function dateField(id, label, value) {
  return el('div', { class: 'field' },
    el('label', { for: id }, label),
    el('input', { id, name: id, type: 'date', value }));
}

function filtersOf(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const name of kFilterNames) filters[name] = params.get(name) || '';
  return filters;
}

// A day the browser's calendar shows ("2026-12-06"), from its first instant in this zone.
function startOfDay(day) {
  return new Date(`${day}T00:00:00`);
}

// The API's query for `filters`: a date range "from" the first day "to" the last, both whole days.
function query(filters, after) {
  const wanted = new URLSearchParams();
  for (const name of ['q', 'channel', 'status', 'deadline', 'sort']) {
    if (filters[name]) wanted.set(name, filters[name]);
  }
  if (filters.attention) wanted.set('attention', '1');
  if (filters.from) wanted.set('placed_from', startOfDay(filters.from).toISOString());
  if (filters.to) {
    const end = startOfDay(filters.to);
    end.setDate(end.getDate() + 1);
    wanted.set('placed_to', end.toISOString());
  }
  wanted.set('limit', String(kPageSize));
  if (after) wanted.set('after', after);
  return '/api/v1/orders?' + wanted.toString();
}

// An e-mail address that may wrap before its "@" on a narrow screen.
function email(address) {
  const at = address.indexOf('@');
  return at > 0 ? [address.slice(0, at), el('wbr'), address.slice(at)] : address;
}

function customer(order) {
  if (!order.customer_name && !order.customer_email) return el('span', { class: 'dim' }, '—');
  if (!order.customer_name) return email(order.customer_email);  // the only name the order has
  return [order.customer_name || '',
          order.customer_email ? el('span', { class: 'dim small' }, email(order.customer_email)) : null]
    .filter(Boolean).flatMap((part, i) => (i ? [el('br'), part] : [part]));
}

function drawTable(orders, selected, onSelection) {
  const all = el('input', { type: 'checkbox', 'aria-label': 'Select every order on this page' });
  const boxes = orders.map((order) => {
    const box = el('input', { type: 'checkbox', 'aria-label': `Select order ${order.number}`,
                              checked: selected.has(order.id) });
    box.addEventListener('change', () => {
      if (box.checked) selected.set(order.id, order.number);
      else selected.delete(order.id);
      all.checked = boxes.every((b) => b.checked);
      onSelection();
    });
    return box;
  });
  all.checked = orders.length > 0 && boxes.every((b) => b.checked);
  all.addEventListener('change', () => {
    orders.forEach((order, i) => {
      boxes[i].checked = all.checked;
      if (all.checked) selected.set(order.id, order.number);
      else selected.delete(order.id);
    });
    onSelection();
  });
  return el('table', { class: 'list orders' },
    el('caption', { class: 'visually-hidden' }, 'Orders'),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', class: 'pick' }, all),
      ['Order', 'Placed', 'Customer', 'Channel', 'Status', 'Total', 'Despatch by', 'Attention']
        .map((h) => el('th', {
          scope: 'col',
          class: h === 'Total' ? 'amount' : (h === 'Placed' ? 'wide-only' : false),
        }, h)))),
    el('tbody', {}, orders.map((order, i) => el('tr', {},
      el('td', { class: 'pick' }, boxes[i]),
      el('td', {}, el('a', { href: `/orders/${encodeURIComponent(order.id)}` }, order.number)),
      el('td', { class: 'wide-only', title: utcTime(order.placed_at) }, localTime(order.placed_at)),
      el('td', { class: 'customer' }, customer(order)),
      el('td', {}, channelName(order.channel)),
      el('td', {}, order.status),
      el('td', { class: 'amount' }, money(order.total_minor, order.currency)),
      el('td', {}, deadline(order)),
      el('td', {}, order.needs_attention ? el('span', { class: 'flag' }, 'Needs attention') : '')))));
}

// "3 moved to packed. Refused: #1002: order … is placed and cannot be packed."
function describeMoves(results, to) {
  const moved = results.filter((r) => r.ok).length;
  const refused = results.filter((r) => !r.ok);
  const parts = [];
  if (moved) parts.push(`${moved} order${moved === 1 ? '' : 's'} moved to ${to}.`);
  if (refused.length) {
    parts.push('Refused: ' + refused.map((r) => `${r.number || r.id}: ${r.error}`).join('; ') + '.');
  }
  return parts.join(' ');
}

async function channelOptions() {
  const options = [['', 'Every channel'], ...Object.entries(kChannelNames)];
  const answer = await api('GET', '/api/v1/locations');
  for (const location of answer.locations || []) {
    if (location.kind === 'store') {
      const channel = `store:${location.code}`;
      options.push([channel, `${channelName(channel)} · ${location.name}`]);
    }
  }
  return options;
}

export async function render(main) {
  const filters = filtersOf(location.search);
  // The first page of orders and the stores for the channel filter, asked for together.
  const firstPage = api('GET', query(filters, ''));
  firstPage.catch(() => {});  // awaited below
  const channels = await channelOptions();
  const results = el('div', { id: 'order-results' });
  const form = el('form', { class: 'filters order-filters', role: 'search', 'aria-label': 'Find orders' },
    el('div', { class: 'field wide' },
      el('label', { for: 'q' }, 'Search orders'),
      el('input', { id: 'q', name: 'q', type: 'search', value: filters.q,
                    placeholder: 'Number, channel id, e-mail, name or SKU' })),
    select('channel', 'Channel', channels, filters.channel),
    select('status', 'Status', [['', 'Any status'], ...kStatuses.map((s) => [s, s])],
           filters.status),
    select('deadline', 'Deadline', kDeadlines, filters.deadline),
    dateField('from', 'Placed from', filters.from),
    dateField('to', 'Placed to', filters.to),
    select('sort', 'Order by', kSorts, filters.sort || 'deadline'),
    el('div', { class: 'field check' },
      el('input', { id: 'attention', name: 'attention', type: 'checkbox',
                    checked: filters.attention === '1' }),
      el('label', { for: 'attention' }, 'Needs attention only')),
    el('div', { class: 'field buttons' },
      el('button', { type: 'submit', class: 'primary' }, 'Search'),
      el('a', { href: '/orders', class: 'button-link' }, 'Clear')));

  const selected = new Map();  // id → number, across pages
  const cursors = [];          // the cursor of every page before this one ('' for the first)
  let current = '';

  const count = el('span', { class: 'count' });
  const move = el('select', { id: 'move-to', name: 'move-to' },
    kMoves.map(([key, words]) => el('option', { value: key }, words)));
  const apply = el('button', { type: 'button', class: 'primary', disabled: true }, 'Move selected');
  const clearSelection = el('button', { type: 'button', disabled: true }, 'Clear selection');
  const outcome = el('p', { class: 'status', role: 'status' });
  const bulk = el('div', { class: 'bulk', role: 'group', 'aria-label': 'With the orders selected' },
    count, el('label', { for: 'move-to' }, 'Move to'), move, apply, clearSelection);
  const showSelection = () => {
    count.textContent = selected.size ? `${selected.size} selected` : 'None selected';
    apply.disabled = selected.size === 0;
    clearSelection.disabled = selected.size === 0;
  };

  const previous = el('button', { type: 'button' }, '← Previous page');
  const next = el('button', { type: 'button' }, 'Next page →');
  const where = el('span', { class: 'dim' });
  const pager = el('nav', { class: 'pager', 'aria-label': 'Pages of orders' }, previous, where, next);

  const load = async (after, asked) => {
    results.replaceChildren(el('p', { class: 'loading' }, 'Loading…'));
    const answer = await (asked || api('GET', query(filtersOf(location.search), after)));
    current = after;
    const orders = answer.orders;
    const first = cursors.length * kPageSize + 1;
    where.textContent = orders.length
      ? `Orders ${first}–${first + orders.length - 1}${answer.next ? '' : ' (the last)'}`
      : '';
    previous.disabled = cursors.length === 0;
    next.disabled = !answer.next;
    next.dataset.after = answer.next || '';
    results.replaceChildren(...(orders.length
      ? [drawTable(orders, selected, showSelection), pager]
      : [el('p', { class: 'empty' }, 'No orders match. Clear a filter or search for less.')]));
    performance.mark('orders-listed');  // the first meaningful paint (tests/bench)
  };
  const show = async (work) => {
    try {
      await work();
    } catch (error) {
      results.replaceChildren(el('p', { class: 'problem', role: 'alert' }, error.message));
    }
  };
  next.addEventListener('click', () => show(async () => {
    cursors.push(current);
    await load(next.dataset.after);
    results.querySelector('a')?.focus();
  }));
  previous.addEventListener('click', () => show(async () => {
    await load(cursors.pop());
    results.querySelector('a')?.focus();
  }));
  clearSelection.addEventListener('click', () => show(async () => {
    selected.clear();
    showSelection();
    await load(current);
  }));
  apply.addEventListener('click', () => show(async () => {
    const to = move.value;
    apply.disabled = true;
    outcome.textContent = `Moving ${selected.size} to ${to}…`;
    const answer = await api('POST', '/api/v1/orders/status', { orders: [...selected.keys()], to });
    outcome.textContent = describeMoves(answer.results, to);
    outcome.classList.toggle('problem', answer.results.some((r) => !r.ok));
    for (const result of answer.results) {
      if (result.ok) selected.delete(result.id);
    }
    showSelection();
    await load(current);
  }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of kFilterNames) {
      const field = form.elements[name];
      const value = field.type === 'checkbox' ? (field.checked ? '1' : '') : field.value.trim();
      if (value && !(name === 'sort' && value === 'deadline')) params.set(name, value);
    }
    if (params.get('from') && params.get('to') && params.get('from') > params.get('to')) {
      results.replaceChildren(el('p', { class: 'problem', role: 'alert' },
                                 '"Placed from" is after "Placed to": swap them or clear one.'));
      return;
    }
    history.replaceState(null, '', '/orders' + (params.size ? '?' + params : ''));
    cursors.length = 0;
    show(() => load(''));
  });
  showSelection();
  main.replaceChildren(el('h1', {}, 'Orders'), form, bulk, outcome, results);
  await load('', firstPage);
}

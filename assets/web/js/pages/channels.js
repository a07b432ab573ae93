// Channels: each sales channel's settings (the locations that ship its orders, best first, the
// units held back, where its stock updates go, its despatch rule, and its webhook secret, which can
// be set or removed but is never shown), its per-SKU rules (a buffer or a fixed quantity), and the
// stock outbox: what is waiting to go, what failed and why, with a re-send. An admin changes the
// settings; a manager sets per-SKU rules and re-sends.
import { api } from '/web/js/api.js';
import { channelName, el, kChannelNames, localTime, quantity, utcTime } from '/web/js/format.js';

// The outbox rows shown at most (the newest).
const kOutboxLimit = 100;
const kStates = [['', 'Waiting or failed'], ['pending', 'Pending'], ['failed', 'Failed'],
                 ['delivered', 'Delivered'], ['all', 'All']];

function field(id, label, control, hint) {
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return el('div', { class: 'field' }, el('label', { for: id }, label), control,
            hint ? el('span', { id: hintId, class: 'hint' }, hint) : null);
}

// "2.5" kg as grams (2500), from the text without floating point; null when it is not a number.
function milliFromText(text) {
  const match = /^(\d{1,7})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  return Number.parseInt(match[1], 10) * 1000 + Number.parseInt((match[2] || '').padEnd(3, '0'), 10);
}

function ruleWords(rule) {
  return rule.fixed_quantity_milli !== null
    ? `Fixed quantity ${quantity(rule.fixed_quantity_milli)}`
    : `Buffer ${quantity(rule.buffer_milli)}`;
}

// Today's times as the clock shows them ("16:48"), other days with their date; UTC on hover.
// `wide`: shown only on a wide screen (a tablet has no room for it).
function timeCell(iso, wide = false) {
  const shape = wide ? 'nowrap wide-only' : 'nowrap';
  if (!iso) return el('td', { class: shape }, '—');
  const at = new Date(iso);
  const today = at.toDateString() === new Date().toDateString();
  const shown = today ? at.toLocaleTimeString('en-GB', { timeStyle: 'short' }) : localTime(iso);
  return el('td', { title: `${localTime(iso)} (${utcTime(iso)})`, class: shape }, shown);
}

export async function render(main, context) {
  const admin = context.staff.role === 'admin';
  // Each channel's words next to its forms, and the outbox's next to the outbox: kept across
  // redraws so the message stays where the change was made.
  const statusLine = () => el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const statuses = Object.fromEntries(Object.keys(kChannelNames).map((code) => [code, statusLine()]));
  const outboxStatus = statusLine();
  const sections = el('div', { class: 'channels' });
  // Scrolls sideways on a narrow screen, so it takes the keyboard's focus to scroll by arrow keys.
  const outbox = el('div', { id: 'outbox-table', tabindex: '0', role: 'region',
                             'aria-label': 'Stock outbox entries' });
  const locations = (await api('GET', '/api/v1/locations')).locations;

  const say = (status, words, problem = false) => {
    status.classList.toggle('problem', problem);
    status.textContent = words;
  };

  const settingsForm = (channel) => {
    const id = (name) => `${channel.code}-${name}`;
    const name = kChannelNames[channel.code];
    const secret = el('input', { id: id('secret'), type: 'password', autocomplete: 'new-password',
                                 disabled: !admin });
    const clear = admin && channel.webhook_secret_set
      ? el('label', { class: 'check' }, el('input', { type: 'checkbox', id: id('clear-secret') }),
           ' Remove the webhook secret')
      : null;
    const form = el('form', { class: 'settings', 'aria-label': `${name} settings` },
      field(id('locations'), 'Locations, best first', el('input', {
        id: id('locations'), value: channel.locations.join(', '), disabled: !admin, required: true,
      }), `Codes, separated by commas: ${locations.map((l) => l.code).join(', ')}`),
      field(id('buffer'), 'Buffer (units held back)', el('input', {
        id: id('buffer'), inputmode: 'numeric', value: quantity(channel.buffer_milli), disabled: !admin,
      })),
      field(id('base-url'), 'Stock updates go to', el('input', {
        id: id('base-url'), type: 'url', value: channel.base_url, disabled: !admin,
      }), 'http(s)://host:port; empty: no stock updates are sent'),
      field(id('despatch-rule'), 'Despatch rule', el('input', {
        id: id('despatch-rule'), value: channel.despatch_rule, disabled: !admin,
      }), 'Time zone, cut-off, +handling days, +transit days, holidays: Europe/London 14:00 +0 +2 2026-12-25'),
      field(id('secret'), `Webhook secret (${channel.webhook_secret_set ? 'set' : 'not set'})`, secret,
            !admin ? null : channel.webhook_secret_set ? 'Type a new one to replace it; empty keeps it'
                                                       : 'Type one to set it'),
      clear,
      admin ? el('button', { type: 'submit', class: 'primary' }, `Save ${name} settings`)
            : el('p', { class: 'dim' }, 'Only an admin changes a channel’s settings.'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = (key) => form.querySelector(`#${id(key)}`).value.trim();
      const buffer = value('buffer');
      const body = {
        locations: value('locations').split(',').map((code) => code.trim()).filter(Boolean),
        buffer: /^\d+$/.test(buffer) ? Number.parseInt(buffer, 10) : buffer,
        base_url: value('base-url'),
        despatch_rule: value('despatch-rule'),
      };
      if (secret.value) body.webhook_secret = secret.value;
      if (clear && clear.querySelector('input').checked) body.clear_webhook_secret = true;
      secret.value = '';
      try {
        await api('PUT', `/api/v1/channels/${channel.code}`, body);
        await load();
        say(statuses[channel.code], `${name}: settings saved.`);
      } catch (error) {
        say(statuses[channel.code], `${name}: ${error.message}`, true);
      }
    });
    return form;
  };

  const rulesPart = (channel, rules) => {
    const id = (name) => `${channel.code}-rule-${name}`;
    const name = kChannelNames[channel.code];
    const remove = (rule) => el('button', {
      type: 'button', 'aria-label': `Remove the rule for ${rule.sku} on ${name}`,
      onclick: async () => {
        try {
          await api('DELETE', `/api/v1/channels/${channel.code}/skus/${encodeURIComponent(rule.sku)}`);
          await load();
          say(statuses[channel.code], `${name}: ${rule.sku} follows the channel’s buffer again.`);
        } catch (error) {
          say(statuses[channel.code], `${name}: ${error.message}`, true);
        }
      },
    }, 'Remove');
    const table = rules.length === 0
      ? el('p', { class: 'empty' }, 'No per-SKU rules: every SKU follows the channel’s buffer.')
      : el('table', { class: 'list' },
        el('caption', { class: 'visually-hidden' }, `${name} per-SKU rules`),
        el('thead', {}, el('tr', {}, ['SKU', 'Rule', 'Action'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rules.map((rule) => el('tr', {},
          el('td', {}, rule.sku), el('td', {}, ruleWords(rule)), el('td', {}, remove(rule))))));
    const matches = el('datalist', { id: id('matches') });
    const sku = el('input', { id: id('sku'), list: id('matches'), autocomplete: 'off', required: true });
    sku.addEventListener('input', async () => {
      const text = sku.value.trim();
      if (text.length < 2) return;
      try {
        const answer = await api('GET', `/api/v1/catalogue/skus?q=${encodeURIComponent(text)}`);
        matches.replaceChildren(...answer.skus.slice(0, 20).map((s) =>
          el('option', { value: s.code }, `${s.product_name} ${s.variant_name}`.trim())));
      } catch {
        // The list only helps; the rule is checked when it is set.
      }
    });
    const form = el('form', { class: 'rule-form', 'aria-label': `Set a ${name} per-SKU rule` },
      field(id('sku'), 'SKU', sku, 'Type to find it'),
      matches,
      field(id('kind'), 'Rule', el('select', { id: id('kind') },
        el('option', { value: 'fixed_quantity' }, 'Fixed quantity'),
        el('option', { value: 'buffer' }, 'Buffer'))),
      field(id('quantity'), 'Units (kg if weighed)', el('input', {
        id: id('quantity'), inputmode: 'decimal', required: true,
      })),
      el('button', { type: 'submit', class: 'primary' }, 'Set rule'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const code = sku.value.trim();
      const kind = form.querySelector(`#${id('kind')}`).value;
      const amount = form.querySelector(`#${id('quantity')}`).value;
      try {
        const found = await api('GET', `/api/v1/catalogue/skus/${encodeURIComponent(code)}`);
        const body = {};
        if (found.sold_by === 'weight') {
          const milli = milliFromText(amount);
          if (milli === null) throw new Error('The quantity is a number of kilograms, such as 2.5.');
          body[`${kind}_milli`] = milli;
        } else {
          if (!/^\d+$/.test(amount.trim())) throw new Error('The quantity is a whole number of units.');
          body[kind] = Number.parseInt(amount, 10);
        }
        await api('PUT', `/api/v1/channels/${channel.code}/skus/${encodeURIComponent(found.code)}`, body);
        await load();
        say(statuses[channel.code], `${name}: the rule for ${found.code} is set.`);
      } catch (error) {
        say(statuses[channel.code], `${name}: ${error.message}`, true);
      }
    });
    return el('div', { class: 'rules' }, el('h3', {}, 'Per-SKU rules'), table, form);
  };

  const load = async () => {
    const answer = await api('GET', '/api/v1/channels');
    const all = await Promise.all(answer.channels.map((channel) =>
      api('GET', `/api/v1/channels/${channel.code}/skus`)));
    sections.replaceChildren(...answer.channels.map((channel, i) => {
      const name = kChannelNames[channel.code];
      const counts = channel.outbox;
      return el('section', { class: 'panel channel', 'aria-labelledby': `${channel.code}-heading` },
        el('h2', { id: `${channel.code}-heading` }, name),
        el('p', { class: counts.failed > 0 ? 'flag' : 'dim' },
           `Stock outbox: ${counts.pending} pending, ${counts.failed} failed`),
        statuses[channel.code],
        el('div', { class: 'channel-parts' },
          el('div', {}, el('h3', {}, 'Settings'), settingsForm(channel)),
          rulesPart(channel, all[i].rules)));
    }));
    await loadOutbox();
  };

  const channelFilter = el('select', { id: 'outbox-channel' },
    el('option', { value: '' }, 'Every channel'),
    Object.entries(kChannelNames).map(([code, name]) => el('option', { value: code }, name)));
  const stateFilter = el('select', { id: 'outbox-state' },
    kStates.map(([value, words]) => el('option', { value }, words)));

  const resend = (entry) => el('button', {
    type: 'button', 'aria-label': `Re-send ${entry.subject} to ${channelName(entry.channel)}`,
    onclick: async () => {
      try {
        await api('POST', `/api/v1/channels/outbox/${entry.id}/resend`);
        await loadOutbox();
        say(outboxStatus, `${entry.subject} goes to ${channelName(entry.channel)} again now.`);
      } catch (error) {
        say(outboxStatus, error.message, true);
      }
    },
  }, 'Re-send');

  const fetchOutbox = async (state) => {
    const query = new URLSearchParams({ limit: String(kOutboxLimit) });
    if (channelFilter.value) query.set('channel', channelFilter.value);
    if (state) query.set('state', state);
    return (await api('GET', `/api/v1/channels/outbox?${query}`)).entries;
  };

  let outboxAsked = 0;  // the newest request draws; an older answer arriving later is dropped
  const loadOutbox = async () => {
    const asked = ++outboxAsked;
    const state = stateFilter.value;
    // "Waiting or failed": both undelivered states, newest first.
    const entries = state
      ? await fetchOutbox(state === 'all' ? '' : state)
      : (await Promise.all([fetchOutbox('pending'), fetchOutbox('failed')])).flat()
        .sort((a, b) => b.id - a.id).slice(0, kOutboxLimit);
    if (asked !== outboxAsked) return;
    // A list cut at its limit says so: each channel's card above counts every waiting and failed.
    const cut = entries.length >= kOutboxLimit
      ? el('p', { class: 'dim', id: 'outbox-cut' },
        `Only the newest ${kOutboxLimit} are shown; each channel above says how many are waiting and failed.`)
      : null;
    outbox.replaceChildren(...(cut ? [cut] : []), entries.length === 0
      ? el('p', { class: 'empty' }, 'Nothing here.')
      : el('table', { class: 'list' },
        el('caption', { class: 'visually-hidden' }, 'Stock outbox'),
        el('thead', {}, el('tr', {}, ['Channel', 'SKU', 'Offered', 'State', 'Queued', 'Tries',
                                      'Next try', 'Last error', 'Action']
          .map((h) => el('th', { scope: 'col', class: { Offered: 'amount', Tries: 'amount', Queued: 'wide-only' }[h] || null }, h)))),
        el('tbody', {}, entries.map((entry) => el('tr', {},
          el('td', { class: 'nowrap' }, channelName(entry.channel)),
          el('td', {}, entry.subject),
          el('td', { class: 'amount' }, entry.available === null ? '—' : String(entry.available)),
          el('td', { class: 'nowrap' }, el('span', { class: `light ${{ failed: 'red', pending: 'amber', delivered: 'green' }[entry.state]}` }, entry.state)),
          timeCell(entry.created_at, true),
          el('td', { class: 'amount' }, String(entry.attempts)),
          timeCell(entry.next_attempt_at),
          el('td', {}, entry.last_error || '—'),
          el('td', { class: 'nowrap' }, entry.state === 'delivered' ? '' : resend(entry)))))));
  };

  const filters = el('form', { class: 'filters', 'aria-label': 'Outbox filters' },
    el('label', { for: 'outbox-channel' }, 'Channel'), channelFilter,
    el('label', { for: 'outbox-state' }, 'State'), stateFilter,
    el('button', { type: 'submit' }, 'Show'));
  filters.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await loadOutbox();
    } catch (error) {
      say(outboxStatus, error.message, true);
    }
  });
  channelFilter.addEventListener('change', () => filters.requestSubmit());
  stateFilter.addEventListener('change', () => filters.requestSubmit());

  main.replaceChildren(el('h1', {}, 'Channels'), sections,
    el('section', { class: 'outbox', 'aria-labelledby': 'outbox-heading' },
      el('h2', { id: 'outbox-heading' }, 'Stock outbox'),
      el('p', { class: 'dim' }, 'What each channel is told it may sell. A failed update is tried again by itself, waiting longer each time; Re-send tries it now.'),
      filters, outboxStatus, outbox));
  await load();
}

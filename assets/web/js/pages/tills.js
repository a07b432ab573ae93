// Tills: a one-time pairing code, shown large for the person at the new till to type, and the
// tills paired so far with the last event each sent. An admin revokes a lost or stolen till.
import { api } from '/web/js/api.js';
import { ask } from '/web/js/dialog.js';
import { el, localTime, utcTime } from '/web/js/format.js';

export async function render(main, context) {
  const me = context.staff;
  const locations = (await api('GET', '/api/v1/locations')).locations.filter((l) => l.kind === 'store');
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const code = el('div', { class: 'pairing', 'aria-live': 'polite' });
  const table = el('div');

  const store = el('select', { id: 'pairing-store' },
    locations.map((l) => el('option', { value: l.code }, `${l.code} ${l.name}`)));
  const make = el('button', {
    type: 'button', class: 'primary',
    onclick: async () => {
      try {
        const made = await api('POST', '/api/v1/terminals/pairing-codes', { store: store.value });
        code.replaceChildren(
          el('p', {}, `Type this code at the new till of ${made.store} (once, until ${localTime(made.expires_at)}):`),
          el('output', { class: 'pairing-code', 'aria-label': 'Pairing code' }, made.code));
      } catch (error) {
        code.replaceChildren(el('p', { class: 'problem', role: 'alert' }, error.message));
      }
    },
  }, 'Make a pairing code');

  const revoke = (till) => me.role !== 'admin' || till.revoked ? '' : el('button', {
    type: 'button', class: 'danger', 'aria-label': `Revoke till ${till.store}-${till.name}`,
    onclick: async () => {
      const yes = await ask({ title: `Revoke till ${till.store}-${till.name}?`, confirm: 'Revoke', danger: true,
        text: 'Its token stops working at once. What it sent stays; what it has not sent yet stays on the till until it is paired again.' });
      if (!yes) return;
      try {
        await api('POST', `/api/v1/terminals/${encodeURIComponent(till.id)}/revoke`, {});
        status.textContent = `Till ${till.store}-${till.name} is revoked.`;
        await load();
      } catch (error) {
        status.textContent = error.message;
      }
    },
  }, 'Revoke');

  const load = async () => {
    const answer = await api('GET', '/api/v1/terminals');
    if (answer.terminals.length === 0) {
      table.replaceChildren(el('p', { class: 'empty' }, 'No till is paired yet: make a code above.'));
      return;
    }
    table.replaceChildren(el('table', { class: 'list' },
      el('caption', { class: 'visually-hidden' }, 'Tills'),
      el('thead', {}, el('tr', {}, ['Till', 'Paired', 'Last event', 'Status', 'Actions']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, answer.terminals.map((till) => el('tr', {},
        el('td', {}, `${till.store}-${till.name}`),
        el('td', { title: utcTime(till.paired_at) }, localTime(till.paired_at)),
        el('td', {}, till.last_event
          ? el('span', { title: utcTime(till.last_event.occurred_at) },
               `${localTime(till.last_event.occurred_at)} (its event ${till.last_event.origin_seq})`)
          : 'None yet'),
        el('td', {}, till.revoked ? `Revoked ${localTime(till.revoked_at)}` : 'Paired'),
        el('td', {}, revoke(till)))))));
  };

  main.replaceChildren(
    el('h1', {}, 'Tills'),
    el('section', { class: 'panel', 'aria-labelledby': 'pair-heading' },
      el('h2', { id: 'pair-heading' }, 'Pair a new till'),
      el('div', { class: 'inline-form' },
        el('label', { for: 'pairing-store' }, 'Store'), store, make),
      code),
    el('h2', {}, 'Paired tills'), status, table);
  await load();
}

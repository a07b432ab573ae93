// Staff: everyone who signs in here or at a till. A manager deactivates or brings back cashiers
// and fulfilment staff and sets their till PIN; an admin also adds people and changes managers.
// Deactivating someone signs them out everywhere at once.
import { api } from '/web/js/api.js';
import { ask } from '/web/js/dialog.js';
import { el } from '/web/js/format.js';

const kRank = { cashier: 1, fulfilment: 2, manager: 3, admin: 4 };
const kRoles = ['cashier', 'fulfilment', 'manager', 'admin'];

function mayChange(me, person) {
  return me.id !== person.id && (me.role === 'admin' || kRank[person.role] < kRank.manager);
}

export async function render(main, context) {
  const me = context.staff;
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const table = el('div');

  const change = async (person, body, done) => {
    try {
      await api('PATCH', `/api/v1/staff/${encodeURIComponent(person.id)}`, body);
      status.textContent = done;
      await load();
    } catch (error) {
      status.textContent = error.message;
    }
  };

  const actions = (person) => {
    if (me.id === person.id) return el('span', { class: 'dim' }, 'You');
    if (!mayChange(me, person)) return el('span', { class: 'dim' }, 'Only an admin can change this');
    const name = person.display_name;
    const buttons = [];
    if (person.active) {
      buttons.push(el('button', {
        type: 'button', class: 'danger', 'aria-label': `Deactivate ${name}`,
        onclick: async () => {
          const yes = await ask({ title: `Deactivate ${name}?`, confirm: 'Deactivate', danger: true,
            text: `${name} is signed out at once, here and at the tills, and cannot sign in until brought back. Nothing they recorded changes.` });
          if (yes) await change(person, { active: false }, `${name} is deactivated and signed out.`);
        },
      }, 'Deactivate'));
    } else {
      buttons.push(el('button', {
        type: 'button', 'aria-label': `Bring back ${name}`,
        onclick: () => change(person, { active: true }, `${name} can sign in again.`),
      }, 'Bring back'));
    }
    buttons.push(el('button', {
      type: 'button', 'aria-label': `New PIN for ${name}`,
      onclick: async () => {
        const answer = await ask({ title: `New till PIN for ${name}`, confirm: 'Set PIN',
          text: '4 to 8 digits. Tell it to them in person.',
          fields: [{ name: 'pin', label: 'New PIN', type: 'password', inputmode: 'numeric' }] });
        if (answer) await change(person, { pin: answer.pin }, `${name} has a new till PIN.`);
      },
    }, 'New PIN'));
    return el('div', { class: 'row-actions' }, buttons);
  };

  const load = async () => {
    const answer = await api('GET', '/api/v1/staff');
    table.replaceChildren(el('table', { class: 'list' },
      el('caption', { class: 'visually-hidden' }, 'Staff'),
      el('thead', {}, el('tr', {}, ['Name', 'Username', 'Role', 'Till PIN', 'Status', 'Actions']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, answer.staff.map((person) => el('tr', { class: person.active ? '' : 'inactive' },
        el('td', {}, person.display_name),
        el('td', {}, person.username),
        el('td', {}, person.role),
        el('td', {}, person.has_pin ? 'Yes' : 'None'),
        el('td', {}, person.active ? 'Active' : 'Deactivated'),
        el('td', {}, actions(person)))))));
  };

  const add = me.role !== 'admin' ? null : el('button', {
    type: 'button', class: 'primary',
    onclick: async () => {
      const answer = await ask({ title: 'Add a member of staff', confirm: 'Add',
        fields: [{ name: 'username', label: 'Username' }, { name: 'display_name', label: 'Full name' },
                 { name: 'role', label: `Role (${kRoles.join(', ')})` },
                 { name: 'password', label: 'Password (10 characters or more)', type: 'password' }] });
      if (!answer) return;
      try {
        await api('POST', '/api/v1/staff', answer);
        status.textContent = `${answer.display_name} can sign in now.`;
        await load();
      } catch (error) {
        status.textContent = error.message;
      }
    },
  }, 'Add a member of staff');

  main.replaceChildren(...[el('h1', {}, 'Staff'), add, status, table].filter(Boolean));
  await load();
}

// A modal question in a <dialog>: its title, what it does, optional fields, and two buttons.
// Answers the fields' values when confirmed, null when cancelled (Escape or "Cancel"). A field
// with `optional: true` may be left empty (answered as '').
import { el } from '/web/js/format.js';

export function ask({ title, text, confirm, danger = false, fields = [] }) {
  return new Promise((resolve) => {
    const inputs = fields.map((f) => el('input', {
      id: `dialog-${f.name}`, name: f.name, type: f.type || 'text', required: !f.optional,
      inputmode: f.inputmode || false, autocomplete: 'off',
    }));
    const problem = el('p', { class: 'problem', role: 'alert' });
    const form = el('form', { method: 'dialog' },
      el('h2', { id: 'dialog-title' }, title),
      text ? el('p', {}, text) : null,
      fields.map((f, i) => el('div', { class: 'field' },
        el('label', { for: `dialog-${f.name}` }, f.label), inputs[i])),
      problem,
      el('div', { class: 'buttons' },
        el('button', { type: 'button', value: 'cancel', class: 'quiet-dark' }, 'Cancel'),
        el('button', { type: 'submit', value: 'ok', class: danger ? 'danger' : 'primary' }, confirm)));
    const dialog = el('dialog', { 'aria-labelledby': 'dialog-title' }, form);
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    form.querySelector('button[value="cancel"]').addEventListener('click', () => close(null));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(null);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = {};
      for (const input of inputs) {
        if (!input.value.trim() && input.required) {
          problem.textContent = `Fill in ${input.labels[0].textContent.toLowerCase()}.`;
          input.focus();
          return;
        }
        values[input.name] = input.value.trim();
      }
      close(values);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

// The catalogue: a CSV of SKUs imported all or nothing. Every row is checked first; a file with
// any bad row imports nothing, and each bad row is listed by file, line and field.
import { api } from '/web/js/api.js';
import { el } from '/web/js/format.js';

export async function render(main) {
  const result = el('div', { role: 'status', 'aria-live': 'polite' });
  const file = el('input', { id: 'catalogue-file', type: 'file', accept: '.csv,text/csv' });
  const button = el('button', { type: 'submit', class: 'primary' }, 'Import');
  const form = el('form', { class: 'panel', 'aria-labelledby': 'import-heading' },
    el('h2', { id: 'import-heading' }, 'Import a catalogue CSV'),
    el('p', { class: 'dim' }, 'Columns: sku, product_id, product_name, variant_name, category, ' +
                              'barcodes, price, cost_price, tax_class, sold_by, active. New SKUs are ' +
                              'added and known ones updated; nothing is ever deleted.'),
    el('div', { class: 'inline-form' }, el('label', { for: 'catalogue-file' }, 'CSV file'), file, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) {
      result.replaceChildren(el('p', { class: 'problem' }, 'Choose a CSV file first.'));
      return;
    }
    button.disabled = true;
    result.replaceChildren(el('p', { class: 'loading' }, `Checking ${chosen.name}…`));
    try {
      const text = await chosen.text();
      const done = await api('POST', `/api/v1/catalogue/imports?file=${encodeURIComponent(chosen.name)}`,
                             text, 'text/csv');
      result.replaceChildren(el('p', { class: 'good' },
        `Imported ${done.imported} SKU${done.imported === 1 ? '' : 's'} from ${done.file}.`));
    } catch (error) {
      result.replaceChildren(
        el('p', { class: 'problem' }, 'Nothing was imported. Correct these rows and import the file again:'),
        el('pre', { class: 'errors' }, error.message));
    } finally {
      button.disabled = false;
    }
  });
  main.replaceChildren(el('h1', {}, 'Catalogue'), form, result);
}

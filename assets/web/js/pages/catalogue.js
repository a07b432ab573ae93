// The catalogue: SKUs found by code, name or barcode, a page at a time, and one SKU opened to
// edit: its price, its details (names, category, tax class, cost), its barcodes and whether the
// tills sell it. Every change is read back from the office and drawn again; a refusal is said in
// words next to the field it concerns. Prices are typed as text and sent as typed: the office
// parses them (money::ParseMoney), never the page.
// Below, a catalogue CSV imported all or nothing: every row is checked first; a file with any bad
// row imports nothing, and each bad row is listed by file, line and field.
import { api } from '/web/js/api.js';
import { ask } from '/web/js/dialog.js';
import { decimal, el, money } from '/web/js/format.js';

const kPage = 50;

function skuPath(code) {
  return `/api/v1/catalogue/skus/${encodeURIComponent(code)}`;
}

// A tax rate from basis points, without floating point: 2000 is "20", 550 is "5.5".
function percent(basisPoints) {
  const part = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  return `${Math.trunc(basisPoints / 100)}${part ? '.' + part : ''}`;
}

function fullName(sku) {
  return sku.variant_name ? `${sku.product_name}, ${sku.variant_name}` : sku.product_name;
}

// A labelled control with its own line for the office's refusal, tied to it for screen readers.
function field(id, label, control, hint) {
  const problem = el('p', { id: `${id}-problem`, class: 'problem field-problem' });
  control.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', `${id}-problem`].join(' ').trim());
  return {
    control,
    problem,
    node: el('div', { class: 'field' }, el('label', { for: id }, label),
             hint ? el('span', { id: `${id}-hint`, class: 'hint' }, hint) : null, control, problem),
  };
}

function clearProblems(fields) {
  for (const f of Object.values(fields)) {
    f.problem.textContent = '';
    f.control.removeAttribute('aria-invalid');
  }
}

// The office's refusal next to the field it names (`fallback` when it names none of `fields`).
function showProblem(fields, error, fallback) {
  const name = (error.field || '').replace(/\[.*$/, '');
  const target = fields[name] || fields[fallback];
  target.problem.textContent = error.message;
  target.control.setAttribute('aria-invalid', 'true');
  target.control.focus();
}

export async function render(main) {
  const taxClasses = (await api('GET', '/api/v1/catalogue/tax-classes')).tax_classes;
  const params = new URLSearchParams(location.search);
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const problem = el('p', { class: 'problem field-problem', role: 'alert' });  // a search or a SKU that failed
  let query = params.get('q') || '';
  let after = null;  // where the next page of results starts
  let open = null;  // the SKU being edited, as the office last answered it

  // The address keeps the search and the open SKU, so a reload comes back to them.
  const remember = () => {
    const next = new URLSearchParams();
    if (query) next.set('q', query);
    if (open) next.set('sku', open.code);
    const text = next.toString();
    history.replaceState(null, '', text ? `/catalogue?${text}` : '/catalogue');
  };

  // ---- The results ----
  const rows = el('tbody');
  const count = el('p', { class: 'count', id: 'results-count', 'aria-live': 'polite' });
  const more = el('button', { type: 'button', hidden: true }, 'Show more SKUs');
  const table = el('table', { class: 'list skus', 'aria-labelledby': 'results-heading', hidden: true },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Code'), el('th', { scope: 'col' }, 'Name'),
      el('th', { scope: 'col', class: 'amount' }, 'Price'), el('th', { scope: 'col' }, 'Barcodes'),
      el('th', { scope: 'col' }, 'Active'))),
    rows);

  const row = (sku) => el('tr', { 'data-sku': sku.code, class: sku.active ? null : 'inactive' },
    el('th', { scope: 'row' }, el('button', {
      type: 'button', class: 'link', 'aria-label': `Edit ${sku.code}`,
      'aria-current': open && open.code === sku.code ? 'true' : false,
      onclick: () => openSku(sku.code),
    }, sku.code)),
    el('td', {}, fullName(sku)),
    el('td', { class: 'amount' }, money(sku.price_minor, sku.currency)),
    el('td', { class: 'barcodes' }, sku.barcodes.length ? sku.barcodes.map((b) => el('span', {}, b)) : '—'),
    el('td', {}, sku.active ? 'Yes' : 'No'));

  // The row of `sku` redrawn where it is (after a change), if the results show it.
  const redrawRow = (sku) => {
    for (const tr of rows.children) {
      if (tr.dataset.sku === sku.code) tr.replaceWith(row(sku));
    }
  };

  const search = async (from) => {
    const path = `/api/v1/catalogue/skus?q=${encodeURIComponent(query)}&limit=${kPage}` +
                 (from ? `&after=${encodeURIComponent(from)}` : '');
    const answer = await api('GET', path);
    if (!from) rows.replaceChildren();
    rows.append(...answer.skus.map(row));
    after = answer.more ? answer.next_after : null;
    more.hidden = !answer.more;
    table.hidden = rows.children.length === 0;
    const shown = rows.children.length;
    count.textContent = shown === 0 ? (query ? `No SKU matches “${query}”.` : 'The catalogue has no SKU yet.')
      : `${shown} SKU${shown === 1 ? '' : 's'}${answer.more ? ', more below' : ''}` +
        (query ? ` matching “${query}”.` : '.');
    return answer.skus;
  };

  const input = el('input', { id: 'sku-q', type: 'search', value: query, autocomplete: 'off' });
  const searchForm = el('form', { class: 'search-bar', role: 'search', 'aria-label': 'Find SKUs' },
    el('label', { for: 'sku-q' }, 'Code, name or barcode'), input,
    el('button', { type: 'submit', class: 'primary' }, 'Search'));
  searchForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    query = input.value.trim();
    problem.textContent = '';
    try {
      const found = await search(null);
      remember();
      // A scanned barcode or a whole code names one SKU: open it at once.
      if (found.length === 1 && query) await openSku(found[0].code);
    } catch (error) {
      problem.textContent = error.message;
    }
  });
  more.addEventListener('click', async () => {
    const first = rows.children.length;
    try {
      await search(after);
      rows.children[first]?.querySelector('button')?.focus();
    } catch (error) {
      problem.textContent = error.message;
    }
  });

  // ---- The editor of one SKU ----
  const editor = el('section', { class: 'panel editor', 'aria-labelledby': 'edit-heading', hidden: true });

  const said = (words) => {
    status.classList.remove('problem');
    status.textContent = words;
  };

  // Sends one change; the SKU is then read back from the office and drawn again, in the editor
  // and in the results, and the keyboard's focus goes back to `focus` (a selector in the editor).
  // A refusal goes next to its field and changes nothing on the page.
  const change = async (fields, fallback, send, words, focus) => {
    clearProblems(fields);
    status.textContent = '';
    try {
      await send();
    } catch (error) {
      showProblem(fields, error, fallback);
      return;
    }
    try {
      const sku = await api('GET', skuPath(open.code));
      drawEditor(sku);
      redrawRow(sku);
      editor.querySelector(focus)?.focus();
      said(words(sku));
    } catch (error) {
      status.classList.add('problem');
      status.textContent = error.message;
    }
  };

  const drawEditor = (sku) => {
    open = sku;
    const code = sku.code;

    // Price.
    const priceFields = {
      price: field('edit-price', `Price (${sku.currency})`,
                   el('input', { id: 'edit-price', inputmode: 'decimal', autocomplete: 'off',
                                 value: decimal(sku.price_minor, sku.currency) }),
                   `Now ${money(sku.price_minor, sku.currency)}. Type the amount alone, as 4.50.`),
    };
    const priceForm = el('form', { class: 'edit-block', 'aria-labelledby': 'price-heading' },
      el('h3', { id: 'price-heading' }, 'Price'), priceFields.price.node,
      el('button', { type: 'submit', class: 'primary' }, 'Set price'));
    priceForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const price = priceFields.price.control.value.trim();
      change(priceFields, 'price', () => api('POST', `${skuPath(code)}/price`, { price }),
             (s) => `${s.code}: the price is now ${money(s.price_minor, s.currency)}.`, '#edit-price');
    });

    // Details: the rest of the record, sent whole (PUT) over the SKU as the office has it now.
    const text = (id, value) => el('input', { id, value, autocomplete: 'off' });
    const detailFields = {
      product_name: field('edit-product-name', 'Product name', text('edit-product-name', sku.product_name),
                          `Shared by every variant of ${sku.product_id}.`),
      variant_name: field('edit-variant-name', 'Variant', text('edit-variant-name', sku.variant_name)),
      category: field('edit-category', 'Category', text('edit-category', sku.category)),
      tax_class: field('edit-tax-class', 'Tax class', el('select', { id: 'edit-tax-class' },
        taxClasses.map((t) => el('option', { value: t.code, selected: t.code === sku.tax_class },
          `${t.code} (${percent(t.rate_basis_points)} %, ${t.mode})`)))),
      cost_price: field('edit-cost-price', `Cost price (${sku.currency})`,
                        el('input', { id: 'edit-cost-price', inputmode: 'decimal', autocomplete: 'off',
                                      value: decimal(sku.cost_minor, sku.currency) })),
    };
    const detailsForm = el('form', { class: 'edit-block details', 'aria-labelledby': 'details-heading' },
      el('h3', { id: 'details-heading' }, 'Details'),
      el('div', { class: 'details-grid' }, Object.values(detailFields).map((f) => f.node)),
      el('button', { type: 'submit', class: 'primary' }, 'Save details'));
    detailsForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = (name) => detailFields[name].control.value;
      change(detailFields, 'product_name', async () => {
        const now = await api('GET', skuPath(code));
        await api('PUT', skuPath(code), {
          product_id: now.product_id, product_name: value('product_name').trim(),
          variant_name: value('variant_name').trim(), category: value('category').trim(),
          price: decimal(now.price_minor, now.currency), cost_price: value('cost_price').trim(),
          tax_class: value('tax_class'), sold_by: now.sold_by, active: now.active,
          barcodes: now.barcodes,
        });
      }, (s) => `${s.code}: details saved.`, '#edit-product-name');
    });

    // Barcodes.
    const barcodeFields = {
      barcode: field('edit-barcode', 'New barcode', el('input', {
        id: 'edit-barcode', inputmode: 'numeric', autocomplete: 'off' }), 'EAN-13, UPC-A, EAN-8 or GTIN-14'),
    };
    const held = el('ul', { class: 'barcode-list', 'aria-labelledby': 'barcodes-heading' },
      sku.barcodes.length === 0 ? el('li', { class: 'dim' }, 'No barcode yet.') : null,
      sku.barcodes.map((b) => el('li', {}, el('span', { class: 'code' }, b),
        el('button', {
          type: 'button', 'aria-label': `Remove barcode ${b}`,
          onclick: () => change(barcodeFields, 'barcode',
                                () => api('DELETE', `${skuPath(code)}/barcodes/${encodeURIComponent(b)}`),
                                (s) => `${s.code}: barcode ${b} removed.`, '#edit-barcode'),
        }, 'Remove'))));
    const barcodeForm = el('form', { class: 'edit-block', 'aria-labelledby': 'barcodes-heading' },
      el('h3', { id: 'barcodes-heading' }, 'Barcodes'), held, barcodeFields.barcode.node,
      el('button', { type: 'submit', class: 'primary' }, 'Add barcode'));
    barcodeForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const barcode = barcodeFields.barcode.control.value.trim();
      change(barcodeFields, 'barcode', () => api('POST', `${skuPath(code)}/barcodes`, { barcode }),
             (s) => `${s.code}: barcode ${barcode} added.`, '#edit-barcode');
    });

    // Sold or not.
    const toggle = el('button', { type: 'button', class: sku.active ? 'danger' : 'primary',
                                  'aria-describedby': 'active-now active-problem' },
                      sku.active ? 'Deactivate' : 'Activate');
    const activeFields = { active: { control: toggle, problem: el('p', { class: 'problem field-problem', id: 'active-problem' }) } };
    toggle.addEventListener('click', async () => {
      if (sku.active) {
        const sure = await ask({
          title: `Deactivate ${code}?`, confirm: 'Deactivate', danger: true,
          text: 'The tills stop selling it at their next sync. Orders and history keep it, and ' +
                'it can be activated again.',
        });
        if (!sure) {
          toggle.focus();
          return;
        }
      }
      await change(activeFields, 'active',
        () => api('POST', `${skuPath(code)}/${sku.active ? 'deactivate' : 'activate'}`),
        (s) => `${s.code} is ${s.active ? 'active again: the tills sell it' : 'deactivated: the tills no longer sell it'}.`,
        '.active-block button');
    });
    const activeBlock = el('div', { class: 'edit-block active-block', role: 'group', 'aria-labelledby': 'active-heading' },
      el('h3', { id: 'active-heading' }, 'Sold at the tills'),
      el('p', { id: 'active-now' }, sku.active ? 'Active: the tills sell it.' : 'Deactivated: the tills do not sell it.'),
      toggle, activeFields.active.problem);

    editor.replaceChildren(
      el('div', { class: 'editor-head' },
        el('h2', { id: 'edit-heading', tabindex: '-1' }, `Edit ${code}`),
        el('button', { type: 'button', onclick: closeSku }, 'Close')),
      el('p', { class: 'dim summary' }, `${fullName(sku)} · ${sku.category} · sold by ${sku.sold_by}` +
                                 (sku.active ? '' : ' · deactivated')),
      status,
      el('div', { class: 'edit-blocks' }, priceForm, barcodeForm, activeBlock, detailsForm));
    editor.hidden = false;
    for (const button of rows.querySelectorAll('th button')) {
      if (button.closest('tr').dataset.sku === code) button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
    }
  };

  const openSku = async (code) => {
    problem.textContent = '';
    try {
      const sku = await api('GET', skuPath(code));
      status.textContent = '';
      drawEditor(sku);
      remember();
      editor.querySelector('#edit-heading').focus();
    } catch (error) {
      problem.textContent = error.message;
    }
  };

  function closeSku() {
    const code = open && open.code;
    open = null;
    editor.hidden = true;
    editor.replaceChildren();
    remember();
    const back = [...rows.querySelectorAll('th button')].find((b) => b.textContent === code);
    (back || input).focus();
  }

  // ---- The import ----
  const result = el('div', { role: 'status', 'aria-live': 'polite', 'aria-labelledby': 'import-heading' });
  const file = el('input', { id: 'catalogue-file', type: 'file', accept: '.csv,text/csv' });
  const button = el('button', { type: 'submit', class: 'primary' }, 'Import');
  const form = el('form', { id: 'import', class: 'panel', 'aria-labelledby': 'import-heading' },
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

  main.replaceChildren(
    el('div', { class: 'page-head' }, el('h1', {}, 'Catalogue'),
      el('a', { href: '#import' }, 'Import a catalogue CSV')),
    searchForm, problem,
    el('div', { class: 'catalogue-work' },
      el('section', { class: 'results', 'aria-labelledby': 'results-heading' },
        el('h2', { id: 'results-heading' }, 'SKUs'), count, table, more),
      editor),
    form, result);

  await search(null);
  if (params.get('sku')) await openSku(params.get('sku'));
}

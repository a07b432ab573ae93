// The back office's shell: who is signed in, the pages their role may open, and the page the
// address names, drawn from the API. The server checks the role again on every page and call.
import { api, setCsrfToken, signInAgain } from '/web/js/api.js';
import { el } from '/web/js/format.js';

const kRank = { cashier: 1, fulfilment: 2, manager: 3, admin: 4 };

// The pages, in the navigation's order: path, words, the least role, and the module drawing it.
const kPages = [
  { path: '/today', label: 'Today', role: 'manager', module: '/web/js/pages/today.js' },
  { path: '/orders', label: 'Orders', role: 'fulfilment', module: '/web/js/pages/orders.js' },
  { path: '/returns', label: 'Returns', role: 'manager', module: '/web/js/pages/returns.js' },
  { path: '/catalogue', label: 'Catalogue', role: 'manager', module: '/web/js/pages/catalogue.js' },
  { path: '/stock', label: 'Stock', role: 'fulfilment', module: '/web/js/pages/stock.js' },
  { path: '/channels', label: 'Channels', role: 'manager', module: '/web/js/pages/channels.js' },
  { path: '/staff', label: 'Staff', role: 'manager', module: '/web/js/pages/staff.js' },
  { path: '/tills', label: 'Tills', role: 'manager', module: '/web/js/pages/tills.js' },
];

function pageFor(path) {
  if (/^\/orders\/[^/]+$/.test(path)) return { module: '/web/js/pages/order.js', nav: '/orders' };
  const page = kPages.find((p) => p.path === path);
  return page ? { module: page.module, nav: page.path } : null;
}

function drawNavigation(role, current) {
  const nav = document.getElementById('navigation');
  const list = el('ul');
  for (const page of kPages) {
    if (kRank[role] < kRank[page.role]) continue;
    list.append(el('li', {}, el('a', {
      href: page.path,
      'aria-current': page.path === current ? 'page' : false,
    }, page.label)));
  }
  nav.replaceChildren(list);
}

async function signOut() {
  try {
    await api('DELETE', '/api/v1/browser-session');
  } finally {
    location.assign('/sign-in');
  }
}

async function start() {
  const main = document.getElementById('page');
  const page = pageFor(location.pathname);
  // The page's module loads while the session is asked for: one round trip fewer before it draws.
  const loading = page ? import(page.module) : null;
  loading?.catch(() => {});  // its failure is said below, once the session is known
  let session;
  try {
    session = await api('GET', '/api/v1/browser-session');
  } catch {
    return;  // api() has sent the browser to sign in
  }
  setCsrfToken(session.csrf_token);
  const staff = session.staff;
  document.getElementById('who').replaceChildren(staff.display_name, ' ',
                                                 el('span', { class: 'role' }, `(${staff.role})`));
  const button = document.getElementById('sign-out');
  button.hidden = false;
  button.addEventListener('click', signOut);

  drawNavigation(staff.role, page ? page.nav : '');
  if (!page) {
    main.replaceChildren(el('h1', {}, 'No such page'),
                         el('p', {}, el('a', { href: '/' }, 'Go to the start page')));
    return;
  }
  try {
    const module = await loading;
    await module.render(main, { staff, path: location.pathname });
  } catch (error) {
    if (error.status === 401) return;
    main.replaceChildren(el('h1', {}, 'This page could not be shown'),
                         el('p', { class: 'problem', role: 'alert' }, error.message));
  }
}

window.addEventListener('pageshow', (event) => {
  // Back from another site with the page kept: its session may have ended meanwhile.
  if (event.persisted) api('GET', '/api/v1/browser-session').catch(() => signInAgain());
});
start();

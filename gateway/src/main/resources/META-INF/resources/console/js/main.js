// The console's router: the path under /console/ picks a page, the query string holds its filters, so every
// view is a URL to bookmark or share. Links inside the console navigate without reloading.
import { h, clear, failure } from './ui.js';
import * as auth from './auth.js';
import { home } from './pages/home.js';
import { instances, instanceDetail, instanceStats } from './pages/instances.js';
import { ixps, ixpDetail, ixpCountries } from './pages/ixps.js';
import { measurements, measurementDetail } from './pages/measurements.js';
import { traffic } from './pages/traffic.js';
import { admin } from './pages/admin.js';

const ROUTES = [
  [/^$/, home, 'Overview'],
  [/^instances$/, instances, 'Instances'],
  [/^instances\/(\d+)$/, instanceDetail, 'Instance'],
  [/^instance-stats$/, instanceStats, 'Instance statistics'],
  [/^ixps$/, ixps, 'IXPs'],
  [/^ixps\/(\d+)$/, ixpDetail, 'IXP'],
  [/^ixp-countries$/, ixpCountries, 'IXPs by country'],
  [/^measurements$/, measurements, 'Measurements'],
  [/^measurements\/([0-9A-Fa-f]+)$/, measurementDetail, 'Measurement'],
  [/^traffic$/, traffic, 'Traffic'],
  [/^admin$/, admin, 'Admin'],
];

const main = document.getElementById('main');

/** What a page gets: its path groups, the query, and ways to change the query or go elsewhere. */
function context(match) {
  const params = new URLSearchParams(location.search);
  return {
    match, params,
    setParams(next, { replace = false } = {}) {
      const url = `${location.pathname}${[...next].length ? `?${next}` : ''}`;
      history[replace ? 'replaceState' : 'pushState']({}, '', url);
      render();
    },
    go(url) { history.pushState({}, '', url); render(); },
  };
}

let renderCount = 0;

async function render() {
  const path = location.pathname.replace(/^\/console\/?/, '').replace(/\/$/, '');
  const mine = ++renderCount;
  document.body.dataset.page = 'loading';
  if (path === 'callback') {
    try {
      const back = await auth.completeLogin(new URLSearchParams(location.search));
      history.replaceState({}, '', back);
    } catch (e) {
      clear(main, h('h1', {}, 'Login'), failure(e));
      return;
    }
    return render();
  }
  renderAccount();
  const route = ROUTES.find(([re]) => re.test(path));
  markNav(path);
  if (!route) {
    document.title = 'Not found · Observatory';
    clear(main, h('h1', {}, 'Page not found'), h('p', {}, 'No console page at this address. ', h('a', { href: '/console/' }, 'Back to the overview')));
    document.body.dataset.page = 'ready';
    return;
  }
  const [re, page, title] = route;
  document.title = `${title} · Observatory`;
  try {
    await page(main, context(path.match(re)));
  } catch (e) {
    clear(main, h('h1', {}, title), failure(e));
  }
  if (mine === renderCount) document.body.dataset.page = 'ready';
}

function markNav(path) {
  const first = path.split('/')[0];
  document.querySelectorAll('#nav a').forEach(a => {
    const target = a.getAttribute('href').replace('/console/', '');
    if (target === first) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
}

function renderAccount() {
  const box = document.getElementById('account');
  const u = auth.user();
  clear(box, u
    ? [h('span', {}, `Signed in as ${u.name}`), h('button', { type: 'button', id: 'logout', onclick: () => auth.logout() }, 'Log out')]
    : h('button', { type: 'button', id: 'login', onclick: () => auth.login() }, 'Log in'));
}

// Same-origin links under /console/ navigate inside the page; modified clicks and downloads behave as usual.
document.addEventListener('click', e => {
  const a = e.target.closest('a');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.hasAttribute('download') || a.target) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith('/console/') || /\.[a-z]+$/.test(url.pathname)) return;
  e.preventDefault();
  history.pushState({}, '', url.pathname + url.search);
  document.getElementById('nav').classList.remove('open');
  document.querySelector('.menu-toggle').setAttribute('aria-expanded', 'false');
  render().then(() => main.focus());
});

document.querySelector('.menu-toggle').addEventListener('click', e => {
  const nav = document.getElementById('nav');
  const open = nav.classList.toggle('open');
  e.currentTarget.setAttribute('aria-expanded', String(open));
});

window.addEventListener('popstate', render);
render();

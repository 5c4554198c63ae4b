// Admin actions of the suite, each offered only with the role its API checks (the API checks it again).
import { h, clear } from '../ui.js';
import { send } from '../api.js';
import { user, login, hasRole } from '../auth.js';

const ACTIONS = [
  { role: 'registry:admin', label: 'Crawl every instance now', method: 'POST', path: '/registry/admin/crawl' },
  { role: 'ixp:admin', label: 'Import from PeeringDB now', method: 'POST', path: '/ixp/imports/peeringdb' },
  { role: 'ixp:admin', label: 'Regenerate this month\'s IXP statistics', method: 'POST', path: '/ixp/stats/generate', params: () => ({ month: new Date().toISOString().slice(0, 7) }) },
  { role: 'logs:admin', label: 'Refresh the traffic rollups', method: 'POST', path: '/logs/rollups/refresh' },
  { role: 'logs:admin', label: 'Flush the statistics plugins', method: 'POST', path: '/stats/flush' },
];

export async function admin(main) {
  const u = user();
  if (!u) {
    clear(main, h('h1', {}, 'Admin'), h('p', {}, 'Admin actions need an account with an admin role.'),
      h('button', { type: 'button', onclick: () => login() }, 'Log in'));
    return;
  }
  const out = h('p', { role: 'status', id: 'admin-result' });
  const allowed = ACTIONS.filter(a => hasRole(a.role));
  clear(main, h('h1', {}, 'Admin'),
    h('p', {}, `Signed in as ${u.name}, with the roles ${u.roles.filter(r => r.includes(':')).sort().join(', ') || 'none of the suite'}.`),
    allowed.length ? h('ul', { className: 'actions', id: 'admin-actions' }, allowed.map(a => h('li', {}, h('button', { type: 'button', 'data-path': a.path, onclick: async e => {
      e.currentTarget.disabled = true;
      out.textContent = `${a.label}…`;
      try {
        const r = await send(a.method, a.path, a.params?.());
        out.textContent = `${a.label}: done. ${r ? JSON.stringify(r).slice(0, 300) : ''}`;
      } catch (err) {
        out.textContent = `${a.label} failed: ${err.message}`;
      } finally { e.target.disabled = false; }
    } }, a.label), h('span', { className: 'badge' }, a.role))))
      : h('p', { className: 'state empty' }, 'Your account has no admin role.'),
    out);
}

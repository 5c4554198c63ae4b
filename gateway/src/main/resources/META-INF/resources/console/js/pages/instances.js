// Registered instances: the list (filters, sort, paging in the query string), one instance, and statistics.
import { h, clear, section, table, pager, filterForm, csvLink, fmtDate, fmtNumber, empty } from '../ui.js';
import { getJson, send } from '../api.js';
import { hasRole } from '../auth.js';
import { timeChart, categoryChart } from '../charts.js';
import { worldMap } from '../map.js';

const LIMIT = 25;
const SORTS = [['-registered', 'Newest first'], ['registered', 'Oldest first'], ['url', 'URL'], ['organization', 'Organization'],
  ['country', 'Country'], ['-lastCrawl', 'Last crawl'], ['crawlStatus', 'Crawl status'], ['-consecutiveFailures', 'Most failures']];

export async function instances(main, ctx) {
  const p = ctx.params;
  const results = h('div', { id: 'results' });
  const form = filterForm([
    { name: 'country', label: 'Country (ISO code)', placeholder: 'DE', size: 4 },
    { name: 'enabled', label: 'Enabled', options: [['', 'Any'], ['true', 'Enabled'], ['false', 'Disabled']] },
    { name: 'crawlStatus', label: 'Crawl status', options: [['', 'Any'], ['ok', 'OK'], ['failed', 'Failed'], ['stopped', 'Stopped'], ['never', 'Never crawled']] },
    { name: 'sort', label: 'Sort by', options: SORTS }], p, next => {
    // Filters on crawled fields (field.<name>) come from links and stay until removed.
    for (const [k, v] of p) if (k.startsWith('field.') && !next.has(k)) next.set(k, v);
    ctx.setParams(next);
  });
  const fieldFilters = [...p].filter(([k]) => k.startsWith('field.'));
  clear(main, h('h1', {}, 'Instances'), form,
    fieldFilters.length ? h('p', { className: 'notice' }, 'Only instances whose ', fieldFilters.map(([k, v]) => `${k.slice(6)} is ${v}`).join(' and '), '. ',
      h('button', { type: 'button', className: 'secondary', onclick: () => { const n = new URLSearchParams(p); fieldFilters.forEach(([k]) => n.delete(k)); ctx.setParams(n); } }, 'Remove')) : null,
    results);
  const offset = Number(p.get('offset') || 0);
  const query = new URLSearchParams(p);
  query.set('limit', LIMIT);
  if (!query.has('sort')) query.set('sort', '-registered');
  await section(results, async () => {
    const page = await getJson('/registry/instances', query);
    if (page.total === 0) return empty('No instance matches these filters.');
    const sortBy = key => h('button', { type: 'button', className: 'sort', onclick: () => {
      const n = new URLSearchParams(p); n.set('sort', query.get('sort') === key ? `-${key}` : key); n.delete('offset'); ctx.setParams(n); } }, key);
    return h('div', {},
      table('Instances', [
        { label: 'URL', value: i => h('a', { href: `/console/instances/${i.id}` }, i.url) },
        { label: 'Organization', value: i => i.organization },
        { label: 'Country', value: i => i.country ? `${i.country.name || ''} (${i.country.code})` : '–' },
        { label: 'Version', value: i => i.fields?.indico_version ?? '–' },
        { label: 'Crawl', value: i => crawlBadge(i) },
        { label: 'Registered', value: i => fmtDate(i.registered) }], page.items),
      h('p', { className: 'toolbar' }, 'Sort by column: ', ['url', 'organization', 'country', 'registered', 'lastCrawl'].map(sortBy)),
      pager(page.total, page.limit, page.offset ?? offset, o => { const n = new URLSearchParams(p); n.set('offset', o); ctx.setParams(n); }));
  });
}

function crawlBadge(i) {
  const status = !i.enabled ? 'disabled' : i.crawl?.status || 'never';
  return h('span', { className: `badge ${status}` }, status);
}

export async function instanceDetail(main, ctx) {
  const id = ctx.match[1];
  const body = h('div', {});
  clear(main, h('p', {}, h('a', { href: '/console/instances' }, '← All instances')), h('h1', {}, `Instance ${id}`), body);
  await section(body, async () => {
    const i = await getJson(`/registry/instances/${id}`);
    main.querySelector('h1').textContent = i.url;
    return h('div', {},
      h('div', { className: 'grid2' },
        h('section', {}, h('h2', {}, 'Registration'), h('dl', { className: 'fields' },
          h('dt', {}, 'URL'), h('dd', {}, h('a', { href: i.url, rel: 'noopener noreferrer external' }, i.url)),
          h('dt', {}, 'Organization'), h('dd', {}, i.organization),
          h('dt', {}, 'Enabled'), h('dd', {}, i.enabled ? 'yes' : 'no'),
          h('dt', {}, 'Registered'), h('dd', {}, fmtDate(i.registered, true)),
          h('dt', {}, 'Last crawl'), h('dd', {}, fmtDate(i.crawl?.lastCrawl, true), ' ', crawlBadge(i)),
          h('dt', {}, 'Last success'), h('dd', {}, fmtDate(i.crawl?.lastSuccess, true)),
          i.crawl?.error ? [h('dt', {}, 'Last error'), h('dd', {}, i.crawl.error)] : null,
          h('dt', {}, 'Consecutive failures'), h('dd', {}, i.crawl?.consecutiveFailures ?? 0))),
        h('section', {}, h('h2', {}, 'Location'), i.country
          ? [h('p', {}, `${i.country.name || i.country.code} (${i.country.code})`,
              i.country.latitude != null ? `, ${i.country.latitude.toFixed(2)}°, ${i.country.longitude.toFixed(2)}°` : ''),
            worldMap('Location', [{ code: i.country.code, name: i.country.name, value: 1 }], { label: 'Instance', valueFormat: () => 'here', id: 'location' })]
          : empty('Not located yet.'))),
      h('h2', {}, 'Crawled fields'),
      i.fields.length ? h('dl', { className: 'fields', id: 'crawled-fields' }, i.fields.flatMap(f => [h('dt', {}, f.label),
        h('dd', {}, typeof f.value === 'object' ? JSON.stringify(f.value)
          : h('a', { href: `/console/instances?${new URLSearchParams({ [`field.${f.name}`]: String(f.value) })}`, title: `Instances with the same ${f.label}` }, String(f.value)))]))
        : empty('Nothing crawled yet.'),
      adminActions(i, ctx),
      h('h2', {}, 'Crawl history'),
      i.crawls.length ? table('Crawl history', [
        { label: 'Started', value: c => fmtDate(c.started, true) },
        { label: 'Status', value: c => h('span', { className: `badge ${c.status}` }, c.status) },
        { label: 'Reason', value: c => c.reason || '–' },
        { label: 'HTTP', value: c => c.httpStatus ?? '–', num: true },
        { label: 'Error', value: c => c.error || '' }], i.crawls) : empty('Never crawled.'));
  });
}

function adminActions(i, ctx) {
  if (!hasRole('registry:admin')) return null;
  const out = h('p', { role: 'status', className: 'action-result' });
  const act = (label, method, path, cls, confirmText) => h('button', { type: 'button', className: cls, onclick: async e => {
    if (confirmText && !confirm(confirmText)) return;
    e.currentTarget.disabled = true;
    try {
      const r = await send(method, path);
      out.textContent = `${label}: done${r && r.status ? ` (${r.status})` : ''}.`;
      if (method === 'DELETE') ctx.go('/console/instances'); else setTimeout(() => ctx.go(location.pathname), 600);
    } catch (err) { out.textContent = `${label} failed: ${err.message}`; e.target.disabled = false; }
  } }, label);
  return h('section', { className: 'admin', id: 'admin-actions' }, h('h2', {}, 'Admin actions'),
    h('div', { className: 'toolbar' },
      act('Crawl now', 'POST', `/registry/admin/instances/${i.id}/crawl`, ''),
      i.enabled ? act('Disable', 'POST', `/registry/admin/instances/${i.id}/disable`, 'secondary') : null,
      act('Delete', 'DELETE', `/registry/admin/instances/${i.id}`, 'danger', `Delete ${i.url} and its crawl history?`)), out);
}

export async function instanceStats(main) {
  const map = h('div', {}), regs = h('div', {}), fields = h('div', { className: 'grid2' });
  clear(main, h('h1', {}, 'Instance statistics'),
    h('h2', {}, 'Countries'), map, h('h2', {}, 'Registrations'), regs, h('h2', {}, 'Crawled fields'), fields);
  await Promise.all([
    section(map, async () => {
      const rows = await getJson('/registry/stats/countries');
      if (!rows.length) return empty('No located instance yet.');
      return h('div', {}, worldMap('Enabled instances per country', rows.map(r => ({ code: r.countryCode, name: r.countryName, value: r.instances })),
        { label: 'Instances', id: 'countries' }), h('p', { className: 'toolbar' }, csvLink('/registry/stats/countries', {})));
    }),
    section(regs, async () => {
      const days = await getJson('/registry/stats/registrations');
      if (!days.length) return empty('No registration yet.');
      return h('div', {},
        timeChart('Registered instances (cumulative)', [{ name: 'Instances', points: days.map(d => ({ x: `${d.day}T00:00:00Z`, y: d.cumulative })) }], { id: 'registrations' }),
        timeChart('Registrations per day', [{ name: 'Registrations', points: days.map(d => ({ x: `${d.day}T00:00:00Z`, y: d.registrations })) }], { kind: 'bar', id: 'registrations-daily' }),
        h('p', { className: 'toolbar' }, csvLink('/registry/stats/registrations', {})));
    }),
    section(fields, async () => {
      const series = await getJson('/registry/stats/fields');
      if (!series.length) return empty('No field is charted.');
      return [...series.map(s => categoryChart(`${s.label}${s.chartAggregation && s.chartAggregation !== 'count' ? ` (${s.chartAggregation} by ${s.aggregateBy})` : ''}`,
        s.points.map(pt => ({ label: pt.key, value: pt.value })), { kind: s.chartType === 'pie' ? 'pie' : 'bar', id: `field-${s.field}` })),
        h('p', { className: 'toolbar' }, csvLink('/registry/stats/fields', {}))];
    })]);
}

// Internet exchange points: the list, one IXP's members over time, and statistics per country on a map.
import { h, clear, section, table, pager, filterForm, csvLink, fmtDate, fmtNumber, empty } from '../ui.js';
import { getJson } from '../api.js';
import { timeChart } from '../charts.js';
import { worldMap } from '../map.js';

const LIMIT = 25;

export async function ixps(main, ctx) {
  const p = ctx.params;
  const results = h('div', { id: 'results' });
  clear(main, h('h1', {}, 'Internet exchange points'),
    filterForm([
      { name: 'name', label: 'Name contains', placeholder: 'DE-CIX' },
      { name: 'country', label: 'Country (ISO code)', placeholder: 'DE', size: 4 },
      { name: 'active', label: 'Active', options: [['', 'Any'], ['true', 'Active (3+ members)'], ['false', 'Inactive']] }],
    p, next => ctx.setParams(next)),
    h('p', {}, h('a', { href: '/console/ixp-countries' }, 'Statistics per country on a map')), results);
  const query = new URLSearchParams(p);
  query.set('limit', LIMIT);
  await section(results, async () => {
    const page = await getJson('/ixp/ixps', query);
    if (page.total === 0) return empty('No IXP matches these filters.');
    return h('div', {}, table('IXPs', [
      { label: 'Name', value: x => h('a', { href: `/console/ixps/${x.id}` }, x.name) },
      { label: 'Long name', value: x => x.nameLong || '' },
      { label: 'City', value: x => x.city || '' },
      { label: 'Country', value: x => x.country || '' },
      { label: 'Active', value: x => x.active ? 'yes' : 'no' }], page.items),
    pager(page.total, page.limit, page.offset, o => { const n = new URLSearchParams(p); n.set('offset', o); ctx.setParams(n); }));
  });
}

const monthKey = d => d.slice(0, 7);
function addMonth(ym, n) {
  const [y, m] = ym.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** Members on the 1st of each month, with joins and leaves during the month, from the membership periods. */
export function membersOverTime(members, untilMonth) {
  const periods = members.flatMap(m => m.periods);
  if (!periods.length) return [];
  let month = monthKey(periods.map(pp => pp.startDate).sort()[0]);
  const out = [];
  while (month <= untilMonth) {
    const first = `${month}-01`, next = `${addMonth(month, 1)}-01`;
    const active = new Set(members.filter(m => m.periods.some(pp => pp.startDate <= first && (!pp.endDate || pp.endDate >= first))).map(m => m.asn));
    out.push({ month, members: active.size,
      joined: periods.filter(pp => pp.startDate >= first && pp.startDate < next).length,
      left: periods.filter(pp => pp.endDate && pp.endDate >= first && pp.endDate < next).length });
    month = addMonth(month, 1);
  }
  return out;
}

export async function ixpDetail(main, ctx) {
  const id = ctx.match[1];
  const body = h('div', {});
  clear(main, h('p', {}, h('a', { href: '/console/ixps' }, '← All IXPs')), h('h1', {}, `IXP ${id}`), body);
  await section(body, async () => {
    const d = await getJson(`/ixp/ixps/${id}`);
    const x = d.ixp;
    main.querySelector('h1').textContent = x.name;
    const now = new Date().toISOString().slice(0, 7);
    const months = membersOverTime(d.members, now);
    const shown = ctx.params.get('show') === 'all' ? d.members : d.members.filter(m => m.current);
    const statsBox = h('div', {});
    const content = h('div', {},
      h('dl', { className: 'fields' },
        h('dt', {}, 'Long name'), h('dd', {}, x.nameLong || '–'),
        h('dt', {}, 'City, country'), h('dd', {}, `${x.city || '–'}, ${x.country || '–'}`),
        h('dt', {}, 'Website'), h('dd', {}, x.website ? h('a', { href: x.website, rel: 'noopener noreferrer external' }, x.website) : '–'),
        h('dt', {}, 'Active'), h('dd', {}, x.active ? 'yes' : 'no'),
        h('dt', {}, 'Current members'), h('dd', { id: 'current-members' }, d.currentMembers)),
      h('h2', {}, 'Members over time'),
      months.length ? [
        timeChart('Members on the 1st of each month', [{ name: 'Members', points: months.map(m => ({ x: `${m.month}-01T00:00:00Z`, y: m.members })) }], { id: 'members' }),
        timeChart('Joins and leaves per month', [
          { name: 'Joined', points: months.map(m => ({ x: `${m.month}-01T00:00:00Z`, y: m.joined })) },
          { name: 'Left', points: months.map(m => ({ x: `${m.month}-01T00:00:00Z`, y: m.left })) }], { kind: 'bar', id: 'joins-leaves' })]
        : empty('No membership recorded.'),
      h('h2', {}, 'Monthly statistics'), statsBox,
      h('h2', {}, shown === d.members ? 'All members, past and present' : 'Current members'),
      h('p', {}, shown === d.members ? h('a', { href: `/console/ixps/${id}` }, 'Show current members only') : h('a', { href: `/console/ixps/${id}?show=all` }, 'Show past members too')),
      shown.length ? table('Members', [
        { label: 'ASN', value: m => `AS${m.asn}`, num: true },
        { label: 'Network', value: m => m.name || '' },
        { label: 'Member since', value: m => fmtDate(m.periods[m.periods.length - 1]?.startDate) },
        { label: 'Left', value: m => m.current ? '–' : fmtDate(m.periods[m.periods.length - 1]?.endDate) },
        { label: 'Route server', value: m => m.periods[m.periods.length - 1]?.rsPeer ? 'yes' : 'no' },
        { label: 'Speed (Mbit/s)', value: m => fmtNumber(m.periods[m.periods.length - 1]?.speed), num: true }],
      shown.slice().sort((a, b) => a.asn - b.asn)) : empty('No members.'));
    const from = months.length ? months[Math.max(0, months.length - 36)].month : addMonth(now, -12);
    section(statsBox, async () => {
      const range = { ixp: id, from, to: now };
      const rows = await getJson('/ixp/stats/ixps', range);
      if (!rows.length) return empty('No monthly statistics generated for this IXP yet.');
      const pts = key => rows.map(r => ({ x: `${r.month}T00:00:00Z`, y: r[key] }));
      return h('div', {},
        h('div', { className: 'grid2' },
          timeChart('Capacity (Gbit/s)', [{ name: 'Capacity', points: pts('capacity') }], { id: 'capacity' }),
          timeChart('Route-server peering rate', [{ name: 'RS peering rate', points: pts('rsPeeringRate') }], { id: 'rs-rate', yFormat: v => `${Math.round(v * 100)}%` })),
        h('p', { className: 'toolbar' }, csvLink('/ixp/stats/ixps', range)));
    });
    return content;
  });
}

const METRICS = [['memberCount', 'Member networks'], ['ixpCount', 'Active IXPs'], ['totalCapacity', 'Capacity (Gbit/s)'],
  ['asnsIxpMemberRate', 'Share of ASNs at an IXP'], ['routedAsnsIxpMemberRate', 'Share of routed ASNs at an IXP']];

export async function ixpCountries(main, ctx) {
  const p = ctx.params;
  const box = h('div', {});
  clear(main, h('h1', {}, 'IXPs by country'), box);
  await section(box, async () => {
    const to = new Date().toISOString().slice(0, 7);
    const rows = await getJson('/ixp/stats/countries', { from: addMonth(to, -59), to, limit: 10000 });
    const months = [...new Set(rows.map(r => monthKey(r.month)))].sort();
    if (!months.length) return empty('No country statistics generated yet.');
    const month = months.includes(p.get('month')) ? p.get('month') : months[months.length - 1];
    const metric = METRICS.some(([k]) => k === p.get('metric')) ? p.get('metric') : 'memberCount';
    const label = METRICS.find(([k]) => k === metric)[1];
    const rate = metric.endsWith('Rate');
    const fmt = rate ? v => `${(v * 100).toFixed(1)}%` : v => fmtNumber(v);
    const slider = h('input', { type: 'range', id: 'month', min: 0, max: months.length - 1, step: 1, value: months.indexOf(month),
      'aria-valuetext': month });
    const monthOut = h('output', { for: 'month', id: 'month-label' }, month);
    slider.addEventListener('input', () => { monthOut.textContent = months[slider.value]; slider.setAttribute('aria-valuetext', months[slider.value]); });
    slider.addEventListener('change', () => { const n = new URLSearchParams(p); n.set('month', months[slider.value]); ctx.setParams(n, { replace: true }); });
    const metricSelect = h('select', { id: 'metric', onchange: e => { const n = new URLSearchParams(p); n.set('metric', e.target.value); n.set('month', month); ctx.setParams(n); } },
      METRICS.map(([k, l]) => h('option', { value: k, selected: k === metric }, l)));
    const current = rows.filter(r => monthKey(r.month) === month);
    return h('div', {},
      h('div', { className: 'filters' },
        h('label', { for: 'month' }, 'Month', slider, monthOut),
        h('label', { for: 'metric' }, 'Show', metricSelect)),
      worldMap(`${label}, ${month}`, current.map(r => ({ code: r.country, value: r[metric] })), { label, valueFormat: fmt, id: 'ixp-countries' }),
      h('p', { className: 'toolbar' }, csvLink('/ixp/stats/countries', { month })),
      table(`Countries in ${month}`, [
        { label: 'Country', value: r => r.country },
        { label: 'Active IXPs', value: r => r.ixpCount, num: true },
        { label: 'Member networks', value: r => r.memberCount, num: true },
        { label: 'ASNs', value: r => r.asnCount, num: true },
        { label: 'At an IXP', value: r => `${(r.asnsIxpMemberRate * 100).toFixed(1)}%`, num: true },
        { label: 'Capacity (Gbit/s)', value: r => fmtNumber(r.totalCapacity), num: true }],
      current.slice().sort((a, b) => b[metric] - a[metric])));
  });
}

// Seismic data traffic from ringserver transmission logs: bytes by network and station over time, the top
// stations, and bytes by the clients' country, from log-ingest's rollups.
import { h, clear, section, filterForm, csvButton, fmtBytes, fmtNumber, empty, table } from '../ui.js';
import { getJson } from '../api.js';
import { timeChart, categoryChart } from '../charts.js';
import { worldMap } from '../map.js';

const TOP = 6;
const day = d => d.toISOString().slice(0, 10);

export async function traffic(main, ctx) {
  const p = ctx.params;
  const now = new Date();
  const resolution = ['hour', 'day', 'month'].includes(p.get('resolution')) ? p.get('resolution') : 'day';
  const defaultDays = { hour: 2, day: 30, month: 365 }[resolution];
  const to = p.get('to') || day(new Date(now.getTime() + 86400e3));
  const from = p.get('from') || day(new Date(Date.parse(to) - defaultDays * 86400e3));
  const base = { resolution, from, to };
  for (const k of ['network', 'station']) if (p.get(k)) base[k] = p.get(k).toUpperCase();
  const byNetwork = h('div', {}), byStation = h('div', {}), top = h('div', {}), countries = h('div', {});
  clear(main, h('h1', {}, 'Traffic'),
    filterForm([
      { name: 'from', label: 'From', type: 'date', default: from },
      { name: 'to', label: 'To (exclusive)', type: 'date', default: to },
      { name: 'resolution', label: 'Resolution', options: [['day', 'Day'], ['hour', 'Hour'], ['month', 'Month']] },
      { name: 'network', label: 'Network', placeholder: 'IU', size: 4 },
      { name: 'station', label: 'Station', placeholder: 'ANMO', size: 6 }], p, next => ctx.setParams(next)),
    h('div', { className: 'grid2' }, h('section', {}, h('h2', {}, 'Bytes by network'), byNetwork), h('section', {}, h('h2', {}, 'Bytes by station'), byStation)),
    h('div', { className: 'grid2' }, h('section', {}, h('h2', {}, 'Top stations'), top), h('section', {}, h('h2', {}, 'Clients by country'), countries)));
  await Promise.all([
    section(byNetwork, () => seriesChart('network', base, 'bytes-by-network')),
    section(byStation, () => seriesChart('station', base, 'bytes-by-station')),
    section(top, async () => {
      const page = await getJson('/logs/totals', { ...base, groupBy: 'network,station', limit: 10 });
      if (!page.rows.length) return empty('No traffic in this range.');
      return h('div', {}, categoryChart('Most bytes sent', page.rows.map(r => ({ label: `${r.network}.${r.station}`, value: r.bytes })), { valueFormat: fmtBytes, id: 'top-stations' }),
        h('p', { className: 'toolbar' }, csvButton('/logs/totals', { ...base, groupBy: 'network,station', limit: 1000 }, `stations-${from}-${to}.csv`)));
    }),
    section(countries, async () => {
      // Figures per client are private (logs:admin), so the public map shows bytes by the clients' country.
      const page = await getJson('/logs/totals', { ...base, groupBy: 'country', limit: 1000 });
      const located = page.rows.filter(r => r.country);
      if (!located.length) return empty('No located client in this range.');
      return h('div', {}, worldMap('Bytes sent to clients per country', located.map(r => ({ code: r.country, value: r.bytes })), { label: 'Bytes', id: 'client-countries' }),
        h('p', { className: 'toolbar' }, csvButton('/logs/totals', { ...base, groupBy: 'country', limit: 1000 }, `countries-${from}-${to}.csv`)));
    })]);
}

/** The TOP groups with the most bytes as series, the rest summed as "others". */
async function seriesChart(dimension, base, id) {
  const page = await getJson('/logs/series', { ...base, groupBy: dimension, limit: 10000 });
  if (!page.rows.length) return empty('No traffic in this range.');
  const totals = new Map();
  for (const r of page.rows) totals.set(r[dimension], (totals.get(r[dimension]) || 0) + r.bytes);
  const keep = new Set([...totals].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k]) => k));
  const series = new Map();
  for (const r of page.rows) {
    const name = keep.has(r[dimension]) ? r[dimension] : 'others';
    const s = series.get(name) || new Map();
    s.set(r.bucket, (s.get(r.bucket) || 0) + r.bytes);
    series.set(name, s);
  }
  return h('div', {},
    timeChart(`Bytes sent per ${base.resolution}, by ${dimension}`, [...series].map(([name, pts]) => ({ name, points: [...pts].map(([x, y]) => ({ x, y })) })), { yFormat: fmtBytes, id }),
    page.total > page.rows.length ? h('p', { className: 'notice' }, `Showing the first ${page.rows.length} of ${page.total} rows; choose a shorter range.`) : null,
    h('p', { className: 'toolbar' }, csvButton('/logs/series', { ...base, groupBy: dimension, limit: 10000 }, `bytes-by-${dimension}-${base.from}-${base.to}.csv`)));
}

// perfSONAR measurements through the esmond API: find metadata, then plot its series over a chosen range.
import { h, clear, section, table, pager, filterForm, fmtDate, fmtNumber, empty } from '../ui.js';
import { getJson } from '../api.js';
import { timeChart } from '../charts.js';

const ARCHIVE = '/esmond/perfsonar/archive/';
const LIMIT = 20;
const PAGE = 1000;
const MAX_PAGES = 20;

export async function measurements(main, ctx) {
  const p = ctx.params;
  const results = h('div', { id: 'results' });
  clear(main, h('h1', {}, 'Measurements'),
    filterForm([
      { name: 'source', label: 'Source', placeholder: 'host or address' },
      { name: 'destination', label: 'Destination', placeholder: 'host or address' },
      { name: 'tool-name', label: 'Tool', placeholder: 'pscheduler/iperf3' },
      { name: 'event-type', label: 'Event type', options: [['', 'Any'], ['throughput', 'Throughput'], ['packet-loss-rate', 'Packet loss rate'],
        ['histogram-owdelay', 'One-way delay'], ['histogram-rtt', 'Round-trip time'], ['packet-count-lost', 'Packets lost'], ['packet-trace', 'Traceroute']] }],
    p, next => ctx.setParams(next)), results);
  const offset = Number(p.get('offset') || 0);
  const query = new URLSearchParams(p);
  query.set('limit', LIMIT);
  await section(results, async () => {
    const list = await getJson(ARCHIVE, query);
    if (!list.length) return empty('No measurement matches these filters.');
    const total = list[0]['metadata-count-total'] ?? list.length;
    return h('div', {}, table('Measurements', [
      { label: 'Source', value: m => h('a', { href: `/console/measurements/${m['metadata-key']}` }, m['input-source'] || m.source) },
      { label: 'Destination', value: m => m['input-destination'] || m.destination || '–' },
      { label: 'Tool', value: m => m['tool-name'] || '–' },
      { label: 'Event types', value: m => m['event-types'].map(e => e['event-type']).join(', ') },
      { label: 'Last update', value: m => fmtDate(lastUpdate(m) * 1000, true) }], list),
    pager(total, LIMIT, offset, o => { const n = new URLSearchParams(p); n.set('offset', o); ctx.setParams(n); }));
  });
}

const lastUpdate = m => Math.max(0, ...m['event-types'].map(e => e['time-updated'] || 0));

/** What each plottable event type shows and how a point's value becomes a number. */
const PLOTS = {
  'throughput': { title: 'Throughput', unit: 'bit/s', format: v => `${fmtNumber(v / 1e6, 1)} Mbit/s` },
  'packet-loss-rate': { title: 'Packet loss', unit: '%', format: v => `${fmtNumber(v * 100, 3)}%` },
  'histogram-owdelay': { title: 'One-way delay (mean)', unit: 'ms', format: v => `${fmtNumber(v, 2)} ms`, histogram: true },
  'histogram-rtt': { title: 'Round-trip time (mean)', unit: 'ms', format: v => `${fmtNumber(v, 2)} ms`, histogram: true },
  'packet-count-lost': { title: 'Packets lost', unit: 'packets', format: v => fmtNumber(v) },
  'packet-retransmits': { title: 'Retransmits', unit: 'packets', format: v => fmtNumber(v) },
};

function histogramMean(val) {
  let n = 0, sum = 0;
  for (const [k, c] of Object.entries(val || {})) { n += c; sum += Number(k) * c; }
  return n ? sum / n : null;
}

/** Every point in [start, end], following the pages of at most PAGE points (bounded by MAX_PAGES). */
async function allPoints(uri, start, end) {
  const out = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows = await getJson(uri, { 'time-start': start, 'time-end': end, limit: PAGE, offset: page * PAGE });
    out.push(...rows);
    if (rows.length < PAGE) return { points: out, complete: true };
  }
  return { points: out, complete: false };
}

export async function measurementDetail(main, ctx) {
  const key = ctx.match[1];
  const p = ctx.params;
  const body = h('div', {});
  clear(main, h('p', {}, h('a', { href: '/console/measurements' }, '← All measurements')), h('h1', {}, 'Measurement'), body);
  await section(body, async () => {
    const m = await getJson(`${ARCHIVE}${key}/`);
    main.querySelector('h1').textContent = `${m['input-source'] || m.source} → ${m['input-destination'] || m.destination || ''}`;
    const latest = lastUpdate(m) || Math.floor(Date.now() / 1000);
    const toDay = p.get('to') || new Date(latest * 1000).toISOString().slice(0, 10);
    const fromDay = p.get('from') || new Date((Date.parse(`${toDay}T00:00:00Z`) / 1000 - 30 * 86400) * 1000).toISOString().slice(0, 10);
    const start = Math.floor(Date.parse(`${fromDay}T00:00:00Z`) / 1000);
    const end = Math.floor(Date.parse(`${toDay}T00:00:00Z`) / 1000) + 86399;
    const order = Object.keys(PLOTS);
    const plotted = m['event-types'].filter(e => PLOTS[e['event-type']]).sort((a, b) => order.indexOf(a['event-type']) - order.indexOf(b['event-type']));
    const charts = h('div', {});
    const content = h('div', {},
      h('dl', { className: 'fields' },
        ['source', 'destination', 'input-source', 'input-destination', 'tool-name', 'measurement-agent', 'subject-type', 'ip-transport-protocol', 'time-duration']
          .filter(k => m[k]).flatMap(k => [h('dt', {}, k), h('dd', {}, m[k])]),
        h('dt', {}, 'metadata-key'), h('dd', {}, m['metadata-key'])),
      filterForm([{ name: 'from', label: 'From', type: 'date', default: fromDay }, { name: 'to', label: 'To', type: 'date', default: toDay }], p, next => ctx.setParams(next)),
      h('h2', {}, 'Series'), charts,
      h('h2', {}, 'Event types and summaries'),
      table('Event types', [
        { label: 'Event type', value: e => e['event-type'] },
        { label: 'Last update', value: e => fmtDate((e['time-updated'] || 0) * 1000, true) },
        { label: 'Raw data', value: e => h('a', { href: `${e['base-uri']}?${new URLSearchParams({ 'time-start': start, 'time-end': end })}` }, 'JSON') },
        { label: 'Summaries', value: e => e.summaries.length ? e.summaries.map(s => h('a', { href: s.uri }, `${s['summary-type']} ${s['summary-window']} s `)) : '–' }], m['event-types']));
    section(charts, async () => {
      if (!plotted.length) return empty('No event type of this measurement can be plotted.');
      const figures = await Promise.all(plotted.map(async e => {
        const kind = PLOTS[e['event-type']];
        const { points, complete } = await allPoints(e['base-uri'], start, end);
        const values = points.map(pt => ({ x: pt.ts * 1000, y: kind.histogram ? histogramMean(pt.val) : Number(pt.val) })).filter(pt => pt.y !== null && !Number.isNaN(pt.y));
        const ys = values.map(v => v.y);
        const summary = ys.length ? { count: ys.length, min: Math.min(...ys), mean: ys.reduce((a, b) => a + b, 0) / ys.length, max: Math.max(...ys) } : null;
        return h('section', { 'data-event-type': e['event-type'] },
          timeChart(`${kind.title}, ${fromDay} to ${toDay}`, [{ name: kind.title, points: values }], { yFormat: kind.format, id: e['event-type'] }),
          summary ? h('p', { className: 'summary' }, `${summary.count} points; minimum ${kind.format(summary.min)}, mean ${kind.format(summary.mean)}, maximum ${kind.format(summary.max)}.`) : null,
          complete ? null : h('p', { className: 'notice' }, `Only the first ${PAGE * MAX_PAGES} points are shown; choose a shorter range.`));
      }));
      return figures;
    });
    return content;
  });
}

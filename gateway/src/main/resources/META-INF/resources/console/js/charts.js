// Charts drawn as SVG by hand (no library to ship): each is a <figure> with a caption, an image role with a
// text summary, and the same numbers as a table under "Show data", so that no value is only in the picture.
import { h, fmtNumber } from './ui.js';

const COLOURS = ['var(--s1)', 'var(--s2)', 'var(--s3)', 'var(--s4)', 'var(--s5)', 'var(--s6)'];
const W = 720, H = 300, M = { top: 12, right: 16, bottom: 36, left: 64 };

function figure(title, svg, legend, alt, summary, id) {
  return h('figure', { className: 'chart', 'data-chart': id || title },
    h('figcaption', {}, title), svg, legend,
    h('details', { className: 'alt' }, h('summary', {}, 'Show data as a table'), alt),
    summary ? h('p', { className: 'visually-hidden' }, summary) : null);
}

function niceTicks(min, max, count = 5) {
  if (min === max) { max = min + 1; }
  const step0 = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= step0) || step0;
  const ticks = [];
  const first = Math.floor(min / step), last = Math.ceil(max / step);
  for (let i = first; i <= last; i++) ticks.push(+(i * step).toPrecision(12));
  return ticks;
}

function timeTicks(min, max, count = 6) {
  const out = [];
  const step = (max - min) / count;
  for (let i = 0; i <= count; i++) out.push(min + i * step);
  return out;
}

function dateLabel(ms, span) {
  const iso = new Date(ms).toISOString();
  if (span < 2 * 86400e3) return iso.slice(5, 16).replace('T', ' ');
  if (span > 400 * 86400e3) return iso.slice(0, 7);
  return iso.slice(0, 10);
}

/**
 * A time-series chart. series: [{name, points: [{x: Date|ms, y: number}]}]; kind 'line' or 'bar' (stacked
 * bars are not needed here). Each drawn point is a <circle class="point"> so tests and readers can count them.
 */
export function timeChart(title, series, { yFormat = fmtNumber, yLabel = '', id, kind = 'line', xFormat } = {}) {
  const all = series.flatMap(s => s.points.map(p => ({ x: +new Date(p.x), y: Number(p.y) })));
  const svg = h('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${title}: ${series.length} series, ${all.length} points` });
  if (all.length === 0) return figure(title, h('p', { className: 'state empty' }, 'No data for this range.'), null, h('p', {}, 'No data.'), null, id);
  let [x0, x1] = [Math.min(...all.map(p => p.x)), Math.max(...all.map(p => p.x))];
  if (x0 === x1) { x0 -= 43200e3; x1 += 43200e3; }
  const yt = niceTicks(Math.min(0, ...all.map(p => p.y)), Math.max(...all.map(p => p.y)));
  const [y0, y1] = [yt[0], yt[yt.length - 1]];
  const sx = x => M.left + (x - x0) / (x1 - x0) * (W - M.left - M.right);
  const sy = y => H - M.bottom - (y - y0) / ((y1 - y0) || 1) * (H - M.top - M.bottom);
  const grid = h('g', { className: 'grid' }, yt.map(t => h('line', { x1: M.left, x2: W - M.right, y1: sy(t), y2: sy(t) })));
  const yaxis = h('g', { className: 'axis' }, yt.map(t => h('text', { x: M.left - 6, y: sy(t) + 4, 'text-anchor': 'end' }, yFormat(t))),
    yLabel ? h('text', { x: 12, y: M.top + 8 }, yLabel) : null);
  const xaxis = h('g', { className: 'axis' }, h('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }),
    timeTicks(x0, x1).map((t, i, all) => h('text', { x: sx(t), y: H - M.bottom + 16, 'text-anchor': i === 0 ? 'start' : i === all.length - 1 ? 'end' : 'middle' }, (xFormat || (v => dateLabel(v, x1 - x0)))(t))));
  svg.append(grid, yaxis, xaxis);
  const barWidth = Math.max(2, Math.min(24, (W - M.left - M.right) / Math.max(1, new Set(all.map(p => p.x)).size) * 0.7 / series.length));
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const pts = s.points.map(p => ({ x: +new Date(p.x), y: Number(p.y) })).sort((a, b) => a.x - b.x);
    const g = h('g', { 'data-series': s.name });
    if (kind === 'bar') {
      pts.forEach(p => g.append(h('rect', { className: 'point bar', x: sx(p.x) - barWidth * series.length / 2 + i * barWidth, width: barWidth,
        y: Math.min(sy(p.y), sy(0)), height: Math.abs(sy(0) - sy(p.y)), fill: colour, 'data-x': p.x, 'data-y': p.y },
        h('title', {}, `${s.name} ${dateLabel(p.x, 0)}: ${yFormat(p.y)}`))));
    } else {
      g.append(h('polyline', { fill: 'none', stroke: colour, 'stroke-width': 2, points: pts.map(p => `${sx(p.x)},${sy(p.y)}`).join(' ') }));
      pts.forEach(p => g.append(h('circle', { className: 'point', cx: sx(p.x), cy: sy(p.y), r: pts.length > 150 ? 1.5 : 3, fill: colour,
        'data-x': p.x, 'data-y': p.y }, h('title', {}, `${s.name} ${new Date(p.x).toISOString().replace('.000Z', 'Z')}: ${yFormat(p.y)}`))));
    }
    svg.append(g);
  });
  const legend = series.length > 1 || series[0]?.name ? h('ul', { className: 'legend' }, series.map((s, i) =>
    h('li', {}, h('span', { className: 'swatch', 'data-colour': i }), s.name))) : null;
  legend?.querySelectorAll('.swatch').forEach((el, i) => { el.style.background = COLOURS[i % COLOURS.length]; });
  const alt = h('div', { className: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Series'), h('th', { scope: 'col' }, 'Time'), h('th', { scope: 'col', className: 'num' }, yLabel || 'Value'))),
    h('tbody', {}, series.flatMap(s => s.points.map(p => h('tr', {}, h('td', {}, s.name), h('td', {}, new Date(p.x).toISOString().replace('.000Z', 'Z')),
      h('td', { className: 'num' }, yFormat(Number(p.y)))))))));
  return figure(title, svg, legend, alt, null, id);
}

/** A chart of categories: horizontal bars (kind 'bar' or 'line') or a donut (kind 'pie'). data: [{label, value}]. */
export function categoryChart(title, data, { kind = 'bar', valueFormat = fmtNumber, id } = {}) {
  const rows = data.slice(0, 30);
  const alt = h('div', { className: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Category'), h('th', { scope: 'col', className: 'num' }, 'Value'))),
    h('tbody', {}, data.map(d => h('tr', {}, h('td', {}, d.label), h('td', { className: 'num' }, valueFormat(d.value)))))));
  if (rows.length === 0) return figure(title, h('p', { className: 'state empty' }, 'No data yet.'), null, alt, null, id);
  if (kind === 'pie') return figure(title, donut(title, rows, valueFormat), donutLegend(rows, valueFormat), alt, null, id);
  const rowH = 22, left = 160, height = rows.length * rowH + 10;
  const max = Math.max(...rows.map(d => d.value), 0) || 1;
  const svg = h('svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': `${title}: ${rows.length} categories` });
  rows.forEach((d, i) => {
    const y = 5 + i * rowH;
    const w = Math.max(1, d.value / max * (W - left - 90));
    svg.append(h('g', { className: 'axis' }, h('text', { x: left - 6, y: y + 15, 'text-anchor': 'end' }, truncate(d.label, 24))),
      h('rect', { className: 'point bar', x: left, y: y + 3, width: w, height: rowH - 6, fill: COLOURS[0], 'data-y': d.value },
        h('title', {}, `${d.label}: ${valueFormat(d.value)}`)),
      h('g', { className: 'axis' }, h('text', { x: left + w + 6, y: y + 15 }, valueFormat(d.value))));
  });
  return figure(title, svg, null, alt, null, id);
}

function truncate(s, n) { s = String(s); return s.length > n ? `${s.slice(0, n - 1)}…` : s; }

function donut(title, rows, valueFormat) {
  const size = 220, r = 100, inner = 55, c = size / 2;
  const total = rows.reduce((a, d) => a + d.value, 0) || 1;
  const svg = h('svg', { viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': `${title}: ${rows.map(d => `${d.label} ${valueFormat(d.value)}`).join(', ')}`, className: 'donut' });
  let a0 = -Math.PI / 2;
  rows.forEach((d, i) => {
    const a1 = a0 + d.value / total * Math.PI * 2 - (rows.length === 1 ? 1e-6 : 0);
    const large = a1 - a0 > Math.PI ? 1 : 0;
    const p = (a, rad) => `${c + rad * Math.cos(a)},${c + rad * Math.sin(a)}`;
    svg.append(h('path', { className: 'point slice', fill: COLOURS[i % COLOURS.length], stroke: '#fff', 'data-y': d.value,
      d: `M${p(a0, r)} A${r},${r} 0 ${large} 1 ${p(a1, r)} L${p(a1, inner)} A${inner},${inner} 0 ${large} 0 ${p(a0, inner)} Z` },
      h('title', {}, `${d.label}: ${valueFormat(d.value)}`)));
    a0 = a1;
  });
  svg.style.maxWidth = '260px';
  return svg;
}

function donutLegend(rows, valueFormat) {
  const ul = h('ul', { className: 'legend' }, rows.map(d => h('li', {}, h('span', { className: 'swatch' }), `${d.label}: ${valueFormat(d.value)}`)));
  ul.querySelectorAll('.swatch').forEach((el, i) => { el.style.background = COLOURS[i % COLOURS.length]; });
  return ul;
}

// A world map of values per country from the bundled Natural Earth outlines (world-atlas, 1:110m), drawn in an
// equirectangular projection: no tiles, no network. Countries with a value are coloured in four classes,
// focusable, and titled; the same numbers are in a table under the map.
import { h, fmtNumber } from './ui.js';

let outlines;

async function load() {
  if (!outlines) {
    outlines = (async () => {
      const [topology, codes] = await Promise.all([
        fetch('/console/vendor/world-atlas@2.0.2/countries-110m.json').then(r => r.json()),
        fetch('/console/vendor/i18n-iso-countries@7.14.0/codes.json').then(r => r.json())]);
      const alpha2 = new Map(codes.map(([a2, , num]) => [num, a2]));
      const features = window.topojson.feature(topology, topology.objects.countries).features;
      return features.map(f => ({ code: alpha2.get(f.id) || null, name: f.properties.name, path: pathOf(f.geometry) }));
    })();
  }
  return outlines;
}

const W = 960, H = 480;
const px = ([lon, lat]) => `${((lon + 180) / 360 * W).toFixed(1)},${((90 - lat) / 180 * H).toFixed(1)}`;

function pathOf(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.map(rings => rings.map(ring => `M${unwrap(ring).map(px).join('L')}Z`).join('')).join('');
}

// A ring that crosses the antimeridian (Russia's far east, Fiji) continues past the right edge, where the
// picture clips it, instead of drawing a line across the whole map.
function unwrap(ring) {
  const crosses = ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
  return crosses ? ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]) : ring;
}

const CLASSES = ['var(--map-1)', 'var(--map-2)', 'var(--map-3)', 'var(--map-4)'];

/** values: [{code (ISO alpha-2), name?, value}]; answers a <figure> that fills in once the outlines are loaded. */
export function worldMap(title, values, { valueFormat = fmtNumber, label = 'Value', id } = {}) {
  const byCode = new Map(values.filter(v => v.code).map(v => [String(v.code).toUpperCase(), v]));
  const max = Math.max(0, ...values.map(v => Number(v.value) || 0));
  const svg = h('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': `${title}: ${byCode.size} countries with data`, className: 'map' });
  const fig = h('figure', { className: 'chart map-figure', 'data-chart': id || title },
    h('figcaption', {}, title), svg,
    h('div', { className: 'map-legend', 'aria-hidden': 'true' }, 'Fewer', CLASSES.map(c => { const s = h('span', { className: 'swatch' }); s.style.background = c; return s; }), 'More',
      (() => { const s = h('span', { className: 'swatch' }); s.style.background = 'var(--map-empty)'; return [s, 'No data']; })()),
    h('details', { className: 'alt' }, h('summary', {}, 'Show data as a table'),
      h('div', { className: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Country'), h('th', { scope: 'col', className: 'num' }, label))),
        h('tbody', {}, [...byCode.values()].sort((a, b) => b.value - a.value).map(v =>
          h('tr', {}, h('td', {}, `${v.name || v.code} (${v.code})`), h('td', { className: 'num' }, valueFormat(v.value)))))))));
  load().then(features => {
    for (const f of features) {
      const v = f.code && byCode.get(f.code);
      const p = h('path', { className: v ? 'country has-data' : 'country', d: f.path, 'data-country': f.code || '' });
      if (v) {
        const k = max > 0 ? Math.min(3, Math.floor(Number(v.value) / max * 4)) : 0;
        p.style.fill = CLASSES[Math.max(0, k)];
        p.setAttribute('tabindex', '0');
        p.setAttribute('role', 'img');
        p.setAttribute('aria-label', `${f.name}: ${valueFormat(v.value)}`);
      }
      p.append(h('title', {}, v ? `${f.name}: ${valueFormat(v.value)}` : f.name));
      svg.append(p);
    }
    fig.dataset.ready = 'true';
  }).catch(e => { svg.replaceWith(h('p', { className: 'state error' }, `Map outlines failed to load: ${e.message}`)); });
  return fig;
}

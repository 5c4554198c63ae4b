// Small DOM helpers: elements are built, never parsed from strings, so API values cannot inject markup.

export function h(tag, attrs = {}, ...children) {
  const el = tag.includes(':') || ['svg', 'g', 'path', 'line', 'circle', 'rect', 'text', 'polyline', 'title', 'desc'].includes(tag)
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.replace('svg:', ''))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'className') el.setAttribute('class', v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const loading = (what = 'Loading…') => h('p', { className: 'state loading', role: 'status' }, what);
export const empty = (what) => h('p', { className: 'state empty', role: 'status' }, what);
export const failure = (err) => h('p', { className: 'state error', role: 'alert' }, 'Could not load: ', err.message || String(err));

/** Runs an async loader inside a section, showing loading, then the result, or the error. */
export async function section(el, loader) {
  clear(el, loading());
  try {
    const content = await loader();
    clear(el, content);
  } catch (e) {
    clear(el, failure(e));
  }
}

export function fmtNumber(v, digits = 2) {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v !== 'number') return String(v);
  return Number.isInteger(v) ? v.toLocaleString('en') : v.toLocaleString('en', { maximumFractionDigits: digits });
}

export function fmtBytes(v) {
  if (v === null || v === undefined) return '–';
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  let n = Number(v);
  while (Math.abs(n) >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return `${n.toLocaleString('en', { maximumFractionDigits: 1 })} ${units[i]}`;
}

export function fmtDate(v, withTime = false) {
  if (!v) return '–';
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  const iso = d.toISOString();
  return withTime ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : iso.slice(0, 10);
}

/** A table with a caption; columns are {label, value(row), num?}. Cells carry data-label for narrow screens. */
export function table(caption, columns, rows, { responsive = true } = {}) {
  return h('div', { className: 'table-wrap' },
    h('table', { className: responsive ? 'responsive' : '' },
      caption ? h('caption', { className: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', className: c.num ? 'num' : '' }, c.header || c.label)))),
      h('tbody', {}, rows.map(r => h('tr', {}, columns.map(c => h('td', { className: c.num ? 'num' : '', 'data-label': c.label }, c.value(r))))))));
}

/** Previous/next paging over offset and limit, kept in the query string. */
export function pager(total, limit, offset, go) {
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return h('nav', { className: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', className: 'secondary', disabled: offset <= 0, onclick: () => go(Math.max(0, offset - limit)) }, '← Previous'),
    h('span', { role: 'status' }, `${from}–${to} of ${total.toLocaleString('en')}`),
    h('button', { type: 'button', className: 'secondary', disabled: offset + limit >= total, onclick: () => go(offset + limit) }, 'Next →'));
}

/** A filter form whose fields come from and go to the query string. */
export function filterForm(fields, params, onSubmit) {
  const form = h('form', { className: 'filters', role: 'search' });
  for (const f of fields) {
    const id = `f-${f.name.replace(/[^a-z0-9]/gi, '-')}`;
    let input;
    if (f.options) {
      input = h('select', { id, name: f.name },
        f.options.map(([value, label]) => h('option', { value, selected: (params.get(f.name) || '') === value }, label)));
    } else {
      input = h('input', { id, name: f.name, type: f.type || 'text', value: params.get(f.name) || f.default || '',
        placeholder: f.placeholder, inputmode: f.inputmode, min: f.min, max: f.max, size: f.size });
    }
    form.append(h('label', { for: id }, f.label, input));
  }
  form.append(h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (String(v).trim() !== '') next.set(k, String(v).trim());
    onSubmit(next);
  });
  return form;
}

/** A download link for the CSV form of an API answer. */
export function csvLink(path, params, label = 'Download CSV') {
  const q = new URLSearchParams(params);
  q.set('format', 'csv');
  return h('a', { className: 'button secondary', href: `${path}?${q}`, download: '' }, label);
}

/** A download button for APIs that choose CSV by the Accept header. */
export function csvButton(path, params, filename, label = 'Download CSV') {
  return h('button', { type: 'button', className: 'secondary', onclick: async () => {
    const res = await fetch(`${path}?${new URLSearchParams(params)}`, { headers: { Accept: 'text/csv' } });
    if (!res.ok) { alert(`CSV download failed: ${res.status}`); return; }
    const url = URL.createObjectURL(await res.blob());
    const a = h('a', { href: url, download: filename });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } }, label);
}

export function link(href, ...children) {
  return h('a', { href }, ...children);
}

import { h, clear, section, table } from '../ui.js';
import { getJson } from '../api.js';

export async function home(main) {
  const status = h('div', {});
  clear(main, h('h1', {}, 'Observatory'),
    h('p', {}, 'Registered instances, Internet exchange points, perfSONAR measurements and seismic data traffic, from the suite\'s public APIs.'),
    h('div', { className: 'cards' },
      card('Instances', '/console/instances', 'Registered servers with their crawled details, on a map.', '/console/instance-stats', 'Statistics'),
      card('IXPs', '/console/ixps', 'Internet exchange points and their members over time.', '/console/ixp-countries', 'By country'),
      card('Measurements', '/console/measurements', 'Throughput, loss and delay between perfSONAR hosts.'),
      card('Traffic', '/console/traffic', 'Bytes sent to clients by network and station.')),
    h('h2', {}, 'Services'), status);
  await section(status, async () => {
    const services = await getJson('/services');
    return table('Services behind the gateway', [
      { label: 'Service', value: s => s.name },
      { label: 'Paths', value: s => s.paths.join(', ') },
      { label: 'Ready', value: s => h('span', { className: `badge ${s.ready ? 'ok' : 'failed'}` }, s.ready ? 'ready' : `not ready (${s.status})`) }],
      services);
  });
}

function card(title, href, text, extraHref, extraLabel) {
  return h('section', { className: 'card' }, h('h2', {}, h('a', { href }, title)), h('p', {}, text),
    extraHref ? h('p', {}, h('a', { href: extraHref }, extraLabel)) : null);
}

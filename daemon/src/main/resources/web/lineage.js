// The lineage page: reads the daemon's JSON API, draws it, and redraws when the event stream says the
// registry changed. Plain DOM and SVG; text goes in with textContent only, never as HTML.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const NODE_W = 150;
const NODE_H = 48;
const ROW = 72;
const LABEL_CHAR = 5.8; // px per character of an 11px edge label, to leave room for the longest line
const MARGIN = 24;

const state = {
  model: null,
  champions: [],
  lineage: null,
  decisions: [],
  jobs: [],
  selected: null,
  source: null,
  treeScrolledByHand: false,
  sourceModel: undefined,
  refreshTimer: null,
  refreshing: false,
  refreshAgain: false,
};

// ---- small helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child == null ? '' : String(child)));
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  setAttrs(node, attrs);
  if (text != null) node.textContent = String(text);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value != null) node.setAttribute(key, String(value));
  }
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(url + ' answered ' + response.status);
  }
  return response.json();
}

function count(n) {
  return n == null ? '–' : Number(n).toLocaleString('en-US');
}

function fixed(x, digits) {
  return x == null ? '–' : Number(x).toFixed(digits);
}

function age(iso) {
  if (!iso) return '–';
  let s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 60) return s + ' s';
  const m = Math.floor(s / 60);
  s %= 60;
  if (m < 60) return m + ' min ' + s + ' s';
  const h = Math.floor(m / 60);
  if (h < 48) return h + ' h ' + (m % 60) + ' min';
  return Math.floor(h / 24) + ' days';
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString('en-GB') : '–';
}

function statusClass(v) {
  return v.champion ? 'champion' : v.status;
}

function accuracyOf(v) {
  return v && v.metrics ? v.metrics['validation.accuracy'] : undefined;
}

function artifactHref(v) {
  const unusual = v.status === 'rejected' || v.status === 'failed' || v.status === 'training';
  return v.artifactUrl + (unusual ? '?anyStatus=true' : '');
}

// ---- loading

async function refresh() {
  if (state.refreshing) {
    state.refreshAgain = true;
    return;
  }
  state.refreshing = true;
  try {
    state.champions = await getJson('/api/champions');
    if (!state.model || !state.champions.some((c) => c.model === state.model)) {
      const fromHash = new URLSearchParams(location.hash.slice(1)).get('model');
      const chosen = state.champions.find((c) => c.model === fromHash) || state.champions[0];
      state.model = chosen ? chosen.model : null;
      connectEvents();
    }
    renderModels();
    if (state.model) {
      const name = encodeURIComponent(state.model);
      const [lineage, decisions, jobs] = await Promise.all([
        getJson('/api/models/' + name + '/lineage'),
        getJson('/api/models/' + name + '/decisions?limit=15'),
        getJson('/api/jobs?model=' + name + '&limit=15'),
      ]);
      state.lineage = lineage;
      state.decisions = decisions;
      state.jobs = jobs;
      renderLineage();
      renderDetails();
      renderCharts();
      renderDecisions();
      renderJobs();
    }
    document.body.dataset.loaded = 'true';
  } catch (e) {
    document.getElementById('last-event').textContent = 'could not read the API: ' + e.message;
  } finally {
    state.refreshing = false;
    if (state.refreshAgain) {
      state.refreshAgain = false;
      scheduleRefresh();
    }
  }
}

function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(refresh, 250);
}

// ---- live events

function connectEvents() {
  if (state.source && state.sourceModel === state.model) return;
  if (state.source) state.source.close();
  state.sourceModel = state.model;
  const badge = document.getElementById('live');
  const url = '/api/events' + (state.model ? '?model=' + encodeURIComponent(state.model) : '');
  const source = new EventSource(url);
  state.source = source;
  source.onopen = () => {
    badge.textContent = 'live';
    badge.className = 'badge live';
  };
  source.onerror = () => {
    // EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed.
    badge.textContent = 'reconnecting';
    badge.className = 'badge reconnecting';
  };
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    addEvent(event);
    scheduleRefresh();
  };
}

function addEvent(event) {
  const list = document.getElementById('events');
  const payload = event.payload || {};
  const words = [time(event.occurredAt), event.type];
  if (event.version != null) words.push('v' + event.version);
  for (const key of ['transform', 'status', 'to', 'rule', 'outcome']) {
    if (payload[key] != null) words.push(key + '=' + payload[key]);
  }
  const waiting = document.getElementById('no-events');
  if (waiting) waiting.remove();
  list.prepend(el('li', { 'data-event-id': event.id }, words.join('  ')));
  while (list.children.length > 50) list.lastElementChild.remove();
  document.getElementById('last-event').textContent = 'last event #' + event.id + ' at ' + time(event.occurredAt);
  document.body.dataset.lastEvent = event.id;
}

// ---- models

function renderModels() {
  const body = document.querySelector('#models tbody');
  body.replaceChildren();
  document.getElementById('no-models').hidden = state.champions.length > 0;
  for (const c of state.champions) {
    const row = el('tr', { 'data-model': c.model, class: c.model === state.model ? 'selected' : null },
      el('td', {}, c.model),
      el('td', {}, c.version == null ? 'none yet' : 'v' + c.version + (c.label ? ' (' + c.label + ')' : '')),
      el('td', { class: 'num' }, fixed(c.accuracy, 4)),
      el('td', { class: 'num' }, count(c.parameters)),
      el('td', { class: 'num', 'data-since': c.championSince || '' }, age(c.championSince)),
      el('td', { class: 'num' }, count(c.versions)));
    row.addEventListener('click', () => {
      if (state.model === c.model) return;
      state.model = c.model;
      state.selected = null;
      location.hash = 'model=' + encodeURIComponent(c.model);
      connectEvents();
      refresh();
    });
    body.append(row);
  }
  document.getElementById('model-name').textContent = state.model || '…';
}

// ---- the tree, left to right

function layout(versions, column) {
  const children = new Map();
  const byNumber = new Map(versions.map((v) => [v.version, v]));
  const roots = [];
  for (const v of versions) {
    if (v.parent != null && byNumber.has(v.parent)) {
      if (!children.has(v.parent)) children.set(v.parent, []);
      children.get(v.parent).push(v);
    } else {
      roots.push(v);
    }
  }
  const position = new Map();
  let nextRow = 0;
  const place = (v, depth) => {
    const kids = (children.get(v.version) || []).sort((a, b) => a.version - b.version);
    let row;
    if (kids.length === 0) {
      row = nextRow++;
    } else {
      const rows = kids.map((k) => place(k, depth + 1));
      row = (rows[0] + rows[rows.length - 1]) / 2;
    }
    position.set(v.version, { x: MARGIN + depth * column, y: MARGIN + row * ROW, depth });
    return row;
  };
  roots.sort((a, b) => a.version - b.version).forEach((r) => place(r, 0));
  return { position, rows: Math.max(nextRow, 1), depth: Math.max(0, ...[...position.values()].map((p) => p.depth)) };
}

function renderLineage() {
  const tree = document.getElementById('tree');
  tree.replaceChildren();
  const versions = state.lineage.versions;
  const longest = Math.max(0, ...state.lineage.edges.flatMap((e) => labelLines(e.label)).map((line) => line.length));
  const column = NODE_W + Math.max(60, Math.ceil(longest * LABEL_CHAR) + 40);
  const { position, rows, depth } = layout(versions, column);
  const width = MARGIN * 2 + depth * column + NODE_W;
  const height = MARGIN * 2 + (rows - 1) * ROW + NODE_H;
  setAttrs(tree, { width, height, viewBox: '0 0 ' + width + ' ' + height });

  const edges = svg('g', { class: 'edges' });
  for (const edge of state.lineage.edges) {
    const from = position.get(edge.from);
    const to = position.get(edge.to);
    if (!from || !to) continue;
    const x1 = from.x + NODE_W;
    const y1 = from.y + NODE_H / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    const g = svg('g', { class: 'edge', 'data-from': edge.from, 'data-to': edge.to });
    g.append(svg('path', { d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}` }));
    // The label sits just before the child, over its incoming edge, on two lines (what was done, then
    // where): siblings are a row apart, so their labels never collide.
    const [first, second] = labelLines(edge.label);
    const label = svg('text', { x: x2 - 8, y: y2 - (second ? 19 : 6), 'text-anchor': 'end', class: 'edge-label' });
    label.append(svg('tspan', { x: x2 - 8 }, first));
    if (second) label.append(svg('tspan', { x: x2 - 8, dy: 13 }, second));
    g.append(label);
    edges.append(g);
  }
  tree.append(edges);

  const nodes = svg('g', { class: 'nodes' });
  for (const v of versions) {
    const p = position.get(v.version);
    const g = svg('g', {
      class: 'node ' + statusClass(v) + (state.selected === v.version ? ' selected' : ''),
      transform: `translate(${p.x},${p.y})`,
      'data-version': v.version,
      'data-status': v.status,
      tabindex: 0,
    });
    g.append(svg('title', {}, 'version ' + v.version + ': ' + v.status + (v.reason ? ' (' + v.reason + ')' : '')));
    g.append(svg('rect', { width: NODE_W, height: NODE_H, rx: 7 }));
    g.append(svg('text', { x: 8, y: 18, class: 'title' }, 'v' + v.version + (v.champion ? ' ★ champion' : ' · ' + v.status)));
    const accuracy = accuracyOf(v);
    g.append(svg('text', { x: 8, y: 37 },
      (accuracy == null ? '' : (accuracy * 100).toFixed(2) + '% · ') + compact(v.parameters)));
    g.addEventListener('click', () => select(v.version));
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') select(v.version);
    });
    nodes.append(g);
  }
  tree.append(nodes);
  tree.dataset.versions = versions.length;
  // Growth adds columns on the right: keep the newest in view unless the reader has scrolled away.
  const scroller = document.getElementById('tree-scroll');
  if (!state.treeScrolledByHand) {
    scroller.scrollLeft = scroller.scrollWidth - scroller.clientWidth;
  }
}

function axisCount(n) {
  if (n >= 1e6) return (n / 1e6).toFixed(2) + 'M';
  if (n >= 1e3) return (n / 1e3).toFixed(1) + 'k';
  return String(Math.round(n));
}

/** 'widen hidden1 128->192' as ['widen', 'hidden1 128->192']; 'deepen after conv2' as ['deepen after', 'conv2']. */
function labelLines(label) {
  const words = label.split(' ');
  const cut = words[1] === 'after' ? 2 : 1;
  return words.length > cut ? [words.slice(0, cut).join(' '), words.slice(cut).join(' ')] : [label, ''];
}

function compact(n) {
  if (n >= 1e6) return (n / 1e6).toFixed(2) + 'M params';
  if (n >= 1e3) return Math.round(n / 1e3) + 'k params';
  return n + ' params';
}

function select(version) {
  state.selected = version;
  document.querySelectorAll('#tree .node').forEach((n) => n.classList.toggle('selected', Number(n.dataset.version) === version));
  renderDetails();
}

// ---- details of one version

function renderDetails() {
  const panel = document.getElementById('details');
  const v = state.lineage && state.lineage.versions.find((x) => x.version === state.selected);
  if (!v) {
    panel.replaceChildren(el('p', { class: 'muted' }, 'Click a version for its details.'));
    return;
  }
  const facts = el('dl');
  const fact = (name, value) => facts.append(el('dt', {}, name), el('dd', {}, value));
  fact('status', v.status + (v.reason ? ' (' + v.reason + ')' : ''));
  if (v.aliases.length) fact('aliases', v.aliases.join(', '));
  fact('made by', v.label ? v.label + ' of v' + v.parent : 'the seed');
  fact('parameters', count(v.parameters));
  fact('architecture', el('code', {}, v.architecture));
  fact('preservation error', v.preservationError == null ? '–' : Number(v.preservationError).toExponential(2));
  fact('trained on', count(v.datasetRows) + ' rows, digest ' + v.datasetDigest.slice(0, 16) + '…');
  fact('created', new Date(v.createdAt).toLocaleString('en-GB') + ' (' + age(v.createdAt) + ' ago)');
  const d = v.decision;
  fact('decision', d ? `#${d.id}: rule ${d.rule} of policy ${d.policy} → ${d.action}, ${d.outcome}` : (v.parent == null ? 'seed training' : 'none recorded'));
  fact('artifact sha256', el('code', { class: 'sha' }, v.artifactSha256));
  fact('download', el('span', {},
    el('a', { href: artifactHref(v), download: state.model + '-v' + v.version + '.zip', class: 'download' }, 'model zip'),
    ' (' + count(v.artifactSize) + ' bytes) · ',
    el('a', { href: v.cardUrl, class: 'card' }, 'model card')));

  const finals = el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'final'), el('th', { class: 'num' }, 'value'))));
  const finalBody = el('tbody');
  for (const [key, value] of Object.entries(v.metrics)) {
    finalBody.append(el('tr', {}, el('td', {}, key), el('td', { class: 'num' }, fixed(value, 4))));
  }
  finals.append(finalBody);

  const epochs = el('table', { class: 'epochs' },
    el('thead', {}, el('tr', {}, el('th', {}, 'epoch'), el('th', {}, 'split'), el('th', {}, 'metric'), el('th', { class: 'num' }, 'value'))));
  const epochBody = el('tbody');
  for (const e of v.epochs) {
    epochBody.append(el('tr', {}, el('td', {}, e.epoch), el('td', {}, e.split), el('td', {}, e.metric), el('td', { class: 'num' }, fixed(e.value, 4))));
  }
  epochs.append(epochBody);

  const measured = el('div', { class: 'measured' }, finals);
  if (v.epochs.length) measured.append(el('div', { class: 'muted' }, 'per epoch'), epochs);
  if (d) measured.append(el('div', { class: 'muted' }, 'signals the rule saw'), el('pre', {}, JSON.stringify(d.signals, null, 1)));
  panel.replaceChildren(el('div', { class: 'facts' }, el('h3', {}, state.model + ' v' + v.version), facts), measured);
  panel.dataset.version = v.version;
}

// ---- the champion over time

function renderCharts() {
  const history = state.lineage.championHistory;
  const growths = state.lineage.versions.filter((v) => v.parent != null);
  chart(document.getElementById('accuracy-chart'), history, (h) => h.accuracy, (x) => fixed(x, 3), growths);
  chart(document.getElementById('parameters-chart'), history, (h) => h.parameters, axisCount, growths);
}

function chart(target, history, value, format, growths) {
  target.replaceChildren();
  const box = target.getBoundingClientRect();
  const width = Math.max(300, Math.round(box.width || 480));
  const height = 180;
  setAttrs(target, { viewBox: `0 0 ${width} ${height}` });
  const points = history.filter((h) => value(h) != null).map((h) => ({ t: Date.parse(h.at), y: value(h), v: h.version }));
  if (points.length === 0) {
    target.append(svg('text', { x: 12, y: 24, class: 'tick' }, 'no champion yet'));
    return;
  }
  const left = 56;
  const right = 14;
  const top = 12;
  const bottom = 28;
  const now = Date.now();
  const t0 = Math.min(points[0].t, ...growths.map((g) => Date.parse(g.createdAt)));
  const t1 = Math.max(now, t0 + 1000);
  let lo = Math.min(...points.map((p) => p.y));
  let hi = Math.max(...points.map((p) => p.y));
  if (hi === lo) {
    hi += Math.abs(hi) * 0.05 || 1;
    lo -= Math.abs(lo) * 0.05 || 1;
  }
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (width - left - right);
  const y = (v) => top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom);
  target.append(svg('line', { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, class: 'axis' }));
  target.append(svg('line', { x1: left, y1: top, x2: left, y2: height - bottom, class: 'axis' }));
  target.append(svg('text', { x: left - 6, y: y(hi) + 4, 'text-anchor': 'end', class: 'tick' }, format(hi)));
  target.append(svg('text', { x: left - 6, y: y(lo) + 4, 'text-anchor': 'end', class: 'tick' }, format(lo)));
  target.append(svg('text', { x: left, y: height - 8, class: 'tick' }, time(new Date(t0).toISOString())));
  target.append(svg('text', { x: width - right, y: height - 8, 'text-anchor': 'end', class: 'tick' }, 'now'));

  let d = '';
  points.forEach((p, i) => {
    d += (i === 0 ? `M${x(p.t)},${y(p.y)}` : ` H${x(p.t)} V${y(p.y)}`);
  });
  d += ` H${x(now)}`;
  target.append(svg('path', { d, class: 'step' }));
  for (const p of points) {
    const dot = svg('circle', { cx: x(p.t), cy: y(p.y), r: 3.5, fill: 'var(--champion)' });
    dot.append(svg('title', {}, 'v' + p.v + ' champion: ' + format(p.y)));
    target.append(dot);
  }
  for (const g of growths) {
    const gx = x(Date.parse(g.createdAt));
    const colour = g.champion ? 'var(--champion)' : `var(--${g.status === 'ready' ? 'ready' : g.status === 'failed' ? 'failed' : g.status === 'rejected' ? 'rejected' : 'candidate'})`;
    const kind = g.transform ? g.transform.kind : '';
    const markY = height - bottom - 7;
    const mark = kind === 'widen'
      ? svg('circle', { cx: gx, cy: markY, r: 5, fill: colour, class: 'growth' })
      : kind === 'deepen'
        ? svg('path', { d: `M${gx},${markY - 6} L${gx + 6},${markY} L${gx},${markY + 6} L${gx - 6},${markY} Z`, fill: colour, class: 'growth' })
        : svg('rect', { x: gx - 5, y: markY - 5, width: 10, height: 10, fill: colour, class: 'growth' });
    mark.append(svg('title', {}, 'v' + g.version + ': ' + (g.label || kind) + ', ' + g.status));
    target.append(svg('line', { x1: gx, y1: top, x2: gx, y2: height - bottom, stroke: colour, 'stroke-dasharray': '2 3', 'stroke-opacity': 0.6 }));
    target.append(mark);
  }
}

// ---- decisions and jobs

function renderDecisions() {
  const body = document.querySelector('#decisions tbody');
  body.replaceChildren();
  for (const d of state.decisions) {
    body.append(el('tr', { 'data-decision': d.id },
      el('td', { class: 'num' }, d.id),
      el('td', {}, time(d.decidedAt)),
      el('td', {}, d.rule),
      el('td', {}, d.action),
      el('td', { class: 'outcome-' + d.outcome }, d.outcome),
      el('td', {}, d.resultingVersion == null ? '' : 'v' + d.resultingVersion)));
  }
}

function renderJobs() {
  const body = document.querySelector('#jobs tbody');
  body.replaceChildren();
  for (const j of state.jobs) {
    body.append(el('tr', { 'data-job': j.id },
      el('td', { class: 'num' }, j.id),
      el('td', {}, j.spec && j.spec.kind ? j.spec.kind : ''),
      el('td', { class: 'status-' + j.status, title: j.lastError || '' }, j.status),
      el('td', { class: 'num' }, j.attempts + '/' + j.maxAttempts),
      el('td', {}, j.leaseOwner || ''),
      el('td', {}, j.resultVersion == null ? '' : 'v' + j.resultVersion),
      el('td', {}, time(j.createdAt))));
  }
}

function tickAges() {
  document.querySelectorAll('[data-since]').forEach((cell) => {
    cell.textContent = age(cell.dataset.since);
  });
}

window.addEventListener('hashchange', () => {
  const wanted = new URLSearchParams(location.hash.slice(1)).get('model');
  if (wanted && wanted !== state.model) {
    state.model = wanted;
    state.selected = null;
    connectEvents();
    refresh();
  }
});
document.getElementById('tree-scroll').addEventListener('wheel', () => {
  state.treeScrolledByHand = true;
}, { passive: true });
window.addEventListener('resize', () => {
  if (state.lineage) renderCharts();
});
setInterval(tickAges, 5000);
refresh();

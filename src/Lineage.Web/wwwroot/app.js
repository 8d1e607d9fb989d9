// The Lineage explorer front end: plain ES module over the read-only JSON API (docs/formats-serve.md), charts with d3
// (window.d3, the pinned copy in /assets/vendor). Every chart has a table beside it as its text alternative.
const d3 = window.d3;
const main = document.getElementById('main');
const PAGE = 100;

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
};
const modelHref = id => '/model/' + encodeURI(id);
const familyHref = id => '/family/' + encodeURI(id);
const api = async path => {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `${response.status} ${path}`);
  return body;
};
const fmt = n => (n === null || n === undefined) ? '–' : Number(n).toLocaleString('en-US');
const day = s => s ? s.slice(0, 10) : 'unknown date';
const setStatus = text => { const s = document.getElementById('status'); if (s) s.textContent = text; };
const show = (...nodes) => main.replaceChildren(...nodes.filter(n => n !== null && n !== undefined && n !== false));
const fail = e => { main.replaceChildren(el('h1', { text: 'Not found' }), el('p', { class: 'missing', role: 'alert', text: e.message }), el('p', {}, el('a', { href: '/', text: 'Back to search' }))); };

route();

function route() {
  const path = decodeURI(location.pathname);
  if (path.startsWith('/model/')) return modelPage(path.slice('/model/'.length)).catch(fail);
  if (path.startsWith('/family/')) return familyPage(path.slice('/family/'.length)).catch(fail);
  if (path === '/report' || path === '/report/') return reportPage().catch(fail);
  return searchPage();
}

// ---------- search (/): an ARIA 1.2 combobox with a listbox of type-ahead results ----------
function searchPage() {
  document.title = 'Lineage explorer: search';
  const params = new URLSearchParams(location.search);
  const input = el('input', { id: 'search', type: 'search', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': 'suggestions', autocomplete: 'off', placeholder: 'model id, name or author/ …', 'aria-describedby': 'search-help' });
  const list = el('ul', { id: 'suggestions', role: 'listbox', 'aria-label': 'Matching models', hidden: true });
  const summary = el('p', { id: 'search-summary', class: 'muted', 'aria-live': 'polite' });
  const table = el('div', { id: 'results' });
  main.replaceChildren(
    el('h1', { text: 'Search the catalog' }),
    el('label', { for: 'search', text: 'Model id (prefix or any part of it; "author/" lists an author\'s models)' }),
    el('div', { class: 'combo' }, input, list),
    el('p', { id: 'search-help', class: 'muted', text: 'Arrow keys move through suggestions, Enter opens the model, Escape closes the list.' }),
    summary, table);
  let active = -1, items = [], timer = 0, seq = 0;
  const open = id => { location.href = modelHref(id); };
  const highlight = i => {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', k === i ? 'true' : 'false'));
    if (i >= 0) { input.setAttribute('aria-activedescendant', list.children[i].id); list.children[i].scrollIntoView({ block: 'nearest' }); }
    else input.removeAttribute('aria-activedescendant');
  };
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); highlight(-1); };
  const run = async q => {
    const mine = ++seq;
    if (q.trim().length === 0) { close(); summary.textContent = ''; table.replaceChildren(); return; }
    const answer = await api('/api/search?limit=20&q=' + encodeURIComponent(q));
    if (mine !== seq) return;
    items = answer.results;
    list.replaceChildren(...items.map((r, k) => el('li', { id: 'opt-' + k, role: 'option', 'aria-selected': 'false', 'data-id': r.id,
      onmousedown: e => { e.preventDefault(); open(r.id); } },
      el('strong', { text: r.id }), el('span', { class: 'muted', text: ` · family ${fmt(r.familySize)} · ${fmt(r.children)} children · ${fmt(r.downloads)} downloads` }))));
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
    highlight(-1);
    summary.textContent = `${fmt(answer.total)} models match "${q}"` + (answer.total > items.length ? `; the best ${items.length} are shown` : '');
    table.replaceChildren(resultTable(items));
    history.replaceState(null, '', '/?q=' + encodeURIComponent(q));
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run(input.value).catch(e => { summary.textContent = e.message; }), 120); });
  input.addEventListener('keydown', e => {
    if (e.key === 'ArrowDown' && items.length) { e.preventDefault(); list.hidden = false; input.setAttribute('aria-expanded', 'true'); highlight(Math.min(active + 1, items.length - 1)); }
    else if (e.key === 'ArrowUp' && items.length) { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (e.key === 'Enter') { e.preventDefault(); if (active >= 0) open(items[active].id); else if (items.length) open(items[0].id); }
    else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  input.focus();
  if (params.get('q')) { input.value = params.get('q'); run(input.value).catch(() => {}); }
}

function resultTable(items) {
  if (!items.length) return el('p', { text: 'No model matches.' });
  const relations = r => Object.entries(r.childrenByRelation).map(([k, v]) => `${k} ${v}`).join(', ') || '–';
  return el('table', { 'aria-label': 'Search results' },
    el('thead', {}, el('tr', {}, ['Model', 'Match', 'Family (root, size)', 'Parents', 'Children by relation', 'License', 'Downloads'].map(h => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, items.map(r => el('tr', {},
      el('td', {}, el('a', { class: 'result', href: modelHref(r.id), text: r.id })),
      el('td', { text: r.match }),
      el('td', {}, el('a', { href: familyHref(r.familyRoot), text: r.familyRoot }), ` (${fmt(r.familySize)})`),
      el('td', { class: 'num', text: fmt(r.parents) }),
      el('td', { text: relations(r) }),
      el('td', { text: r.licenses.join(', ') || '–' }),
      el('td', { class: 'num', text: fmt(r.downloads) })))));
}

// ---------- model page (/model/{id}) ----------
async function modelPage(id) {
  document.title = 'Lineage explorer: ' + id;
  setStatus('Loading ' + id + '…');
  const [model, up, down] = await Promise.all([
    api('/api/model/' + encodeURI(id)),
    api('/api/tree/' + encodeURI(id) + '?up=64&down=0'),
    api('/api/tree/' + encodeURI(id) + `?up=0&down=2&limit=${PAGE}`)]);
  const m = model.model;
  const shown = new Set([m.id]);
  show(
    el('h1', { id: 'model-title' }, m.id),
    el('p', {}, 'Family ', el('a', { id: 'family-link', href: familyHref(model.family.root), text: model.family.root }),
      ` · ${fmt(model.family.size)} models · depth ${model.family.depth}`),
    facts(m),
    el('h2', { id: 'parents-heading', text: `Parents (${model.parents.length})` }),
    model.parents.length
      ? el('ul', { 'aria-labelledby': 'parents-heading' }, model.parents.map(p => el('li', {}, parentLink(p), relationBadge(p.relation), verdictBadge(p.verdict))))
      : el('p', { class: 'muted', text: 'No declared parent: a root.' }),
    el('p', { class: 'muted', text: `License audit of the whole ancestry: ${fmt(model.edgesAudited)} edges checked, ${fmt(model.edgesWithFindings)} findings.` }),
    el('h2', { id: 'generations-heading', text: 'Counts per generation' }),
    generationTable(model),
    el('h2', { id: 'ancestry-heading', text: `Ancestry up to the roots (${fmt(model.ancestors)} ancestors)` }),
    up.ancestors && up.ancestors.lines.length
      ? el('ul', { class: 'tree', role: 'tree', id: 'ancestry', 'aria-labelledby': 'ancestry-heading' }, ancestorItem(up.ancestors, 1))
      : el('p', { class: 'muted', text: 'No ancestors.' }),
    el('h2', { id: 'descendants-heading', text: `Descendants (${fmt(model.descendants)}; children by relation: ${Object.entries(model.childrenByRelation).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'})` }),
    down.descendants.lines.length
      ? el('ul', { class: 'tree', role: 'tree', id: 'descendants', 'aria-labelledby': 'descendants-heading' }, descendantItem(down.descendants, 1, shown, true))
      : el('p', { class: 'muted', text: 'No children.' }));
  treeKeys(main);
}

function facts(m) {
  const row = (k, v) => [el('dt', { text: k }), el('dd', {}, v)];
  return el('dl', { class: 'facts', 'aria-label': 'Model facts' },
    row('License', m.licenses.join(', ') || 'none declared'),
    row('Languages', m.languages.join(', ') || 'none declared'),
    row('Task', m.task || '–'), row('Library', m.library || '–'),
    row('Created', day(m.createdAt)), row('Downloads', fmt(m.downloads)),
    row('Generation', m.generation ?? '–'),
    row('Hub page', el('a', { href: 'https://huggingface.co/' + m.id, rel: 'noopener', text: 'huggingface.co/' + m.id })));
}

function generationTable(model) {
  const up = model.ancestorsPerGeneration, down = model.descendantsPerGeneration;
  const n = Math.max(up.length, down.length);
  if (n === 0) return el('p', { class: 'muted', text: 'No relatives.' });
  const rows = [];
  for (let g = 1; g <= n; g++) rows.push(el('tr', {}, el('th', { scope: 'row', text: `${g} generation${g > 1 ? 's' : ''} away` }),
    el('td', { class: 'num', text: fmt(up[g - 1] ?? 0) }), el('td', { class: 'num', text: fmt(down[g - 1] ?? 0) })));
  return el('table', { id: 'generations', 'aria-labelledby': 'generations-heading' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Distance' }), el('th', { scope: 'col', class: 'num', text: 'Ancestors' }), el('th', { scope: 'col', class: 'num', text: 'Descendants' }))),
    el('tbody', {}, rows));
}

const relationBadge = r => r ? el('span', { class: 'badge rel-' + r, title: 'relation to the line above', text: r }) : null;
function verdictBadge(v) {
  if (!v) return null;
  const text = v.status === 'violation' ? 'license: ' + v.rules.map(r => r.rule).join(', ') : 'license: ' + v.status;
  const reason = v.status === 'violation' ? v.rules.map(r => `${r.rule} (${r.severity}, from ${r.license}): ${r.reason}`).join('; ') : (v.note || 'no rule is broken');
  return el('span', { class: 'badge verdict verdict-' + v.status, title: reason, 'aria-label': `license verdict ${v.status}: ${reason}`, text });
}
function parentLink(p) {
  return p.inCatalog
    ? el('a', { class: 'parent-link', href: modelHref(p.id), text: p.id })
    : el('span', { class: 'missing', title: 'declared as a parent but not in the catalog' }, p.id, ' (not in the catalog)');
}
function nodeFacts(n) {
  if (!n.inCatalog) return el('span', { class: 'facts missing', text: 'declared parent, not in the catalog' });
  return el('span', { class: 'facts' }, [n.licenses.join('+') || 'no license', n.languages.slice(0, 3).join(', ') + (n.languages.length > 3 ? ` +${n.languages.length - 3}` : ''),
    n.task, n.library, day(n.createdAt), fmt(n.downloads) + ' downloads'].filter(Boolean).join(' · '));
}

function ancestorItem(line, level) {
  const n = line.node;
  const hasLines = line.lines.length > 0;
  const li = el('li', { role: 'treeitem', 'aria-level': level, 'aria-expanded': hasLines ? 'true' : null, 'data-id': n.id, class: 'tree-node' });
  const group = el('ul', { role: 'group' }, line.lines.map(l => ancestorItem(l, level + 1)));
  const toggle = el('button', { class: 'toggle', type: 'button', disabled: !hasLines, 'aria-label': `Collapse parents of ${n.id}`, text: '−' });
  toggle.addEventListener('click', () => toggleGroup(li, group, toggle, n.id, 'parents'));
  li.append(el('div', { class: 'line' }, toggle, level === 1 ? el('strong', { text: n.id }) : (n.inCatalog ? el('a', { class: 'parent-link', href: modelHref(n.id), text: n.id }) : el('span', { class: 'missing', text: n.id })),
    relationBadge(line.relation), verdictBadge(line.verdict), line.repeated ? el('span', { class: 'badge', text: 'also above (merge)' }) : null, nodeFacts(n)), group);
  return li;
}

function toggleGroup(li, group, toggle, id, what) {
  const expanded = li.getAttribute('aria-expanded') === 'true';
  li.setAttribute('aria-expanded', expanded ? 'false' : 'true');
  group.hidden = expanded;
  toggle.textContent = expanded ? '+' : '−';
  toggle.setAttribute('aria-label', `${expanded ? 'Expand' : 'Collapse'} ${what} of ${id}`);
}

// A descendant line. `preloaded` lines arrived with the page (depth 2); deeper ones are fetched on expand, a page at a time.
function descendantItem(line, level, shown, expanded) {
  const n = line.node;
  const li = el('li', { role: 'treeitem', 'aria-level': level, 'data-id': n.id, class: 'tree-node', 'aria-expanded': n.children > 0 && !line.repeated ? String(expanded) : null });
  const group = el('ul', { role: 'group', hidden: !expanded });
  const toggle = el('button', { class: 'toggle', type: 'button', disabled: n.children === 0 || line.repeated,
    'aria-label': `${expanded ? 'Collapse' : 'Expand'} children of ${n.id} (${n.children})`, text: expanded ? '−' : '+' });
  let loaded = line.lines.length > 0 || n.children === 0;
  let next = line.nextOffset;
  const more = el('button', { class: 'more', type: 'button', hidden: true });
  const fill = lines => { for (const l of lines) group.append(descendantItem(l, level + 1, shown, false)); };
  const refreshMore = () => {
    const remaining = n.children - group.children.length;
    more.hidden = next === null || next === undefined || remaining <= 0;
    more.textContent = `Load ${Math.min(PAGE, remaining)} more children of ${n.id} (${fmt(remaining)} not shown)`;
  };
  const load = async offset => {
    toggle.setAttribute('aria-busy', 'true');
    const page = await api('/api/tree/' + encodeURI(n.id) + `?up=0&down=1&offset=${offset}&limit=${PAGE}`);
    fill(page.descendants.lines);
    next = page.descendants.nextOffset;
    loaded = true;
    toggle.removeAttribute('aria-busy');
    refreshMore();
  };
  more.addEventListener('click', () => load(next).catch(e => setStatus(e.message)));
  toggle.addEventListener('click', async () => {
    if (!loaded) await load(0).catch(e => setStatus(e.message));
    toggleGroup(li, group, toggle, n.id, 'children');
    more.hidden = li.getAttribute('aria-expanded') !== 'true' || next === null || next === undefined;
  });
  fill(line.lines);
  if (expanded) refreshMore();
  const label = level === 1 ? el('strong', { text: n.id }) : el('a', { class: 'child-link', href: modelHref(n.id), text: n.id });
  li.append(el('div', { class: 'line' }, toggle, label, relationBadge(line.relation), verdictBadge(line.verdict),
    n.children ? el('span', { class: 'badge', text: `${fmt(n.children)} children` }) : null,
    line.repeated ? el('span', { class: 'badge', text: 'merge: shown under another parent' }) : null,
    nodeFacts(n),
    line.allParents && line.allParents.length > 1 ? el('span', { class: 'facts' }, 'parents: ', ...line.allParents.flatMap((p, k) => [k ? ', ' : '', parentLink(p)])) : null),
    group, more);
  return li;
}

// Tree keyboard: Up/Down move between visible items, Right expands (or enters), Left collapses (or goes to the parent).
function treeKeys(root) {
  root.querySelectorAll('[role=tree]').forEach(tree => tree.addEventListener('keydown', e => {
    const item = e.target.closest('[role=treeitem]');
    if (!item || !['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key)) return;
    const visible = [...tree.querySelectorAll('[role=treeitem]')].filter(i => i.offsetParent !== null);
    const at = visible.indexOf(item);
    const focus = i => i?.querySelector(':scope > .line a, :scope > .line button:not([disabled]), :scope > .line strong')?.focus();
    const toggle = item.querySelector(':scope > .line button.toggle');
    e.preventDefault();
    if (e.key === 'ArrowDown') focus(visible[at + 1]);
    else if (e.key === 'ArrowUp') focus(visible[at - 1]);
    else if (e.key === 'ArrowRight') { if (item.getAttribute('aria-expanded') === 'false') toggle.click(); else focus(visible[at + 1]); }
    else if (e.key === 'ArrowLeft') { if (item.getAttribute('aria-expanded') === 'true') toggle.click(); else focus(item.parentElement.closest('[role=treeitem]')); }
  }));
}

// ---------- family page (/family/{root}) ----------
async function familyPage(id) {
  document.title = 'Lineage explorer: family of ' + id;
  setStatus('Loading the family of ' + id + '…');
  const f = await api('/api/family/' + encodeURI(id));
  const edges = Object.entries(f.edgesByRelation).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') || 'none';
  show(
    el('h1', {}, 'Family of ', el('a', { href: modelHref(f.root), text: f.root })),
    f.model !== f.root ? el('p', {}, 'Reached from ', el('a', { href: modelHref(f.model), text: f.model }), '.') : null,
    el('dl', { class: 'facts', id: 'family-summary', 'aria-label': 'Family summary' },
      el('dt', { text: 'Models' }), el('dd', { id: 'family-size', text: fmt(f.size) }),
      el('dt', { text: 'Depth' }), el('dd', { id: 'family-depth', text: String(f.depth) }),
      el('dt', { text: 'Edges' }), el('dd', { text: edges }),
      el('dt', { text: 'Declared parents missing from the catalog' }), el('dd', { text: fmt(f.danglingEdges) }),
      el('dt', { text: 'Cycles' }), el('dd', { text: fmt(f.cycles) }),
      el('dt', { text: 'Longest chain' }), el('dd', {}, ...f.longestChain.flatMap((c, k) => [k ? ' → ' : '', el('a', { href: modelHref(c), text: c })]))),
    el('h2', { id: 'growth-heading', text: 'Growth over time' }),
    figure('growth-heading', lineChart(f.growth), table(['Month', 'Models (cumulative)'], f.growth.map(g => [g.month, g.models])),
      `Cumulative family size by month of creation, ${f.growth.length ? `${f.growth[0].month} to ${f.growth[f.growth.length - 1].month}` : 'no dated models'}; ${fmt(f.undated)} models have no creation date.`),
    el('h2', { id: 'generations-heading', text: 'Models per generation' }),
    figure('generations-heading', barChart(f.generations.map((v, g) => ({ label: String(g), value: v }))),
      table(['Generation', 'Models'], f.generations.map((v, g) => [g, v])), `Generation histogram: ${f.generations.map((v, g) => `generation ${g}: ${v}`).join('; ')}.`),
    el('h2', { id: 'branches-heading', text: 'Top branches (children of the root by branch size)' }),
    table(['Branch', 'Relation', 'Models'], f.topBranches.map(b => [el('a', { href: modelHref(b.id), text: b.id }), b.relation, b.size]), 'branches-heading', 'branches'),
    el('h2', { id: 'license-heading', text: 'License mix per generation' }),
    mixFigure('license-heading', f.licenseMix),
    el('h2', { id: 'language-heading', text: 'Language mix per generation' }),
    mixFigure('language-heading', f.languageMix));
}

function table(headers, rows, labelledBy, id) {
  return el('table', { 'aria-labelledby': labelledBy, id },
    el('thead', {}, el('tr', {}, headers.map((h, k) => el('th', { scope: 'col', class: k ? 'num' : null, text: h })))),
    el('tbody', {}, rows.map(r => el('tr', {}, r.map((c, k) => el('td', { class: k && typeof c === 'number' ? 'num' : null }, typeof c === 'number' ? fmt(c) : c))))));
}

function figure(labelledBy, chart, alt, caption) {
  chart.setAttribute('aria-label', caption);
  return el('figure', { 'aria-labelledby': labelledBy }, el('div', { class: 'charts' }, chart, el('details', {}, el('summary', { text: 'Table of this chart' }), alt)), el('figcaption', { text: caption }));
}

function tooltip() {
  let tip = document.querySelector('.tooltip');
  if (!tip) { tip = el('div', { class: 'tooltip', role: 'tooltip', hidden: true }); document.body.append(tip); }
  return {
    show: (event, text) => { tip.textContent = text; tip.hidden = false; tip.style.left = (event.pageX + 10) + 'px'; tip.style.top = (event.pageY + 10) + 'px'; },
    hide: () => { tip.hidden = true; },
  };
}

function svgBox(width, height) {
  return d3.create('svg').attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img');
}

function lineChart(points) {
  const w = 560, h = 240, m = { t: 10, r: 16, b: 36, l: 56 };
  const svg = svgBox(w, h);
  if (!points.length) return svg.node();
  const parse = d3.utcParse('%Y-%m');
  const data = points.map(p => ({ date: parse(p.month), value: p.models, month: p.month }));
  const x = d3.scaleUtc().domain(d3.extent(data, d => d.date)).range([m.l, w - m.r]);
  const y = d3.scaleLinear().domain([0, d3.max(data, d => d.value)]).nice().range([h - m.b, m.t]);
  svg.append('g').attr('transform', `translate(0,${h - m.b})`).call(d3.axisBottom(x).ticks(6));
  svg.append('g').attr('transform', `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(5));
  svg.append('path').datum(data).attr('fill', 'none').attr('stroke', '#0969da').attr('stroke-width', 2)
    .attr('d', d3.line().x(d => x(d.date)).y(d => y(d.value)));
  const tip = tooltip();
  svg.append('g').selectAll('circle').data(data).join('circle').attr('cx', d => x(d.date)).attr('cy', d => y(d.value)).attr('r', 3.5).attr('fill', '#0969da')
    .on('mouseover', (e, d) => tip.show(e, `${d.month}: ${d.value.toLocaleString('en-US')} models`)).on('mouseout', tip.hide);
  return svg.node();
}

function barChart(bars) {
  const w = 560, h = 220, m = { t: 10, r: 10, b: 34, l: 56 };
  const svg = svgBox(w, h);
  const x = d3.scaleBand().domain(bars.map(b => b.label)).range([m.l, w - m.r]).padding(0.15);
  const y = d3.scaleLinear().domain([0, d3.max(bars, b => b.value) || 1]).nice().range([h - m.b, m.t]);
  svg.append('g').attr('transform', `translate(0,${h - m.b})`).call(d3.axisBottom(x));
  svg.append('g').attr('transform', `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(5));
  const tip = tooltip();
  svg.append('g').selectAll('rect').data(bars).join('rect').attr('x', b => x(b.label)).attr('width', x.bandwidth())
    .attr('y', b => y(b.value)).attr('height', b => y(0) - y(b.value)).attr('fill', '#54aeff')
    .on('mouseover', (e, b) => tip.show(e, `generation ${b.label}: ${b.value.toLocaleString('en-US')} models`)).on('mouseout', tip.hide);
  return svg.node();
}

// Stacked shares per generation (100% bars), with the counts as a table.
function mixFigure(labelledBy, mix) {
  const values = mix.length ? mix[0].values.map(v => v.value) : [];
  const color = d3.scaleOrdinal(values, d3.schemeTableau10.concat(['#bbb']));
  const w = 560, h = 40 + 26 * mix.length, m = { t: 8, r: 10, b: 24, l: 90 };
  const svg = svgBox(w, h + 24 * Math.ceil(values.length / 4));
  const y = d3.scaleBand().domain(mix.map(g => String(g.generation))).range([m.t, h - m.b]).padding(0.2);
  const x = d3.scaleLinear().domain([0, 1]).range([m.l, w - m.r]);
  svg.append('g').attr('transform', `translate(${m.l},0)`).call(d3.axisLeft(y).tickFormat(g => 'generation ' + g));
  svg.append('g').attr('transform', `translate(0,${h - m.b})`).call(d3.axisBottom(x).ticks(5, '%'));
  const tip = tooltip();
  for (const g of mix) {
    const total = d3.sum(g.values, v => v.count) || 1;
    let acc = 0;
    for (const v of g.values) {
      const share = v.count / total;
      svg.append('rect').attr('x', x(acc)).attr('width', Math.max(0, x(acc + share) - x(acc))).attr('y', y(String(g.generation))).attr('height', y.bandwidth())
        .attr('fill', color(v.value)).on('mouseover', e => tip.show(e, `generation ${g.generation}: ${v.value} ${v.count} of ${g.models} models`)).on('mouseout', tip.hide);
      acc += share;
    }
  }
  const legend = svg.append('g').attr('transform', `translate(${m.l},${h + 4})`);
  values.forEach((v, k) => {
    const g = legend.append('g').attr('transform', `translate(${(k % 4) * 120},${Math.floor(k / 4) * 20})`);
    g.append('rect').attr('width', 12).attr('height', 12).attr('fill', color(v));
    g.append('text').attr('x', 16).attr('y', 10).text(v.length > 16 ? v.slice(0, 15) + '…' : v);
  });
  const rows = mix.map(g => [g.generation, g.models, ...g.values.map(v => v.count)]);
  const caption = `Share of each value among the models of each generation (a model with several values counts in each); ${mix.map(g => `generation ${g.generation}: ${g.values.filter(v => v.count).map(v => `${v.value} ${v.count}`).join(', ')}`).join('; ')}.`;
  return figure(labelledBy, svg.node(), table(['Generation', 'Models', ...values], rows), caption);
}

// ---------- report (/report): the study's charts from results.json, interactive ----------
const TRAITS = ['license', 'language', 'task', 'library'];
const num3 = v => (v === null || v === undefined) ? '–' : Number(v).toFixed(3);
const pct = v => (v === null || v === undefined) ? '–' : (100 * v).toFixed(2) + '%';

async function reportPage() {
  document.title = 'Lineage explorer: report';
  setStatus('Loading the report (without --report it is computed from the catalog on first use; that reads the whole catalog)…');
  const response = await fetch('/api/report');
  if (!response.ok) { const body = await response.json().catch(() => ({})); throw new Error(body.error || `${response.status} /api/report`); }
  const source = response.headers.get('X-Report-Source');
  const r = await response.json();
  const edges = el('section', { id: 'drift-edges', 'aria-live': 'polite', 'aria-labelledby': 'drift-edges-heading' });
  const notComputed = key => el('p', { class: 'muted', text: `Not computed: ${r.notes?.[key] ?? 'no data'}` });
  const simRows = (r.similarity || []).filter(x => x.mean !== null);
  const dnas = [...new Set(simRows.map(x => x.dna))];
  const measures = [...new Set(simRows.map(x => x.measure))];
  show(
    el('h1', { id: 'report-title', text: r.title }),
    el('p', { class: 'muted' }, `Generated ${r.generatedAt}. `, source === 'file'
      ? ['From the --report folder\'s results.json; the full static report: ', el('a', { href: '/report/report.html', text: 'report.html' }), '.']
      : 'Computed from the served catalog on first use (lineage analyze\'s defaults).'),
    el('dl', { class: 'facts', 'aria-label': 'Inputs' }, Object.entries(r.inputs || {}).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])),
    el('p', { class: 'muted', text: 'Hover or focus (Tab) a bar or an arc to read its value; Enter or a click on a drift arc lists the catalog edges behind it. Each chart has its table beside it.' }),
    el('nav', { 'aria-label': 'Report sections', class: 'jump' }, 'Jump to: ', el('a', { href: '#similarity-heading', text: 'similarity' }), ' · ',
      el('a', { href: '#mutation-heading', text: 'mutation' }), ' · ', el('a', { href: '#drift-heading', text: 'drift' })),
    el('h2', { id: 'similarity-heading', tabindex: -1, text: 'Genetic similarity (mean and bootstrap 95% CI per pattern pair)' }),
    r.similarity === null ? notComputed('similarity') : el('div', { class: 'charts' },
      dnas.flatMap(dna => measures.filter(m => simRows.some(x => x.dna === dna && x.measure === m))
        .map(m => similarityFigure(dna, m, simRows.filter(x => x.dna === dna && x.measure === m))))),
    el('h2', { id: 'mutation-heading', tabindex: -1, text: 'Trait mutation rate per edge' }),
    r.mutation === null ? notComputed('mutation') : mutationFigure(r.mutation),
    el('h2', { id: 'drift-heading', tabindex: -1, text: 'Directional drift (upstream left; arcs above go downstream, arcs below go against the ordering)' }),
    r.drift === null ? notComputed('drift') : el('div', { class: 'charts' },
      TRAITS.filter(t => r.drift[t] && r.drift[t].graph.edges.length).map(t => driftFigure(t, r.drift[t], edges))),
    edges);
}

// Horizontal bars (mean) with CI whiskers, one per pattern pair; colour = generations apart.
function similarityFigure(dna, measure, rows) {
  const label = x => `${x.pattern} ${x.pair}`;
  const gap = x => x.generationsApart === null ? 'unrelated' : x.generationsApart === 1 ? '1 generation apart' : `${x.generationsApart} generations apart`;
  const w = 560, m = { t: 8, r: 16, b: 52, l: 250 }, h = m.t + m.b + 16 * rows.length;
  const svg = svgBox(w, h).attr('role', 'group');
  const y = d3.scaleBand().domain(rows.map(label)).range([m.t, h - m.b]).padding(0.2);
  const x = d3.scaleLinear().domain([Math.min(0, d3.min(rows, d => d.ciLow)), Math.max(1, d3.max(rows, d => d.ciHigh))]).range([m.l, w - m.r]);
  const color = d3.scaleOrdinal(['unrelated', '0 generations apart', '1 generation apart', '2 generations apart', '3 generations apart'], ['#8c959f', '#bf8700', '#0969da', '#8250df', '#1a7f37']);
  svg.append('g').attr('transform', `translate(${m.l},0)`).call(d3.axisLeft(y).tickSize(0)).selectAll('text').style('font-size', '10px');
  svg.append('g').attr('transform', `translate(0,${h - m.b})`).call(d3.axisBottom(x).ticks(5));
  const tip = tooltip();
  const text = d => `${dna} DNA, ${measure}, ${label(d)}: mean ${num3(d.mean)} [95% CI ${num3(d.ciLow)}, ${num3(d.ciHigh)}], n = ${fmt(d.n)}${d.allInstances ? ' (all instances)' : ' (sampled)'}; ${gap(d)}`;
  const g = svg.append('g').selectAll('g').data(rows).join('g');
  g.append('rect').attr('class', 'sim-bar').attr('x', x(0)).attr('y', d => y(label(d))).attr('height', y.bandwidth())
    .attr('width', d => Math.max(0, x(d.mean) - x(0))).attr('fill', d => color(gap(d)))
    .attr('tabindex', 0).attr('role', 'img').attr('aria-label', text)
    .attr('data-pattern', d => d.pattern).attr('data-pair', d => d.pair).attr('data-dna', dna).attr('data-measure', measure)
    .each(function (d) { hoverable(this, tip, text(d)); });
  g.append('line').attr('x1', d => x(d.ciLow)).attr('x2', d => x(d.ciHigh)).attr('y1', d => y(label(d)) + y.bandwidth() / 2).attr('y2', d => y(label(d)) + y.bandwidth() / 2)
    .attr('stroke', '#1b1f24').attr('stroke-width', 1.5).attr('aria-hidden', 'true');
  const groups = [...new Set(rows.map(d => gap(d)))];
  const legend = svg.append('g').attr('transform', `translate(8,${h - 16})`).attr('aria-hidden', 'true');
  groups.forEach((name, k) => {
    const item = legend.append('g').attr('transform', `translate(${k * 110},0)`);
    item.append('rect').attr('width', 12).attr('height', 12).attr('fill', color(name));
    item.append('text').attr('x', 16).attr('y', 10).text(name.replace(' generations apart', ' apart').replace(' generation apart', ' apart'));
  });
  const caption = `Genetic similarity, ${dna} DNA, ${measure}: ${rows.length} pattern pairs, bars are means, whiskers bootstrap 95% confidence intervals.`;
  svg.attr('aria-label', caption);
  const alt = table(['Pattern pair', 'Generations apart', 'Mean', 'CI low', 'CI high', 'n'],
    rows.map(d => [label(d), d.generationsApart === null ? 'unrelated' : String(d.generationsApart), num3(d.mean), num3(d.ciLow), num3(d.ciHigh), d.n]));
  return el('figure', { class: 'report-chart', id: `similarity-${dna}-${measure}` }, el('figcaption', { text: caption }), svg.node(),
    el('details', {}, el('summary', { text: 'Table of this chart' }), alt));
}

// Grouped bars: the rate over all edges, then per relation, for each trait with qualifying edges.
function mutationFigure(mutation) {
  const traits = TRAITS.filter(t => mutation[t] && mutation[t].edges > 0);
  const relations = [...new Set(traits.flatMap(t => Object.keys(mutation[t].byRelation)))].sort();
  const series = ['all edges', ...relations];
  const pick = (t, s) => s === 'all edges' ? mutation[t] : mutation[t].byRelation[s];
  const bars = traits.flatMap(t => series.map(s => ({ trait: t, series: s, v: pick(t, s) }))).filter(b => b.v && b.v.edges > 0);
  const w = 560, h = 260, m = { t: 10, r: 10, b: 50, l: 56 };
  const svg = svgBox(w, h).attr('role', 'group');
  const x0 = d3.scaleBand().domain(traits).range([m.l, w - m.r]).padding(0.2);
  const x1 = d3.scaleBand().domain(series).range([0, x0.bandwidth()]).padding(0.08);
  const y = d3.scaleLinear().domain([0, Math.max(0.01, d3.max(bars, b => b.v.rate) || 0)]).nice().range([h - m.b, m.t]);
  const color = d3.scaleOrdinal(series, d3.schemeTableau10);
  svg.append('g').attr('transform', `translate(0,${h - m.b})`).call(d3.axisBottom(x0));
  svg.append('g').attr('transform', `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(5, '%'));
  const tip = tooltip();
  const text = b => `${b.trait}, ${b.series}: mutation rate ${pct(b.v.rate)} (${Number(b.v.mutated).toFixed(1)} mutated of ${fmt(b.v.edges)} edges; exact over every qualifying edge, no CI)`;
  svg.append('g').selectAll('rect').data(bars).join('rect').attr('class', 'mutation-bar')
    .attr('x', b => x0(b.trait) + x1(b.series)).attr('width', x1.bandwidth()).attr('y', b => y(b.v.rate ?? 0)).attr('height', b => y(0) - y(b.v.rate ?? 0))
    .attr('fill', b => color(b.series)).attr('tabindex', 0).attr('role', 'img').attr('aria-label', text)
    .attr('data-trait', b => b.trait).attr('data-series', b => b.series)
    .each(function (b) { hoverable(this, tip, text(b)); });
  const legend = svg.append('g').attr('transform', `translate(${m.l},${h - 18})`).attr('aria-hidden', 'true');
  const step = Math.min(120, (w - m.l) / series.length);
  series.forEach((s, k) => {
    const g = legend.append('g').attr('transform', `translate(${k * step},0)`);
    g.append('rect').attr('width', 12).attr('height', 12).attr('fill', color(s));
    g.append('text').attr('x', 16).attr('y', 10).text(s);
  });
  const caption = `Trait mutation rate per edge (|A Δ B| / |A ∪ B| over edges where both declare the trait), over all edges and per relation.`;
  svg.attr('aria-label', caption);
  return el('figure', { class: 'report-chart', id: 'mutation-rates' }, el('figcaption', { text: caption }), svg.node(),
    el('details', {}, el('summary', { text: 'Table of this chart' }),
      table(['Trait', 'Edges', 'Mutated', 'Rate', ...relations.map(r => r + ' rate')],
        traits.map(t => [t, mutation[t].edges, Number(mutation[t].mutated).toFixed(1), pct(mutation[t].rate), ...relations.map(r => mutation[t].byRelation[r]?.edges ? pct(mutation[t].byRelation[r].rate) : '–')]))));
}

// An arc diagram of one trait's drift graph: the ordering on the axis, one arc per oriented edge, width by net traffic.
function driftFigure(trait, drift, panel) {
  const order = drift.ordering, arcs = drift.graph.edges;
  const w = 560, rise = 160, labelRoom = 80;
  const x = d3.scalePoint().domain(order).range([30, w - 90]);
  // Arc heights scale with their span so the widest arc rises `rise` pixels; backward arcs get the same room below.
  const squash = Math.min(1, rise / (d3.max(arcs, a => Math.abs(x(a.to) - x(a.from)) / 2) || 1));
  const axis = rise + 16, h = axis + (arcs.some(a => !a.forward) ? rise + 16 : 0) + labelRoom;
  const svg = svgBox(w, h).attr('role', 'group');
  const width = d3.scaleSqrt().domain([0, d3.max(arcs, a => a.traffic) || 1]).range([1, 9]);
  svg.append('line').attr('x1', 20).attr('x2', w - 20).attr('y1', axis).attr('y2', axis).attr('stroke', '#d0d7de').attr('aria-hidden', 'true');
  const tip = tooltip();
  const text = a => `${trait} ${a.from} → ${a.to}: net traffic ${fmt(a.traffic)} (${fmt(a.transitions)} transitions ${a.from} → ${a.to}, ${fmt(a.reverseTransitions)} back); ${a.forward ? 'downstream in the ordering' : 'against the ordering'}. Enter lists the edges.`;
  const path = a => {
    const x1 = x(a.from), x2 = x(a.to), r = Math.abs(x2 - x1) / 2, sweep = (x2 > x1) === a.forward ? 1 : 0;
    return `M${x1},${axis} A${r},${r * squash} 0 0 ${sweep} ${x2},${axis}`;
  };
  svg.append('g').selectAll('path').data(arcs).join('path').attr('class', 'drift-arc').attr('d', path).attr('fill', 'none')
    .attr('stroke', a => a.forward ? '#0969da' : '#cf222e').attr('stroke-opacity', 0.55).attr('stroke-width', a => width(a.traffic))
    .attr('tabindex', 0).attr('role', 'button').attr('aria-label', text)
    .attr('data-trait', trait).attr('data-from', a => a.from).attr('data-to', a => a.to)
    .each(function (a) {
      hoverable(this, tip, text(a));
      const open = () => driftEdges(panel, trait, a.from, a.to, a.reverseTransitions).catch(e => setStatus(e.message));
      this.addEventListener('click', open);
      this.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
    });
  const labels = svg.append('g').selectAll('g').data(order).join('g').attr('transform', v => `translate(${x(v)},${axis})`);
  labels.append('circle').attr('r', 4).attr('fill', '#1b1f24');
  labels.append('text').attr('transform', 'translate(4,14) rotate(35)').text(v => v.length > 18 ? v.slice(0, 17) + '…' : v);
  const caption = `Directional drift of ${trait === 'library' ? 'libraries' : trait + 's'}: ${order.join(' → ')}; ${drift.orientedCompatible} of ${drift.orientedTotal} oriented edges go forward.`;
  svg.attr('aria-label', caption);
  const rows = arcs.map(a => [a.from, a.to, a.traffic, a.transitions, a.reverseTransitions, a.forward ? 'yes' : 'no',
    el('button', { type: 'button', class: 'list-edges', onclick: () => driftEdges(panel, trait, a.from, a.to, a.reverseTransitions).catch(e => setStatus(e.message)), text: 'List edges' })]);
  return el('figure', { class: 'report-chart', id: `drift-${trait}` }, el('figcaption', { text: caption }), svg.node(),
    el('details', {}, el('summary', { text: 'Table of this chart' }), table(['From', 'To', 'Net traffic', 'Transitions', 'Reverse', 'Forward', 'Edges'], rows)));
}

// The catalog edges behind a transition, a page at a time (/api/drift/edges).
async function driftEdges(panel, trait, from, to, reverse) {
  const url = offset => `/api/drift/edges?trait=${encodeURIComponent(trait)}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&offset=${offset}&limit=${PAGE}`;
  const first = await api(url(0));
  const body = el('tbody');
  const more = el('button', { type: 'button', class: 'more', hidden: first.nextOffset === null });
  let next = first.nextOffset;
  const fill = page => {
    for (const e of page.edges) body.append(el('tr', { 'data-parent': e.parent, 'data-child': e.child },
      el('td', {}, el('a', { href: modelHref(e.parent), text: e.parent })), el('td', {}, el('a', { href: modelHref(e.child), text: e.child })),
      el('td', { text: e.relation }), el('td', { class: 'num', text: String(e.transitions) }),
      el('td', { text: e.parentValues.join(', ') }), el('td', { text: e.childValues.join(', ') })));
    more.textContent = `Load ${Math.min(PAGE, first.total - body.children.length)} more edges (${fmt(first.total - body.children.length)} not shown)`;
  };
  more.addEventListener('click', async () => { const page = await api(url(next)); fill(page); next = page.nextOffset; more.hidden = next === null; });
  fill(first);
  const heading = el('h2', { id: 'drift-edges-heading', tabindex: -1, text: `Edges behind ${trait} ${from} → ${to}` });
  panel.replaceChildren(...[heading,
    el('p', { id: 'drift-edges-summary', text: `${fmt(first.total)} catalog edges carry ${fmt(first.transitions)} transitions ${from} → ${to} (a child that adds ${to} and drops ${from} counts twice, as the study counts it).` }),
    el('table', { id: 'drift-edges-table', 'aria-labelledby': 'drift-edges-heading' },
      el('thead', {}, el('tr', {}, ['Parent', 'Child', 'Relation', 'Transitions', `Parent's ${trait}s`, `Child's ${trait}s`].map(h => el('th', { scope: 'col', text: h })))), body),
    more,
    reverse > 0 ? el('p', {}, el('button', { type: 'button', onclick: () => driftEdges(panel, trait, to, from, 0).catch(e => setStatus(e.message)), text: `Show the ${fmt(reverse)} transitions back, ${to} → ${from}` })) : null].filter(Boolean));
  heading.focus();
}

// Tooltip on hover and on keyboard focus.
function hoverable(node, tip, text) {
  node.addEventListener('mouseover', e => tip.show(e, text));
  node.addEventListener('mouseout', tip.hide);
  node.addEventListener('focus', () => { const b = node.getBoundingClientRect(); tip.show({ pageX: b.right + window.scrollX, pageY: b.top + window.scrollY }, text); });
  node.addEventListener('blur', tip.hide);
}

/*
 * The comparison view: two sides of one endpoint (slow against typical requests, before
 * against after, one version against another), the server's verdict, each side's figures,
 * the differential flame graph, the functions ranked by how much their self time grew, and
 * the change by component.
 */
import { TYPES, componentColor, copyText, download, emptyState, fill, fmtBytes, fmtInt, fmtMs, fmtPct, fmtRange, fnLabel, h, isType, kindDot, openMenu, segmented, shortName, slug, toDate } from 'hotpath/dom.js';
import { apiHref, getJson, navLink, navigate, pageHref, route, state } from 'hotpath/data.js';
import { changeCategory, diffFlameGraph, diffLegend, diffTree, relativeChange } from 'hotpath/diffflame.js';
import { headerRow, nextSort, sortRows, endpointTitle } from 'hotpath/tables.js';
import { mount, overviewHref } from 'hotpath/views.js';

const TITLES = { slow: 'Slow vs typical requests', range: 'Before vs after', version: 'Version vs version' };

// selection, sort and limit of each comparison, kept while the page lives
const comparisonStates = new Map();

const signed = (v, fmt) => (v > 0 ? '+' : v < 0 ? '−' : '±') + fmt(Math.abs(v));
const deltaClass = (b, t) => 'delta delta-' + changeCategory(relativeChange(b, t));

export async function comparisonView(my) {
	const data = await getJson(apiHref('comparison', route.id));
	if (my !== state.generation) return;
	if (data.sampling) state.sampler = { ...state.sampler, ...data.sampling };
	const by = TITLES[data.by] ? data.by : route.params.by;
	const type = isType(data.type) ? data.type : 'cpu';
	const scope = data.scope === 'app' ? 'app' : 'all';
	const fmt = data.unit === 'bytes' ? fmtBytes : fmtMs;
	const baseline = data.baseline || {};
	const target = data.target || {};
	const labels = [baseline.label || 'baseline', target.label || 'target'];
	const id = data.id || route.id;
	const name = data.name || id;
	const key = `${id}:${by}`;
	let st = comparisonStates.get(key);
	if (!st) comparisonStates.set(key, st = { selected: null, sort: { key: 'deltaSelf', dir: -1 }, limit: 50 });

	const tree = diffTree(data.flame);
	const empty = !tree.n || !(tree.rootTotal > 0);
	const functions = Array.isArray(data.functions) ? data.functions : [];
	const info = h('span', { class: 'highlight-info', 'data-testid': 'diff-highlight-info', role: 'status' });
	const resetBtn = h('button', { type: 'button', class: 'btn', 'data-testid': 'zoom-reset', hidden: true, onclick: () => flame.zoomTo(0) }, 'Reset zoom');
	const flame = diffFlameGraph({
		tree, fmt, labels,
		onContext: (i, x, y) => openMenu(x, y, shortName(tree.name(i), tree.kind(i)), [
			{ label: 'Select the function', run: () => select(tree.name(i), true) },
			{ label: 'Zoom into this frame', run: () => flame.zoomTo(i) },
			{ label: 'Copy the name', run: () => copyText(tree.name(i)) }
		]),
		onZoom: (z) => {
			resetBtn.hidden = z === 0;
		}
	});
	const table = deltaTable({ functions, st, fmt, onSelect: (n) => select(n) });

	const select = (fn, keep) => {
		st.selected = fn && (keep || fn !== st.selected) ? fn : null;
		table.markSelected();
		const f = st.selected && functions.find((x) => x.name === st.selected);
		info.textContent = !st.selected ? ''
			: f ? `${shortName(f.name, f.kind)}: ${signed(f.deltaSelf, fmt)} self per request` : shortName(st.selected);
		flame.setMatch(st.selected ? tree.matchFrames((nm) => nm === st.selected) : null);
	};

	const typeWord = TYPES[type].word;
	const sampled = (state.sampler && Array.isArray(state.sampler.types)) ? state.sampler.types : ['cpu', 'wall'];
	const offered = Object.keys(TYPES).filter((t) => t === type || sampled.includes(t));
	const scopeOn = scope === 'app';
	const json = () => JSON.stringify(data, null, 2);
	const toolbar = h('div', { class: 'toolbar' },
		segmented('type-toggle', 'Profile type', offered.map((t) => [t, TYPES[t].label, TYPES[t].title]), type,
			(v) => navigate(pageHref('comparison', route.id, { type: v }))),
		h('button', {
			type: 'button', class: 'switch', role: 'switch', 'aria-checked': String(scopeOn), 'data-testid': 'scope-toggle',
			title: 'Fold library and JDK frames into the application function that called them',
			onclick: () => navigate(pageHref('comparison', route.id, { scope: scopeOn ? 'all' : 'app' }))
		}, h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })), 'My code only'),
		by === 'slow' ? thresholdForm(data.slowerThanMs) : null,
		h('span', { class: 'toolbar-spacer' }),
		h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'download-json', title: 'The JSON behind this view',
			onclick: () => download(`hotpath-compare-${slug(name)}-${by}-${type}-${scope}.json`, 'application/json', json()) }, 'Download JSON'));

	// back to the endpoint over the same range: the one the comparison came from, or its after range
	const back = navLink(pageHref('endpoint', id), { class: 'ep-link', 'data-testid': 'back-to-endpoint' }, '← ', endpointTitle(name));
	const crumb = name === 'application' ? 'Whole application' : name;
	const title = by === 'version' && baseline.version && target.version ? `Version ${baseline.version} vs ${target.version}` : TITLES[by];
	mount('comparison', `${title} · ${crumb}`,
		[navLink(overviewHref(), null, 'Endpoints'), navLink(pageHref('endpoint', id), null, crumb),
			h('span', { class: 'crumb-current', 'aria-current': 'page' }, title)],
		h('section', { class: 'hero' },
			h('h1', { class: 'title', 'data-testid': 'comparison-title' }, title),
			h('p', { class: 'sub' }, back, h('span', { class: 'muted' }, ` · ${typeWord} per request${scopeOn ? ' · library frames folded into your code' : ''}`))),
		data.verdict ? h('p', { class: 'verdict', 'data-testid': 'verdict' }, data.verdict) : null,
		h('div', { class: 'split' }, sidesCard(baseline, target, type, fmt), componentsCard(data.components, fmt, typeWord)),
		h('section', { class: 'card flame-card' },
			h('div', { class: 'card-head' }, h('h2', null, `Differential ${typeWord} flame graph`),
				h('span', { class: 'muted small' }, `${labels[0]} → ${labels[1]}`), resetBtn),
			toolbar, diffLegend(typeWord),
			empty ? emptyState('Neither side has samples to compare.', 'Widen the time range, or compare when more requests were kept.') : flame.el),
		empty ? null : h('section', { class: 'card' },
			h('div', { class: 'card-head' }, h('h2', null, 'Functions by change'),
				h('span', { class: 'muted small' }, `self ${typeWord} per request, growth first; click a row to find it in the flame graph`),
				h('span', { class: 'toolbar-spacer' }), info),
			table.el));

	state.comparison = { by, flame, tree, st, json, select };
	if (empty) return;
	table.draw();
	flame.setTree(tree, 'up');
	select(st.selected, true);
}

// the figures of both sides and their change; more requests are no cost, so their change has no colour
function sidesCard(b, t, type, fmt) {
	const row = (label, get, f, testid, count) => {
		const x = get(b);
		const y = get(t);
		const both = x != null && y != null && isFinite(x) && isFinite(y);
		return h('tr', { 'data-testid': testid },
			h('th', { scope: 'row' }, label),
			h('td', { class: 'num' }, f(x)), h('td', { class: 'num' }, f(y)),
			h('td', { class: 'num ' + (both && !count ? deltaClass(x, y) : '') }, both ? signed(y - x, f) + (x > 0 ? ` (${y >= x ? '+' : '−'}${fmtPct(Math.abs(y - x) / x)})` : '') : '—'));
	};
	const covered = (s) => {
		const f = toDate(s.from);
		const to = toDate(s.to);
		return f || to ? fmtRange(f, to) : '—';
	};
	return h('section', { class: 'card' },
		h('div', { class: 'card-head' }, h('h2', null, 'The two sides')),
		h('div', { class: 'table-wrap' }, h('table', { class: 'grid sides', 'data-testid': 'sides' },
			h('thead', null, h('tr', null, h('th', null, ''),
				h('th', { class: 'num', 'data-testid': 'side-baseline' }, h('span', { class: 'side-tag side-baseline' }, 'baseline'), ' ', b.label || '—'),
				h('th', { class: 'num', 'data-testid': 'side-target' }, h('span', { class: 'side-tag side-target' }, 'target'), ' ', t.label || '—'),
				h('th', { class: 'num' }, 'Change'))),
			h('tbody', null,
				h('tr', null, h('th', { scope: 'row' }, 'Time covered'), h('td', { class: 'num' }, covered(b)), h('td', { class: 'num' }, covered(t)), h('td', null, '')),
				row('Requests', (s) => s.requests, fmtInt, 'side-requests', true),
				row('Latency', (s) => s.latencyMs, fmtMs, 'side-latency'),
				row('CPU / req', (s) => s.cpuMsPerRequest, fmtMs, 'side-cpu'),
				row('Wall / req', (s) => s.wallMsPerRequest, fmtMs, 'side-wall'),
				type === 'alloc' || type === 'lock' ? row(`${TYPES[type].label} / req`, (s) => s.valuePerRequest, fmt, 'side-value') : null))));
}

// the change of each component's time per request, growth first
function componentsCard(components, fmt, typeWord) {
	const rows = (Array.isArray(components) ? components : []).slice().sort((x, y) => (y.delta || 0) - (x.delta || 0));
	const most = Math.max(1e-9, ...rows.map((c) => Math.abs(c.delta || 0)));
	return h('section', { class: 'card', 'data-testid': 'component-deltas' },
		h('div', { class: 'card-head' }, h('h2', null, 'Change by component'),
			h('span', { class: 'muted small' }, `${typeWord} per request`)),
		rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
			h('thead', null, h('tr', null, h('th', null, 'Component'), h('th', { class: 'num' }, 'Baseline'), h('th', { class: 'num' }, 'Target'), h('th', { class: 'num' }, 'Change'))),
			h('tbody', null, rows.map((c) => h('tr', { 'data-testid': 'component-delta-row', 'data-component': c.name },
				h('td', null, h('span', { class: 'kind-dot', style: { background: componentColor(c.name) } }), ' ', c.label || c.name),
				h('td', { class: 'num' }, fmt(c.baseline)),
				h('td', { class: 'num' }, fmt(c.target)),
				h('td', { class: `num delta-bar ${deltaClass(c.baseline, c.target)}`, style: { '--bar': ((Math.abs(c.delta || 0) / most) * 100).toFixed(1) + '%' } },
					signed(c.delta || 0, fmt)))))))
			: h('p', { class: 'muted pad' }, 'No component on either side.'));
}

function thresholdForm(slowerThanMs) {
	const input = h('input', { type: 'number', min: '0', step: 'any', class: 'input threshold', 'data-testid': 'slow-threshold',
		'aria-label': 'Slow means this many milliseconds or more' });
	if (slowerThanMs != null && isFinite(slowerThanMs)) input.value = String(slowerThanMs);
	return h('form', {
		class: 'slow-form', onsubmit: (e) => {
			e.preventDefault();
			const ms = input.value.trim();
			navigate(pageHref('comparison', route.id, { slowerThan: ms && isFinite(+ms) && +ms >= 0 ? ms : null }));
		}
	}, h('label', { class: 'muted small threshold-label' }, 'slow: ', input, ' ms or more'),
	h('button', { type: 'submit', class: 'btn btn-small', 'data-testid': 'slow-threshold-apply' }, 'Apply'));
}

const DELTA_COLS = [
	{ key: 'name', label: 'Function', str: true, get: (f) => f.name },
	{ key: 'baselineSelf', label: 'Baseline self', title: 'Self time per request of the baseline', get: (f) => f.baselineSelf },
	{ key: 'targetSelf', label: 'Target self', title: 'Self time per request of the target', get: (f) => f.targetSelf },
	{ key: 'deltaSelf', label: 'Δ self', title: 'Target minus baseline self time per request', get: (f) => f.deltaSelf },
	{ key: 'deltaTotal', label: 'Δ total', title: 'Target minus baseline total time per request (the function and what it called)', get: (f) => f.deltaTotal }
];

// the functions by change of self time per request; st keeps sort, limit and selection
function deltaTable({ functions, st, fmt, onSelect }) {
	const wrap = h('div', { class: 'table-wrap fn-wrap' });
	const most = Math.max(1e-9, ...functions.map((f) => Math.abs(f.deltaSelf || 0)));
	const draw = () => {
		const col = DELTA_COLS.find((c) => c.key === st.sort.key) || DELTA_COLS[3];
		const sorted = sortRows(functions, col, st.sort.dir);
		const shown = sorted.slice(0, st.limit);
		fill(wrap, h('table', { class: 'grid functions deltas', 'data-testid': 'diff-table' },
			h('thead', null, headerRow(DELTA_COLS, st.sort, (c) => {
				st.sort = nextSort(st.sort, c);
				draw();
			})),
			h('tbody', null, shown.map((f) => h('tr', {
				'data-testid': 'diff-row', 'data-function-name': f.name, class: 'clickable' + (f.name === st.selected ? ' selected' : ''),
				'aria-selected': String(f.name === st.selected), onclick: () => onSelect(f.name)
			},
			h('td', { class: 'fn-td' }, h('div', { class: 'fn-cell' }, kindDot(f.kind),
				h('button', { type: 'button', class: 'linklike', title: `${f.name}\nSelect: highlight it in the flame graph` }, fnLabel(f.name, f.kind))),
			f.component && f.component !== 'application'
				? h('div', { class: 'fn-component muted small' }, f.componentLabel || f.component) : null),
			h('td', { class: 'num' }, fmt(f.baselineSelf)),
			h('td', { class: 'num' }, fmt(f.targetSelf)),
			h('td', { class: `num delta-bar ${deltaClass(f.baselineSelf || 0, f.targetSelf || 0)}`, style: { '--bar': ((Math.abs(f.deltaSelf || 0) / most) * 100).toFixed(1) + '%' } },
				signed(f.deltaSelf || 0, fmt)),
			h('td', { class: 'num ' + deltaClass(f.baselineTotal || 0, f.targetTotal || 0) }, signed(f.deltaTotal || 0, fmt)))))),
		sorted.length > shown.length ? h('button', { type: 'button', class: 'btn btn-small more', onclick: () => {
			st.limit = Infinity;
			draw();
		} }, `Show all ${fmtInt(sorted.length)} functions`) : null,
		!functions.length ? h('p', { class: 'muted pad' }, 'No functions.') : null);
	};
	const markSelected = () => {
		for (const tr of wrap.querySelectorAll('tr[data-function-name]')) {
			const on = tr.getAttribute('data-function-name') === st.selected;
			tr.classList.toggle('selected', on);
			tr.setAttribute('aria-selected', String(on));
		}
	};
	return { el: wrap, draw, markSelected };
}

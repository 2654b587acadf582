/*
 * The page's tables: sortable headers, the overview's endpoints, a profile's functions, the
 * callers and callees of the selected function, its hot lines, the slowest requests and a
 * trace's spans.
 */
import { compileQuery, componentColor, fill, fmtBytes, fmtInt, fmtMs, fmtPct, fmtStart, fnLabel, h, kindDot, shortName } from 'hotpath/dom.js';
import { navLink, navigate, pageHref, route } from 'hotpath/data.js';
import { FlameGraph, calleesTree, callersTree } from 'hotpath/flame.js';

// ------------------------------------------------------------------ sorting

function compare(a, b, str) {
	if (str) return String(a == null ? '' : a).localeCompare(String(b == null ? '' : b));
	const x = a == null || !isFinite(a) ? -Infinity : a;
	const y = b == null || !isFinite(b) ? -Infinity : b;
	return x === y ? 0 : x < y ? -1 : 1;
}

export function sortRows(rows, col, dir) {
	return rows.map((r, i) => [r, i])
		.sort((p, q) => compare(col.get(p[0]), col.get(q[0]), col.str) * dir || p[1] - q[1])
		.map((p) => p[0]);
}

export function headerRow(cols, sort, onSort) {
	return h('tr', null, cols.map((c) => {
		const active = sort.key === c.key;
		const numeric = !c.str && !c.left;
		return h('th', {
			scope: 'col', class: (numeric ? 'num' : '') + (active ? ' sorted' : ''), 'data-sort': c.key, title: c.title,
			'aria-sort': active ? (sort.dir < 0 ? 'descending' : 'ascending') : 'none'
		}, h('button', { type: 'button', class: 'th-btn', onclick: () => onSort(c) },
			h('span', null, c.label), h('span', { class: 'arrow', 'aria-hidden': 'true' }, active ? (sort.dir < 0 ? '▼' : '▲') : '')));
	}));
}

export function nextSort(sort, c) {
	return sort.key === c.key ? { key: c.key, dir: -sort.dir } : { key: c.key, dir: c.str ? 1 : -1 };
}

// ------------------------------------------------------------------ endpoints

const EP_COLS = [
	{ key: 'name', label: 'Endpoint', str: true, get: (e) => e.name },
	{ key: 'requests', label: 'Requests', get: (e) => e.requests },
	{ key: 'errors', label: 'Errors', get: (e) => e.errors },
	{ key: 'mean', label: 'Mean', get: (e) => e.latency && e.latency.meanMs },
	{ key: 'p95', label: 'p95', get: (e) => e.latency && e.latency.p95Ms },
	{ key: 'p99', label: 'p99', get: (e) => e.latency && e.latency.p99Ms },
	{ key: 'max', label: 'Max', get: (e) => e.latency && e.latency.maxMs },
	{ key: 'cpu', label: 'CPU / req', title: 'CPU time per request', get: (e) => e.cpuMsPerRequest },
	{ key: 'wall', label: 'Wall / req', title: 'Wall-clock time sampled per request', get: (e) => e.wallMsPerRequest },
	{ key: 'alloc', label: 'Alloc / req', title: 'Heap bytes allocated per request, from allocation samples', optional: true,
		get: (e) => e.allocBytesPerRequest, fmt: fmtBytes },
	{ key: 'lock', label: 'Lock / req', title: 'Time waiting on contended locks per request, from lock samples', optional: true,
		get: (e) => e.lockMsPerRequest, fmt: fmtMs },
	{ key: 'hottest', label: 'Hottest function', title: 'Your function with the most CPU self time, and its share of the endpoint; above it, the component that outweighs it (template rendering, the database...)',
		str: false, left: true, get: (e) => (e.hottestFunction ? e.hottestFunction.share : -1) }
];

export function endpointTitle(name) {
	if (name === 'background') return h('span', { class: 'ep-name pseudo', title: 'Samples of threads that worked for no request, by thread pool' }, 'Background threads');
	if (name === 'application') return h('span', { class: 'ep-name pseudo', title: 'Every endpoint and the background together' }, 'Whole application');
	// NOT_FOUND, OTHER and other all-capitals names are groups of requests, not routes
	if (/^[A-Z_]+$/.test(name || '')) {
		const title = name === 'OTHER' ? 'Endpoints beyond the cap, together' : name === 'NOT_FOUND' || name === 'UNMATCHED'
			? 'Requests that matched no route' : 'A group of requests';
		return h('span', { class: 'ep-name pseudo', title }, name);
	}
	const m = /^([A-Z]+)\s+(.*)$/.exec(name || '');
	if (!m) return h('span', { class: 'ep-name' }, name);
	return h('span', { class: 'ep-name' }, h('span', { class: 'method method-' + m[1].toLowerCase() }, m[1]), h('span', { class: 'path' }, m[2]));
}

function endpointRow(e, maxP95, extra) {
	const href = pageHref('endpoint', e.id);
	const lat = e.latency || {};
	const hf = e.hottestFunction;
	const tc = e.topComponent;
	const p95share = Math.min(1, (lat.p95Ms || 0) / maxP95);
	return h('tr', {
		'data-testid': 'endpoint-row', 'data-endpoint-name': e.name, class: 'clickable',
		onclick: (ev) => {
			if (ev.target.closest('a')) return;
			navigate(href);
		}
	},
	h('td', { class: 'ep' }, navLink(href, { class: 'ep-link' }, endpointTitle(e.name)),
		e.kind === 'job' ? [' ', h('span', { class: 'kind-badge', title: 'Work outside HTTP requests, in a root span: a scheduled method or a message listener' }, 'job')] : null),
	h('td', { class: 'num' }, fmtInt(e.requests)),
	h('td', { class: 'num' + (e.errors ? ' err' : '') }, fmtInt(e.errors)),
	h('td', { class: 'num' }, fmtMs(lat.meanMs)),
	h('td', { class: 'num bar-cell', style: { '--bar': (p95share * 100).toFixed(1) + '%' } }, fmtMs(lat.p95Ms)),
	h('td', { class: 'num' }, fmtMs(lat.p99Ms)),
	h('td', { class: 'num' }, fmtMs(lat.maxMs)),
	h('td', { class: 'num' }, fmtMs(e.cpuMsPerRequest)),
	h('td', { class: 'num' }, fmtMs(e.wallMsPerRequest)),
	(extra || []).map((c) => h('td', { class: 'num', 'data-testid': c.key + '-per-request' }, c.fmt(c.get(e)))),
	h('td', { class: 'hottest' },
		// a framework's time that outweighs the app's hottest function comes first
		tc && (!hf || tc.share > hf.share)
			? h('div', { class: 'hot-component-cell', 'data-testid': 'endpoint-component' },
				h('span', { class: 'kind-dot', style: { background: componentColor(tc.name) } }), tc.label, ' ',
				h('span', { class: 'share-pill' }, fmtPct(tc.share)))
			: null,
		hf
			? [h('code', { class: 'fn-code', title: hf.name }, shortName(hf.name, hf.kind)), ' ', h('span', { class: 'share-pill' }, fmtPct(hf.share))]
			: h('span', { class: 'muted' }, '—')));
}

let epSort = { key: 'p95', dir: -1 };

// the overview's endpoints, slowest p95 first until a header is clicked; the sort is kept from view to view
export function endpointsTable(endpoints) {
	const tableWrap = h('div', { class: 'table-wrap' });
	// allocation and lock columns only when those types are sampled
	const cols = EP_COLS.filter((c) => !c.optional || endpoints.some((e) => c.get(e) != null));
	const extra = cols.filter((c) => c.optional);
	const drawTable = () => {
		const col = cols.find((c) => c.key === epSort.key) || cols[4];
		const rows = sortRows(endpoints, col, epSort.dir);
		const maxP95 = Math.max(1, ...endpoints.map((e) => (e.latency && e.latency.p95Ms) || 0));
		fill(tableWrap, h('table', { class: 'grid endpoints', 'data-testid': 'endpoints-table' },
			h('thead', null, headerRow(cols, epSort, (c) => {
				epSort = nextSort(epSort, c);
				drawTable();
			})),
			h('tbody', null, rows.map((e) => endpointRow(e, maxP95, extra)))));
	};
	drawTable();
	return tableWrap;
}

// ------------------------------------------------------------------ functions

const FN_COLS = [
	{ key: 'name', label: 'Function', str: true, get: (f) => f.name },
	{ key: 'self', label: 'Self', title: 'Samples in the function itself', get: (f) => f.self },
	{ key: 'total', label: 'Total', title: 'Samples in the function and everything it called', get: (f) => f.total },
	{ key: 'selfShare', label: 'Self %', get: (f) => f.selfShare },
	{ key: 'totalShare', label: 'Total %', get: (f) => f.totalShare },
	{ key: 'requests', label: 'Requests', title: 'Requests in which a sample contained the function', get: (f) => f.requests }
];

// a profile's functions, sortable and filterable; st is the view's panel state (sort, filter, limit, selection)
export function functionTable({ functions, st, intervalMs, weightOf, onSelect }) {
	const fnFilter = h('input', { type: 'search', class: 'input', 'data-testid': 'function-filter', placeholder: 'Filter: text or /regex/',
		'aria-label': 'Filter functions by text or /regex/', spellcheck: 'false' });
	fnFilter.value = st.fnFilter;
	const fnCount = h('span', { class: 'muted small' });
	const fnWrap = h('div', { class: 'table-wrap fn-wrap' });
	const drawFunctions = () => {
		const q = compileQuery(st.fnFilter);
		const rows = q.empty || q.error ? functions : functions.filter((f) => q.test(f.name));
		const col = FN_COLS.find((c) => c.key === st.fnSort.key) || FN_COLS[1];
		const sorted = sortRows(rows, col, st.fnSort.dir);
		const shown = sorted.slice(0, st.fnLimit);
		const maxSelf = Math.max(1e-9, ...functions.map((f) => f.selfShare || 0));
		fnCount.textContent = q.error ? q.error : `${fmtInt(rows.length)} of ${fmtInt(functions.length)} functions`;
		fill(fnWrap, h('table', { class: 'grid functions', 'data-testid': 'function-table' },
			h('thead', null, headerRow(FN_COLS, st.fnSort, (c) => {
				st.fnSort = nextSort(st.fnSort, c);
				drawFunctions();
			})),
			h('tbody', null, shown.map((f) => h('tr', {
				'data-testid': 'function-row', 'data-function-name': f.name, class: 'clickable' + (f.name === st.selected ? ' selected' : ''),
				'aria-selected': String(f.name === st.selected), onclick: () => onSelect(f.name)
			},
			h('td', { class: 'fn-td' }, h('div', { class: 'fn-cell' }, kindDot(f.kind),
				h('button', { type: 'button', class: 'linklike', title: `${f.name}\nSelect: highlight it and show its callers and callees` }, fnLabel(f.name, f.kind))),
			f.component && f.component !== 'application'
				? h('div', { class: 'fn-component muted small', 'data-testid': 'function-component' }, f.componentLabel || f.component,
					f.enteredFrom ? [` · entered from `, h('code', { title: f.enteredFrom }, shortName(f.enteredFrom))] : null)
				: null),
			h('td', { class: 'num', title: intervalMs ? fmtMs(f.self * intervalMs) : null }, weightOf ? weightOf(f.self) : fmtInt(f.self)),
			h('td', { class: 'num', title: intervalMs ? fmtMs(f.total * intervalMs) : null }, weightOf ? weightOf(f.total) : fmtInt(f.total)),
			h('td', { class: 'num bar-cell', style: { '--bar': (((f.selfShare || 0) / maxSelf) * 100).toFixed(1) + '%' } }, fmtPct(f.selfShare, true)),
			h('td', { class: 'num' }, fmtPct(f.totalShare, true)),
			h('td', { class: 'num' }, f.requests == null ? '—' : fmtInt(f.requests)))))),
		sorted.length > shown.length ? h('button', { type: 'button', class: 'btn btn-small more', onclick: () => {
			st.fnLimit = Infinity;
			drawFunctions();
		} }, `Show all ${fmtInt(sorted.length)} functions`) : null,
		!rows.length ? h('p', { class: 'muted pad' }, functions.length ? 'No function matches the filter.' : 'No functions.') : null);
	};
	fnFilter.addEventListener('input', () => {
		st.fnFilter = fnFilter.value;
		drawFunctions();
	});
	// marks the selected function's row without drawing the table again
	const markSelected = () => {
		for (const tr of fnWrap.querySelectorAll('tr[data-function-name]')) {
			const on = tr.getAttribute('data-function-name') === st.selected;
			tr.classList.toggle('selected', on);
			tr.setAttribute('aria-selected', String(on));
		}
	};
	return { el: fnWrap, filter: fnFilter, count: fnCount, draw: drawFunctions, markSelected };
}

// ------------------------------------------------------------------ callers and callees

// the sandwich: who calls the selected function and what it calls, as two flame graphs of merged stacks
export function callersAndCallees({ tree, total, kindOf, samplesText, what, onClose }) {
	const sandwich = h('section', { class: 'card sandwich', 'data-testid': 'sandwich' });
	let sandwichGraphs = [];
	const drawSandwich = (selected) => {
		sandwichGraphs = [];
		if (!selected) {
			fill(sandwich, h('div', { class: 'card-head' }, h('h2', null, 'Callers and callees')),
				h('p', { class: 'muted pad' }, 'Select a function in the table (or right-click a frame) to see who calls it and what it calls.'));
			return;
		}
		const name = selected;
		const mf = tree.matchFrames((nm) => nm === name);
		const fnTotal = tree.matchedWeight(mf);
		const short = shortName(name, kindOf.get(name));
		const head = h('div', { class: 'card-head' },
			h('h2', null, 'Callers & callees of ', h('code', { class: 'fn-code', title: name }, short)),
			h('span', { class: 'muted small' }, `${fmtPct(fnTotal / (total || 1), true)} of samples`),
			h('span', { class: 'toolbar-spacer' }),
			h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close callers and callees', title: 'Close', onclick: onClose }, '×'));
		if (!fnTotal) {
			fill(sandwich, head, h('p', { class: 'muted pad' }, `${short} does not appear in this profile.`));
			return;
		}
		const sdesc = (t, i) => h('div', null,
			h('div', { class: 'tt-title' }, h('code', null, t.name(i))),
			h('div', null, h('b', null, fmtPct(t.total[i] / (fnTotal || 1), true)), ` of ${short} · ${samplesText(t.total[i])}`),
			h('div', null, `${fmtPct(t.total[i] / (total || 1), true)} of the ${what}`));
		const callers = new FlameGraph({ testid: 'callers-canvas', rowHeight: 16, describe: sdesc, maxRows: 40, label: `Callers of ${short}` });
		const callees = new FlameGraph({ testid: 'callees-canvas', rowHeight: 16, describe: sdesc, maxRows: 40, label: `Callees of ${short}` });
		fill(sandwich, head,
			h('div', { class: 'sandwich-label' }, '↑ Callers — who calls it (merged stacks, read upwards)'), callers.el,
			h('div', { class: 'sandwich-label' }, '↓ Callees — what it calls (merged subtrees)'), callees.el);
		const ct = callersTree(tree, mf);
		const ce = calleesTree(tree, mf);
		const self = ct.frames.map(() => 0);
		self[ct.frame[0]] = 1;
		callers.setTree(ct, 'up');
		callees.setTree(ce, 'down');
		callers.setMatch(Uint8Array.from(self));
		callees.setMatch(Uint8Array.from(self));
		sandwichGraphs = [callers, callees];
	};
	return { el: sandwich, draw: drawSandwich, graphs: () => sandwichGraphs };
}

// ------------------------------------------------------------------ hot lines

// the selected function's source lines, heaviest first (linesFor fetches them); fmt formats a weight
export function hotLines({ linesFor, st, kindOf, fmt, intervalMs }) {
	const card = h('section', { class: 'card hot-lines', 'data-testid': 'hot-lines', hidden: true });
	let shown = null;
	const head = (name, note) => h('div', { class: 'card-head' },
		h('h2', null, 'Hot lines of ', h('code', { class: 'fn-code', title: name }, shortName(name, kindOf.get(name)))),
		note ? h('span', { class: 'muted small' }, note) : null);
	const draw = async () => {
		const name = st.selected;
		if (name === shown) return;
		shown = name;
		card.hidden = !name;
		if (!name) {
			fill(card);
			return;
		}
		fill(card, head(name), h('p', { class: 'muted pad' }, 'Loading the lines…'));
		let data;
		try {
			data = await linesFor(name);
		}
		catch (e) {
			if (shown === name) fill(card, head(name), h('p', { class: 'pad error-text', 'data-testid': 'hot-lines-error', role: 'alert' }, e.message));
			return;
		}
		if (shown !== name) return;
		const lines = Array.isArray(data.lines) ? data.lines : [];
		const total = data.total || 0;
		const ms = (w) => (intervalMs ? fmtMs(w * intervalMs) : null);
		fill(card, head(name, 'where in the function its time went: by source line, heaviest first'),
			lines.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'grid lines', 'data-testid': 'hot-lines-table' },
				h('thead', null, h('tr', null, h('th', { class: 'num' }, 'Line'), h('th', { class: 'num' }, 'Self'), h('th', { class: 'num' }, 'Total'),
					h('th', { class: 'num' }, 'Self %'), h('th', { class: 'num' }, 'Total %'))),
				h('tbody', null, lines.map((l) => h('tr', { 'data-testid': 'hot-line-row', 'data-line': String(l.line) },
					h('td', { class: 'num' }, h('code', null, String(l.line))),
					h('td', { class: 'num', title: ms(l.self) }, fmt(l.self)),
					h('td', { class: 'num', title: ms(l.total) }, fmt(l.total)),
					h('td', { class: 'num bar-cell', style: { '--bar': pctBar(l.selfShare) } }, fmtPct(l.selfShare, true)),
					h('td', { class: 'num bar-cell', style: { '--bar': pctBar(l.totalShare) } }, fmtPct(l.totalShare, true)))))))
				: h('p', { class: 'muted pad' }, 'No sample of this function has a line number.'),
			data.unknownLine > 0 ? h('p', { class: 'muted small pad', 'data-testid': 'hot-lines-unknown' },
				`${fmt(data.unknownLine)}${total ? ` (${fmtPct(data.unknownLine / total, true)})` : ''} without a line number: native code, or a frame that reports line 0.`) : null);
	};
	return { el: card, draw };
}

const pctBar = (share) => (Math.max(0, Math.min(1, share || 0)) * 100).toFixed(1) + '%';

// ------------------------------------------------------------------ requests and spans

// the endpoint's slowest requests; with a function selected, those whose own samples ran it (slowestFor)
export function slowestRequests({ slowest, slowestFor, st, kindOf }) {
	const slowHead = h('div', { class: 'card-head' });
	let slowTable = slowestTable(slowest);
	const slowCard = h('section', { class: 'card' }, slowHead, slowTable);
	const drawSlowRows = async () => {
		if (!slowestFor) return;
		const name = st.selected;
		const rows = name ? await slowestFor(name).catch(() => null) : slowest;
		if (name !== st.selected || !rows) return;
		const next = slowestTable(rows);
		slowCard.replaceChild(next, slowTable);
		slowTable = next;
	};
	const drawSlowHead = () => {
		fill(slowHead, st.selected
			? h('h2', null, 'Slowest requests that ran ', h('code', { class: 'fn-code', title: st.selected }, shortName(st.selected, kindOf.get(st.selected))))
			: h('h2', null, 'Slowest requests'),
		h('span', { class: 'muted small' }, st.selected
			? (slowestFor ? 'Kept requests whose own samples include this function; open one to see how much of it the function took.'
				: 'This request\'s spans; the function table shows how much of it this function took.')
			: 'Click a request to see its own flame graph'));
	};
	return { el: slowCard, drawHead: drawSlowHead, drawRows: drawSlowRows };
}

function slowestTable(rows) {
	if (!rows.length) return h('p', { class: 'muted pad', 'data-testid': 'slowest-table' }, 'No requests were kept for this range.');
	return h('div', { class: 'table-wrap' }, h('table', { class: 'grid', 'data-testid': 'slowest-table' },
		h('thead', null, h('tr', null, h('th', null, 'Trace ID'), h('th', null, 'Start'), h('th', { class: 'num' }, 'Latency'),
			h('th', { class: 'num' }, 'Status'), h('th', { class: 'num' }, 'CPU samples'), h('th', { class: 'num' }, 'Wall samples'), h('th', null, 'Thread'))),
		h('tbody', null, rows.map((r) => {
			const href = pageHref('trace', r.traceId);
			return h('tr', {
				'data-testid': 'slowest-row', 'data-trace-id': r.traceId, class: 'clickable',
				onclick: (e) => {
					if (!e.target.closest('a')) navigate(href);
				}
			},
			h('td', null, navLink(href, { class: 'trace-link' }, h('code', null, r.traceId))),
			h('td', null, fmtStart(r.start)),
			h('td', { class: 'num' }, fmtMs(r.latencyMs)),
			h('td', { class: 'num' }, statusBadge(r.status)),
			h('td', { class: 'num' }, fmtInt(r.samples && r.samples.cpu)),
			h('td', { class: 'num' }, fmtInt(r.samples && r.samples.wall)),
			h('td', null, h('code', { class: 'muted' }, r.thread || '—')));
		}))));
}

function statusBadge(status) {
	if (status == null) return '—';
	const cls = status >= 500 ? 'status-5' : status >= 400 ? 'status-4' : 'status-2';
	return h('span', { class: 'status ' + cls }, String(status));
}

// a request's spans: start, latency, status, samples and thread of each
export function spansTable(spans) {
	return h('div', { class: 'table-wrap' }, h('table', { class: 'grid', 'data-testid': 'spans-table' },
		h('thead', null, h('tr', null, h('th', null, 'Span'), h('th', null, 'Start'), h('th', { class: 'num' }, 'Latency'),
			h('th', { class: 'num' }, 'Status'), h('th', { class: 'num' }, 'CPU samples'), h('th', { class: 'num' }, 'Wall samples'), h('th', null, 'Thread'))),
		h('tbody', null, spans.map((sp) => h('tr', null,
			h('td', null, h('code', null, sp.spanId || '—')),
			h('td', null, fmtStart(sp.start)),
			h('td', { class: 'num' }, fmtMs(sp.latencyMs)),
			h('td', { class: 'num' }, statusBadge(sp.status)),
			h('td', { class: 'num' }, fmtInt(sp.samples && sp.samples.cpu)),
			h('td', { class: 'num' }, fmtInt(sp.samples && sp.samples.wall)),
			h('td', null, h('code', { class: 'muted' }, sp.thread || '—')))))));
}

// the spans of this request that have samples, each a link that narrows the view to it (selected: the span shown)
export function workingSpansTable(working, selected) {
	return h('div', { class: 'table-wrap' }, h('table', { class: 'grid', 'data-testid': 'working-spans-table' },
		h('thead', null, h('tr', null, h('th', null, 'Span'), h('th', null, 'Name'), h('th', null, 'Parent'),
			h('th', null, 'Threads'), h('th', { class: 'num' }, 'CPU samples'), h('th', { class: 'num' }, 'Wall samples'))),
		h('tbody', null, working.map((sp) => h('tr', { class: sp.spanId === selected ? 'selected' : null, 'data-testid': 'working-span' },
			h('td', null, navLink(pageHref('trace', route.id, { span: sp.spanId }), null, h('code', null, sp.spanId))),
			h('td', null, sp.name || h('span', { class: 'muted' }, '—')),
			h('td', null, sp.parentSpanId ? h('code', { class: 'muted' }, sp.parentSpanId) : h('span', { class: 'muted' }, '—')),
			h('td', null, (sp.threads || []).map((t, i) => [i ? ', ' : null, h('code', { class: 'muted' }, t)])),
			h('td', { class: 'num' }, fmtInt(sp.samples && sp.samples.cpu)),
			h('td', { class: 'num' }, fmtInt(sp.samples && sp.samples.wall)))))));
}

/*
 * Hotpath profiles page. Plain ES2020 modules, no dependencies, no network access except the
 * profiles JSON API on the same base path. The server inlines every module into profiles.html
 * (see ProfilesPage); they import each other as hotpath/<file>. This one starts the page:
 * it draws the view of the current URL on every navigation, and offers window.hotpath to tests.
 */
import { $, closeMenu, fill, fmtRange, h, hideTooltip, toDate } from 'hotpath/dom.js';
import { ApiError, navigate, onNavigate, pageHref, parseLocation, route, state } from 'hotpath/data.js';
import { endpointView, overviewHref, overviewView, showError, traceView } from 'hotpath/views.js';
import { comparisonView } from 'hotpath/compare.js';
import { changeCategory } from 'hotpath/diffflame.js';

// ------------------------------------------------------------------ rendering

let ready = false;
let readyWaiters = [];
let lastKey = null;

function setReady(v) {
	ready = v;
	document.body.classList.toggle('busy', !v);
	if (v) {
		// a User Timing mark, so DevTools and the page-load harness see when a view was drawn
		if (window.performance && performance.mark) performance.mark('hotpath-ready:' + state.view);
		const w = readyWaiters;
		readyWaiters = [];
		w.forEach((r) => r(true));
	}
}

async function render() {
	const my = ++state.generation;
	setReady(false);
	closeMenu();
	hideTooltip();
	parseLocation();
	$('#brand').setAttribute('href', overviewHref());
	$('#brand').setAttribute('data-nav', '');
	const key = route.view + ':' + route.id;
	const moved = key !== lastKey;
	lastKey = key;
	renderRangeChip();
	try {
		if (route.view === 'overview') await overviewView(my);
		else if (route.view === 'endpoint') await endpointView(my);
		else if (route.view === 'comparison') await comparisonView(my);
		else await traceView(my);
		if (moved && my === state.generation) window.scrollTo(0, 0);
	}
	catch (e) {
		if (my !== state.generation) return;
		if (!(e instanceof ApiError)) console.error(e);
		showError(e);
	}
	if (my === state.generation) setReady(true);
}

function renderRangeChip() {
	const slot = $('#range-slot');
	fill(slot);
	const { from, to } = route.params;
	if (!from && !to) return;
	const f = toDate(from);
	const t = toDate(to);
	const text = `range: ${fmtRange(f, t)}`;
	slot.append(h('span', { class: 'chip', 'data-testid': 'range-chip', title: `${f ? f.toISOString() : 'start'} – ${t ? t.toISOString() : 'now'}` },
		h('span', null, text),
		h('button', { type: 'button', class: 'chip-x', 'aria-label': 'Clear the time range', 'data-testid': 'range-clear',
			onclick: () => navigate(pageHref(route.view, route.id, { from: null, to: null })) }, '×')));
}

// links with data-nav change the URL and draw its view without loading the page
document.addEventListener('click', (e) => {
	const a = e.target.closest && e.target.closest('a[data-nav]');
	if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
	e.preventDefault();
	navigate(a.getAttribute('href'));
});

window.addEventListener('popstate', () => render());

onNavigate(render);

// ------------------------------------------------------------------ trace search

const traceForm = document.getElementById('trace-form');
const traceInput = document.getElementById('trace-search');
const traceHint = document.getElementById('trace-hint');

function normalizeTraceId(v) {
	const s = String(v || '').trim();
	const tp = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/i.exec(s);
	if (tp) return tp[1].toLowerCase();
	const c = s.replace(/[\s\-–—]/g, '').toLowerCase();
	return /^[0-9a-f]{32}$/.test(c) ? c : null;
}

function openTrace(explicit) {
	const id = normalizeTraceId(traceInput.value);
	if (id) {
		traceHint.textContent = '';
		traceInput.value = '';
		traceInput.blur();
		navigate(pageHref('trace', id));
		return;
	}
	const len = traceInput.value.replace(/[\s\-–—]/g, '').length;
	traceHint.textContent = explicit && traceInput.value.trim() ? `A trace ID has 32 hex digits (this has ${len}).` : '';
}

traceForm.addEventListener('submit', (e) => {
	e.preventDefault();
	openTrace(true);
});
traceInput.addEventListener('input', () => openTrace(false));

// ------------------------------------------------------------------ test and automation hook

const hook = {};
Object.defineProperties(hook, {
	ready: { get: () => ready, enumerable: true },
	view: { get: () => state.view, enumerable: true },
	flameState: {
		enumerable: true,
		value: () => {
			const f = state.panel && state.panel.flame;
			if (!f || !f.tree) return { frames: 0, highlighted: [], zoomedTo: null, hovered: null, layout: state.layout, nodes: 0 };
			return {
				frames: f.drawn,
				highlighted: f.highlightedNames(),
				zoomedTo: f.zoom > 0 ? f.tree.name(f.zoom) : null,
				hovered: f.hover >= 0 ? f.tree.name(f.hover) : null,
				layout: state.layout,
				orientation: f.orientation,
				rowHeight: f.rowH,
				nodes: f.tree.n
			};
		}
	},
	sandwichState: {
		value: () => (state.panel ? state.panel.sandwich().map((g) => ({ frames: g.drawn, root: g.tree ? g.tree.name(0) : null, nodes: g.tree ? g.tree.n : 0 })) : [])
	},
	timelineState: {
		value: () => {
			const t = state.timeline;
			if (!t) return null;
			return {
				start: t.start,
				end: t.end,
				windows: t.windows.length,
				firstWindow: t.windows.length ? t.windows[0].t0 : null,
				width: t.width,
				ticks: t.ticks.map((k) => ({ time: k.time, x: k.x, label: k.label }))
			};
		}
	},
	// the differential flame graph: what is drawn, highlighted and selected
	comparisonState: {
		value: () => {
			const c = state.comparison;
			if (!c) return null;
			const f = c.flame;
			return {
				by: c.by,
				frames: f.drawn,
				nodes: c.tree.n,
				highlighted: f.highlightedNames(),
				selected: c.st.selected,
				zoomedTo: f.zoom > 0 ? c.tree.name(f.zoom) : null,
				hovered: f.hover >= 0 ? c.tree.name(f.hover) : null,
				rowHeight: f.rowH
			};
		}
	},
	// every node of the differential flame graph named name: both sides, change and colour
	comparisonNodes: {
		value: (name) => {
			const c = state.comparison;
			if (!c) return [];
			const t = c.tree;
			const out = [];
			for (let i = 0; i < t.n; i++) {
				if (t.name(i) !== name) continue;
				out.push({
					depth: t.depth[i], baseline: t.baseline[i], target: t.target[i], delta: t.target[i] - t.baseline[i],
					change: t.change[i], category: changeCategory(t.change[i]), color: c.flame.colorOf(i)
				});
			}
			return out;
		}
	},
	// the comparison's range picker: the before and after ranges picked so far
	rangePickerState: {
		value: () => {
			const p = state.picker;
			return p ? { before: p.before, after: p.after, windows: p.timeline.windows.length, width: p.timeline.width } : null;
		}
	},
	whenReady: {
		value: () => (ready ? Promise.resolve(true) : new Promise((resolve) => readyWaiters.push(resolve)))
	},
	exportCollapsed: { value: () => (state.panel ? state.panel.collapsed() : null) },
	exportHtml: { value: () => (state.panel ? state.panel.html() : null) },
	exportJson: { value: () => (state.panel ? state.panel.json() : state.comparison ? state.comparison.json() : null) }
});
Object.freeze(hook);
Object.defineProperty(window, 'hotpath', { value: hook, enumerable: true });

render();

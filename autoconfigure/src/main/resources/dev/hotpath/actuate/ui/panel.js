/*
 * The profile panel that the endpoint and trace views share: the flame graph with its
 * toolbar (type, my code only, layout, highlight) and exports, the functions table, the
 * callers and callees of the selected function, its hot lines (endpoints only), and the
 * slowest requests.
 */
import { HIGHLIGHT, KINDS, KIND_LABEL, TYPES, compileQuery, componentColor, copyText, emptyState, fmtInt, fmtMs, fmtPct, h, isType, kindDot, noSamplesYet, openMenu, segmented, shortName } from 'hotpath/dom.js';
import { navigate, pageHref, route, state } from 'hotpath/data.js';
import { FlameGraph, Tree, reversedTree } from 'hotpath/flame.js';
import { callersAndCallees, functionTable, hotLines, slowestRequests } from 'hotpath/tables.js';
import { panelExports } from 'hotpath/export.js';

// search, selection, function sort, filter and limit of each endpoint or trace, kept while the page lives
const panelStates = new Map();

function panelStateFor(key) {
	let st = panelStates.get(key);
	if (!st) {
		st = { search: '', selected: null, fnSort: { key: 'self', dir: -1 }, fnFilter: '', fnLimit: 100 };
		panelStates.set(key, st);
	}
	return st;
}

// the profile's time by component (your code, template rendering, the database...): a bar and its legend
function componentsCard(components, typeWord) {
	if (!components || !components.length) return null;
	const described = components.map((c) => `${c.label} ${fmtPct(c.share, true)}`).join(', ');
	return h('section', { class: 'card components-card', 'data-testid': 'components' },
		h('div', { class: 'card-head' }, h('h2', null, `${typeWord} by component`),
			h('span', { class: 'muted small' }, 'the part of the application each sample was in: JDK calls count toward their caller')),
		h('div', { class: 'component-bar', role: 'img', 'aria-label': described },
			components.map((c) => h('span', { class: 'component-seg', title: `${c.label}: ${fmtPct(c.share, true)}`,
				style: { width: (c.share * 100).toFixed(2) + '%', background: componentColor(c.name) } }))),
		h('ul', { class: 'component-list' }, components.map((c) =>
			h('li', { 'data-testid': 'component-row', 'data-component': c.name, 'data-share': String(c.share) },
				h('span', { class: 'kind-dot', style: { background: componentColor(c.name) } }),
				h('span', { class: 'component-label' }, c.label), h('span', { class: 'component-share' }, fmtPct(c.share, true))))));
}

// flame graph + toolbar + function table + sandwich (+ slowest requests); shared by endpoint and trace views
export function profilePanel(data, opts) {
	const st = panelStateFor(opts.key);
	const tree = Tree.fromFlame(data.flame);
	const total = tree.rootTotal;
	const type = isType(data.type) ? data.type : 'cpu';
	const typeWord = TYPES[type].word;
	// the types being sampled, and the one shown even when it is not
	const sampled = (state.sampler && Array.isArray(state.sampler.types)) ? state.sampler.types : ['cpu', 'wall'];
	const offered = Object.keys(TYPES).filter((t) => t === type || sampled.includes(t));
	const scope = data.scope === 'app' ? 'app' : 'all';
	const functions = Array.isArray(data.functions) ? data.functions : [];
	const kindOf = new Map(functions.map((f) => [f.name, f.kind]));
	const intervalMs = !state.sampler ? null : type === 'wall' ? state.sampler.wallIntervalMs : type === 'cpu' ? state.sampler.cpuIntervalMs : null;
	const empty = !tree.n || !(total > 0);
	let reversed = null;
	const treeFor = (layout) => (layout === 'reversed' ? reversed || (reversed = reversedTree(tree)) : tree);

	const weightOf = TYPES[type].weight;
	const samplesText = weightOf ? weightOf
		: (w) => `${fmtInt(w)} sample${w === 1 ? '' : 's'}` + (intervalMs ? ` ≈ ${fmtMs(w * intervalMs)}` : '');

	const describe = (t, i) => {
		const p = t.parent[i];
		const name = t.name(i);
		const kind = t.kind(i);
		return h('div', null,
			h('div', { class: 'tt-title' }, h('code', null, name)),
			h('div', { class: 'tt-kind' }, kindDot(kind), KIND_LABEL[kind] || kind),
			h('div', null, h('b', null, fmtPct(t.total[i] / (total || 1), true)), ` of the ${opts.what} · ${samplesText(t.total[i])}`),
			t.self[i] ? h('div', null, `self ${fmtPct(t.self[i] / (total || 1), true)} · ${samplesText(t.self[i])}`) : null,
			p >= 0 ? h('div', null, h('b', null, fmtPct(t.total[i] / (t.total[p] || 1), true)), ' of its parent ',
				h('code', null, shortName(t.name(p), t.kind(p)))) : null,
			h('div', { class: 'tt-hint' }, 'Click to zoom · right-click for callers & callees'));
	};

	const resetBtn = h('button', { type: 'button', class: 'btn', 'data-testid': 'zoom-reset', hidden: true, onclick: () => flame.zoomTo(0) }, 'Reset zoom');
	const zoomInfo = h('span', { class: 'zoom-info muted small' });
	const flame = new FlameGraph({
		testid: 'flame-canvas', describe, label: `${typeWord} flame graph`,
		onContext: (i, x, y) => frameMenu(flame.tree, i, x, y),
		onZoom: (z) => {
			resetBtn.hidden = z === 0;
			zoomInfo.textContent = z ? `zoomed into ${shortName(flame.tree.name(z), flame.tree.kind(z))}` : '';
		}
	});

	const frameMenu = (t, i, x, y) => {
		const name = t.name(i);
		openMenu(x, y, shortName(name, t.kind(i)), [
			{ label: 'Show callers & callees', run: () => selectFunction(name, true) },
			{ label: 'Zoom into this frame', run: () => flame.zoomTo(i) },
			{ label: 'Highlight frames with this name', run: () => setSearch(name) },
			{ label: 'Copy the name', run: () => copyText(name) }
		]);
	};

	// ---- toolbar
	const searchInput = h('input', {
		type: 'search', class: 'input', 'data-testid': 'flame-search', placeholder: 'Highlight: text or /regex/', spellcheck: 'false',
		'aria-label': 'Highlight frames matching text or /regex/', value: st.search
	});
	searchInput.value = st.search;
	searchInput.addEventListener('input', () => {
		st.search = searchInput.value;
		applyHighlight();
	});
	const info = h('span', { class: 'highlight-info', 'data-testid': 'highlight-info', role: 'status' });

	const setSearch = (q) => {
		st.search = q;
		searchInput.value = q;
		applyHighlight();
	};

	const applyHighlight = () => {
		const t = flame.tree || tree;
		const q = compileQuery(st.search);
		let mf = null;
		info.classList.remove('bad');
		if (q.error) {
			info.textContent = q.error;
			info.classList.add('bad');
		}
		else if (!q.empty) {
			mf = t.matchFrames(q.test);
			const nodes = t.matchedNodes(mf);
			info.textContent = nodes ? `${fmtInt(nodes)} ${nodes === 1 ? 'frame matches' : 'frames match'} · ${fmtPct(t.matchedWeight(mf) / (total || 1), true)} of samples`
				: 'No frame matches';
		}
		else if (st.selected) {
			mf = t.matchFrames((nm) => nm === st.selected);
			const nodes = t.matchedNodes(mf);
			info.textContent = nodes ? `${shortName(st.selected, kindOf.get(st.selected))}: ${fmtPct(t.matchedWeight(mf) / (total || 1), true)} of samples`
				: `${shortName(st.selected, kindOf.get(st.selected))} is not in this profile`;
		}
		else {
			info.textContent = '';
		}
		flame.setMatch(mf);
	};

	const setLayout = (layout) => {
		state.layout = layout;
		layoutSeg.replaceWith(layoutSeg = layoutControl());
		flame.setTree(treeFor(layout), layout === 'flame' ? 'up' : 'down');
		applyHighlight();
	};
	const layoutControl = () => segmented('layout-toggle', 'Layout', [
		['flame', 'Flame', 'Root at the bottom'],
		['icicle', 'Icicle', 'Root at the top (inverted)'],
		['reversed', 'Reversed', 'Bottom-up: stacks merged by their leaf frames']
	], state.layout, setLayout);
	let layoutSeg = layoutControl();

	const scopeOn = scope === 'app';
	const toolbar = h('div', { class: 'toolbar' },
		segmented('type-toggle', 'Profile type', offered.map((t) => [t, TYPES[t].label, TYPES[t].title]), type,
			(v) => navigate(pageHref(route.view, route.id, { type: v }))),
		h('button', {
			type: 'button', class: 'switch', role: 'switch', 'aria-checked': String(scopeOn), 'data-testid': 'scope-toggle',
			title: 'Fold library and JDK frames into the application function that called them',
			onclick: () => navigate(pageHref(route.view, route.id, { scope: scopeOn ? 'all' : 'app' }))
		}, h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })), 'My code only'),
		layoutSeg,
		h('span', { class: 'toolbar-spacer' }),
		searchInput, info);

	const exports = panelExports({ data, what: opts.what, flame, tree, type, scope, typeWord, samplesText, total });

	const legend = h('div', { class: 'legend kinds' }, KINDS.filter((k) => k !== 'root').map((k) =>
		h('span', { class: 'legend-item' }, kindDot(k), KIND_LABEL[k])),
	h('span', { class: 'legend-item' }, h('span', { class: 'kind-dot', style: { background: HIGHLIGHT } }), 'highlighted'));

	const flameHead = h('div', { class: 'card-head' },
		h('h2', null, `${typeWord} flame graph`),
		h('span', { class: 'muted small' }, `${samplesText(total)}${scopeOn ? ' · library frames folded into your code' : ''}`),
		zoomInfo, resetBtn, h('span', { class: 'toolbar-spacer' }), exports.el);

	const fnTable = functionTable({ functions, st, intervalMs, weightOf, onSelect: (name) => selectFunction(name) });
	const sandwich = callersAndCallees({ tree, total, kindOf, samplesText, what: opts.what, onClose: () => selectFunction(null) });
	const slow = opts.slowest ? slowestRequests({ slowest: opts.slowest, slowestFor: opts.slowestFor, st, kindOf }) : null;
	const lines = opts.linesFor ? hotLines({ linesFor: opts.linesFor, st, kindOf, fmt: weightOf || fmtInt, intervalMs }) : null;

	const selectFunction = (name, keep) => {
		st.selected = name && (keep || name !== st.selected) ? name : null;
		if (st.selected && st.search) setSearch('');
		fnTable.markSelected();
		applyHighlight();
		sandwich.draw(st.selected);
		if (lines) lines.draw();
		if (slow) {
			slow.drawHead();
			slow.drawRows();
		}
		if (st.selected && keep) sandwich.el.scrollIntoView({ block: 'nearest' });
	};

	const flameCard = h('section', { class: 'card flame-card' }, flameHead, toolbar, legend,
		empty ? (opts.what === 'request'
			? emptyState(`No ${typeWord} samples were recorded for this request.`, 'It may have been shorter than the sampling interval; try the other profile type.')
			: noSamplesYet(state.sampler)) : flame.el);

	const el = h('div', { class: 'panel' }, empty ? null : componentsCard(data.components, typeWord), flameCard,
		empty ? null : h('div', { class: 'split' },
			h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', null, 'Functions'),
				h('span', { class: 'muted small' }, scopeOn ? 'by self time; library calls count toward your code' : 'by self time'),
				h('span', { class: 'toolbar-spacer' }), fnTable.count, fnTable.filter), fnTable.el),
			lines ? h('div', { class: 'side-column' }, lines.el, sandwich.el) : sandwich.el),
		slow ? slow.el : null);

	const panel = {
		el,
		flame,
		mounted() {
			state.panel = panel;
			if (slow) slow.drawHead();
			if (empty) return;
			fnTable.draw();
			flame.setTree(treeFor(state.layout), state.layout === 'flame' ? 'up' : 'down');
			applyHighlight();
			sandwich.draw(st.selected);
			if (lines) lines.draw();
		},
		collapsed: exports.collapsed,
		html: exports.html,
		json: exports.json,
		sandwich: sandwich.graphs
	};
	state.panel = null;
	return panel;
}

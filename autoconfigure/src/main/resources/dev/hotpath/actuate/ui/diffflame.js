/*
 * A comparison's differential flame graph: the merged call tree of its two sides, each
 * frame as wide as the mean of its time per request on both sides, so a path only one side
 * ran still shows, and coloured by how much that time changed relative to its own size:
 * red where it grew, blue where it shrank, grey where it stayed within 5%.
 */
import { HIGHLIGHT, KIND_LABEL, fmtPct, h, kindDot } from 'hotpath/dom.js';
import { ApiError } from 'hotpath/data.js';
import { FlameGraph, Tree } from 'hotpath/flame.js';

// a change smaller than this share of the frame's size counts as none
const STEADY = 0.05;
const NEUTRAL = 'hsl(220, 9%, 84%)';
const GROWTH_HUE = 4;
const SHRINK_HUE = 212;

// the change of a frame relative to its size, from -1 (gone) through 0 to +1 (new)
export function relativeChange(baseline, target) {
	const size = Math.max(baseline, target);
	return size > 0 ? (target - baseline) / size : 0;
}

export function changeCategory(change) {
	return Math.abs(change) < STEADY ? 'neutral' : change > 0 ? 'growth' : 'shrinkage';
}

// deeper and more saturated the larger the change; light enough for dark labels
export function changeColor(change) {
	const category = changeCategory(change);
	if (category === 'neutral') return NEUTRAL;
	const a = Math.min(1, Math.abs(change));
	const hue = category === 'growth' ? GROWTH_HUE : SHRINK_HUE;
	return `hsl(${hue}, ${Math.round(55 + 30 * a)}%, ${Math.round(88 - 28 * a)}%)`;
}

// the API's merged tree as a Tree whose totals are the mean of both sides, with each
// side's totals kept as baseline and target
export function diffTree(flame) {
	const nodes = (flame && flame.nodes) || {};
	const frame = nodes.frame || [];
	const baseline = nodes.baseline || [];
	const target = nodes.target || [];
	if (baseline.length !== frame.length || target.length !== frame.length) {
		throw new ApiError(500, 'Malformed comparison', 'The differential flame graph arrays have different lengths.');
	}
	const mean = frame.map((f, i) => ((+baseline[i] || 0) + (+target[i] || 0)) / 2);
	const tree = new Tree((flame && flame.frames) || [], frame, nodes.depth || [], mean, new Array(frame.length).fill(0));
	tree.self.set(tree.total);
	for (let i = 0; i < tree.n; i++) {
		if (tree.parent[i] >= 0) tree.self[tree.parent[i]] -= tree.total[i];
	}
	tree.baseline = Float64Array.from(baseline, (v) => +v || 0);
	tree.target = Float64Array.from(target, (v) => +v || 0);
	tree.change = tree.baseline.map((b, i) => relativeChange(b, tree.target[i]));
	return tree;
}

// the legend: what the colours and the widths mean
export function diffLegend(typeWord) {
	const swatch = (background) => h('span', { class: 'kind-dot', style: { background } });
	return h('div', { class: 'legend kinds diff-legend', 'data-testid': 'diff-legend' },
		h('span', { class: 'legend-item', 'data-legend': 'growth' },
			h('span', { class: 'diff-ramp diff-ramp-growth', 'aria-hidden': 'true' }), 'grew in the target'),
		h('span', { class: 'legend-item', 'data-legend': 'shrinkage' },
			h('span', { class: 'diff-ramp diff-ramp-shrinkage', 'aria-hidden': 'true' }), 'shrank'),
		h('span', { class: 'legend-item', 'data-legend': 'neutral' }, swatch(NEUTRAL), 'unchanged (within 5%)'),
		h('span', { class: 'legend-item' }, swatch(HIGHLIGHT), 'highlighted'),
		h('span', { class: 'legend-item muted', 'data-legend': 'width' },
			`Width: the mean of both sides' ${typeWord} per request, so a path only one side ran still shows. `
			+ 'Colour: how much the frame\'s time (with what it calls) changed, relative to the larger side: deepest for a path only one side ran.'));
}

// the canvas; fmt formats a value in the comparison's unit, labels names the two sides
export function diffFlameGraph({ tree, fmt, labels, onContext, onZoom }) {
	const colors = Array.from(tree.change, changeColor);
	const signed = (v) => (v > 0 ? '+' : v < 0 ? '−' : '±') + fmt(Math.abs(v));
	const describe = (t, i) => {
		const b = t.baseline[i];
		const g = t.target[i];
		const kind = t.kind(i);
		return h('div', null,
			h('div', { class: 'tt-title' }, h('code', null, t.name(i))),
			h('div', { class: 'tt-kind' }, kindDot(kind), KIND_LABEL[kind] || kind),
			h('div', null, `${labels[0]}: `, h('b', null, fmt(b)), ' per request'),
			h('div', null, `${labels[1]}: `, h('b', null, fmt(g)), ' per request'),
			h('div', { class: 'tt-delta tt-' + changeCategory(t.change[i]) }, 'change: ', h('b', null, signed(g - b)),
				b > 0 && g > 0 ? ` (${g >= b ? '+' : '−'}${fmtPct(Math.abs(g - b) / b, true)})`
					: b > 0 ? ' (gone in the target)' : g > 0 ? ' (new in the target)' : ''),
			h('div', { class: 'tt-hint' }, 'Click to zoom · right-click to select the function'));
	};
	const graph = new FlameGraph({
		testid: 'diff-flame-canvas', describe, onContext, onZoom, label: 'Differential flame graph',
		nodeColor: (i) => colors[i]
	});
	graph.colorOf = (i) => colors[i];
	return graph;
}

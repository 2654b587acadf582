/*
 * The actions that open a comparison, on the endpoint view and the overview: slow against
 * typical requests (with an optional threshold), two time ranges picked on the timeline
 * (before, then after), and an earlier version the overview lists.
 */
import { fill, fmtInt, fmtRange, h, toDate } from 'hotpath/dom.js';
import { apiHref, getJson, navigate, pageHref, state } from 'hotpath/data.js';
import { Timeline } from 'hotpath/timeline.js';

const BEFORE = '#0969da';
const AFTER = '#c2410c';
const PICKER_MAX_AGE_MS = 30000;

// the overview of the whole retention, as the overview view last fetched it, or fetched now
// when there is none or it is older than maxAgeMs
export async function wholeOverview(maxAgeMs) {
	if (!state.overview || (maxAgeMs != null && Date.now() - state.overviewReadAt > maxAgeMs)) {
		state.overview = await getJson(apiHref('overview', null, { from: null, to: null }));
		state.overviewReadAt = Date.now();
	}
	return state.overview;
}

// the controls for one endpoint (slow: offer slow vs typical) or the whole application;
// bar holds the controls, slot the range picker once it is opened
export function compareActions({ id, slow, overview }) {
	const slot = h('div', { class: 'picker-slot' });
	let picker = null;
	const closePicker = () => {
		picker = null;
		state.picker = null;
		fill(slot);
	};
	const openPicker = async () => {
		if (picker) return;
		let windows;
		let now;
		try {
			// the timeline as it is now, unless the view was drawn a moment ago
			const o = await wholeOverview(PICKER_MAX_AGE_MS);
			windows = (o.timeline || []).filter((w) => toDate(w.start) && toDate(w.end));
			now = toDate(o.range && o.range.to);
		}
		catch (e) {
			fill(slot, h('p', { class: 'alert alert-warn', role: 'alert', 'data-testid': 'range-picker-error' }, e.message));
			return;
		}
		if (!slot.isConnected) return;
		picker = new RangePicker(windows, now && now.getTime(),
			(before, after) => navigate(pageHref('comparison', id, {
				by: 'range', baselineFrom: String(before.from), baselineTo: String(before.to), from: String(after.from), to: String(after.to)
			})), closePicker);
		state.picker = picker;
		fill(slot, picker.el);
		picker.timeline.draw();
		picker.el.scrollIntoView({ block: 'nearest' });
	};
	const versions = (overview && Array.isArray(overview.versions)) ? overview.versions.filter((v) => v && v.version) : [];
	const bar = h('div', { class: 'compare-actions', 'data-testid': 'compare-actions' },
		slow ? slowForm(id) : null,
		h('button', { type: 'button', class: 'btn', 'data-testid': 'compare-ranges', title: 'Pick a before and an after range on the timeline',
			onclick: openPicker }, 'Compare ranges'),
		versions.length ? versionSelect(id, versions) : null);
	return { bar, slot };
}

function slowForm(id) {
	const input = h('input', {
		type: 'number', min: '0', step: 'any', class: 'input threshold', 'data-testid': 'slow-threshold', placeholder: 'p95',
		'aria-label': 'Slow means this many milliseconds or more; empty for the p95', title: 'Slow means this many milliseconds or more; empty for the p95'
	});
	return h('form', {
		class: 'slow-form', onsubmit: (e) => {
			e.preventDefault();
			const ms = input.value.trim();
			navigate(pageHref('comparison', id, { by: 'slow', slowerThan: ms && isFinite(+ms) && +ms >= 0 ? ms : null }));
		}
	},
	h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'compare-slow',
		title: 'Where slow requests spend their time that typical ones do not' }, 'Slow vs typical'),
	h('label', { class: 'muted small threshold-label' }, 'slower than ', input, ' ms'));
}

function versionSelect(id, versions) {
	const describe = (v) => {
		const f = toDate(v.from);
		const t = toDate(v.to);
		return [v.version, v.requests != null ? `${fmtInt(v.requests)} requests` : null, f || t ? fmtRange(f, t) : null].filter(Boolean).join(' · ');
	};
	return h('select', {
		class: 'input select', 'data-testid': 'compare-version', 'aria-label': 'Compare with an earlier version',
		onchange: (e) => {
			if (e.target.value) navigate(pageHref('comparison', id, { by: 'version', baselineVersion: e.target.value }));
		}
	},
	h('option', { value: '' }, 'Compare with version…'),
	versions.map((v) => h('option', { value: v.version }, describe(v))));
}

// two ranges picked on a timeline, one drag each: the first is before, the second after;
// dragging again changes the after range
class RangePicker {
	constructor(windows, now, onCompare, onCancel) {
		this.before = null;
		this.after = null;
		this.onCompare = onCompare;
		this.timeline = new Timeline(windows, null, (from, to) => this.pick(from, to), now, 'range-picker-timeline');
		this.step = h('span', { class: 'picker-step', 'data-testid': 'range-picker-step', role: 'status' });
		this.chips = h('span', { class: 'picker-chips' });
		this.go = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'range-compare', disabled: true,
			onclick: () => this.before && this.after && this.onCompare(this.before, this.after) }, 'Compare');
		this.el = h('section', { class: 'card range-picker', 'data-testid': 'range-picker' },
			h('div', { class: 'card-head' }, h('h2', null, 'Compare two time ranges'), this.step,
				h('span', { class: 'toolbar-spacer' }), this.chips, this.go,
				h('button', { type: 'button', class: 'btn', 'data-testid': 'range-reset', onclick: () => this.reset() }, 'Start over'),
				h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close the range picker', title: 'Close', onclick: onCancel }, '×')),
			windows.length ? this.timeline.el : h('p', { class: 'muted pad' }, 'No traffic recorded yet: there is nothing to compare.'));
		this.show();
	}

	pick(from, to) {
		if (!this.before) this.before = { from, to };
		else this.after = { from, to };
		this.show();
	}

	reset() {
		this.before = null;
		this.after = null;
		this.show();
	}

	show() {
		const b = this.before;
		const a = this.after;
		this.step.textContent = !b ? '1. Drag across the timeline to pick the before range (the baseline).'
			: !a ? '2. Now drag across the after range.'
				: '3. Compare them, or drag again to change the after range.';
		const chip = (label, r, cls) => h('span', { class: 'chip ' + cls, 'data-testid': 'range-' + label },
			`${label}: ${fmtRange(new Date(r.from), new Date(r.to))}`);
		fill(this.chips, b ? chip('before', b, 'chip-before') : null, a ? chip('after', a, 'chip-after') : null);
		this.go.disabled = !(b && a);
		this.timeline.setMarks([b && { ...b, label: 'before', color: BEFORE }, a && { ...a, label: 'after', color: AFTER }].filter(Boolean));
	}
}

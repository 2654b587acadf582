/*
 * The traffic timeline on a canvas: requests, errors and CPU samples per window, a time
 * range picked by dragging across it, and labeled ranges marked on it (a comparison's
 * before and after).
 */
import { contentWidth, fmtClock, fmtInt, h, hideTooltip, showTooltip, toDate } from 'hotpath/dom.js';

// a window with something to draw: windows holding only allocation or lock samples are empty here
const hasData = (w) => (w.requests || 0) + (w.errors || 0) + (w.cpuSamples || 0) + (w.wallSamples || 0) > 0;

export class Timeline {
	// windows: the overview's timeline, oldest first; now: the server's clock in epoch
	// milliseconds, or null; selected: the range shown, as {from, to}, or null;
	// testid: the canvas's data-testid, when a view has two timelines
	constructor(windows, selected, onSelect, now, testid) {
		const all = windows.map((w) => ({ ...w, t0: toDate(w.start).getTime(), t1: toDate(w.end).getTime() }));
		// the time axis spans the data that exists: from the first window with data, not the
		// start of the retention, to now (or the end of the last window, if later)
		const first = all.findIndex(hasData);
		this.windows = first > 0 ? all.slice(first) : all;
		const ws = this.windows;
		this.start = ws.length ? ws[0].t0 : 0;
		this.end = ws.length ? Math.max(ws[ws.length - 1].t1, now || 0) : 0;
		this.ticks = [];
		this.selected = selected;
		this.onSelect = onSelect;
		// labeled ranges drawn on the timeline: {from, to, label, color}
		this.marks = [];
		this.canvas = h('canvas', { class: 'timeline-canvas', 'data-testid': testid || 'timeline', role: 'img',
			'aria-label': 'Requests and CPU samples per window; drag to select a time range' });
		this.el = h('div', { class: 'timeline-wrap' }, this.canvas);
		this.ctx = this.canvas.getContext('2d');
		this.drag = null;
		this.hoverIdx = -1;
		this.height = 112;
		this.canvas.addEventListener('pointerdown', (e) => {
			if (e.button !== 0) return;
			this.canvas.setPointerCapture(e.pointerId);
			this.drag = { a: this.px(e), b: this.px(e) };
			this.draw();
		});
		this.canvas.addEventListener('pointermove', (e) => {
			if (this.drag) {
				this.drag.b = this.px(e);
				hideTooltip();
				this.draw();
				return;
			}
			const i = this.index(this.px(e));
			if (i !== this.hoverIdx) {
				this.hoverIdx = i;
				this.draw();
			}
			if (i >= 0) showTooltip(e.clientX, e.clientY, this.describe(this.windows[i]));
		});
		this.canvas.addEventListener('pointerleave', () => {
			this.hoverIdx = -1;
			hideTooltip();
			if (!this.drag) this.draw();
		});
		this.canvas.addEventListener('pointerup', (e) => {
			if (!this.drag) return;
			const { a } = this.drag;
			const b = this.px(e);
			this.drag = null;
			if (Math.abs(b - a) < 3) {
				this.draw();
				return;
			}
			const i = this.index(Math.min(a, b), true);
			const j = this.index(Math.max(a, b), true);
			if (i < 0 || j < 0) {
				this.draw();
				return;
			}
			this.onSelect(this.windows[i].t0, this.windows[j].t1);
		});
		if (window.ResizeObserver) new ResizeObserver(() => this.draw()).observe(this.el);
	}

	setMarks(marks) {
		this.marks = marks;
		this.draw();
	}

	px(e) {
		const r = this.canvas.getBoundingClientRect();
		return Math.max(0, Math.min(r.width - 0.01, e.clientX - r.left));
	}

	xOf(t) {
		return ((t - this.start) / Math.max(1, this.end - this.start)) * this.width;
	}

	// the window under x; before the first window, the first one when clamp is set
	index(x, clamp) {
		const ws = this.windows;
		if (!ws.length || !this.width) return -1;
		const t = this.start + (x / this.width) * (this.end - this.start);
		if (t < ws[0].t0) return clamp ? 0 : -1;
		let lo = 0;
		let hi = ws.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (ws[mid].t0 <= t) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}

	describe(w) {
		return h('div', null,
			h('div', { class: 'tt-title' }, `${fmtClock(new Date(w.t0), true)}–${fmtClock(new Date(w.t1), true)}`),
			h('div', null, `${fmtInt(w.requests)} requests`, w.errors ? h('span', { class: 'tt-err' }, ` · ${fmtInt(w.errors)} errors`) : null),
			h('div', null, `${fmtInt(w.cpuSamples)} CPU samples · ${fmtInt(w.wallSamples)} wall samples`),
			h('div', { class: 'tt-hint' }, 'Drag across the timeline to select a time range'));
	}

	draw() {
		const dpr = Math.max(1, window.devicePixelRatio || 1);
		const W = Math.max(100, contentWidth(this.el));
		const H = this.height;
		if (W !== this.width) {
			this.width = W;
			this.canvas.width = Math.round(W * dpr);
			this.canvas.height = Math.round(H * dpr);
			this.canvas.style.width = W + 'px';
			this.canvas.style.height = H + 'px';
		}
		const ctx = this.ctx;
		ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
		ctx.clearRect(0, 0, W, H);
		const ws = this.windows;
		const top = 14;
		const bottom = H - 18;
		const plotH = bottom - top;
		ctx.strokeStyle = '#d8dee4';
		ctx.lineWidth = 1;
		ctx.beginPath();
		ctx.moveTo(0, bottom + 0.5);
		ctx.lineTo(W, bottom + 0.5);
		ctx.stroke();
		if (!ws.length) return;
		const n = ws.length;
		// old windows may have been merged into coarser ones: bars show counts per the
		// finest window's length, so that a merged window is as tall as the ones it merged
		const unit = Math.min(...ws.map((w) => w.t1 - w.t0));
		const per = (w, count) => ((count || 0) * unit) / Math.max(1, w.t1 - w.t0);
		const peakReq = Math.max(0, ...ws.map((w) => per(w, w.requests)));
		const peakCpu = Math.max(0, ...ws.map((w) => per(w, w.cpuSamples)));
		const maxReq = Math.max(1, peakReq);
		const maxCpu = Math.max(1, peakCpu);
		for (let i = 0; i < n; i++) {
			const w = ws[i];
			const x = this.xOf(w.t0);
			const bw = this.xOf(w.t1) - x;
			const gap = bw > 4 ? 1 : 0;
			const hr = (per(w, w.requests) / maxReq) * plotH;
			const he = (per(w, w.errors) / maxReq) * plotH;
			ctx.fillStyle = i === this.hoverIdx ? '#6c9be0' : '#a9c4ee';
			ctx.fillRect(x + gap / 2, bottom - hr, Math.max(1, bw - gap), hr);
			if (he > 0) {
				ctx.fillStyle = '#dc2626';
				ctx.fillRect(x + gap / 2, bottom - he, Math.max(1, bw - gap), Math.max(1, he));
			}
		}
		if (peakCpu > 0) {
			ctx.strokeStyle = '#ea580c';
			ctx.lineWidth = 1.5;
			ctx.beginPath();
			for (let i = 0; i < n; i++) {
				const y = bottom - (per(ws[i], ws[i].cpuSamples) / maxCpu) * plotH;
				if (i === 0) ctx.moveTo(this.xOf(ws[i].t0), y);
				ctx.lineTo(this.xOf((ws[i].t0 + ws[i].t1) / 2), y);
				if (i === n - 1) ctx.lineTo(this.xOf(ws[i].t1), y);
			}
			ctx.stroke();
		}
		ctx.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
		ctx.fillStyle = '#57606a';
		ctx.textBaseline = 'top';
		ctx.textAlign = 'left';
		const mixed = ws.some((w) => w.t1 - w.t0 !== unit);
		const perUnit = mixed ? ` per ${Math.round(unit / 1000)} s` : '';
		ctx.fillText(peakReq ? `${fmtInt(Math.round(peakReq))} requests${perUnit}` : 'no requests yet', 4, 1);
		ctx.textAlign = 'right';
		ctx.fillStyle = '#c2410c';
		ctx.fillText(`${fmtInt(Math.round(peakCpu))} CPU samples${perUnit}`, W - 4, 1);
		// time axis
		const t0 = this.start;
		const t1 = this.end;
		const span = Math.max(1, t1 - t0);
		const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map((s) => s * 1000);
		const step = steps.find((s) => span / s <= Math.max(2, W / 90)) || steps[steps.length - 1];
		const secs = step < 60000;
		ctx.fillStyle = '#57606a';
		ctx.textAlign = 'center';
		ctx.textBaseline = 'bottom';
		// the left edge is the first window with data: its time is labeled there
		const first = fmtClock(new Date(t0), secs || new Date(t0).getSeconds() !== 0);
		ctx.textAlign = 'left';
		ctx.fillRect(0, bottom, 1, 4);
		ctx.fillText(first, 0, H - 1);
		const clear = ctx.measureText(first).width + 24;
		this.ticks = [{ time: t0, x: 0, label: first }];
		ctx.textAlign = 'center';
		const tzOffset = new Date(t0).getTimezoneOffset() * 60000;
		for (let t = Math.ceil((t0 - tzOffset) / step) * step + tzOffset; t <= t1; t += step) {
			const x = ((t - t0) / span) * W;
			if (x < clear || x > W - 18) continue;
			const label = fmtClock(new Date(t), secs);
			ctx.fillRect(Math.round(x), bottom, 1, 4);
			ctx.fillText(label, x, H - 1);
			this.ticks.push({ time: t, x, label });
		}
		for (const m of this.marks) this.drawMark(m, top, bottom);
		// selection
		let sel = null;
		if (this.drag) {
			const i = this.index(Math.min(this.drag.a, this.drag.b), true);
			const j = this.index(Math.max(this.drag.a, this.drag.b), true);
			sel = [this.xOf(ws[i].t0), this.xOf(ws[j].t1)];
		}
		else if (this.selected) {
			const a = this.selected.from != null ? this.selected.from : t0;
			const b = this.selected.to != null ? this.selected.to : t1;
			sel = [this.xOf(a), this.xOf(b)];
		}
		if (sel) {
			const a = Math.max(0, sel[0]);
			const b = Math.min(W, sel[1]);
			if (b > a) {
				ctx.fillStyle = 'rgba(9, 105, 218, 0.14)';
				ctx.fillRect(a, top - 4, b - a, bottom - top + 4);
				ctx.fillStyle = '#0969da';
				ctx.fillRect(a, top - 4, 1.5, bottom - top + 4);
				ctx.fillRect(b - 1.5, top - 4, 1.5, bottom - top + 4);
			}
		}
	}

	drawMark(m, top, bottom) {
		const ctx = this.ctx;
		const a = Math.max(0, this.xOf(m.from));
		const b = Math.min(this.width, this.xOf(m.to));
		if (b <= a) return;
		ctx.globalAlpha = 0.16;
		ctx.fillStyle = m.color;
		ctx.fillRect(a, top - 4, b - a, bottom - top + 4);
		ctx.globalAlpha = 1;
		ctx.fillRect(a, top - 4, 1.5, bottom - top + 4);
		ctx.fillRect(b - 1.5, top - 4, 1.5, bottom - top + 4);
		ctx.font = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
		ctx.textAlign = 'left';
		ctx.textBaseline = 'top';
		ctx.fillText(m.label, a + 4, top - 2);
	}
}

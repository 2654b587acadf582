/*
 * Call trees and their flame graph: the API's pre-order arrays as a Tree, the reversed,
 * callers and callees layouts derived from it, and FlameGraph, which draws a tree on a
 * canvas and answers hover, click (zoom) and right-click.
 */
import { HIGHLIGHT, MONO, contentWidth, frameColor, h, hideTooltip, shortName, showTooltip } from 'hotpath/dom.js';
import { ApiError } from 'hotpath/data.js';

// ------------------------------------------------------------------ call trees

// Pre-order arrays plus derived parent, subtree end (exclusive) and x offset (in weight units).
export class Tree {
	constructor(frames, frame, depth, total, self) {
		const n = frame.length;
		if (depth.length !== n || total.length !== n || self.length !== n) {
			throw new ApiError(500, 'Malformed profile', 'The flame graph arrays have different lengths.');
		}
		this.frames = frames;
		this.names = frames.map((f) => String(f.name));
		this.kinds = frames.map((f) => f.kind || 'library');
		this.n = n;
		this.frame = Int32Array.from(frame);
		this.depth = Int32Array.from(depth);
		this.total = Float64Array.from(total);
		this.self = Float64Array.from(self);
		this.parent = new Int32Array(n);
		this.end = new Int32Array(n);
		this.x = new Float64Array(n);
		const cursor = new Float64Array(n);
		const stack = [];
		let maxDepth = 0;
		for (let i = 0; i < n; i++) {
			const d = Math.min(this.depth[i], stack.length);
			this.depth[i] = d;
			while (stack.length > d) this.end[stack.pop()] = i;
			if (d > 0) {
				const p = stack[d - 1];
				this.parent[i] = p;
				this.x[i] = cursor[p];
				cursor[p] += this.total[i];
			}
			else {
				this.parent[i] = -1;
			}
			cursor[i] = this.x[i];
			stack.push(i);
			if (d > maxDepth) maxDepth = d;
		}
		while (stack.length) this.end[stack.pop()] = n;
		this.maxDepth = maxDepth;
	}

	static fromFlame(flame) {
		const nodes = (flame && flame.nodes) || {};
		return new Tree((flame && flame.frames) || [], nodes.frame || [], nodes.depth || [], nodes.total || [], nodes.self || []);
	}

	name(i) {
		return this.names[this.frame[i]];
	}

	kind(i) {
		return this.kinds[this.frame[i]];
	}

	get rootTotal() {
		return this.n ? this.total[0] : 0;
	}

	hasRootFrame() {
		return this.n > 0 && this.kinds[this.frame[0]] === 'root';
	}

	// frame indexes -> 1 when predicate(name)
	matchFrames(predicate) {
		const m = new Uint8Array(this.names.length);
		for (let f = 0; f < this.names.length; f++) {
			if (predicate(this.names[f])) m[f] = 1;
		}
		return m;
	}

	// weight of matching nodes, nested matches counted once
	matchedWeight(mf) {
		let w = 0;
		let i = 0;
		while (i < this.n) {
			if (mf[this.frame[i]]) {
				w += this.total[i];
				i = this.end[i];
			}
			else i++;
		}
		return w;
	}

	matchedNodes(mf) {
		let c = 0;
		for (let i = 0; i < this.n; i++) if (mf[this.frame[i]]) c++;
		return c;
	}
}

class Trie {
	constructor(f) {
		this.f = f;
		this.total = 0;
		this.self = 0;
		this.kids = null;
	}

	child(f) {
		if (!this.kids) this.kids = new Map();
		let c = this.kids.get(f);
		if (!c) {
			c = new Trie(f);
			this.kids.set(f, c);
		}
		return c;
	}
}

function trieToTree(root, frames) {
	const names = frames.map((f) => String(f.name));
	const F = [];
	const D = [];
	const T = [];
	const S = [];
	const stack = [root, 0];
	while (stack.length) {
		const d = stack.pop();
		const node = stack.pop();
		F.push(node.f);
		D.push(d);
		T.push(node.total);
		S.push(node.self);
		if (node.kids) {
			const kids = [...node.kids.values()].sort((a, b) => {
				const na = names[a.f];
				const nb = names[b.f];
				return na < nb ? -1 : na > nb ? 1 : a.f - b.f;
			});
			for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k], d + 1);
		}
	}
	return new Tree(frames, F, D, T, S);
}

// bottom-up: every node's self weight walks back up its path, so stacks merge by their leaf frames
export function reversedTree(t) {
	if (!t.n) return t;
	const root = new Trie(t.frame[0]);
	root.total = t.self[0];
	root.self = t.self[0];
	for (let i = 1; i < t.n; i++) {
		const s = t.self[i];
		if (!s) continue;
		root.total += s;
		let cur = root;
		for (let j = i; j > 0; j = t.parent[j]) {
			cur = cur.child(t.frame[j]);
			cur.total += s;
		}
		cur.self += s;
	}
	return trieToTree(root, t.frames);
}

function firstFrame(mf) {
	for (let f = 0; f < mf.length; f++) if (mf[f]) return f;
	return -1;
}

// who calls the function: each outermost occurrence's path to the root, merged, function first
export function callersTree(t, mf) {
	const root = new Trie(firstFrame(mf));
	const stop = t.hasRootFrame() ? 0 : -1;
	let i = 0;
	while (i < t.n) {
		if (!mf[t.frame[i]]) {
			i++;
			continue;
		}
		const w = t.total[i];
		root.total += w;
		let cur = root;
		for (let j = t.parent[i]; j > stop; j = t.parent[j]) {
			cur = cur.child(t.frame[j]);
			cur.total += w;
		}
		cur.self += w;
		i = t.end[i];
	}
	return trieToTree(root, t.frames);
}

// what the function calls: the subtrees under each outermost occurrence, merged
export function calleesTree(t, mf) {
	const root = new Trie(firstFrame(mf));
	let i = 0;
	while (i < t.n) {
		if (!mf[t.frame[i]]) {
			i++;
			continue;
		}
		root.total += t.total[i];
		root.self += t.self[i];
		const stack = [i, root];
		while (stack.length) {
			const into = stack.pop();
			const k = stack.pop();
			for (let c = k + 1; c < t.end[k]; c = t.end[c]) {
				const tn = into.child(t.frame[c]);
				tn.total += t.total[c];
				tn.self += t.self[c];
				stack.push(c, tn);
			}
		}
		i = t.end[i];
	}
	return trieToTree(root, t.frames);
}


// ------------------------------------------------------------------ flame graph on canvas

const MIN_WIDTH = 0.5;

export class FlameGraph {
	// nodeColor(i), when given, colours each node instead of its frame's kind (the
	// differential flame graph colours by change)
	constructor({ testid, rowHeight = 18, describe, onContext, onZoom, label, maxRows, nodeColor }) {
		this.rowH = rowHeight;
		this.describe = describe;
		this.nodeColor = nodeColor || null;
		this.onContext = onContext;
		this.onZoom = onZoom;
		this.maxRows = maxRows || 0;
		this.canvas = h('canvas', { class: 'flame-canvas', 'data-testid': testid, tabindex: '0', role: 'img', 'aria-label': label || 'Flame graph' });
		this.el = h('div', { class: 'flame-wrap' }, this.canvas);
		this.ctx = this.canvas.getContext('2d');
		this.tree = null;
		this.orientation = 'up';
		this.zoom = 0;
		this.hover = -1;
		this.match = null;
		this.drawn = 0;
		this.width = 0;
		this.height = 0;
		this.raf = 0;
		this.canvas.addEventListener('mousemove', (e) => this.onMove(e));
		this.canvas.addEventListener('mouseleave', () => {
			this.setHover(-1);
			hideTooltip();
		});
		this.canvas.addEventListener('click', (e) => {
			const i = this.hitEvent(e);
			if (i >= 0) this.zoomTo(i);
		});
		this.canvas.addEventListener('contextmenu', (e) => {
			const i = this.hitEvent(e);
			if (i >= 0 && this.onContext) {
				e.preventDefault();
				this.onContext(i, e.clientX, e.clientY);
			}
		});
		this.canvas.addEventListener('keydown', (e) => {
			if (e.key === 'Escape' && this.zoom) this.zoomTo(0);
		});
		if (window.ResizeObserver) {
			new ResizeObserver(() => {
				if (this.tree && Math.max(50, contentWidth(this.el)) !== this.width) {
					this.resize();
					this.drawNow();
				}
			}).observe(this.el);
		}
	}

	// call once the element is in the document, so it has a width
	setTree(tree, orientation) {
		this.tree = tree;
		this.orientation = orientation || 'up';
		this.zoom = 0;
		this.hover = -1;
		this.colors = tree.frames.map((f) => frameColor(String(f.name), f.kind));
		this.shorts = tree.names.map((nm, f) => shortName(nm, tree.kinds[f]));
		this.resize();
		this.drawNow();
		if (this.onZoom) this.onZoom(this.zoom);
	}

	setMatch(mf) {
		this.match = mf;
		this.drawNow();
	}

	zoomTo(i) {
		if (!this.tree || i < 0 || i >= this.tree.n) return;
		this.zoom = this.tree.parent[i] < 0 ? 0 : i;
		hideTooltip();
		this.drawNow();
		if (this.onZoom) this.onZoom(this.zoom);
	}

	resize() {
		const dpr = Math.max(1, window.devicePixelRatio || 1);
		this.width = Math.max(50, contentWidth(this.el));
		const rows = Math.max(this.tree ? this.tree.maxDepth + 1 : 1, 2);
		this.rows = this.maxRows ? Math.min(rows, this.maxRows) : rows;
		this.height = Math.min(this.rows * this.rowH, Math.floor(30000 / dpr));
		this.canvas.width = Math.round(this.width * dpr);
		this.canvas.height = Math.round(this.height * dpr);
		this.canvas.style.width = this.width + 'px';
		this.canvas.style.height = this.height + 'px';
		this.dpr = dpr;
		this.ctx.font = MONO;
		this.charW = this.ctx.measureText('0').width || 6.6;
	}

	schedule() {
		if (!this.raf) {
			this.raf = requestAnimationFrame(() => {
				this.raf = 0;
				this.drawNow();
			});
		}
	}

	rowTop(depth) {
		return this.orientation === 'up' ? this.height - (depth + 1) * this.rowH : depth * this.rowH;
	}

	drawNow() {
		if (this.raf) {
			cancelAnimationFrame(this.raf);
			this.raf = 0;
		}
		const ctx = this.ctx;
		ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
		ctx.clearRect(0, 0, this.width, this.height);
		const t = this.tree;
		if (!t || !t.n) {
			this.drawn = 0;
			return;
		}
		ctx.font = MONO;
		ctx.textBaseline = 'middle';
		const z = this.zoom;
		const x0 = t.x[z];
		const k = this.width / (t.total[z] || 1);
		let drawn = 0;
		for (let a = t.parent[z]; a >= 0; a = t.parent[a]) {
			this.drawFrame(a, 0, this.width, true);
			drawn++;
		}
		const end = t.end[z];
		const maxDepth = this.rows - 1;
		for (let i = z; i < end;) {
			const w = t.total[i] * k;
			if (w < MIN_WIDTH || t.depth[i] > maxDepth) {
				i = t.end[i];
				continue;
			}
			this.drawFrame(i, (t.x[i] - x0) * k, w, false);
			drawn++;
			i++;
		}
		const hv = this.hover;
		if (hv >= 0 && hv < t.n) {
			const r = this.frameRect(hv);
			if (r) {
				ctx.strokeStyle = '#111827';
				ctx.lineWidth = 1.5;
				ctx.strokeRect(r.x + 0.75, r.y + 0.75, Math.max(1, r.w - 2.5), this.rowH - 2.5);
			}
		}
		this.drawn = drawn;
	}

	frameRect(i) {
		const t = this.tree;
		const z = this.zoom;
		const top = this.rowTop(t.depth[i]);
		if (t.depth[i] < t.depth[z]) return { x: 0, y: top, w: this.width };
		const k = this.width / (t.total[z] || 1);
		const x = (t.x[i] - t.x[z]) * k;
		const w = t.total[i] * k;
		if (x + w < 0 || x > this.width) return null;
		return { x, y: top, w };
	}

	drawFrame(i, x, w, dim) {
		const ctx = this.ctx;
		const t = this.tree;
		const f = t.frame[i];
		const y = this.rowTop(t.depth[i]);
		const matched = this.match && this.match[f];
		ctx.globalAlpha = dim ? 0.4 : this.match && !matched ? 0.55 : 1;
		ctx.fillStyle = matched ? HIGHLIGHT : this.nodeColor ? this.nodeColor(i) : this.colors[f];
		ctx.fillRect(x, y, w > 2 ? w - 1 : w, this.rowH - 1);
		if (w > 24) {
			const label = this.label(f, w - 8);
			if (label) {
				ctx.fillStyle = matched ? '#ffffff' : '#111827';
				ctx.fillText(label, x + 4, y + this.rowH / 2);
			}
		}
		ctx.globalAlpha = 1;
	}

	label(f, avail) {
		const max = Math.floor(avail / this.charW);
		if (max < 2) return null;
		const full = this.tree.names[f];
		if (full.length <= max) return full;
		const s = this.shorts[f];
		if (s.length <= max) return s;
		return max >= 3 ? s.slice(0, max - 1) + '…' : null;
	}

	hit(px, py) {
		const t = this.tree;
		if (!t || !t.n || px < 0 || px > this.width || py < 0 || py > this.height) return -1;
		const row = this.orientation === 'up' ? Math.floor((this.height - py) / this.rowH) : Math.floor(py / this.rowH);
		const z = this.zoom;
		if (row < t.depth[z]) {
			let a = t.parent[z];
			while (a >= 0 && t.depth[a] > row) a = t.parent[a];
			return a;
		}
		const k = this.width / (t.total[z] || 1);
		const pos = t.x[z] + px / k;
		let n = z;
		while (t.depth[n] < row) {
			let found = -1;
			for (let c = n + 1; c < t.end[n]; c = t.end[c]) {
				if (pos >= t.x[c] && pos < t.x[c] + t.total[c]) {
					found = c;
					break;
				}
			}
			if (found < 0) return -1;
			n = found;
		}
		return t.total[n] * k >= MIN_WIDTH ? n : -1;
	}

	hitEvent(e) {
		const r = this.canvas.getBoundingClientRect();
		return this.hit(e.clientX - r.left, e.clientY - r.top);
	}

	setHover(i) {
		if (i !== this.hover) {
			this.hover = i;
			this.schedule();
		}
	}

	onMove(e) {
		const i = this.hitEvent(e);
		this.setHover(i);
		this.canvas.style.cursor = i >= 0 ? 'pointer' : 'default';
		if (i >= 0 && this.describe) showTooltip(e.clientX, e.clientY, this.describe(this.tree, i));
		else hideTooltip();
	}

	highlightedNames() {
		const t = this.tree;
		if (!t || !this.match) return [];
		const seen = new Set();
		for (let i = 0; i < t.n; i++) if (this.match[t.frame[i]]) seen.add(t.name(i));
		return [...seen].sort();
	}
}

/*
 * Building elements, formatting numbers, times and frame names, frame colours, and the
 * small shared widgets: tooltip, context menu, empty state, segmented buttons.
 */

// ------------------------------------------------------------------ elements and formatting

export const KINDS = ['application', 'library', 'jdk', 'native', 'jvm', 'thread', 'root'];
export const KIND_LABEL = {
	application: 'your code', library: 'library', jdk: 'JDK', native: 'native', jvm: 'JVM', thread: 'thread', root: 'root'
};
// hue, saturation, lightness per frame kind; application frames are the only saturated warm ones
const KIND_HSL = {
	application: [22, 92, 58], library: [211, 58, 76], jdk: [158, 36, 70], native: [46, 78, 66],
	jvm: [268, 40, 80], thread: [200, 12, 80], root: [220, 10, 86]
};
export const HIGHLIGHT = '#c026d3';
export const MONO = '11px ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace';

export const $ = (sel, root = document) => root.querySelector(sel);

export function h(tag, attrs, ...kids) {
	const el = document.createElement(tag);
	if (attrs) {
		for (const [k, v] of Object.entries(attrs)) {
			if (v == null || v === false) continue;
			if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
			else if (k === 'class') el.className = v;
			else if (k === 'style' && typeof v === 'object') {
				for (const [sk, sv] of Object.entries(v)) {
					if (sk.startsWith('--')) el.style.setProperty(sk, sv);
					else el.style[sk] = sv;
				}
			}
			else el.setAttribute(k, v === true ? '' : String(v));
		}
	}
	addKids(el, kids);
	return el;
}

function addKids(el, kids) {
	for (const k of kids) {
		if (k == null || k === false) continue;
		if (Array.isArray(k)) addKids(el, k);
		else el.append(k instanceof Node ? k : String(k));
	}
}

// replaceChildren without turning null into the text "null"
export function fill(el, ...kids) {
	el.replaceChildren();
	addKids(el, kids);
	return el;
}

function hash(s) {
	let x = 2166136261;
	for (let i = 0; i < s.length; i++) {
		x ^= s.charCodeAt(i);
		x = Math.imul(x, 16777619);
	}
	return x >>> 0;
}

export function frameColor(name, kind) {
	const [hu, sa, li] = KIND_HSL[kind] || KIND_HSL.library;
	const v = hash(name);
	return `hsl(${hu + (v % 11) - 5}, ${sa}%, ${li + ((v >>> 8) % 7) - 3}%)`;
}

const intFormat = new Intl.NumberFormat('en-US');
export const fmtInt = (n) => (n == null || !isFinite(n) ? '—' : intFormat.format(Math.round(n)));
const trimZero = (s) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

export function fmtMs(ms) {
	if (ms == null || !isFinite(ms)) return '—';
	const a = Math.abs(ms);
	if (a >= 120000) return trimZero((ms / 60000).toFixed(1)) + ' min';
	if (a >= 10000) return Math.round(ms / 1000) + ' s';
	if (a >= 1000) return trimZero((ms / 1000).toFixed(1)) + ' s';
	if (a >= 10) return Math.round(ms) + ' ms';
	if (a === 0) return '0 ms';
	if (a >= 0.1) return trimZero(ms.toFixed(1)) + ' ms';
	if (a >= 0.01) return trimZero(ms.toFixed(2)) + ' ms';
	return '<0.01 ms';
}

export function fmtBytes(bytes) {
	if (bytes == null || !isFinite(bytes)) return '—';
	const a = Math.abs(bytes);
	if (a >= 1024 * 1024 * 1024) return trimZero((bytes / (1024 * 1024 * 1024)).toFixed(1)) + ' GB';
	if (a >= 1024 * 1024) return trimZero((bytes / (1024 * 1024)).toFixed(1)) + ' MB';
	if (a >= 1024) return trimZero((bytes / 1024).toFixed(1)) + ' KB';
	return Math.round(bytes) + ' B';
}

// the profile types; alloc weights are bytes and lock weights nanoseconds, cpu and wall weights are samples
export const TYPES = {
	cpu: { label: 'CPU', word: 'CPU', title: 'On-CPU samples' },
	wall: { label: 'Wall', word: 'wall-clock', title: 'Wall-clock samples, including waiting' },
	alloc: { label: 'Alloc', word: 'allocation', title: 'Heap bytes allocated, sampled', weight: fmtBytes },
	lock: { label: 'Lock', word: 'lock', title: 'Time spent waiting on contended locks, sampled', weight: (ns) => fmtMs(ns / 1e6) }
};

export const isType = (t) => Object.keys(TYPES).includes(t);

// share in [0, 1] -> "91%", "4.5%", "0.3%"; precise keeps one decimal above 10 %
export function fmtPct(share, precise) {
	if (share == null || !isFinite(share)) return '—';
	const p = share * 100;
	if (p === 0) return '0%';
	if (p >= 10) return (precise ? trimZero(p.toFixed(1)) : Math.round(p)) + '%';
	if (p >= 0.1) return trimZero(p.toFixed(1)) + '%';
	return '<0.1%';
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

export function contentWidth(el) {
	const cs = getComputedStyle(el);
	return el.clientWidth - (parseFloat(cs.paddingLeft) || 0) - (parseFloat(cs.paddingRight) || 0);
}

export function toDate(v) {
	if (v == null || v === '') return null;
	const d = /^\d+$/.test(String(v)) ? new Date(Number(v)) : new Date(v);
	return isNaN(d.getTime()) ? null : d;
}

export const fmtClock = (d, secs) => `${pad(d.getHours())}:${pad(d.getMinutes())}` + (secs ? `:${pad(d.getSeconds())}` : '');

// "05:40–05:45", or with seconds when minutes alone would not tell the ends apart
export function fmtRange(f, t) {
	const secs = (f && f.getSeconds()) || (t && t.getSeconds()) || (f && t && t - f < 300000);
	return `${f ? fmtClock(f, secs) : 'start'}–${t ? fmtClock(t, secs) : 'now'}`;
}

export function fmtStart(v) {
	const d = toDate(v);
	if (!d) return '—';
	const today = new Date();
	const day = d.toDateString() === today.toDateString() ? ''
		: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `;
	return day + fmtClock(d, true) + '.' + pad(d.getMilliseconds(), 3);
}

const JAVA_KINDS = new Set(['application', 'library', 'jdk']);

// "dev.hotpath.demo.Calculations.calc3" -> ["dev.hotpath.demo.", "Calculations.calc3"]
function splitName(name, kind) {
	if (kind && !JAVA_KINDS.has(kind)) return ['', name];
	const paren = name.indexOf('(');
	const core = paren > 0 ? name.slice(0, paren) : name;
	if (/[\s/;[]/.test(core)) return ['', name];
	const a = core.lastIndexOf('.');
	if (a <= 0) return ['', name];
	const b = core.lastIndexOf('.', a - 1);
	if (b <= 0) return ['', name];
	return [name.slice(0, b + 1), name.slice(b + 1)];
}

export const shortName = (name, kind) => splitName(name, kind)[1];

export function fnLabel(name, kind) {
	const [pkg, short] = splitName(name, kind);
	return h('span', { class: 'fn', title: name }, pkg ? h('span', { class: 'pkg' }, pkg) : null,
		h('span', { class: 'fn-short' }, short));
}

export function kindDot(kind) {
	return h('span', { class: 'kind-dot', style: { background: frameColor('', kind) }, title: KIND_LABEL[kind] || kind });
}

// "calc" = case-insensitive substring, "/calc[0-9]/i" = regular expression
export function compileQuery(q) {
	q = (q || '').trim();
	if (!q) return { empty: true, test: () => false };
	const m = /^\/(.+)\/([imsu]*)$/.exec(q);
	if (m) {
		try {
			const re = new RegExp(m[1], m[2]);
			return { regex: true, test: (s) => re.test(s) };
		}
		catch (e) {
			return { error: 'Invalid regular expression: ' + e.message, test: () => false };
		}
	}
	const low = q.toLowerCase();
	return { test: (s) => s.toLowerCase().includes(low) };
}

export function slug(s) {
	return String(s).replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'profile';
}

export function download(fileName, type, text) {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const a = h('a', { href: url, download: fileName, hidden: true });
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 5000);
}

// ------------------------------------------------------------------ tooltip and menu

const tooltip = document.getElementById('tooltip');

export function showTooltip(x, y, content) {
	fill(tooltip, content);
	tooltip.hidden = false;
	const r = tooltip.getBoundingClientRect();
	let left = x + 14;
	let top = y + 16;
	if (left + r.width > window.innerWidth - 8) left = Math.max(8, x - r.width - 14);
	if (top + r.height > window.innerHeight - 8) top = Math.max(8, y - r.height - 12);
	tooltip.style.left = left + 'px';
	tooltip.style.top = top + 'px';
}

export function hideTooltip() {
	tooltip.hidden = true;
}

let menu = null;

export function closeMenu() {
	if (menu) {
		menu.remove();
		menu = null;
	}
}

export function openMenu(x, y, title, items) {
	closeMenu();
	hideTooltip();
	menu = h('div', { class: 'menu', role: 'menu', 'data-testid': 'frame-menu' },
		h('div', { class: 'menu-title' }, title),
		items.map((it) => h('button', {
			type: 'button', role: 'menuitem', onclick: () => {
				closeMenu();
				it.run();
			}
		}, it.label)));
	document.body.append(menu);
	const r = menu.getBoundingClientRect();
	menu.style.left = Math.min(x, window.innerWidth - r.width - 8) + 'px';
	menu.style.top = Math.min(y, window.innerHeight - r.height - 8) + 'px';
	menu.querySelector('button').focus();
}

document.addEventListener('mousedown', (e) => {
	if (menu && !menu.contains(e.target)) closeMenu();
});
document.addEventListener('keydown', (e) => {
	if (e.key === 'Escape') closeMenu();
});
window.addEventListener('scroll', () => {
	closeMenu();
	hideTooltip();
}, { passive: true });

// ------------------------------------------------------------------ small widgets

// a stopwatch, drawn inline: no icon font or emoji font needed
function emptyIcon() {
	const ns = 'http://www.w3.org/2000/svg';
	const svg = document.createElementNS(ns, 'svg');
	svg.setAttribute('viewBox', '0 0 24 24');
	svg.setAttribute('class', 'empty-icon');
	svg.setAttribute('aria-hidden', 'true');
	for (const [tag, attrs] of [['circle', { cx: 12, cy: 13.5, r: 8 }], ['path', { d: 'M12 9.5v4l2.5 2.5M9.5 2.5h5M12 2.5v3' }]]) {
		const el = document.createElementNS(ns, tag);
		for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
		svg.append(el);
	}
	return svg;
}

export function emptyState(title, detail) {
	return h('div', { class: 'empty', 'data-testid': 'empty' },
		emptyIcon(),
		h('p', { class: 'empty-title' }, title),
		detail ? h('p', { class: 'muted' }, detail) : null);
}

export function segmented(testid, label, options, value, onChange) {
	return h('div', { class: 'seg', role: 'group', 'aria-label': label, 'data-testid': testid },
		options.map(([v, text, title]) => h('button', {
			type: 'button', 'data-value': v, title, 'aria-pressed': String(v === value), class: v === value ? 'on' : '',
			onclick: () => {
				if (v !== value) onChange(v);
			}
		}, text)));
}

export function copyText(text) {
	if (navigator.clipboard && window.isSecureContext) {
		navigator.clipboard.writeText(text).catch(() => window.prompt('Copy the name:', text));
	}
	else {
		window.prompt('Copy the name:', text);
	}
}

export function noSamplesYet(sampler) {
	// the overview's sampler says how soon a read sees a request; other views give the chunk
	const n = (sampler && (sampler.refreshSeconds || sampler.chunkSeconds)) || 10;
	return emptyState(`No samples yet — send some requests; data appears within ${n} seconds.`,
		'Hotpath profiles every request continuously; reload this page after a little traffic.');
}

// ------------------------------------------------------------------ components

// one color per component, the application's own code in the color of its frames
const COMPONENT_COLORS = {
	application: '#e8702a', templates: '#8e6cc9', database: '#2f7ed8', serialization: '#1aa08a',
	'http-client': '#c99a06', web: '#7a8ba0', logging: '#b5651d', reflection: '#a4a4c8', gc: '#c0392b',
	jit: '#e67e73', 'class-loading': '#d98880', vm: '#922b21', profiler: '#5d6d7e', jdk: '#76b39d', libraries: '#b9c2cc'
};

export function componentColor(name) {
	return COMPONENT_COLORS[name] || '#9aa5b1';
}

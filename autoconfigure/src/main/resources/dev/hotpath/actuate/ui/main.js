/*
 * Hotpath profiles page. Plain ES2020 modules, no dependencies, no network access except the
 * profiles JSON API on the same base path. The server inlines every module into profiles.html
 * (see ProfilesPage); they import each other as hotpath/<file>.
 */
(() => {

	// ------------------------------------------------------------------ utilities

	const KINDS = ['application', 'library', 'jdk', 'native', 'jvm', 'thread', 'root'];
	const KIND_LABEL = {
		application: 'your code', library: 'library', jdk: 'JDK', native: 'native', jvm: 'JVM', thread: 'thread', root: 'root'
	};
	// hue, saturation, lightness per frame kind; application frames are the only saturated warm ones
	const KIND_HSL = {
		application: [22, 92, 58], library: [211, 58, 76], jdk: [158, 36, 70], native: [46, 78, 66],
		jvm: [268, 40, 80], thread: [200, 12, 80], root: [220, 10, 86]
	};
	const HIGHLIGHT = '#c026d3';
	const MONO = '11px ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace';

	const $ = (sel, root = document) => root.querySelector(sel);

	function h(tag, attrs, ...kids) {
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
	function fill(el, ...kids) {
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

	function frameColor(name, kind) {
		const [hu, sa, li] = KIND_HSL[kind] || KIND_HSL.library;
		const v = hash(name);
		return `hsl(${hu + (v % 11) - 5}, ${sa}%, ${li + ((v >>> 8) % 7) - 3}%)`;
	}

	const intFormat = new Intl.NumberFormat('en-US');
	const fmtInt = (n) => (n == null || !isFinite(n) ? '—' : intFormat.format(Math.round(n)));
	const trimZero = (s) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

	function fmtMs(ms) {
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

	function fmtBytes(bytes) {
		if (bytes == null || !isFinite(bytes)) return '—';
		const a = Math.abs(bytes);
		if (a >= 1024 * 1024 * 1024) return trimZero((bytes / (1024 * 1024 * 1024)).toFixed(1)) + ' GB';
		if (a >= 1024 * 1024) return trimZero((bytes / (1024 * 1024)).toFixed(1)) + ' MB';
		if (a >= 1024) return trimZero((bytes / 1024).toFixed(1)) + ' KB';
		return Math.round(bytes) + ' B';
	}

	// the profile types; alloc weights are bytes and lock weights nanoseconds, cpu and wall weights are samples
	const TYPES = {
		cpu: { label: 'CPU', word: 'CPU', title: 'On-CPU samples' },
		wall: { label: 'Wall', word: 'wall-clock', title: 'Wall-clock samples, including waiting' },
		alloc: { label: 'Alloc', word: 'allocation', title: 'Heap bytes allocated, sampled', weight: fmtBytes },
		lock: { label: 'Lock', word: 'lock', title: 'Time spent waiting on contended locks, sampled', weight: (ns) => fmtMs(ns / 1e6) }
	};

	const isType = (t) => Object.keys(TYPES).includes(t);

	// share in [0, 1] -> "91%", "4.5%", "0.3%"; precise keeps one decimal above 10 %
	function fmtPct(share, precise) {
		if (share == null || !isFinite(share)) return '—';
		const p = share * 100;
		if (p === 0) return '0%';
		if (p >= 10) return (precise ? trimZero(p.toFixed(1)) : Math.round(p)) + '%';
		if (p >= 0.1) return trimZero(p.toFixed(1)) + '%';
		return '<0.1%';
	}

	const pad = (n, w = 2) => String(n).padStart(w, '0');

	function contentWidth(el) {
		const cs = getComputedStyle(el);
		return el.clientWidth - (parseFloat(cs.paddingLeft) || 0) - (parseFloat(cs.paddingRight) || 0);
	}

	function toDate(v) {
		if (v == null || v === '') return null;
		const d = /^\d+$/.test(String(v)) ? new Date(Number(v)) : new Date(v);
		return isNaN(d.getTime()) ? null : d;
	}

	const fmtClock = (d, secs) => `${pad(d.getHours())}:${pad(d.getMinutes())}` + (secs ? `:${pad(d.getSeconds())}` : '');

	// "05:40–05:45", or with seconds when minutes alone would not tell the ends apart
	function fmtRange(f, t) {
		const secs = (f && f.getSeconds()) || (t && t.getSeconds()) || (f && t && t - f < 300000);
		return `${f ? fmtClock(f, secs) : 'start'}–${t ? fmtClock(t, secs) : 'now'}`;
	}

	function fmtStart(v) {
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

	const shortName = (name, kind) => splitName(name, kind)[1];

	function fnLabel(name, kind) {
		const [pkg, short] = splitName(name, kind);
		return h('span', { class: 'fn', title: name }, pkg ? h('span', { class: 'pkg' }, pkg) : null,
			h('span', { class: 'fn-short' }, short));
	}

	function kindDot(kind) {
		return h('span', { class: 'kind-dot', style: { background: frameColor('', kind) }, title: KIND_LABEL[kind] || kind });
	}

	// "calc" = case-insensitive substring, "/calc[0-9]/i" = regular expression
	function compileQuery(q) {
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

	function slug(s) {
		return String(s).replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'profile';
	}

	function download(fileName, type, text) {
		const url = URL.createObjectURL(new Blob([text], { type }));
		const a = h('a', { href: url, download: fileName, hidden: true });
		document.body.append(a);
		a.click();
		a.remove();
		setTimeout(() => URL.revokeObjectURL(url), 5000);
	}

	// ------------------------------------------------------------------ routing

	const route = { base: '', view: 'overview', id: null, params: { type: 'cpu', scope: 'app', from: null, to: null } };

	function parseLocation() {
		const m = /^(.*?)\/(endpoints|traces)\/([^/]*)\/*$/.exec(location.pathname);
		route.base = (m ? m[1] : location.pathname).replace(/\/+$/, '');
		route.view = m ? (m[2] === 'endpoints' ? 'endpoint' : 'trace') : 'overview';
		route.id = null;
		if (m) {
			try {
				route.id = decodeURIComponent(m[3]);
			}
			catch (e) {
				route.id = m[3];
			}
		}
		const q = new URLSearchParams(location.search);
		route.params = {
			type: isType(q.get('type')) ? q.get('type') : 'cpu',
			scope: q.get('scope') === 'all' ? 'all' : 'app',
			from: q.get('from') || null,
			to: q.get('to') || null,
			span: q.get('span') || null
		};
	}

	function pathFor(view, id) {
		if (view === 'endpoint') return route.base + '/endpoints/' + encodeURIComponent(id);
		if (view === 'trace') return route.base + '/traces/' + encodeURIComponent(id);
		return route.base;
	}

	// the page URL: defaults (type=cpu, scope=app) are left out so URLs stay short
	function pageHref(view, id, changes) {
		const p = { ...route.params, ...changes };
		const q = new URLSearchParams();
		if (p.type !== 'cpu') q.set('type', p.type);
		if (p.scope !== 'app') q.set('scope', p.scope);
		if (p.from) q.set('from', p.from);
		if (p.to) q.set('to', p.to);
		if (view === 'trace' && p.span) q.set('span', p.span);
		const qs = q.toString();
		return (pathFor(view, id) || '/') + (qs ? '?' + qs : '');
	}

	// the JSON URL: every parameter the view depends on is explicit
	function apiHref(view, id, changes) {
		const p = { ...route.params, ...changes };
		const q = new URLSearchParams();
		if (view !== 'overview') {
			q.set('type', p.type);
			q.set('scope', p.scope);
		}
		if (view !== 'trace') {
			if (p.from) q.set('from', p.from);
			if (p.to) q.set('to', p.to);
		}
		else if (p.span) {
			q.set('span', p.span);
		}
		const qs = q.toString();
		return (pathFor(view, id) || '/') + (qs ? '?' + qs : '');
	}

	// links to the server's downloads of this view: every profile type, samples labeled
	// with their trace and span ids, over the view's time range
	function downloadHref(format) {
		const q = new URLSearchParams({ format });
		if (route.view !== 'trace') {
			if (route.params.from) q.set('from', route.params.from);
			if (route.params.to) q.set('to', route.params.to);
		}
		return pathFor(route.view, route.id) + '?' + q.toString();
	}

	function serverDownloads(withRecording) {
		const links = [
			['pprof', 'pprof', 'pprof.pb.gz', 'For go tool pprof, Grafana Pyroscope and speedscope: every profile type, samples labeled with trace_id and span_id'],
			['otlp', 'OTLP', 'otlp.pb', 'An OpenTelemetry profiles request (protobuf), samples linked to their trace and span']
		];
		if (withRecording) {
			links.push(['jfr', 'JFR', 'jfr', 'The recording itself, span events included, for JDK Mission Control and jfr']);
		}
		return h('span', { class: 'server-downloads' }, links.map(([format, label, extension, title]) =>
			h('a', { class: 'btn btn-small', href: downloadHref(format), download: `hotpath-${slug(route.id || 'application')}.${extension}`,
				title, 'data-testid': 'download-' + format }, label)));
	}

	function navigate(href, replace) {
		if (replace) history.replaceState(null, '', href);
		else history.pushState(null, '', href);
		render();
	}

	function navLink(href, attrs, ...kids) {
		return h('a', { ...attrs, href, 'data-nav': '' }, ...kids);
	}

	document.addEventListener('click', (e) => {
		const a = e.target.closest && e.target.closest('a[data-nav]');
		if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
		e.preventDefault();
		navigate(a.getAttribute('href'));
	});

	window.addEventListener('popstate', () => render());

	// ------------------------------------------------------------------ fetching

	class ApiError extends Error {
		constructor(status, title, message, url) {
			super(message);
			this.status = status;
			this.title = title;
			this.url = url;
		}
	}

	const SIGN_IN = 'The server answered with a web page instead of data, probably a login page: '
		+ 'your session may have expired. Reload this page to sign in again.';

	async function getJson(url) {
		let res;
		let text;
		try {
			// absolute, from location.origin: a page opened as http://user:pass@host/… cannot fetch relative URLs
			const absolute = /^https?:/.test(location.origin) ? location.origin + url : url;
			res = await fetch(absolute, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
			text = await res.text();
		}
		catch (e) {
			throw new ApiError(0, 'Cannot reach the application',
				`The request to ${url} failed (${e.message}). Is the application running and reachable?`, url);
		}
		let body = null;
		try {
			body = text ? JSON.parse(text) : null;
		}
		catch (e) {
			body = null;
		}
		const html = /text\/html/i.test(res.headers.get('content-type') || '');
		if (res.status === 401 || res.status === 403) {
			throw new ApiError(res.status, res.status === 401 ? 'Sign-in needed' : 'Access denied',
				(body && body.message) || (res.status === 401
					? 'The profiles need an authenticated user. Reload this page to sign in.'
					: 'Your user may not read the profiles endpoint; ask for access to the actuator.'), url);
		}
		if (html || (res.redirected && body == null)) {
			throw new ApiError(401, 'Sign-in needed', SIGN_IN, url);
		}
		if (!res.ok) {
			const plain = text && text.length < 400 && !/^\s*</.test(text) ? text.trim() : '';
			const message = (body && (body.message || body.error)) || plain || `The server answered ${res.status} ${res.statusText}.`;
			throw new ApiError(res.status, (body && body.error) || res.statusText || 'Error', message, url);
		}
		if (body == null || typeof body !== 'object') {
			throw new ApiError(res.status, 'Unexpected answer',
				`Expected JSON from ${url} but got ${res.headers.get('content-type') || 'an empty answer'}.`, url);
		}
		return body;
	}

	// ------------------------------------------------------------------ call trees

	// Pre-order arrays plus derived parent, subtree end (exclusive) and x offset (in weight units).
	class Tree {
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
	function reversedTree(t) {
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
	function callersTree(t, mf) {
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
	function calleesTree(t, mf) {
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

	// "frame;frame;frame count" per node with self weight, under node z (with z's ancestors as prefix)
	function collapsedStacks(t, z = 0) {
		if (!t.n) return '';
		const skip = t.hasRootFrame() ? 1 : 0;
		const path = [];
		for (let a = z; a >= 0; a = t.parent[a]) path[t.depth[a]] = t.name(a).replace(/;/g, ':');
		const lines = [];
		for (let i = z; i < t.end[z]; i++) {
			path[t.depth[i]] = t.name(i).replace(/;/g, ':');
			const s = t.self[i];
			if (s > 0 && t.depth[i] >= skip) lines.push(path.slice(skip, t.depth[i] + 1).join(';') + ' ' + s);
		}
		return lines.join('\n') + (lines.length ? '\n' : '');
	}

	// ------------------------------------------------------------------ tooltip and menu

	const tooltip = document.getElementById('tooltip');

	function showTooltip(x, y, content) {
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

	function hideTooltip() {
		tooltip.hidden = true;
	}

	let menu = null;

	function closeMenu() {
		if (menu) {
			menu.remove();
			menu = null;
		}
	}

	function openMenu(x, y, title, items) {
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

	// ------------------------------------------------------------------ flame graph on canvas

	const MIN_WIDTH = 0.5;

	class FlameGraph {
		constructor({ testid, rowHeight = 18, describe, onContext, onZoom, label, maxRows }) {
			this.rowH = rowHeight;
			this.describe = describe;
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
			ctx.fillStyle = matched ? HIGHLIGHT : this.colors[f];
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

	// ------------------------------------------------------------------ timeline

	class Timeline {
		constructor(windows, selected, onSelect) {
			this.windows = windows.map((w) => ({ ...w, t0: toDate(w.start).getTime(), t1: toDate(w.end).getTime() }));
			// time axis: at least 5 minutes (or 20 windows) ending with the last window, so a
			// young application's first windows show as bars at the right, not one wide block
			const ws = this.windows;
			this.end = ws.length ? ws[ws.length - 1].t1 : 0;
			const windowMs = ws.length ? Math.max(1, ws[0].t1 - ws[0].t0) : 1;
			this.start = ws.length ? Math.min(ws[0].t0, this.end - Math.max(300000, 20 * windowMs)) : 0;
			this.selected = selected;
			this.onSelect = onSelect;
			this.canvas = h('canvas', { class: 'timeline-canvas', 'data-testid': 'timeline', role: 'img',
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
			const peakReq = Math.max(0, ...ws.map((w) => w.requests || 0));
			const peakCpu = Math.max(0, ...ws.map((w) => w.cpuSamples || 0));
			const maxReq = Math.max(1, peakReq);
			const maxCpu = Math.max(1, peakCpu);
			for (let i = 0; i < n; i++) {
				const w = ws[i];
				const x = this.xOf(w.t0);
				const bw = this.xOf(w.t1) - x;
				const gap = bw > 4 ? 1 : 0;
				const hr = ((w.requests || 0) / maxReq) * plotH;
				const he = ((w.errors || 0) / maxReq) * plotH;
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
					const y = bottom - ((ws[i].cpuSamples || 0) / maxCpu) * plotH;
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
			ctx.fillText(peakReq ? `${fmtInt(peakReq)} requests` : 'no requests yet', 4, 1);
			ctx.textAlign = 'right';
			ctx.fillStyle = '#c2410c';
			ctx.fillText(`${fmtInt(peakCpu)} CPU samples`, W - 4, 1);
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
			const tzOffset = new Date(t0).getTimezoneOffset() * 60000;
			for (let t = Math.ceil((t0 - tzOffset) / step) * step + tzOffset; t <= t1; t += step) {
				const x = ((t - t0) / span) * W;
				if (x < 18 || x > W - 18) continue;
				ctx.fillRect(Math.round(x), bottom, 1, 4);
				ctx.fillText(fmtClock(new Date(t), secs), x, H - 1);
			}
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
	}

	// ------------------------------------------------------------------ page state

	const app = document.getElementById('app');
	let generation = 0;
	let ready = false;
	let readyWaiters = [];
	let currentView = 'loading';
	let currentPanel = null;
	let lastSampler = null;
	let epSort = { key: 'p95', dir: -1 };
	let layoutPref = 'flame';
	let lastKey = null;
	const panelStates = new Map();

	function setReady(v) {
		ready = v;
		document.body.classList.toggle('busy', !v);
		if (v) {
			// a User Timing mark, so DevTools and the page-load harness see when a view was drawn
			if (window.performance && performance.mark) performance.mark('hotpath-ready:' + currentView);
			const w = readyWaiters;
			readyWaiters = [];
			w.forEach((r) => r(true));
		}
	}

	async function render() {
		const my = ++generation;
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
			else await traceView(my);
			if (moved && my === generation) window.scrollTo(0, 0);
		}
		catch (e) {
			if (my !== generation) return;
			if (!(e instanceof ApiError)) console.error(e);
			showError(e);
		}
		if (my === generation) setReady(true);
	}

	function overviewHref() {
		return pageHref('overview', null);
	}

	function mount(view, title, crumbs, ...content) {
		currentView = view;
		currentPanel = null;
		document.title = title ? `${title} · Hotpath` : 'Hotpath · profiles';
		const nav = $('#crumbs');
		fill(nav, ...crumbs.flatMap((c, i) => (i ? [h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '›'), c] : [c])));
		fill(app, ...content.filter(Boolean));
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

	function emptyState(title, detail) {
		return h('div', { class: 'empty', 'data-testid': 'empty' },
			emptyIcon(),
			h('p', { class: 'empty-title' }, title),
			detail ? h('p', { class: 'muted' }, detail) : null);
	}

	function noSamplesYet() {
		const n = (lastSampler && lastSampler.chunkSeconds) || 10;
		return emptyState(`No samples yet — send some requests; data appears within ${n} seconds.`,
			'Hotpath profiles every request continuously; reload this page after a little traffic.');
	}

	function showError(e) {
		const status = e instanceof ApiError ? e.status : 0;
		const title = status === 404 ? 'Not found'
			: status === 400 ? 'Bad request'
				: e instanceof ApiError ? e.title : 'Something went wrong';
		const message = e && e.message ? e.message : String(e);
		mount('error', title, [navLink(overviewHref(), null, 'Endpoints')],
			h('section', { class: 'errorbox', 'data-testid': 'error', role: 'alert' },
				h('h1', null, status ? `${title} (${status})` : title),
				h('p', { class: 'error-message', 'data-testid': 'error-message' }, message),
				e instanceof ApiError && e.url ? h('p', { class: 'muted small' }, 'Request: ', h('code', null, `GET ${e.url}`)) : null,
				h('p', { class: 'error-actions' },
					status === 401 ? h('button', { type: 'button', class: 'btn btn-primary', onclick: () => location.reload() }, 'Reload to sign in') : null,
					navLink(overviewHref(), { class: status === 401 ? 'btn' : 'btn btn-primary', 'data-testid': 'back-to-overview' }, '← Back to the overview'),
					h('button', { type: 'button', class: 'btn', onclick: () => render() }, 'Try again'))));
	}

	// ------------------------------------------------------------------ overview

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
		{ key: 'hottest', label: 'Hottest function', title: 'Your function with the most CPU self time, and its share of the endpoint',
			str: false, left: true, get: (e) => (e.hottestFunction ? e.hottestFunction.share : -1) }
	];

	function compare(a, b, str) {
		if (str) return String(a == null ? '' : a).localeCompare(String(b == null ? '' : b));
		const x = a == null || !isFinite(a) ? -Infinity : a;
		const y = b == null || !isFinite(b) ? -Infinity : b;
		return x === y ? 0 : x < y ? -1 : 1;
	}

	function sortRows(rows, col, dir) {
		return rows.map((r, i) => [r, i])
			.sort((p, q) => compare(col.get(p[0]), col.get(q[0]), col.str) * dir || p[1] - q[1])
			.map((p) => p[0]);
	}

	function headerRow(cols, sort, onSort) {
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

	function nextSort(sort, c) {
		return sort.key === c.key ? { key: c.key, dir: -sort.dir } : { key: c.key, dir: c.str ? 1 : -1 };
	}

	function endpointTitle(name) {
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

	async function overviewView(my) {
		const ranged = route.params.from || route.params.to;
		const [data, full] = await Promise.all([
			getJson(apiHref('overview')),
			ranged ? getJson(apiHref('overview', null, { from: null, to: null })).catch(() => null) : null
		]);
		if (my !== generation) return;
		lastSampler = data.sampler || lastSampler;
		const endpoints = Array.isArray(data.endpoints) ? data.endpoints : [];
		const windows = ((full && full.timeline) || data.timeline || []).filter((w) => toDate(w.start) && toDate(w.end));
		const sampler = data.sampler || {};

		const summary = h('p', { class: 'summary', 'data-testid': 'summary' }, summaryParts(endpoints));

		const tl = windows.length
			? new Timeline(windows, ranged ? { from: toDate(route.params.from) && toDate(route.params.from).getTime(), to: toDate(route.params.to) && toDate(route.params.to).getTime() } : null,
				(from, to) => navigate(pageHref('overview', null, { from: String(from), to: String(to) })))
			: null;

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

		const dropped = data.dropped ? Object.entries(data.dropped).filter(([, v]) => v > 0) : [];
		const bg = data.background && data.background.samples;

		mount('overview', null, [h('span', { class: 'crumb-current', 'aria-current': 'page' }, 'Endpoints')],
			samplerBox(sampler),
			h('section', { class: 'hero' }, summary,
				h('p', { class: 'sub muted' }, overviewSubline(data, endpoints))),
			dropped.length ? h('div', { class: 'alert alert-warn', 'data-testid': 'dropped' },
				h('strong', null, 'Some data was dropped because limits were reached: '),
				dropped.map(([k, v]) => `${fmtInt(v)} ${k}`).join(', '), '.') : null,
			h('section', { class: 'card' },
				h('div', { class: 'card-head' }, h('h2', null, 'Traffic'),
					h('span', { class: 'legend' }, h('span', { class: 'sw sw-req' }), 'requests per window',
						h('span', { class: 'sw sw-err' }), 'errors', h('span', { class: 'sw sw-cpu' }), 'CPU samples'),
					h('span', { class: 'muted small' }, 'Drag across to focus on a time range')),
				tl ? tl.el : h('p', { class: 'muted pad' }, 'No traffic recorded yet.')),
			h('section', { class: 'card' },
				h('div', { class: 'card-head' }, h('h2', null, 'Endpoints'), h('span', { class: 'muted small' }, 'Slowest first · click a column to sort, a row to open its profile')),
				endpoints.length ? tableWrap
					: sampler.state && sampler.state !== 'RUNNING'
						? emptyState(`No profiles: profiling is ${String(sampler.state).toLowerCase()}.`, sampler.message || null)
						: noSamplesYet(),
				bg && (bg.cpu || bg.wall) ? h('p', { class: 'muted small pad', 'data-testid': 'background-line' },
					'Outside any request (',
					data.background.id ? navLink(pageHref('endpoint', data.background.id), { 'data-testid': 'background-link' }, 'background threads') : 'background threads',
					`): ${fmtInt(bg.cpu)} CPU samples, ${fmtInt(bg.wall)} wall samples.`,
					data.applicationId ? [' ', navLink(pageHref('endpoint', data.applicationId), { 'data-testid': 'application-link' }, 'The whole application')] : null,
					data.actuatorRequests ? ` · ${fmtInt(data.actuatorRequests)} requests to the actuator itself are not ranked.` : null) : null));
		if (tl) tl.draw();
	}

	function summaryParts(endpoints) {
		if (!endpoints.length) return ['No requests have been profiled yet.'];
		// a group such as UNMATCHED (say, requests refused by a security filter) names no code to fix
		const e = endpoints.find((x) => !/^[A-Z_]+$/.test(x.name || '')) || endpoints[0];
		const hf = e.hottestFunction;
		const parts = ['Slowest: ', navLink(pageHref('endpoint', e.id), { class: 'ep-link' }, e.name),
			`, p95 ${fmtMs(e.latency && e.latency.p95Ms)}`];
		if (hf) {
			parts.push(`; ${fmtPct(hf.share)} of its CPU is in `,
				h('code', { class: 'hot', title: hf.name }, shortName(hf.name, hf.kind)));
		}
		else {
			parts.push('; none of its CPU samples fell in your code');
		}
		parts.push('.');
		return parts;
	}

	function overviewSubline(data, endpoints) {
		const reqs = endpoints.reduce((s, e) => s + (e.requests || 0), 0);
		const r = data.range || {};
		const f = toDate(r.from);
		const t = toDate(r.to);
		const bits = [`${fmtInt(endpoints.length)} endpoint${endpoints.length === 1 ? '' : 's'}`, `${fmtInt(reqs)} requests`];
		if (f && t) bits.push(fmtRange(f, t));
		if (r.retentionSeconds) bits.push(`retention ${fmtMs(r.retentionSeconds * 1000)}`);
		if (data.applicationPackage) bits.push(`your code: ${data.applicationPackage}`);
		return bits.join(' · ');
	}

	function samplerBox(s) {
		if (!s || !s.state) return null;
		const state = String(s.state || 'UNKNOWN').toUpperCase();
		const line = h('div', { class: 'sampler', 'data-testid': 'sampler', title: s.message || '' },
			h('span', { class: 'state state-' + state.toLowerCase(), 'data-testid': 'sampler-state' }, state),
			s.mode ? h('span', null, s.mode) : null,
			s.engine ? h('span', { class: 'muted' }, `${s.engine}${s.version ? ' ' + s.version : ''}`) : null,
			toDate(s.since) ? h('span', { class: 'muted', title: s.since }, `since ${fmtClock(toDate(s.since))}`) : null,
			s.samples != null ? h('span', { class: 'muted' }, `${fmtInt(s.samples)} samples`) : null,
			s.samplesDropped ? h('span', { class: 'warn-text' }, `${fmtInt(s.samplesDropped)} samples dropped`) : null);
		if (state === 'RUNNING') return line;
		const danger = state === 'UNAVAILABLE';
		return h('div', null, line, h('div', { class: 'alert ' + (danger ? 'alert-danger' : 'alert-warn'), role: 'alert', 'data-testid': 'sampler-message' },
			h('strong', null, danger ? 'Profiling is unavailable. ' : state === 'STOPPED' ? 'Profiling is stopped. ' : `Profiler state: ${state}. `),
			s.message || ''));
	}

	function endpointRow(e, maxP95, extra) {
		const href = pageHref('endpoint', e.id);
		const lat = e.latency || {};
		const hf = e.hottestFunction;
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
		h('td', { class: 'hottest' }, hf
			? [h('code', { class: 'fn-code', title: hf.name }, shortName(hf.name, hf.kind)), ' ', h('span', { class: 'share-pill' }, fmtPct(hf.share))]
			: h('span', { class: 'muted' }, '—')));
	}

	// ------------------------------------------------------------------ endpoint and trace views

	function statCard(label, value, cls) {
		return h('div', { class: 'stat' + (cls ? ' ' + cls : '') }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value' }, value));
	}

	async function endpointView(my) {
		const data = await getJson(apiHref('endpoint', route.id));
		if (my !== generation) return;
		// a direct link has no overview loaded: take the sampling intervals from this answer
		if (data.sampling) lastSampler = { ...lastSampler, ...data.sampling };
		const s = data.stats || {};
		const lat = s.latency || {};
		const samples = s.samples || {};
		const r = data.range || {};
		const panel = profilePanel(data, {
			key: 'endpoint:' + route.id, what: 'endpoint', slowest: data.slowest || [],
			// the slowest requests whose own samples ran the selected function
			slowestFor: (name) => getJson(apiHref('endpoint', route.id) + '&function=' + encodeURIComponent(name))
				.then((d) => d.slowest || [])
		});
		mount('endpoint', data.name, [navLink(overviewHref(), null, 'Endpoints'), h('span', { class: 'crumb-current', 'aria-current': 'page' }, data.name)],
			h('section', { class: 'hero' },
				h('h1', { class: 'title' }, endpointTitle(data.name)),
				h('p', { class: 'sub muted' }, rangeLine(r))),
			h('div', { class: 'stats' },
				statCard('Requests', fmtInt(s.requests)),
				statCard('Errors', fmtInt(s.errors), s.errors ? 'bad' : ''),
				statCard('Mean', fmtMs(lat.meanMs)),
				statCard('p50', fmtMs(lat.p50Ms)),
				statCard('p95', fmtMs(lat.p95Ms), 'key'),
				statCard('p99', fmtMs(lat.p99Ms)),
				statCard('Max', fmtMs(lat.maxMs)),
				statCard('CPU / req', fmtMs(s.cpuMsPerRequest)),
				statCard('Wall / req', fmtMs(s.wallMsPerRequest)),
				s.allocBytesPerRequest != null ? statCard('Alloc / req', fmtBytes(s.allocBytesPerRequest)) : null,
				s.lockMsPerRequest != null ? statCard('Lock / req', fmtMs(s.lockMsPerRequest)) : null,
				statCard('CPU samples', fmtInt(samples.cpu)),
				statCard('Wall samples', fmtInt(samples.wall))),
			panel.el);
		panel.mounted();
	}

	function rangeLine(r) {
		const f = toDate(r.from);
		const t = toDate(r.to);
		const bits = [];
		if (f && t) bits.push(`Data from ${fmtRange(f, t).replace('–', ' to ')}`);
		if (r.retentionSeconds) bits.push(`retention ${fmtMs(r.retentionSeconds * 1000)}`);
		return bits.join(' · ');
	}

	async function traceView(my) {
		const data = await getJson(apiHref('trace', route.id));
		if (my !== generation) return;
		// a direct link has no overview loaded: take the sampling intervals from this answer
		if (data.sampling) lastSampler = { ...lastSampler, ...data.sampling };
		const ep = data.endpoint || {};
		const spans = Array.isArray(data.spans) ? data.spans : [];
		const working = Array.isArray(data.workingSpans) ? data.workingSpans : [];
		const panel = profilePanel(data, { key: 'trace:' + route.id + ':' + (data.span || ''), what: 'request' });
		const traceId = data.traceId || route.id;
		mount('trace', `Request ${traceId.slice(0, 8)}`, [
			navLink(overviewHref(), null, 'Endpoints'),
			ep.id ? navLink(pageHref('endpoint', ep.id), null, ep.name || ep.id) : null,
			h('span', { class: 'crumb-current', 'aria-current': 'page' }, 'Request ' + traceId.slice(0, 8) + '…')].filter(Boolean),
		h('section', { class: 'hero' },
			h('h1', { class: 'title' }, 'Request ', h('code', { class: 'trace-id', 'data-testid': 'trace-id' }, traceId)),
			h('p', { class: 'sub' }, ep.id ? navLink(pageHref('endpoint', ep.id), { class: 'ep-link' }, endpointTitle(ep.name || ep.id)) : null,
				h('span', { class: 'muted' }, data.span ? ' · the samples of one span and its children' : ' · every sample this request took, on every thread'))),
		spans.length ? h('section', { class: 'card' },
			h('div', { class: 'card-head' }, h('h2', null, spans.length === 1 ? 'Span' : `Spans (${spans.length})`)),
			h('div', { class: 'table-wrap' }, h('table', { class: 'grid', 'data-testid': 'spans-table' },
				h('thead', null, h('tr', null, h('th', null, 'Span'), h('th', null, 'Start'), h('th', { class: 'num' }, 'Latency'),
					h('th', { class: 'num' }, 'Status'), h('th', { class: 'num' }, 'CPU samples'), h('th', { class: 'num' }, 'Wall samples'), h('th', null, 'Thread'))),
				h('tbody', null, spans.map((sp) => h('tr', null,
					h('td', null, h('code', null, sp.spanId || '—')),
					h('td', null, fmtStart(sp.start)),
					h('td', { class: 'num' }, fmtMs(sp.latencyMs)),
					h('td', { class: 'num' }, statusBadge(sp.status)),
					h('td', { class: 'num' }, fmtInt(sp.samples && sp.samples.cpu)),
					h('td', { class: 'num' }, fmtInt(sp.samples && sp.samples.wall)),
					h('td', null, h('code', { class: 'muted' }, sp.thread || '—')))))))) : null,
		working.length ? h('section', { class: 'card' },
			h('div', { class: 'card-head' }, h('h2', null, `Spans with samples (${working.length})`),
				data.span ? navLink(pageHref('trace', route.id, { span: null }), { 'data-testid': 'all-spans' }, 'Show every span')
					: h('span', { class: 'muted small' }, 'Open a span to narrow the flame graph to it and its children')),
			h('div', { class: 'table-wrap' }, h('table', { class: 'grid', 'data-testid': 'working-spans-table' },
				h('thead', null, h('tr', null, h('th', null, 'Span'), h('th', null, 'Name'), h('th', null, 'Parent'),
					h('th', null, 'Threads'), h('th', { class: 'num' }, 'CPU samples'), h('th', { class: 'num' }, 'Wall samples'))),
				h('tbody', null, working.map((sp) => h('tr', { class: sp.spanId === data.span ? 'selected' : null, 'data-testid': 'working-span' },
					h('td', null, navLink(pageHref('trace', route.id, { span: sp.spanId }), null, h('code', null, sp.spanId))),
					h('td', null, sp.name || h('span', { class: 'muted' }, '—')),
					h('td', null, sp.parentSpanId ? h('code', { class: 'muted' }, sp.parentSpanId) : h('span', { class: 'muted' }, '—')),
					h('td', null, (sp.threads || []).map((t, i) => [i ? ', ' : null, h('code', { class: 'muted' }, t)])),
					h('td', { class: 'num' }, fmtInt(sp.samples && sp.samples.cpu)),
					h('td', { class: 'num' }, fmtInt(sp.samples && sp.samples.wall)))))))) : null,
		panel.el);
		panel.mounted();
	}

	function statusBadge(status) {
		if (status == null) return '—';
		const cls = status >= 500 ? 'status-5' : status >= 400 ? 'status-4' : 'status-2';
		return h('span', { class: 'status ' + cls }, String(status));
	}

	function segmented(testid, label, options, value, onChange) {
		return h('div', { class: 'seg', role: 'group', 'aria-label': label, 'data-testid': testid },
			options.map(([v, text, title]) => h('button', {
				type: 'button', 'data-value': v, title, 'aria-pressed': String(v === value), class: v === value ? 'on' : '',
				onclick: () => {
					if (v !== value) onChange(v);
				}
			}, text)));
	}

	const FN_COLS = [
		{ key: 'name', label: 'Function', str: true, get: (f) => f.name },
		{ key: 'self', label: 'Self', title: 'Samples in the function itself', get: (f) => f.self },
		{ key: 'total', label: 'Total', title: 'Samples in the function and everything it called', get: (f) => f.total },
		{ key: 'selfShare', label: 'Self %', get: (f) => f.selfShare },
		{ key: 'totalShare', label: 'Total %', get: (f) => f.totalShare },
		{ key: 'requests', label: 'Requests', title: 'Requests in which a sample contained the function', get: (f) => f.requests }
	];

	function panelStateFor(key) {
		let st = panelStates.get(key);
		if (!st) {
			st = { search: '', selected: null, fnSort: { key: 'self', dir: -1 }, fnFilter: '', fnLimit: 100 };
			panelStates.set(key, st);
		}
		return st;
	}

	// flame graph + toolbar + function table + sandwich (+ slowest requests); shared by endpoint and trace views
	function profilePanel(data, opts) {
		const st = panelStateFor(opts.key);
		const tree = Tree.fromFlame(data.flame);
		const total = tree.rootTotal;
		const type = isType(data.type) ? data.type : 'cpu';
		const typeWord = TYPES[type].word;
		// the types being sampled, and the one shown even when it is not
		const sampled = (lastSampler && Array.isArray(lastSampler.types)) ? lastSampler.types : ['cpu', 'wall'];
		const offered = Object.keys(TYPES).filter((t) => t === type || sampled.includes(t));
		const scope = data.scope === 'app' ? 'app' : 'all';
		const functions = Array.isArray(data.functions) ? data.functions : [];
		const kindOf = new Map(functions.map((f) => [f.name, f.kind]));
		const intervalMs = !lastSampler ? null : type === 'wall' ? lastSampler.wallIntervalMs : type === 'cpu' ? lastSampler.cpuIntervalMs : null;
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
			layoutPref = layout;
			layoutSeg.replaceWith(layoutSeg = layoutControl());
			flame.setTree(treeFor(layout), layout === 'flame' ? 'up' : 'down');
			applyHighlight();
		};
		const layoutControl = () => segmented('layout-toggle', 'Layout', [
			['flame', 'Flame', 'Root at the bottom'],
			['icicle', 'Icicle', 'Root at the top (inverted)'],
			['reversed', 'Reversed', 'Bottom-up: stacks merged by their leaf frames']
		], layoutPref, setLayout);
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

		const exports = h('div', { class: 'exports' },
			h('span', { class: 'muted small' }, 'Export'),
			h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'export-collapsed', title: 'frame;frame;frame count lines',
				onclick: () => download(fileBase() + '.collapsed.txt', 'text/plain', exportCollapsed()) }, 'Collapsed stacks'),
			h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'export-html', title: 'A standalone, interactive flame graph',
				onclick: () => download(fileBase() + '.html', 'text/html', exportHtml()) }, 'HTML'),
			h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'export-json', title: 'The JSON behind this view',
				onclick: () => download(fileBase() + '.json', 'application/json', JSON.stringify(data, null, 2)) }, 'JSON'),
			serverDownloads(opts.what === 'request' || data.name === 'application'));

		const subject = data.name || (data.endpoint && data.endpoint.name) || data.traceId || 'profile';
		const fileBase = () => `hotpath-${slug(opts.what === 'request' ? 'trace-' + (data.traceId || route.id) : subject)}-${type}-${scope}` + (layoutPref === 'reversed' ? '-reversed' : '');
		const exportCollapsed = () => collapsedStacks(flame.tree || tree, flame.zoom);
		const exportHtml = () => standaloneHtml(flame.tree || tree, `${subject} · ${typeWord}${scope === 'app' ? ' · my code only' : ''}`,
			`${samplesText(total)} · ${layoutPref} layout · exported ${new Date().toISOString()} from Hotpath`, layoutPref === 'flame' ? 'up' : 'down');

		const legend = h('div', { class: 'legend kinds' }, KINDS.filter((k) => k !== 'root').map((k) =>
			h('span', { class: 'legend-item' }, kindDot(k), KIND_LABEL[k])),
		h('span', { class: 'legend-item' }, h('span', { class: 'kind-dot', style: { background: HIGHLIGHT } }), 'highlighted'));

		const flameHead = h('div', { class: 'card-head' },
			h('h2', null, `${typeWord} flame graph`),
			h('span', { class: 'muted small' }, `${samplesText(total)}${scopeOn ? ' · library frames folded into your code' : ''}`),
			zoomInfo, resetBtn, h('span', { class: 'toolbar-spacer' }), exports);

		// ---- function table
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
					'aria-selected': String(f.name === st.selected), onclick: () => selectFunction(f.name)
				},
				h('td', { class: 'fn-td' }, h('div', { class: 'fn-cell' }, kindDot(f.kind),
					h('button', { type: 'button', class: 'linklike', title: `${f.name}\nSelect: highlight it and show its callers and callees` }, fnLabel(f.name, f.kind)))),
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

		// ---- sandwich: callers and callees of the selected function
		const sandwich = h('section', { class: 'card sandwich', 'data-testid': 'sandwich' });
		let sandwichGraphs = [];
		const drawSandwich = () => {
			sandwichGraphs = [];
			if (!st.selected) {
				fill(sandwich, h('div', { class: 'card-head' }, h('h2', null, 'Callers and callees')),
					h('p', { class: 'muted pad' }, 'Select a function in the table (or right-click a frame) to see who calls it and what it calls.'));
				return;
			}
			const name = st.selected;
			const mf = tree.matchFrames((nm) => nm === name);
			const fnTotal = tree.matchedWeight(mf);
			const short = shortName(name, kindOf.get(name));
			const head = h('div', { class: 'card-head' },
				h('h2', null, 'Callers & callees of ', h('code', { class: 'fn-code', title: name }, short)),
				h('span', { class: 'muted small' }, `${fmtPct(fnTotal / (total || 1), true)} of samples`),
				h('span', { class: 'toolbar-spacer' }),
				h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close callers and callees', title: 'Close', onclick: () => selectFunction(null) }, '×'));
			if (!fnTotal) {
				fill(sandwich, head, h('p', { class: 'muted pad' }, `${short} does not appear in this profile.`));
				return;
			}
			const sdesc = (t, i) => h('div', null,
				h('div', { class: 'tt-title' }, h('code', null, t.name(i))),
				h('div', null, h('b', null, fmtPct(t.total[i] / (fnTotal || 1), true)), ` of ${short} · ${samplesText(t.total[i])}`),
				h('div', null, `${fmtPct(t.total[i] / (total || 1), true)} of the ${opts.what}`));
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

		// ---- slowest requests
		const slowHead = h('div', { class: 'card-head' });
		let slowTable = opts.slowest ? slowestTable(opts.slowest) : null;
		const slowCard = opts.slowest ? h('section', { class: 'card' }, slowHead, slowTable) : null;
		const drawSlowRows = async () => {
			if (!slowCard || !opts.slowestFor) return;
			const name = st.selected;
			const rows = name ? await opts.slowestFor(name).catch(() => null) : opts.slowest;
			if (name !== st.selected || !rows) return;
			const next = slowestTable(rows);
			slowCard.replaceChild(next, slowTable);
			slowTable = next;
		};
		const drawSlowHead = () => {
			if (!slowCard) return;
			fill(slowHead, st.selected
				? h('h2', null, 'Slowest requests that ran ', h('code', { class: 'fn-code', title: st.selected }, shortName(st.selected, kindOf.get(st.selected))))
				: h('h2', null, 'Slowest requests'),
			h('span', { class: 'muted small' }, st.selected
				? (opts.slowestFor ? 'Kept requests whose own samples include this function; open one to see how much of it the function took.'
					: 'This request\'s spans; the function table shows how much of it this function took.')
				: 'Click a request to see its own flame graph'));
		};

		const selectFunction = (name, keep) => {
			st.selected = name && (keep || name !== st.selected) ? name : null;
			if (st.selected && st.search) setSearch('');
			for (const tr of fnWrap.querySelectorAll('tr[data-function-name]')) {
				const on = tr.getAttribute('data-function-name') === st.selected;
				tr.classList.toggle('selected', on);
				tr.setAttribute('aria-selected', String(on));
			}
			applyHighlight();
			drawSandwich();
			drawSlowHead();
			drawSlowRows();
			if (st.selected && keep) sandwich.scrollIntoView({ block: 'nearest' });
		};

		const flameCard = h('section', { class: 'card flame-card' }, flameHead, toolbar, legend,
			empty ? (opts.what === 'request'
				? emptyState(`No ${typeWord} samples were recorded for this request.`, 'It may have been shorter than the sampling interval; try the other profile type.')
				: noSamplesYet()) : flame.el);

		const el = h('div', { class: 'panel' }, flameCard,
			empty ? null : h('div', { class: 'split' },
				h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', null, 'Functions'),
					h('span', { class: 'muted small' }, scopeOn ? 'by self time; library calls count toward your code' : 'by self time'),
					h('span', { class: 'toolbar-spacer' }), fnCount, fnFilter), fnWrap),
				sandwich),
			slowCard);

		const panel = {
			el,
			flame,
			mounted() {
				currentPanel = panel;
				drawSlowHead();
				if (empty) return;
				drawFunctions();
				flame.setTree(treeFor(layoutPref), layoutPref === 'flame' ? 'up' : 'down');
				applyHighlight();
				drawSandwich();
			},
			collapsed: exportCollapsed,
			html: exportHtml,
			json: () => JSON.stringify(data, null, 2),
			sandwich: () => sandwichGraphs
		};
		currentPanel = null;
		return panel;
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

	function copyText(text) {
		if (navigator.clipboard && window.isSecureContext) {
			navigator.clipboard.writeText(text).catch(() => window.prompt('Copy the name:', text));
		}
		else {
			window.prompt('Copy the name:', text);
		}
	}

	// ------------------------------------------------------------------ standalone HTML export

	// Serialized with Function.prototype.toString into the exported file: it must not use anything outside itself.
	function standaloneFlame(d) {
		const rowH = 18;
		const cv = document.getElementById('c');
		const tip = document.getElementById('tip');
		const wrap = document.getElementById('w');
		const ctx = cv.getContext('2d');
		const n = d.frame.length;
		const parent = new Int32Array(n);
		const end = new Int32Array(n);
		const x = new Float64Array(n);
		const cur = new Float64Array(n);
		const st = [];
		let maxD = 0;
		for (let i = 0; i < n; i++) {
			const dd = d.depth[i];
			while (st.length > dd) end[st.pop()] = i;
			if (dd > 0) {
				const p = st[dd - 1];
				parent[i] = p;
				x[i] = cur[p];
				cur[p] += d.total[i];
			}
			else parent[i] = -1;
			cur[i] = x[i];
			st.push(i);
			if (dd > maxD) maxD = dd;
		}
		while (st.length) end[st.pop()] = n;
		const hsl = { application: [22, 92, 58], library: [211, 58, 76], jdk: [158, 36, 70], native: [46, 78, 66], jvm: [268, 40, 80], thread: [200, 12, 80], root: [220, 10, 86] };
		const colors = d.names.map((name, f) => {
			const c = hsl[d.kinds[f]] || hsl.library;
			let v = 2166136261;
			for (let i = 0; i < name.length; i++) v = Math.imul(v ^ name.charCodeAt(i), 16777619);
			v >>>= 0;
			return 'hsl(' + (c[0] + (v % 11) - 5) + ',' + c[1] + '%,' + (c[2] + ((v >>> 8) % 7) - 3) + '%)';
		});
		let zoom = 0;
		let W = 0;
		const H = (maxD + 1) * rowH;
		const top = (dep) => (d.orientation === 'up' ? H - (dep + 1) * rowH : dep * rowH);
		function draw() {
			const dpr = window.devicePixelRatio || 1;
			W = wrap.clientWidth;
			cv.width = W * dpr;
			cv.height = H * dpr;
			cv.style.width = W + 'px';
			cv.style.height = H + 'px';
			ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
			ctx.font = '11px ui-monospace, Menlo, Consolas, monospace';
			ctx.textBaseline = 'middle';
			const cw = ctx.measureText('0').width;
			const k = W / (d.total[zoom] || 1);
			const box = (i, px, w, dim) => {
				ctx.globalAlpha = dim ? 0.4 : 1;
				ctx.fillStyle = colors[d.frame[i]];
				ctx.fillRect(px, top(d.depth[i]), w > 2 ? w - 1 : w, rowH - 1);
				const max = Math.floor((w - 8) / cw);
				if (max >= 3) {
					const s = d.names[d.frame[i]];
					ctx.fillStyle = '#111827';
					ctx.fillText(s.length <= max ? s : s.slice(0, max - 1) + '…', px + 4, top(d.depth[i]) + rowH / 2);
				}
				ctx.globalAlpha = 1;
			};
			for (let a = parent[zoom]; a >= 0; a = parent[a]) box(a, 0, W, true);
			for (let i = zoom; i < end[zoom];) {
				const w = d.total[i] * k;
				if (w < 0.5) {
					i = end[i];
					continue;
				}
				box(i, (x[i] - x[zoom]) * k, w, false);
				i++;
			}
		}
		function hit(e) {
			const r = cv.getBoundingClientRect();
			const px = e.clientX - r.left;
			const py = e.clientY - r.top;
			const row = d.orientation === 'up' ? Math.floor((H - py) / rowH) : Math.floor(py / rowH);
			if (row < d.depth[zoom]) {
				let a = parent[zoom];
				while (a >= 0 && d.depth[a] > row) a = parent[a];
				return a;
			}
			const pos = x[zoom] + (px / W) * d.total[zoom];
			let nd = zoom;
			while (d.depth[nd] < row) {
				let f = -1;
				for (let c = nd + 1; c < end[nd]; c = end[c]) {
					if (pos >= x[c] && pos < x[c] + d.total[c]) {
						f = c;
						break;
					}
				}
				if (f < 0) return -1;
				nd = f;
			}
			return nd;
		}
		cv.addEventListener('mousemove', (e) => {
			const i = hit(e);
			if (i < 0) {
				tip.style.display = 'none';
				return;
			}
			const p = parent[i];
			tip.textContent = d.names[d.frame[i]] + '\n' + d.total[i] + ' samples, ' + (100 * d.total[i] / d.total[0]).toFixed(1) + '% of all'
				+ (p >= 0 ? ', ' + (100 * d.total[i] / d.total[p]).toFixed(1) + '% of parent' : '') + (d.self[i] ? '\nself ' + d.self[i] : '');
			tip.style.display = 'block';
			tip.style.left = Math.min(e.clientX + 12, window.innerWidth - tip.offsetWidth - 8) + 'px';
			tip.style.top = e.clientY + 14 + 'px';
		});
		cv.addEventListener('mouseleave', () => {
			tip.style.display = 'none';
		});
		cv.addEventListener('click', (e) => {
			const i = hit(e);
			if (i >= 0) {
				zoom = parent[i] < 0 ? 0 : i;
				draw();
			}
		});
		document.getElementById('reset').addEventListener('click', () => {
			zoom = 0;
			draw();
		});
		window.addEventListener('resize', draw);
		draw();
	}

	function escapeHtml(s) {
		return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c]);
	}

	function standaloneHtml(t, title, subtitle, orientation) {
		const payload = {
			orientation, names: t.names, kinds: t.kinds,
			frame: Array.from(t.frame), depth: Array.from(t.depth), total: Array.from(t.total), self: Array.from(t.self)
		};
		const json = JSON.stringify(payload).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
		const css = 'body{font:14px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:16px;color:#1f2328}'
			+ 'h1{font-size:18px;margin:0 0 4px}p{color:#57606a;margin:0 0 12px}#w{width:100%}canvas{display:block}'
			+ '#tip{position:fixed;display:none;white-space:pre;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:6px 8px;'
			+ 'font:12px ui-monospace,Menlo,Consolas,monospace;box-shadow:0 4px 12px rgba(0,0,0,.12);pointer-events:none}'
			+ 'button{font:inherit;margin-bottom:8px}';
		return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>' + escapeHtml(title) + '</title><style>' + css + '</style></head>'
			+ '<body><h1>' + escapeHtml(title) + '</h1><p>' + escapeHtml(subtitle) + ' · hover for details, click to zoom</p>'
			+ '<button id="reset" type="button">Reset zoom</button><div id="w"><canvas id="c"></canvas></div><div id="tip"></div>'
			+ '<script>(' + standaloneFlame.toString() + ')(' + json + ');<' + '/script></body></html>\n';
	}

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
		view: { get: () => currentView, enumerable: true },
		flameState: {
			enumerable: true,
			value: () => {
				const f = currentPanel && currentPanel.flame;
				if (!f || !f.tree) return { frames: 0, highlighted: [], zoomedTo: null, hovered: null, layout: layoutPref, nodes: 0 };
				return {
					frames: f.drawn,
					highlighted: f.highlightedNames(),
					zoomedTo: f.zoom > 0 ? f.tree.name(f.zoom) : null,
					hovered: f.hover >= 0 ? f.tree.name(f.hover) : null,
					layout: layoutPref,
					orientation: f.orientation,
					rowHeight: f.rowH,
					nodes: f.tree.n
				};
			}
		},
		sandwichState: {
			value: () => (currentPanel ? currentPanel.sandwich().map((g) => ({ frames: g.drawn, root: g.tree ? g.tree.name(0) : null, nodes: g.tree ? g.tree.n : 0 })) : [])
		},
		whenReady: {
			value: () => (ready ? Promise.resolve(true) : new Promise((resolve) => readyWaiters.push(resolve)))
		},
		exportCollapsed: { value: () => (currentPanel ? currentPanel.collapsed() : null) },
		exportHtml: { value: () => (currentPanel ? currentPanel.html() : null) },
		exportJson: { value: () => (currentPanel ? currentPanel.json() : null) }
	});
	Object.freeze(hook);
	Object.defineProperty(window, 'hotpath', { value: hook, enumerable: true });

	render();
})();

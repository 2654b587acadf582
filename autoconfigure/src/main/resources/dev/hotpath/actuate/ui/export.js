/*
 * What a profile panel exports: collapsed stacks, a standalone HTML flame graph and the
 * JSON, all computed in the page from what is on screen, and links to the server's own
 * downloads (pprof, OTLP, JFR).
 */
import { download, h, slug } from 'hotpath/dom.js';
import { downloadHref, route, state } from 'hotpath/data.js';

// ------------------------------------------------------------------ export buttons

// the panel's Export buttons; collapsed, html and json are also window.hotpath's exports
export function panelExports({ data, what, flame, tree, type, scope, typeWord, samplesText, total }) {
	const subject = data.name || (data.endpoint && data.endpoint.name) || data.traceId || 'profile';
	const fileBase = () => `hotpath-${slug(what === 'request' ? 'trace-' + (data.traceId || route.id) : subject)}-${type}-${scope}` + (state.layout === 'reversed' ? '-reversed' : '');
	const exportCollapsed = () => collapsedStacks(flame.tree || tree, flame.zoom);
	const exportHtml = () => standaloneHtml(flame.tree || tree, `${subject} · ${typeWord}${scope === 'app' ? ' · my code only' : ''}`,
		`${samplesText(total)} · ${state.layout} layout · exported ${new Date().toISOString()} from Hotpath`, state.layout === 'flame' ? 'up' : 'down');
	const exportJson = () => JSON.stringify(data, null, 2);
	const el = h('div', { class: 'exports' },
		h('span', { class: 'muted small' }, 'Export'),
		h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'export-collapsed', title: 'frame;frame;frame count lines',
			onclick: () => download(fileBase() + '.collapsed.txt', 'text/plain', exportCollapsed()) }, 'Collapsed stacks'),
		h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'export-html', title: 'A standalone, interactive flame graph',
			onclick: () => download(fileBase() + '.html', 'text/html', exportHtml()) }, 'HTML'),
		h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'export-json', title: 'The JSON behind this view',
			onclick: () => download(fileBase() + '.json', 'application/json', exportJson()) }, 'JSON'),
		serverDownloads(what === 'request' || data.name === 'application'));
	return { el, collapsed: exportCollapsed, html: exportHtml, json: exportJson };
}

// links to the server's downloads of this view: every profile type, samples labeled with their trace and span ids
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

// ------------------------------------------------------------------ collapsed stacks

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

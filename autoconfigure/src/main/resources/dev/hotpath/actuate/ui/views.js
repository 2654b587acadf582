/*
 * The views: the overview (sampler, summary, findings, timeline, endpoints), one endpoint
 * and one request (trace), each drawn from its JSON answer, and the error view.
 */
import { $, emptyState, fill, fmtBytes, fmtClock, fmtInt, fmtMs, fmtPct, fmtRange, h, noSamplesYet, shortName, toDate } from 'hotpath/dom.js';
import { ApiError, apiHref, getJson, navLink, navigate, pageHref, rerender, route, state, viewHref } from 'hotpath/data.js';
import { Timeline } from 'hotpath/timeline.js';
import { endpointTitle, endpointsTable, spansTable, workingSpansTable } from 'hotpath/tables.js';
import { profilePanel } from 'hotpath/panel.js';
import { compareActions, wholeOverview } from 'hotpath/actions.js';

const app = document.getElementById('app');

// ------------------------------------------------------------------ page chrome

export function overviewHref() {
	return pageHref('overview', null);
}

export function mount(view, title, crumbs, ...content) {
	state.view = view;
	state.panel = null;
	state.timeline = null;
	state.comparison = null;
	state.picker = null;
	document.title = title ? `${title} · Hotpath` : 'Hotpath · profiles';
	const nav = $('#crumbs');
	fill(nav, ...crumbs.flatMap((c, i) => (i ? [h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '›'), c] : [c])));
	fill(app, ...content.filter(Boolean));
}

export function showError(e) {
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
				h('button', { type: 'button', class: 'btn', onclick: () => rerender() }, 'Try again'))));
}

// ------------------------------------------------------------------ overview

export async function overviewView(my) {
	const ranged = route.params.from || route.params.to;
	const [data, full, found] = await Promise.all([
		getJson(apiHref('overview')),
		ranged ? getJson(apiHref('overview', null, { from: null, to: null })).catch(() => null) : null,
		// what stands out is a bonus: the overview stands without it
		getJson(apiHref('findings')).catch(() => null)
	]);
	if (my !== state.generation) return;
	state.sampler = data.sampler || state.sampler;
	state.overview = ranged ? full : data;
	state.overviewReadAt = Date.now();
	const endpoints = Array.isArray(data.endpoints) ? data.endpoints : [];
	// the timeline and the server's clock of the whole retention, even with a range selected
	const whole = (full && full.timeline) ? full : data;
	const windows = (whole.timeline || []).filter((w) => toDate(w.start) && toDate(w.end));
	const now = toDate(whole.range && whole.range.to);
	const sampler = data.sampler || {};

	const summary = h('p', { class: 'summary', 'data-testid': 'summary' }, summaryParts(endpoints));

	const tl = windows.length
		? new Timeline(windows, ranged ? { from: toDate(route.params.from) && toDate(route.params.from).getTime(), to: toDate(route.params.to) && toDate(route.params.to).getTime() } : null,
			(from, to) => navigate(pageHref('overview', null, { from: String(from), to: String(to) })), now && now.getTime())
		: null;

	const dropped = data.dropped ? Object.entries(data.dropped).filter(([, v]) => v > 0) : [];
	const bg = data.background && data.background.samples;
	// comparisons of the whole application: two ranges, or an earlier version
	const compare = data.applicationId && windows.length ? compareActions({ id: data.applicationId, slow: false, overview: whole }) : null;

	mount('overview', null, [h('span', { class: 'crumb-current', 'aria-current': 'page' }, 'Endpoints')],
		samplerBox(sampler),
		h('section', { class: 'hero' }, summary,
			h('p', { class: 'sub muted' }, overviewSubline(data, endpoints))),
		findingsCard(found),
		dropped.length ? h('div', { class: 'alert alert-warn', 'data-testid': 'dropped' },
			h('strong', null, 'Some data was dropped because limits were reached: '),
			dropped.map(([k, v]) => `${fmtInt(v)} ${k}`).join(', '), '.') : null,
		h('section', { class: 'card' },
			h('div', { class: 'card-head' }, h('h2', null, 'Traffic'),
				h('span', { class: 'legend' }, h('span', { class: 'sw sw-req' }), 'requests per window',
					h('span', { class: 'sw sw-err' }), 'errors', h('span', { class: 'sw sw-cpu' }), 'CPU samples'),
				h('span', { class: 'muted small' }, 'Drag across to focus on a time range'),
				compare ? [h('span', { class: 'toolbar-spacer' }), compare.bar] : null),
			tl ? tl.el : h('p', { class: 'muted pad' }, 'No traffic recorded yet.')),
		compare ? compare.slot : null,
		h('section', { class: 'card' },
			h('div', { class: 'card-head' }, h('h2', null, 'Endpoints'), h('span', { class: 'muted small' }, 'Slowest first · click a column to sort, a row to open its profile')),
			endpoints.length ? endpointsTable(endpoints)
				: sampler.state && sampler.state !== 'RUNNING'
					? emptyState(`No profiles: profiling is ${String(sampler.state).toLowerCase()}.`, sampler.message || null)
					: noSamplesYet(state.sampler),
			bg && (bg.cpu || bg.wall) ? h('p', { class: 'muted small pad', 'data-testid': 'background-line' },
				'Outside any request (',
				data.background.id ? navLink(pageHref('endpoint', data.background.id), { 'data-testid': 'background-link' }, 'background threads') : 'background threads',
				`): ${fmtInt(bg.cpu)} CPU samples, ${fmtInt(bg.wall)} wall samples.`,
				data.applicationId ? [' ', navLink(pageHref('endpoint', data.applicationId), { 'data-testid': 'application-link' }, 'The whole application')] : null,
				data.actuatorRequests ? ` · ${fmtInt(data.actuatorRequests)} requests to the actuator itself are not ranked.` : null) : null));
	state.timeline = tl;
	if (tl) tl.draw();
}

// the sentences the server found worth saying, each a link to the view that shows it
function findingsCard(found) {
	const findings = found && Array.isArray(found.findings) ? found.findings.filter((f) => f && f.text) : [];
	if (!findings.length) return null;
	return h('section', { class: 'card findings', 'data-testid': 'findings' },
		h('div', { class: 'card-head' }, h('h2', null, 'What stands out')),
		h('ul', { class: 'findings-list' }, findings.map((f) => {
			const href = viewHref(f.view);
			return h('li', { 'data-testid': 'finding', 'data-kind': f.kind || '' },
				href ? navLink(href, { class: 'finding-link' }, f.text) : f.text);
		})));
}

function summaryParts(endpoints) {
	if (!endpoints.length) return ['No requests have been profiled yet.'];
	// a group such as UNMATCHED (say, requests refused by a security filter) names no code to fix
	const e = endpoints.find((x) => !/^[A-Z_]+$/.test(x.name || '')) || endpoints[0];
	const hf = e.hottestFunction;
	const parts = ['Slowest: ', navLink(pageHref('endpoint', e.id), { class: 'ep-link' }, e.name),
		`, p95 ${fmtMs(e.latency && e.latency.p95Ms)}`];
	const tc = e.topComponent;
	if (tc && (!hf || tc.share > hf.share)) {
		// the endpoint's time is mostly a framework's: say which, before the app's own function
		parts.push(`; ${fmtPct(tc.share)} of its CPU is in `, h('b', { class: 'hot-component', 'data-testid': 'summary-component' }, tc.label));
		if (hf) {
			parts.push(`, ${fmtPct(hf.share)} in your hottest function, `,
				h('code', { class: 'hot', title: hf.name }, shortName(hf.name, hf.kind)));
		}
	}
	else if (hf) {
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
	if (data.version) bits.push(`version ${data.version}`);
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
		s.samplesDropped ? h('span', { class: 'warn-text' }, `${fmtInt(s.samplesDropped)} samples dropped`) : null,
		s.unreadableChunks ? h('span', { class: 'warn-text' }, `${fmtInt(s.unreadableChunks)} unreadable chunks`) : null,
		s.nativeMemoryBytes != null ? h('span', { class: 'muted', 'data-testid': 'sampler-native-memory', title: 'held by async-profiler outside the Java heap' }, `${fmtBytes(s.nativeMemoryBytes)} native`) : null,
		s.samplesWithoutStack ? h('span', { class: 'warn-text' }, `${fmtInt(s.samplesWithoutStack)} samples without stack`) : null);
	if (state === 'RUNNING' && !s.problem) return line;
	if (state === 'RUNNING') {
		return h('div', null, line, h('div', { class: 'alert alert-warn', role: 'alert', 'data-testid': 'sampler-problem' }, s.problem));
	}
	const danger = state === 'UNAVAILABLE';
	return h('div', null, line, h('div', { class: 'alert ' + (danger ? 'alert-danger' : 'alert-warn'), role: 'alert', 'data-testid': 'sampler-message' },
		h('strong', null, danger ? 'Profiling is unavailable. ' : state === 'STOPPED' ? 'Profiling is stopped. ' : `Profiler state: ${state}. `),
		s.message || ''));
}


// ------------------------------------------------------------------ endpoint and trace views

function statCard(label, value, cls) {
	return h('div', { class: 'stat' + (cls ? ' ' + cls : '') }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value' }, value));
}

export async function endpointView(my) {
	const [data, overview] = await Promise.all([
		getJson(apiHref('endpoint', route.id)),
		// the versions and the timeline for the comparison actions; the view stands without them
		wholeOverview().catch(() => null)
	]);
	if (my !== state.generation) return;
	// a direct link has no overview loaded: take the sampling intervals from this answer
	if (data.sampling) state.sampler = { ...state.sampler, ...data.sampling };
	const s = data.stats || {};
	const lat = s.latency || {};
	const samples = s.samples || {};
	const r = data.range || {};
	const panel = profilePanel(data, {
		key: 'endpoint:' + route.id, what: 'endpoint', slowest: data.slowest || [],
		// the slowest requests whose own samples ran the selected function
		slowestFor: (name) => getJson(apiHref('endpoint', route.id) + '&function=' + encodeURIComponent(name))
			.then((d) => d.slowest || []),
		// background samples have no lines of a request; the whole application's have
		linesFor: data.name === 'background' ? null
			: (name) => getJson(apiHref('lines', route.id, { function: name, type: data.type || route.params.type }))
	});
	// slow against typical needs requests of one endpoint; ranges and versions work for the application too
	const compare = data.name === 'background' ? null
		: compareActions({ id: route.id, slow: data.name !== 'application' && !(overview && overview.applicationId === route.id), overview });
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
		compare ? h('section', { class: 'card compare-card' },
			h('div', { class: 'card-head' }, h('h2', null, 'Why slow?'),
				h('span', { class: 'muted small' }, 'Compare two sides of this endpoint: what the slower one does more of'),
				h('span', { class: 'toolbar-spacer' }), compare.bar)) : null,
		compare ? compare.slot : null,
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

export async function traceView(my) {
	const data = await getJson(apiHref('trace', route.id));
	if (my !== state.generation) return;
	// a direct link has no overview loaded: take the sampling intervals from this answer
	if (data.sampling) state.sampler = { ...state.sampler, ...data.sampling };
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
		spansTable(spans)) : null,
	working.length ? h('section', { class: 'card' },
		h('div', { class: 'card-head' }, h('h2', null, `Spans with samples (${working.length})`),
			data.span ? navLink(pageHref('trace', route.id, { span: null }), { 'data-testid': 'all-spans' }, 'Show every span')
				: h('span', { class: 'muted small' }, 'Open a span to narrow the flame graph to it and its children')),
		workingSpansTable(working, data.span)) : null,
	panel.el);
	panel.mounted();
}


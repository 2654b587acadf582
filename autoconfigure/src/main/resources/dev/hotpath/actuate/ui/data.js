/*
 * Routes, URLs and fetching: the view and its parameters come from the page's own URL, and
 * every view reads the same URL as JSON. Also what the page keeps between renders.
 */
import { h, isType } from 'hotpath/dom.js';

// ------------------------------------------------------------------ routing

export const route = { base: '', view: 'overview', id: null, params: { type: 'cpu', scope: 'app', from: null, to: null } };

const VIEWS = { endpoints: 'endpoint', traces: 'trace', comparisons: 'comparison' };
const BY = ['slow', 'range', 'version'];

export function parseLocation() {
	const m = /^(.*?)\/(endpoints|traces|comparisons)\/([^/]*)\/*$/.exec(location.pathname);
	// the findings' own URL answers a browser with the page too: it shows the overview they belong to
	const findings = /^(.*?)\/findings\/*$/.exec(location.pathname);
	route.base = (m ? m[1] : findings ? findings[1] : location.pathname).replace(/\/+$/, '');
	route.view = m ? VIEWS[m[2]] : 'overview';
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
		span: q.get('span') || null,
		// a comparison: what its two sides are
		by: BY.includes(q.get('by')) ? q.get('by') : 'slow',
		slowerThan: q.get('slowerThan') || null,
		baselineFrom: q.get('baselineFrom') || null,
		baselineTo: q.get('baselineTo') || null,
		baselineVersion: q.get('baselineVersion') || null
	};
}

function pathFor(view, id) {
	if (view === 'endpoint') return route.base + '/endpoints/' + encodeURIComponent(id);
	if (view === 'trace') return route.base + '/traces/' + encodeURIComponent(id);
	if (view === 'comparison') return route.base + '/comparisons/' + encodeURIComponent(id);
	if (view === 'lines') return route.base + '/lines/' + encodeURIComponent(id);
	if (view === 'findings') return route.base + '/findings';
	return route.base;
}

// the parameters of a comparison's two sides: only those its kind reads
function setComparison(q, p) {
	q.set('by', p.by);
	if (p.by === 'slow' && p.slowerThan) q.set('slowerThan', p.slowerThan);
	if (p.by === 'range') {
		if (p.baselineFrom) q.set('baselineFrom', p.baselineFrom);
		if (p.baselineTo) q.set('baselineTo', p.baselineTo);
	}
	if (p.by === 'version' && p.baselineVersion) q.set('baselineVersion', p.baselineVersion);
}

// the page URL: defaults (type=cpu, scope=app) are left out so URLs stay short
export function pageHref(view, id, changes) {
	const p = { ...route.params, ...changes };
	const q = new URLSearchParams();
	if (view === 'comparison') setComparison(q, p);
	if (p.type !== 'cpu') q.set('type', p.type);
	if (p.scope !== 'app') q.set('scope', p.scope);
	if (p.from) q.set('from', p.from);
	if (p.to) q.set('to', p.to);
	if (view === 'trace' && p.span) q.set('span', p.span);
	const qs = q.toString();
	return (pathFor(view, id) || '/') + (qs ? '?' + qs : '');
}

// the JSON URL: every parameter the view depends on is explicit
export function apiHref(view, id, changes) {
	const p = { ...route.params, ...changes };
	const q = new URLSearchParams();
	if (view === 'lines') q.set('function', p.function);
	if (view === 'comparison') setComparison(q, p);
	if (view !== 'overview' && view !== 'findings') {
		q.set('type', p.type);
		if (view !== 'lines') q.set('scope', p.scope);
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

// a page route the server names relative to the profiles endpoint (a finding's view), or null
// when it is not one: only a relative path, never another origin or a way out of the base
export function viewHref(view) {
	const v = String(view || '');
	if (!v || /^[a-z][a-z0-9+.-]*:|^[/\\]|\.\.|\s/i.test(v)) return null;
	return route.base + '/' + v;
}

// links to the server's downloads of this view: every profile type, samples labeled
// with their trace and span ids, over the view's time range
export function downloadHref(format) {
	const q = new URLSearchParams({ format });
	if (route.view !== 'trace') {
		if (route.params.from) q.set('from', route.params.from);
		if (route.params.to) q.set('to', route.params.to);
	}
	return pathFor(route.view, route.id) + '?' + q.toString();
}

// ------------------------------------------------------------------ navigation

let renderer = () => {};

// main.js draws the view of the current URL; navigate and rerender call it
export function onNavigate(render) {
	renderer = render;
}

export function rerender() {
	return renderer();
}

export function navigate(href, replace) {
	if (replace) history.replaceState(null, '', href);
	else history.pushState(null, '', href);
	renderer();
}

export function navLink(href, attrs, ...kids) {
	return h('a', { ...attrs, href, 'data-nav': '' }, ...kids);
}

// ------------------------------------------------------------------ fetching

export class ApiError extends Error {
	constructor(status, title, message, url) {
		super(message);
		this.status = status;
		this.title = title;
		this.url = url;
	}
}

const SIGN_IN = 'The server answered with a web page instead of data, probably a login page: '
	+ 'your session may have expired. Reload this page to sign in again.';

export async function getJson(url) {
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

// ------------------------------------------------------------------ page state

// what the page keeps between renders; views and main.js read and write it
export const state = {
	// incremented by every render: an answer for an older one is dropped
	generation: 0,
	// the view on screen: loading, overview, endpoint, trace, comparison or error
	view: 'loading',
	// the endpoint or trace view's profile panel, for window.hotpath
	panel: null,
	// the comparison view's differential flame graph and table, for window.hotpath
	comparison: null,
	// the overview of the whole retention (timeline, versions, application id), kept for
	// the endpoint view's comparison actions; every overview render refreshes it
	overview: null,
	// when it was read, in epoch milliseconds
	overviewReadAt: 0,
	// the range picker of a comparison's before and after, for window.hotpath
	picker: null,
	// the overview's timeline, for window.hotpath
	timeline: null,
	// the sampler of the last answer that had one: intervals, chunk length, types
	sampler: null,
	// flame, icicle or reversed, kept from view to view
	layout: 'flame'
};

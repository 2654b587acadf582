package dev.hotpath.autoconfigure;

import dev.hotpath.profile.RequestSource;
import dev.hotpath.tagging.Endpoint;
import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.RequestLog;
import dev.hotpath.tagging.ScopeLog;
import dev.hotpath.tagging.SpanNames;

/**
 * Hands the tagging logs to the chunk processor, turning endpoint and name ids into
 * names.
 */
final class LoggedWork implements RequestSource {

	private final Endpoints endpoints;

	private final RequestLog log;

	private final ScopeLog scopes;

	private final SpanNames names;

	LoggedWork(Endpoints endpoints, RequestLog log, ScopeLog scopes, SpanNames names) {
		this.endpoints = endpoints;
		this.log = log;
		this.scopes = scopes;
		this.names = names;
	}

	@Override
	public void drain(Sink sink) {
		this.log.drain(
				(endpointId, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow, spanId) -> {
					Endpoint endpoint = this.endpoints.byId(endpointId);
					Endpoint known = (endpoint != null) ? endpoint : this.endpoints.other();
					sink.request(known.name(), kind(known.kind()), spanStart, startEpochMillis, durationNanos, status,
							traceIdHigh, traceIdLow, spanId);
				});
	}

	@Override
	public void drainScopes(ScopeSink sink) {
		this.scopes.drain((spanStart, traceIdHigh, traceIdLow, spanId, parentSpanId, name, root, job) -> sink
			.scope(spanStart, traceIdHigh, traceIdLow, spanId, parentSpanId, this.names.name(name), root, job));
	}

	@Override
	public long dropped() {
		return this.log.dropped();
	}

	@Override
	public long scopesDropped() {
		return this.scopes.dropped();
	}

	@Override
	public long endpointsOverflowed() {
		return this.endpoints.overflowed();
	}

	private static String kind(Endpoint.Kind kind) {
		return switch (kind) {
			case ROUTE -> ROUTE;
			case MANAGEMENT -> MANAGEMENT;
			case JOB -> JOB;
		};
	}

}

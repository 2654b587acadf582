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
		this.log.drain(new RequestLog.Visitor() {

			@Override
			public void request(int endpointId, long spanStart, long startEpochMillis, long durationNanos, int status,
					long traceIdHigh, long traceIdLow, long spanId) {
				request(endpointId, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow, spanId,
						0);
			}

			@Override
			public void request(int endpointId, long spanStart, long startEpochMillis, long durationNanos, int status,
					long traceIdHigh, long traceIdLow, long spanId, long threadId) {
				Endpoint endpoint = LoggedWork.this.endpoints.byId(endpointId);
				Endpoint known = (endpoint != null) ? endpoint : LoggedWork.this.endpoints.other();
				sink.request(known.name(), kind(known.kind()), spanStart, startEpochMillis, durationNanos, status,
						traceIdHigh, traceIdLow, spanId, threadId);
			}

		});
	}

	@Override
	public void drainScopes(ScopeSink sink) {
		this.scopes.drain(new ScopeLog.Visitor() {

			@Override
			public void scope(long spanStart, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId,
					int name, boolean root, boolean job) {
				scope(spanStart, traceIdHigh, traceIdLow, spanId, parentSpanId, name, root, job, 0, 0);
			}

			@Override
			public void scope(long spanStart, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId,
					int name, boolean root, boolean job, long end, long threadId) {
				sink.scope(spanStart, traceIdHigh, traceIdLow, spanId, parentSpanId, LoggedWork.this.names.name(name),
						root, job, end, threadId);
			}

		});
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

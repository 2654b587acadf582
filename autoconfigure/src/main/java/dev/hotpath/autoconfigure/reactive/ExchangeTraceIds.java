package dev.hotpath.autoconfigure.reactive;

import dev.hotpath.tagging.TraceIds;

import org.springframework.web.server.ServerWebExchange;

/**
 * Where a reactive request's trace and span ids come from. Unlike {@link TraceIds}, which
 * reads the span of the current thread, this is given the exchange, because a WebFlux
 * request has no thread of its own: the thread that completes it has the request's span
 * current only when Reactor restores thread-local context, and then not everywhere.
 */
@FunctionalInterface
public interface ExchangeTraceIds {

	/**
	 * Writes the ids of the exchange's server span into {@code ids}: trace id high and
	 * low 64 bits, then the span id. Called once per request, when it completes, on the
	 * thread that completes it; must not throw and should not allocate.
	 * @param exchange the request
	 * @param ids an array of at least three elements
	 */
	void ids(ServerWebExchange exchange, long[] ids);

	/**
	 * Ids of whatever span is current on the completing thread, from {@code traceIds}.
	 * Right for instrumentation that makes the server span current wherever the request
	 * runs; otherwise each request gets generated ids.
	 * @param traceIds reads the current span
	 * @return ids that ignore the exchange
	 */
	static ExchangeTraceIds current(TraceIds traceIds) {
		return (exchange, ids) -> traceIds.current(ids);
	}

}

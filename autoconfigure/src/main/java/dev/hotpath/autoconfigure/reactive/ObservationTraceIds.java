package dev.hotpath.autoconfigure.reactive;

import dev.hotpath.tagging.TraceIds;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The ids of the span that Micrometer Tracing opened for the exchange's server
 * observation. Spring's {@code HttpWebHandlerAdapter} puts the observation's context into
 * the exchange attributes and Micrometer Tracing keeps the span in that context, so the
 * ids are found on any thread, whether or not Reactor propagates thread-local context.
 * Requests without such a span (no tracing, or tracing by other means) get their ids from
 * the fallback.
 * <p>
 * Costs two map lookups; the tracer's span may allocate a small view of its context.
 */
public final class ObservationTraceIds implements ExchangeTraceIds {

	private final TraceIds fallback;

	/**
	 * Creates the reader.
	 * @param fallback gives ids to requests without an observed span
	 */
	public ObservationTraceIds(TraceIds fallback) {
		this.fallback = fallback;
	}

	@Override
	public void ids(ServerWebExchange exchange, long[] ids) {
		TraceContext context = serverSpanContext(exchange);
		if (context == null || !parse(context.traceId(), context.spanId(), ids)) {
			this.fallback.current(ids);
		}
	}

	private static @Nullable TraceContext serverSpanContext(ServerWebExchange exchange) {
		Object observation = exchange
			.getAttribute(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE);
		return (observation instanceof ServerRequestObservationContext observationContext)
				? spanContext(observationContext) : null;
	}

	/**
	 * The context of the span Micrometer Tracing keeps in an observation's context.
	 * @param observation the observation's context
	 * @return the span's context, or {@code null} when the observation has no span
	 */
	static @Nullable TraceContext spanContext(Observation.Context observation) {
		TracingContext tracing = observation.get(TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		return (span != null) ? span.context() : null;
	}

	static boolean parse(String traceId, String spanId, long[] ids) {
		if ((traceId.length() != 32 && traceId.length() != 16) || spanId.length() != 16) {
			return false;
		}
		try {
			int split = traceId.length() - 16;
			ids[0] = (split > 0) ? Long.parseUnsignedLong(traceId, 0, split, 16) : 0;
			ids[1] = Long.parseUnsignedLong(traceId, split, traceId.length(), 16);
			ids[2] = Long.parseUnsignedLong(spanId, 0, 16, 16);
			return (ids[0] | ids[1]) != 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}

package dev.hotpath.tagging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The ids of the current OpenTelemetry span, which is the HTTP server span when the
 * profiling filter runs inside the tracing filter. Falls back to generated ids when no
 * span is current. Parses the hex ids without allocating.
 */
public final class OpenTelemetryTraceIds implements TraceIds {

	@Override
	public void current(long[] ids) {
		SpanContext context = Span.current().getSpanContext();
		if (!context.isValid()) {
			GeneratedTraceIds.INSTANCE.current(ids);
			return;
		}
		String traceId = context.getTraceId();
		String spanId = context.getSpanId();
		ids[0] = Long.parseUnsignedLong(traceId, 0, 16, 16);
		ids[1] = Long.parseUnsignedLong(traceId, 16, 32, 16);
		ids[2] = Long.parseUnsignedLong(spanId, 0, 16, 16);
	}

}

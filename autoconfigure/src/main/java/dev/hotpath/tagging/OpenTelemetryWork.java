package dev.hotpath.tagging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;

/**
 * Turns "this OpenTelemetry context is now current on this thread" into work marks. The
 * span's ids come from the API; its parent, name and kind come from the SDK's
 * {@link ReadableSpan} when the tracer is the OpenTelemetry SDK. A local root span of
 * kind {@code INTERNAL} or {@code CONSUMER} (a scheduled method, a message listener) is a
 * job: an endpoint of its own, named after the span. Allocation-free for spans whose name
 * is already known.
 */
public final class OpenTelemetryWork {

	private static final boolean SDK_PRESENT = isPresent("io.opentelemetry.sdk.trace.ReadableSpan");

	private final WorkTagger tagger;

	private final Endpoints endpoints;

	private final SpanNames names;

	private final boolean namesJobs;

	/**
	 * Creates the adapter.
	 * @param tagger marks the work
	 * @param endpoints names jobs
	 * @param names keeps span names
	 * @param namesJobs whether span names are known when a span starts, so that a job can
	 * be named after its root span; Micrometer's bridge names spans only when they end
	 */
	public OpenTelemetryWork(WorkTagger tagger, Endpoints endpoints, SpanNames names, boolean namesJobs) {
		this.tagger = tagger;
		this.endpoints = endpoints;
		this.names = names;
		this.namesJobs = namesJobs;
	}

	/**
	 * A context became current on this thread, or was restored. Never throws.
	 * @param context the context, or {@code null} for none
	 */
	public void current(@Nullable Context context) {
		span((context != null) ? Span.fromContextOrNull(context) : null);
	}

	/**
	 * The context of a span became current on this thread, or was restored. Never throws.
	 * @param span the span, or {@code null} for none
	 */
	public void span(@Nullable Span span) {
		try {
			SpanContext ids = (span != null) ? span.getSpanContext() : null;
			if (ids == null || !ids.isValid()) {
				this.tagger.leave();
				return;
			}
			String traceId = ids.getTraceId();
			long traceIdHigh = Long.parseUnsignedLong(traceId, 0, 16, 16);
			long traceIdLow = Long.parseUnsignedLong(traceId, 16, 32, 16);
			long spanId = Long.parseUnsignedLong(ids.getSpanId(), 0, 16, 16);
			if (SDK_PRESENT && span instanceof ReadableSpan readable) {
				SpanContext parent = readable.getParentSpanContext();
				boolean root = !parent.isValid() || parent.isRemote();
				long parentId = parent.isValid() ? Long.parseUnsignedLong(parent.getSpanId(), 0, 16, 16) : 0;
				String name = readable.getName();
				SpanKind kind = readable.getKind();
				int job = (this.namesJobs && root && (kind == SpanKind.INTERNAL || kind == SpanKind.CONSUMER))
						? this.endpoints.job(name).id() : -1;
				this.tagger.enter(traceIdHigh, traceIdLow, spanId, parentId, this.namesJobs ? this.names.id(name) : 0,
						root, job);
			}
			else {
				this.tagger.enter(traceIdHigh, traceIdLow, spanId, 0, 0, false, -1);
			}
		}
		catch (RuntimeException ex) {
			// a span with malformed ids is skipped; the host's work goes on
		}
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, OpenTelemetryWork.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}

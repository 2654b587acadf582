package dev.hotpath.autoconfigure;

import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.SpanNames;
import dev.hotpath.tagging.WorkTagger;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.RequestReplyReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * Names the spans of observations, and makes a root observation that is not an HTTP
 * request (a scheduled method, a message listener) a job. Micrometer's OpenTelemetry
 * bridge names a span only when it ends, so when its scope opens the span's name is not
 * known yet; the observation's contextual name is. Allocation-free once the names and
 * jobs are known.
 */
final class ObservedSpans implements ObservationHandler<Observation.Context> {

	private final WorkTagger tagger;

	private final Endpoints endpoints;

	private final SpanNames names;

	ObservedSpans(WorkTagger tagger, Endpoints endpoints, SpanNames names) {
		this.tagger = tagger;
		this.endpoints = endpoints;
		this.names = names;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

	@Override
	public void onScopeOpened(Observation.Context context) {
		try {
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			Span span = (tracing != null) ? tracing.getSpan() : null;
			if (span == null) {
				return;
			}
			String name = (context.getContextualName() != null) ? context.getContextualName() : context.getName();
			if (name == null) {
				return;
			}
			boolean job = context.getParentObservation() == null && !(context instanceof RequestReplyReceiverContext);
			long spanId = Long.parseUnsignedLong(span.context().spanId(), 0, 16, 16);
			this.tagger.observed(spanId, this.names.id(name), job ? this.endpoints.job(name).id() : -1);
		}
		catch (RuntimeException ex) {
			// a span without a usable id is left unnamed; the host's work goes on
		}
	}

}

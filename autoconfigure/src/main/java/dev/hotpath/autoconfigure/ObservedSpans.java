package dev.hotpath.autoconfigure;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.hotpath.tagging.Endpoint;
import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.SpanNames;
import dev.hotpath.tagging.WorkTagger;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.RequestReplyReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.scheduling.support.ScheduledTaskObservationContext;
import org.springframework.util.ClassUtils;

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

	private final Map<Method, Endpoint> scheduledJobs = new ConcurrentHashMap<>();

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
			long spanId = Long.parseUnsignedLong(span.context().spanId(), 0, 16, 16);
			if (context instanceof ScheduledTaskObservationContext scheduled) {
				Endpoint job = scheduledJob(scheduled);
				this.tagger.observed(spanId, this.names.id(job.name()), job.id());
				return;
			}
			String name = (context.getContextualName() != null) ? context.getContextualName() : context.getName();
			if (name == null) {
				return;
			}
			boolean job = context.getParentObservation() == null && !(context instanceof RequestReplyReceiverContext);
			this.tagger.observed(spanId, this.names.id(name), job ? this.endpoints.job(name).id() : -1);
		}
		catch (RuntimeException ex) {
			// a span without a usable id is left unnamed; the host's work goes on
		}
	}

	/**
	 * The job of a scheduled method, named like Spring names its observation once it
	 * ends: {@code task} and the bean's class and method.
	 */
	private Endpoint scheduledJob(ScheduledTaskObservationContext context) {
		Endpoint job = this.scheduledJobs.get(context.getMethod());
		if (job == null) {
			job = this.endpoints
				.job("task " + ClassUtils.getShortName(context.getTargetClass()) + "." + context.getMethod().getName());
			this.scheduledJobs.putIfAbsent(context.getMethod(), job);
		}
		return job;
	}

}

package dev.hotpath.autoconfigure.reactive;

import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.WorkTagger;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Tells the {@link WorkTagger} which traces are probes' (WebFlux requests to the
 * actuator: health checks, scrapes). A servlet probe is marked by a filter before its
 * server span's scope opens; WebFlux opens the span's scopes on event loop threads around
 * all web filters, so the first of them would count as the application working and resume
 * paused wall-clock sampling. The span exists when this handler hears of the
 * observation's start (Spring Boot registers tracing handlers before other handlers), so
 * the trace is known as a probe's before any of its scopes opens.
 * <p>
 * Costs a path comparison per WebFlux request and, for a probe, parsing its trace id;
 * allocation-free. The tagger keeps the last probes' traces rather than forgetting each
 * when its observation stops: Reactor reopens the span's scopes for the last signals
 * after that.
 */
public final class ProbeTraces implements ObservationHandler<ServerRequestObservationContext> {

	private static final ThreadLocal<long[]> ids = ThreadLocal.withInitial(() -> new long[3]);

	private final Endpoints endpoints;

	private final WorkTagger tagger;

	/**
	 * Creates the handler.
	 * @param endpoints knows the actuator's base path
	 * @param tagger learns the probes' traces
	 */
	public ProbeTraces(Endpoints endpoints, WorkTagger tagger) {
		this.endpoints = endpoints;
		this.tagger = tagger;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext;
	}

	@Override
	public void onStart(ServerRequestObservationContext context) {
		try {
			long[] trace = probeTrace(context);
			if (trace != null) {
				this.tagger.probeStarted(trace[0], trace[1]);
			}
		}
		catch (RuntimeException ex) {
			// a request that cannot be told a probe counts as a request
		}
	}

	private long @Nullable [] probeTrace(ServerRequestObservationContext context) {
		RequestPath path = context.getCarrier().getPath();
		if (!this.endpoints.isManagementPath(path.value(), path.contextPath().value().length())) {
			return null;
		}
		TracingContext tracing = context.get(TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		if (span == null) {
			return null;
		}
		long[] trace = ids.get();
		return ObservationTraceIds.parse(span.context().traceId(), span.context().spanId(), trace) ? trace : null;
	}

}

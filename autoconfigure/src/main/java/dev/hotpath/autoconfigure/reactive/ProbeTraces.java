package dev.hotpath.autoconfigure.reactive;

import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.WorkTagger;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.TraceContext;

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
 * Costs a path comparison per WebFlux request, allocation-free; a probe also costs
 * parsing its trace id, and whatever view of its span's context the tracer makes. The
 * tagger keeps the last probes' traces rather than forgetting each when its observation
 * stops: Reactor reopens the span's scopes for the last signals after that.
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
			RequestPath path = context.getCarrier().getPath();
			if (!this.endpoints.isManagementPath(path.value(), path.contextPath().value().length())) {
				return;
			}
			TraceContext span = ObservationTraceIds.spanContext(context);
			long[] trace = ids.get();
			if (span != null && ObservationTraceIds.parse(span.traceId(), span.spanId(), trace)) {
				this.tagger.probeStarted(trace[0], trace[1]);
			}
		}
		catch (RuntimeException ex) {
			// a request that cannot be told a probe counts as a request
		}
	}

}

package dev.hotpath.tagging;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilingFilterTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private static final int REQUESTS = 100_000;

	private final Endpoints endpoints = new Endpoints(10);

	private final RequestLog log = new RequestLog(1 << 16);

	private final ProfilingFilter filter = new ProfilingFilter(this.endpoints, this.log, new OpenTelemetryTraceIds(),
			RequestThreads.NONE, new WorkTagger(new ScopeLog(16), this.log, RequestThreads.NONE));

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/calculate2/11");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final FilterChain chain = (request, response) -> request.setAttribute(ProfilingFilter.ROUTE_ATTRIBUTE,
			"/calculate2/{number}");

	@Test
	void logsTheRequestUnderItsRouteTemplateWithTheCurrentSpansIds() throws Exception {
		try (Scope scope = serverSpan().makeCurrent()) {
			this.filter.doFilter(this.request, this.response, this.chain);
		}
		List<String> logged = new ArrayList<>();
		this.log.drain(
				(endpointId, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow,
						spanId) -> logged.add(this.endpoints.byId(endpointId).name() + " " + status + " "
								+ Long.toHexString(traceIdHigh) + Long.toHexString(traceIdLow) + " "
								+ String.format("%016x", spanId)));
		assertThat(logged).containsExactly("GET /calculate2/{number} 200 " + TRACE_ID + " " + SPAN_ID);
	}

	@Test
	void neverPutsTheRawUrlOrQueryIntoTheEndpoint() throws Exception {
		this.request.setQueryString("secret=hunter2");
		this.filter.doFilter(this.request, this.response, this.chain);
		List<String> names = new ArrayList<>();
		this.log.drain((endpointId, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow,
				spanId) -> names.add(this.endpoints.byId(endpointId).name()));
		assertThat(names).containsExactly("GET /calculate2/{number}");
	}

	@Test
	void tagsARequestWithoutAllocating() throws Exception {
		try (Scope scope = serverSpan().makeCurrent()) {
			long allocated = Allocations.bytesAllocatedBy(REQUESTS,
					() -> this.filter.doFilter(this.request, this.response, this.chain));
			// one object per request would be at least 16 bytes each; less than a byte
			// per request leaves room only for one-off JVM work, such as relinking a call
			// site after another test's sampler rotated its chunk, or queueing the one
			// rotation that resumes wall-clock sampling after an idle chunk
			assertThat(allocated).as("bytes allocated by %d tagged requests", REQUESTS).isLessThan(REQUESTS);
		}
	}

	@Test
	void tellsTheSamplerThatARequestToTheActuatorIsAProbe() throws Exception {
		List<String> calls = new ArrayList<>();
		RequestThreads threads = new RequestThreads() {

			@Override
			public void entered() {
				calls.add("entered");
			}

			@Override
			public void probeEntered() {
				calls.add("probe");
			}

			@Override
			public void exited() {
				calls.add("exited");
			}

		};
		ProfilingFilter filter = new ProfilingFilter(new Endpoints(10, "/actuator"), this.log,
				new OpenTelemetryTraceIds(), threads, null);
		for (String uri : List.of("/shop/actuator/health", "/shop/actuator", "/shop/actuatorx", "/shop/owners")) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
			request.setContextPath("/shop");
			filter.doFilter(request, this.response, (req, res) -> {
			});
		}
		assertThat(calls).containsExactly("probe", "exited", "probe", "exited", "entered", "exited", "entered",
				"exited");
	}

	@Test
	void tagsAProbeWithoutAllocating() throws Exception {
		ProfilingFilter filter = new ProfilingFilter(new Endpoints(10, "/actuator"), this.log,
				new OpenTelemetryTraceIds(), RequestThreads.NONE, null);
		MockHttpServletRequest probe = new MockHttpServletRequest("GET", "/actuator/health");
		FilterChain chain = (request, response) -> request.setAttribute(ProfilingFilter.ROUTE_ATTRIBUTE,
				"/actuator/health");
		long allocated = Allocations.bytesAllocatedBy(REQUESTS, () -> filter.doFilter(probe, this.response, chain));
		assertThat(allocated).as("bytes allocated by %d probes", REQUESTS).isLessThan(REQUESTS);
	}

	private static Span serverSpan() {
		return Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()));
	}

}

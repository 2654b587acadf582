package dev.hotpath.autoconfigure.reactive;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.RequestLog;
import dev.hotpath.tagging.TraceIds;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilingWebFilterTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private static final PathPattern ROUTE = PathPatternParser.defaultInstance.parse("/reactive/{id}");

	private static final int REQUESTS = 100_000;

	private final Endpoints endpoints = new Endpoints(10);

	private final RequestLog log = new RequestLog(1 << 16);

	private final ProfilingWebFilter filter = new ProfilingWebFilter(this.endpoints, this.log,
			new ObservationTraceIds(TraceIds.generated()), 0);

	private final MockServerWebExchange exchange = MockServerWebExchange
		.from(MockServerHttpRequest.get("/reactive/42?token=secret"));

	@Test
	void logsTheRequestUnderItsRouteTemplateWithTheServerSpansIds() {
		observe(this.exchange);
		this.filter.filter(this.exchange, routedTo(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE)).block();
		assertThat(logged()).containsExactly("GET /reactive/{id} 200 " + TRACE_ID + " " + SPAN_ID);
	}

	@Test
	void namesRouterFunctionRequestsByTheirPattern() {
		PathPattern route = PathPatternParser.defaultInstance.parse("/routed/{name}");
		this.filter.filter(this.exchange, routedTo(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE, route)).block();
		assertThat(endpointsAndStatuses()).containsExactly("GET /routed/{name} 200");
	}

	@Test
	void logsTheResponsesStatus() {
		WebFilterChain chain = (exchange) -> {
			exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE);
			exchange.getResponse().setStatusCode(HttpStatus.CREATED);
			return Mono.empty();
		};
		this.filter.filter(this.exchange, chain).block();
		assertThat(endpointsAndStatuses()).containsExactly("GET /reactive/{id} 201");
	}

	@Test
	void logsAnUnmatchedRequestAsNotFound() {
		WebFilterChain chain = (exchange) -> Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		Mono<Void> request = this.filter.filter(this.exchange, chain).onErrorComplete();
		request.block();
		assertThat(endpointsAndStatuses()).containsExactly("NOT_FOUND 404");
	}

	@Test
	void logsAFailedRequestWithTheStatusItsExceptionWillGet() {
		WebFilterChain conflict = (exchange) -> {
			exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE);
			return Mono.error(new Conflict());
		};
		WebFilterChain failure = (exchange) -> {
			exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE);
			return Mono.error(new IllegalStateException("boom"));
		};
		this.filter.filter(this.exchange, conflict).onErrorComplete().block();
		this.filter.filter(newExchange(), failure).onErrorComplete().block();
		assertThat(endpointsAndStatuses()).containsExactly("GET /reactive/{id} 409", "GET /reactive/{id} 500");
	}

	@Test
	void logsACancelledRequestOnceWithStatus499() {
		Sinks.Empty<Void> response = Sinks.empty();
		WebFilterChain chain = (exchange) -> {
			exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE);
			return response.asMono();
		};
		Disposable request = this.filter.filter(this.exchange, chain).subscribe();
		assertThat(endpointsAndStatuses()).isEmpty();
		request.dispose();
		response.tryEmitEmpty();
		request.dispose();
		assertThat(endpointsAndStatuses()).containsExactly("GET /reactive/{id} 499");
	}

	@Test
	void logsNothingUntilTheResponseCompletes() {
		Sinks.Empty<Void> response = Sinks.empty();
		WebFilterChain chain = (exchange) -> response.asMono()
			.doOnSubscribe((subscription) -> exchange.getAttributes()
				.put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE));
		this.filter.filter(this.exchange, chain).subscribe();
		assertThat(endpointsAndStatuses()).isEmpty();
		response.tryEmitEmpty();
		assertThat(endpointsAndStatuses()).containsExactly("GET /reactive/{id} 200");
	}

	@Test
	void neverPutsTheRawPathOrQueryIntoTheEndpoint() {
		this.filter.filter(this.exchange, (exchange) -> Mono.empty()).block();
		assertThat(endpointsAndStatuses()).containsExactly("UNMATCHED 200");
	}

	@Test
	void fallsBackToTheCurrentSpanWithoutAnObservedOne() {
		ProfilingWebFilter filter = new ProfilingWebFilter(this.endpoints, this.log, new ObservationTraceIds((ids) -> {
			ids[0] = 1;
			ids[1] = 2;
			ids[2] = 3;
		}), 0);
		filter.filter(this.exchange, routedTo(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE)).block();
		assertThat(logged()).containsExactly("GET /reactive/{id} 200 12 3");
	}

	@Test
	void logsARequestWithTwoSmallObjects() {
		observe(this.exchange);
		WebFilterChain chain = routedTo(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE);
		CoreSubscriber<Void> subscriber = new Ignoring();
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		for (int i = 0; i < 20_000; i++) {
			this.filter.filter(this.exchange, chain).subscribe(subscriber);
		}
		long thread = Thread.currentThread().getId();
		long before = threads.getThreadAllocatedBytes(thread);
		for (int i = 0; i < REQUESTS; i++) {
			this.filter.filter(this.exchange, chain).subscribe(subscriber);
		}
		long allocated = threads.getThreadAllocatedBytes(thread) - before;
		// the filtered Mono (24 bytes) and its subscriber (48 bytes with compressed
		// pointers); the slack leaves room for one-off JVM work, never for a third object
		assertThat(allocated / REQUESTS).as("bytes allocated per request").isLessThanOrEqualTo(80);
	}

	private ServerWebExchange newExchange() {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/reactive/7"));
	}

	private static WebFilterChain routedTo(String attribute, PathPattern route) {
		return (exchange) -> {
			exchange.getAttributes().put(attribute, route);
			return Mono.empty();
		};
	}

	private static void observe(ServerWebExchange exchange) {
		ServerRequestObservationContext observation = new ServerRequestObservationContext(exchange.getRequest(),
				exchange.getResponse(), exchange.getAttributes());
		TracingContext tracing = new TracingContext();
		tracing.setSpan(OtelSpan.fromOtel(
				Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()))));
		observation.put(TracingContext.class, tracing);
		exchange.getAttributes()
			.put(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE, observation);
	}

	private List<String> logged() {
		List<String> logged = new ArrayList<>();
		this.log.drain((endpointId, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow,
				spanId) -> logged.add(this.endpoints.byId(endpointId).name() + " " + status + " "
						+ Long.toHexString(traceIdHigh) + Long.toHexString(traceIdLow) + " "
						+ ((spanId > 0xFF) ? String.format("%016x", spanId) : Long.toHexString(spanId))));
		return logged;
	}

	private List<String> endpointsAndStatuses() {
		List<String> logged = new ArrayList<>();
		this.log.drain((endpointId, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow,
				spanId) -> logged.add(this.endpoints.byId(endpointId).name() + " " + status));
		return logged;
	}

	@ResponseStatus(HttpStatus.CONFLICT)
	static class Conflict extends RuntimeException {

	}

	/**
	 * Takes whatever it is given, allocating nothing.
	 */
	private static final class Ignoring implements CoreSubscriber<Void> {

		@Override
		public void onSubscribe(Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(Void value) {
		}

		@Override
		public void onError(Throwable error) {
		}

		@Override
		public void onComplete() {
		}

	}

}

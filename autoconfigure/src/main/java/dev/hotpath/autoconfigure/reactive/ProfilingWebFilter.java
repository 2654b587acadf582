package dev.hotpath.autoconfigure.reactive;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import dev.hotpath.tagging.Endpoint;
import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.RequestLog;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Logs each WebFlux request into the {@link RequestLog} when it completes, as the servlet
 * {@code ProfilingFilter} does: endpoint, start, latency, status and the ids of the
 * request's server span.
 * <p>
 * The endpoint is the route template that handler mapping left in the exchange
 * ({@code @RequestMapping} methods and router functions alike), read when the request
 * completes; the raw path and query are never read. Requests that matched no route go to
 * {@code NOT_FOUND} or {@code UNMATCHED}.
 * <p>
 * The status is the response's when the rest of the chain completes. When an exception
 * leaves the chain, Spring's exception handlers answer after this filter, so the status
 * is the one they pick by default: the exception's own ({@link ErrorResponse}, such as
 * {@code ResponseStatusException}), its {@link ResponseStatus @ResponseStatus}, or 500,
 * and the latency ends when the exception reaches the filter. A request cancelled before
 * it completed (the client went away) is logged with status
 * {@value #CLIENT_CLOSED_REQUEST}, as nginx logs it, and its latency ends at the
 * cancellation.
 * <p>
 * No async-profiler span is started: a reactive request hops between event-loop threads,
 * so a span on the thread that started it would claim other requests' samples. Rows are
 * logged with span start 0: they give latency, errors and the slowest requests by trace
 * id, but no per-request samples. Attributing samples to a reactive request belongs to
 * whatever follows its trace context from thread to thread.
 * <p>
 * Per request this costs three clock reads, two attribute lookups, an endpoint lookup,
 * the trace id lookup and one ring write. It allocates two objects, the filtered
 * {@code Mono} and its subscriber (72 bytes with compressed pointers; Reactor's
 * {@code doFinally} would take three), and nothing else once the endpoint is known:
 * {@code ProfilingWebFilterTests} measures it.
 */
public final class ProfilingWebFilter implements WebFilter, Ordered {

	/** The status logged for requests that were cancelled before they completed. */
	public static final int CLIENT_CLOSED_REQUEST = 499;

	private static final String ROUTER_FUNCTION_PATTERN = RouterFunctions.MATCHING_PATTERN_ATTRIBUTE;

	private static final ThreadLocal<long[]> ids = ThreadLocal.withInitial(() -> new long[3]);

	private final Endpoints endpoints;

	private final RequestLog log;

	private final ExchangeTraceIds traceIds;

	private final int order;

	/**
	 * Creates the filter.
	 * @param endpoints names requests
	 * @param log receives completed requests
	 * @param traceIds gives each request its trace and span ids
	 * @param order where the filter runs among the application's web filters
	 */
	public ProfilingWebFilter(Endpoints endpoints, RequestLog log, ExchangeTraceIds traceIds, int order) {
		this.endpoints = endpoints;
		this.log = log;
		this.traceIds = traceIds;
		this.order = order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return new LoggedRequest(chain.filter(exchange), exchange);
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	private void record(ServerWebExchange exchange, long startMillis, long startNanos, int status) {
		long durationNanos = System.nanoTime() - startNanos;
		Endpoint endpoint = this.endpoints.resolve(exchange.getRequest().getMethod().name(), route(exchange), status);
		long[] current = ids.get();
		this.traceIds.ids(exchange, current);
		this.log.record(endpoint.id(), 0, startMillis, durationNanos, status, current[0], current[1], current[2]);
	}

	private static @Nullable String route(ServerWebExchange exchange) {
		Object route = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (route == null) {
			route = exchange.getAttribute(ROUTER_FUNCTION_PATTERN);
		}
		return (route != null) ? route.toString() : null;
	}

	private static int status(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return (status != null) ? status.value() : 200;
	}

	private static int status(Throwable error) {
		if (error instanceof ErrorResponse response) {
			return response.getStatusCode().value();
		}
		ResponseStatus annotation = AnnotatedElementUtils.findMergedAnnotation(error.getClass(), ResponseStatus.class);
		return (annotation != null) ? annotation.code().value() : 500;
	}

	/**
	 * The rest of the chain, logged when it ends.
	 */
	private final class LoggedRequest extends MonoOperator<Void, Void> {

		private final ServerWebExchange exchange;

		LoggedRequest(Mono<Void> chain, ServerWebExchange exchange) {
			super(chain);
			this.exchange = exchange;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Void> actual) {
			this.source.subscribe(new LoggingSubscriber(actual, this.exchange));
		}

	}

	/**
	 * Passes every signal through and logs the request once, at its first terminal signal
	 * or cancellation, before passing that on.
	 */
	private final class LoggingSubscriber implements CoreSubscriber<Void>, Subscription, Scannable {

		private static final AtomicIntegerFieldUpdater<LoggingSubscriber> DONE = AtomicIntegerFieldUpdater
			.newUpdater(LoggingSubscriber.class, "done");

		private final CoreSubscriber<? super Void> actual;

		private final ServerWebExchange exchange;

		private final long startMillis = System.currentTimeMillis();

		private final long startNanos = System.nanoTime();

		private @Nullable Subscription upstream;

		private volatile int done;

		LoggingSubscriber(CoreSubscriber<? super Void> actual, ServerWebExchange exchange) {
			this.actual = actual;
			this.exchange = exchange;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(Void value) {
			this.actual.onNext(value);
		}

		@Override
		public void onError(Throwable error) {
			finish(SignalType.ON_ERROR, error);
			this.actual.onError(error);
		}

		@Override
		public void onComplete() {
			finish(SignalType.ON_COMPLETE, null);
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.request(n);
			}
		}

		@Override
		public void cancel() {
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.cancel();
			}
			finish(SignalType.CANCEL, null);
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public @Nullable Object scanUnsafe(Attr key) {
			if (key == Attr.PARENT) {
				return this.upstream;
			}
			if (key == Attr.ACTUAL) {
				return this.actual;
			}
			if (key == Attr.TERMINATED || key == Attr.CANCELLED) {
				return this.done == 1;
			}
			return (key == Attr.RUN_STYLE) ? Attr.RunStyle.SYNC : null;
		}

		private void finish(SignalType signal, @Nullable Throwable error) {
			if (DONE.compareAndSet(this, 0, 1)) {
				try {
					int status = switch (signal) {
						case ON_ERROR -> (error != null) ? status(error) : 500;
						case CANCEL -> CLIENT_CLOSED_REQUEST;
						default -> status(this.exchange);
					};
					record(this.exchange, this.startMillis, this.startNanos, status);
				}
				catch (Throwable ex) {
					Exceptions.throwIfFatal(ex);
					Operators.onErrorDropped(ex, this.actual.currentContext());
				}
			}
		}

	}

}

package dev.hotpath.tagging;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Marks each HTTP request in the recording and logs it when done.
 * <p>
 * Per request this costs two clock reads, the span start and end (a few tens of
 * nanoseconds; the span is only written when a sample fell inside it), two calls that add
 * and remove the thread from the wall-clock filter, an endpoint lookup and one ring
 * write. It allocates nothing once the endpoint is known and never reads headers, bodies
 * or query strings: the endpoint is the matched route template. It must run inside the
 * tracing filter so that the current span is the request's server span.
 */
public final class ProfilingFilter implements Filter {

	/** The request attribute in which Spring MVC puts the matched route template. */
	static final String ROUTE_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

	private static final ThreadLocal<long[]> ids = ThreadLocal.withInitial(() -> new long[3]);

	private final Endpoints endpoints;

	private final RequestLog log;

	private final TraceIds traceIds;

	private final RequestThreads threads;

	private final @Nullable WorkTagger work;

	/**
	 * Creates the filter.
	 * @param endpoints names requests
	 * @param log receives completed requests
	 * @param traceIds gives each request its trace and span ids
	 * @param threads tells the sampler which threads serve requests
	 * @param work makes the request's ids known to context propagation, or {@code null}
	 */
	public ProfilingFilter(Endpoints endpoints, RequestLog log, TraceIds traceIds, RequestThreads threads,
			@Nullable WorkTagger work) {
		this.endpoints = endpoints;
		this.log = log;
		this.traceIds = traceIds;
		this.threads = threads;
		this.work = work;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest httpRequest)
				|| !(response instanceof HttpServletResponse httpResponse)) {
			chain.doFilter(request, response);
			return;
		}
		long startMillis = System.currentTimeMillis();
		long startNanos = System.nanoTime();
		long[] current = ids.get();
		this.traceIds.current(current);
		long traceIdHigh = current[0];
		long traceIdLow = current[1];
		long spanId = current[2];
		WorkTagger work = this.work;
		if (work != null) {
			work.requestStarted(traceIdHigh, traceIdLow, spanId);
		}
		long spanStart = Intervals.start();
		if (this.endpoints.isManagementPath(httpRequest.getRequestURI(), httpRequest.getContextPath().length())) {
			this.threads.probeEntered();
		}
		else {
			this.threads.entered();
		}
		boolean failed = true;
		try {
			chain.doFilter(request, response);
			failed = false;
		}
		finally {
			this.threads.exited();
			if (work != null) {
				work.requestEnded();
			}
			int status = failed ? 500 : httpResponse.getStatus();
			Endpoint endpoint = this.endpoints.resolve(httpRequest.getMethod(), route(httpRequest), status);
			// the row goes first, so that it is never drained after its span event is
			// read
			this.log.record(endpoint.id(), spanStart, startMillis, System.nanoTime() - startNanos, status, traceIdHigh,
					traceIdLow, spanId);
			Intervals.end(spanStart, endpoint.name());
		}
	}

	private static @Nullable String route(HttpServletRequest request) {
		Object route = request.getAttribute(ROUTE_ATTRIBUTE);
		return (route != null) ? route.toString() : null;
	}

}

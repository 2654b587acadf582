package dev.hotpath.tagging;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells the sampler that a request to the actuator (a health check, a metrics scrape, a
 * read of the profiles) is a probe before anything else on its thread can say it works.
 * It must run outside the tracing filter: the request's server span opens a scope, and a
 * scope on a thread that serves nothing yet counts as work, which would resume paused
 * wall-clock sampling of an idle application at every probe. Inside it, the thread
 * already works for the probe, and what the scope or {@link ProfilingFilter} add nests.
 * <p>
 * Per request this costs a prefix comparison of the request URI; a probe adds the two
 * calls that add and remove the thread from the wall-clock filter. Allocation-free.
 */
public final class ProbeFilter implements Filter {

	private final Endpoints endpoints;

	private final RequestThreads threads;

	/**
	 * Creates the filter.
	 * @param endpoints knows the actuator's base path
	 * @param threads tells the sampler which threads serve probes
	 */
	public ProbeFilter(Endpoints endpoints, RequestThreads threads) {
		this.endpoints = endpoints;
		this.threads = threads;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest httpRequest) || !this.endpoints
			.isManagementPath(httpRequest.getRequestURI(), httpRequest.getContextPath().length())) {
			chain.doFilter(request, response);
			return;
		}
		this.threads.probeEntered();
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.threads.exited();
		}
	}

}

package dev.hotpath.tagging;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Names requests by HTTP method and route template, never by raw URL. Known endpoints are
 * found without allocating; a new one is created once, until {@code maxEndpoints} exist,
 * after which further routes share the {@code OTHER} endpoint and are counted as
 * overflow. Requests that matched no route go to {@code NOT_FOUND} (status 404) or
 * {@code UNMATCHED}.
 */
public final class Endpoints {

	/** The bucket of requests that no route matched and that answered 404. */
	public static final String NOT_FOUND = "NOT_FOUND";

	/**
	 * The bucket of requests that no route matched, answered by something else (a
	 * filter).
	 */
	public static final String UNMATCHED = "UNMATCHED";

	/** The bucket of routes beyond the cap. */
	public static final String OTHER = "OTHER";

	private static final String CATCH_ALL = "/**";

	private static final String[] METHODS = { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE" };

	private static final int OTHER_METHOD = METHODS.length;

	private final int maxEndpoints;

	private final ConcurrentHashMap<String, Endpoint[]> byRoute = new ConcurrentHashMap<>();

	private final List<Endpoint> byId = new CopyOnWriteArrayList<>();

	private final AtomicLong overflowed = new AtomicLong();

	private final Endpoint notFound;

	private final Endpoint unmatched;

	private final Endpoint other;

	private final ConcurrentHashMap<String, Endpoint> jobs = new ConcurrentHashMap<>();

	private final String managementPrefix;

	/**
	 * Paths outside the actuator's base path that serve probes (Boot's {@code /livez}).
	 */
	private final String[] probePaths;

	/**
	 * Creates a registry that knows no actuator.
	 * @param maxEndpoints how many route and job endpoints may exist before further ones
	 * overflow to {@code OTHER}
	 */
	public Endpoints(int maxEndpoints) {
		this(maxEndpoints, null);
	}

	/**
	 * Creates a registry.
	 * @param maxEndpoints how many route and job endpoints may exist before further ones
	 * overflow to {@code OTHER}
	 * @param managementBasePath the actuator's base path on the application's port, such
	 * as {@code /actuator}, whose routes are {@link Endpoint.Kind#MANAGEMENT}; or
	 * {@code null}
	 */
	public Endpoints(int maxEndpoints, @Nullable String managementBasePath) {
		this(maxEndpoints, managementBasePath, List.of());
	}

	/**
	 * Creates a registry.
	 * @param maxEndpoints how many route and job endpoints may exist before further ones
	 * overflow to {@code OTHER}
	 * @param managementBasePath the actuator's base path on the application's port, such
	 * as {@code /actuator}, whose routes are {@link Endpoint.Kind#MANAGEMENT}; or
	 * {@code null}
	 * @param probePaths paths on the application's port, outside the base path, that
	 * serve probes, such as the additional paths of Spring Boot's health groups
	 * ({@code /livez}, {@code /readyz}); requests to them and their routes are treated as
	 * the actuator's
	 */
	public Endpoints(int maxEndpoints, @Nullable String managementBasePath, Collection<String> probePaths) {
		if (maxEndpoints < 1) {
			throw new IllegalArgumentException("maxEndpoints must be at least 1, was " + maxEndpoints);
		}
		this.maxEndpoints = maxEndpoints;
		this.managementPrefix = (managementBasePath != null && !managementBasePath.isEmpty()
				&& !managementBasePath.equals("/")) ? managementBasePath + "/" : "";
		this.probePaths = probePaths.stream()
			.filter((path) -> path.startsWith("/") && path.length() > 1)
			.distinct()
			.toArray(String[]::new);
		this.notFound = add(NOT_FOUND, Endpoint.Kind.ROUTE);
		this.unmatched = add(UNMATCHED, Endpoint.Kind.ROUTE);
		this.other = add(OTHER, Endpoint.Kind.ROUTE);
	}

	/**
	 * Whether a request's path, or a route, is under the actuator's base path or is one
	 * of the probe paths. Allocation-free.
	 * @param requestUri the request URI, the context path included, or a route
	 * @param contextPathLength the length of the context path that starts it (0 for a
	 * route)
	 * @return whether the path is the base path or below it, or a probe path
	 */
	public boolean isManagementPath(String requestUri, int contextPathLength) {
		for (String probePath : this.probePaths) {
			if (requestUri.length() == contextPathLength + probePath.length()
					&& requestUri.startsWith(probePath, contextPathLength)) {
				return true;
			}
		}
		String prefix = this.managementPrefix;
		if (prefix.isEmpty()) {
			return false;
		}
		int baseLength = prefix.length() - 1;
		return requestUri.startsWith(prefix, contextPathLength)
				|| (requestUri.length() == contextPathLength + baseLength
						&& requestUri.regionMatches(contextPathLength, prefix, 0, baseLength));
	}

	/**
	 * Finds the endpoint of a finished request. Allocation-free once the endpoint exists.
	 * @param method the HTTP method
	 * @param route the matched route template, or {@code null} when no route matched
	 * @param status the response status
	 * @return the endpoint
	 */
	public Endpoint resolve(String method, @Nullable String route, int status) {
		// Spring MVC's static resource handler matches every path with /**, then answers
		// 404
		if (route == null || route.isEmpty() || (status == 404 && CATCH_ALL.equals(route))) {
			return (status == 404) ? this.notFound : this.unmatched;
		}
		int methodIndex = methodIndex(method);
		Endpoint[] perMethod = this.byRoute.get(route);
		if (perMethod != null && perMethod[methodIndex] != null) {
			return perMethod[methodIndex];
		}
		return create(route, methodIndex);
	}

	/**
	 * Finds the job endpoint of a root span's name. Allocation-free once the job exists.
	 * @param spanName the root span's name, such as {@code task reports.refresh}
	 * @return the endpoint
	 */
	public Endpoint job(String spanName) {
		Endpoint job = this.jobs.get(spanName);
		return (job != null) ? job : createJob(spanName);
	}

	/**
	 * The endpoint with this id.
	 * @param id an id from {@link Endpoint#id()}
	 * @return the endpoint, or {@code null} when no endpoint has that id
	 */
	public @Nullable Endpoint byId(int id) {
		return (id >= 0 && id < this.byId.size()) ? this.byId.get(id) : null;
	}

	/** How many requests went to {@code OTHER} because the cap was reached. */
	public long overflowed() {
		return this.overflowed.get();
	}

	/** The endpoint requests go to once the cap is reached. */
	public Endpoint other() {
		return this.other;
	}

	private synchronized Endpoint createJob(String spanName) {
		Endpoint job = this.jobs.get(spanName);
		if (job != null) {
			return job;
		}
		if (this.byId.size() - 3 >= this.maxEndpoints) {
			this.overflowed.incrementAndGet();
			return this.other;
		}
		job = add(spanName, Endpoint.Kind.JOB);
		this.jobs.put(spanName, job);
		return job;
	}

	private synchronized Endpoint create(String route, int methodIndex) {
		Endpoint[] perMethod = this.byRoute.get(route);
		if (perMethod != null && perMethod[methodIndex] != null) {
			return perMethod[methodIndex];
		}
		if (this.byId.size() - 3 >= this.maxEndpoints) {
			this.overflowed.incrementAndGet();
			return this.other;
		}
		Endpoint[] updated = (perMethod != null) ? perMethod.clone() : new Endpoint[METHODS.length + 1];
		String method = (methodIndex == OTHER_METHOD) ? "OTHER" : METHODS[methodIndex];
		Endpoint.Kind kind = isManagementPath(route, 0) ? Endpoint.Kind.MANAGEMENT : Endpoint.Kind.ROUTE;
		updated[methodIndex] = add(method + " " + route, kind);
		this.byRoute.put(route, updated);
		return updated[methodIndex];
	}

	private Endpoint add(String name, Endpoint.Kind kind) {
		Endpoint endpoint = new Endpoint(this.byId.size(), name, kind);
		this.byId.add(endpoint);
		return endpoint;
	}

	private static int methodIndex(String method) {
		for (int i = 0; i < METHODS.length; i++) {
			if (METHODS[i].equals(method)) {
				return i;
			}
		}
		return OTHER_METHOD;
	}

}

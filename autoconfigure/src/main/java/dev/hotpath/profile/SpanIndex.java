package dev.hotpath.profile;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the processor knows of recent spans: each span's parent, the endpoint of each
 * request's server span and of each job's root span, and the endpoint of each trace. Each
 * map keeps its most recent entries only, so memory is fixed.
 */
final class SpanIndex {

	/** The endpoint of a span that belongs to no request or job. */
	static final String NONE = "";

	private static final long ROOT = 0;

	private static final long JOB_ROOT = -1;

	private final Map<Long, Long> parents;

	private final Map<Long, String> endpoints;

	private final Map<Trace, String> traceEndpoints;

	SpanIndex(int capacity) {
		this.parents = recent(capacity);
		this.endpoints = recent(capacity);
		this.traceEndpoints = recent(capacity);
	}

	void parent(long spanId, long parentSpanId, boolean root, boolean job) {
		if (job || root || parentSpanId != 0) {
			this.parents.put(spanId, job ? JOB_ROOT : root ? ROOT : parentSpanId);
		}
	}

	void endpoint(long spanId, String endpoint) {
		this.endpoints.put(spanId, endpoint);
	}

	void traceEndpoint(long traceIdHigh, long traceIdLow, String endpoint) {
		this.traceEndpoints.put(new Trace(traceIdHigh, traceIdLow), endpoint);
	}

	/**
	 * The endpoint a span works for: that of the nearest ancestor that is a request's
	 * server span or a job's root.
	 * @return the endpoint; {@link #NONE} when the span's local root is neither; or
	 * {@code null} when that is not known yet (a request or job still running, or a
	 * parent never seen, in which case the trace's endpoint answers if there is one)
	 */
	@Nullable String endpointOf(long spanId, long traceIdHigh, long traceIdLow, int maxDepth) {
		long span = spanId;
		for (int depth = 0; depth < maxDepth; depth++) {
			String endpoint = this.endpoints.get(span);
			if (endpoint != null) {
				return endpoint;
			}
			Long parent = this.parents.get(span);
			if (parent == null || parent == JOB_ROOT) {
				break;
			}
			if (parent == ROOT) {
				return NONE;
			}
			span = parent;
		}
		return this.traceEndpoints.get(new Trace(traceIdHigh, traceIdLow));
	}

	/**
	 * A span's local root: the nearest ancestor that is a request's server span or a
	 * job's root, or that has no parent in this process.
	 * @return the root's span id, or 0 when the ancestry is not known that far
	 */
	long rootOf(long spanId, int maxDepth) {
		long span = spanId;
		for (int depth = 0; depth < maxDepth; depth++) {
			if (this.endpoints.containsKey(span)) {
				return span;
			}
			Long parent = this.parents.get(span);
			if (parent == null) {
				return 0;
			}
			if (parent == ROOT || parent == JOB_ROOT) {
				return span;
			}
			span = parent;
		}
		return 0;
	}

	private static <K, V> Map<K, V> recent(int capacity) {
		return new LinkedHashMap<>(1024, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
				return size() > capacity;
			}

		};
	}

	private record Trace(long high, long low) {

	}

}

package dev.hotpath.profile;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * What the processor knows of recent spans: each span's parent, the endpoint of each
 * request's server span and of each job's root span, and the endpoint of each trace. It
 * keeps the most recent spans and traces only, in primitive rings (about 40 bytes a span
 * and 30 a trace, where boxed maps took about 110 for each of the two a span had and 80
 * for a trace), so memory is fixed and follows use up to the capacity.
 */
final class SpanIndex {

	/** The endpoint of a span that belongs to no request or job. */
	static final String NONE = "";

	private static final byte UNKNOWN = 0;

	private static final byte CHILD = 1;

	private static final byte ROOT = 2;

	private static final byte JOB_ROOT = 3;

	private final RecentKeys spans;

	/**
	 * What each span's parent is: {@link #UNKNOWN}, {@link #CHILD} of its parent, or a
	 * root.
	 */
	private byte[] links;

	private long[] parents;

	private @Nullable String[] endpoints;

	private final RecentKeys traces;

	private @Nullable String[] traceEndpoints;

	SpanIndex(int capacity) {
		this.spans = new RecentKeys(capacity);
		this.links = new byte[this.spans.slots()];
		this.parents = new long[this.spans.slots()];
		this.endpoints = new String[this.spans.slots()];
		this.traces = new RecentKeys(capacity);
		this.traceEndpoints = new String[this.traces.slots()];
	}

	void parent(long spanId, long parentSpanId, boolean root, boolean job) {
		if (job || root || parentSpanId != 0) {
			int slot = spanSlot(spanId);
			this.links[slot] = job ? JOB_ROOT : root ? ROOT : CHILD;
			this.parents[slot] = parentSpanId;
		}
	}

	void endpoint(long spanId, String endpoint) {
		// the slot first: finding it may replace the array
		int slot = spanSlot(spanId);
		this.endpoints[slot] = endpoint;
	}

	void traceEndpoint(long traceIdHigh, long traceIdLow, String endpoint) {
		int slot = this.traces.find(traceIdHigh, traceIdLow);
		if (slot == RecentKeys.MISSING) {
			slot = this.traces.add(traceIdHigh, traceIdLow);
			if (slot >= this.traceEndpoints.length) {
				this.traceEndpoints = Arrays.copyOf(this.traceEndpoints, this.traces.slots());
			}
		}
		this.traceEndpoints[slot] = endpoint;
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
			int slot = this.spans.find(0, span);
			if (slot == RecentKeys.MISSING) {
				break;
			}
			String endpoint = this.endpoints[slot];
			if (endpoint != null) {
				return endpoint;
			}
			byte link = this.links[slot];
			if (link == UNKNOWN || link == JOB_ROOT) {
				break;
			}
			if (link == ROOT) {
				return NONE;
			}
			span = this.parents[slot];
		}
		int trace = this.traces.find(traceIdHigh, traceIdLow);
		return (trace != RecentKeys.MISSING) ? this.traceEndpoints[trace] : null;
	}

	/**
	 * A span's local root: the nearest ancestor that is a request's server span or a
	 * job's root, or that has no parent in this process.
	 * @return the root's span id, or 0 when the ancestry is not known that far
	 */
	long rootOf(long spanId, int maxDepth) {
		long span = spanId;
		for (int depth = 0; depth < maxDepth; depth++) {
			int slot = this.spans.find(0, span);
			if (slot == RecentKeys.MISSING) {
				return 0;
			}
			if (this.endpoints[slot] != null) {
				return span;
			}
			byte link = this.links[slot];
			if (link == UNKNOWN) {
				return 0;
			}
			if (link == ROOT || link == JOB_ROOT) {
				return span;
			}
			span = this.parents[slot];
		}
		return 0;
	}

	private int spanSlot(long spanId) {
		int slot = this.spans.find(0, spanId);
		if (slot != RecentKeys.MISSING) {
			return slot;
		}
		slot = this.spans.add(0, spanId);
		if (slot >= this.links.length) {
			int slots = this.spans.slots();
			this.links = Arrays.copyOf(this.links, slots);
			this.parents = Arrays.copyOf(this.parents, slots);
			this.endpoints = Arrays.copyOf(this.endpoints, slots);
		}
		this.links[slot] = UNKNOWN;
		this.parents[slot] = 0;
		this.endpoints[slot] = null;
		return slot;
	}

}

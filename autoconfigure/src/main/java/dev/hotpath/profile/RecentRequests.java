package dev.hotpath.profile;

/**
 * The latency of every recent completed request, by its span id: a ring of primitive rows
 * that overwrites its oldest. With the labeled samples of {@link TraceSamples}, whose
 * rows carry their request's span as local root, it tells each recent sample's request
 * latency, so that the samples of slow requests can be told from the rest.
 */
final class RecentRequests {

	private static final int MAX_NAMES = 4096;

	private final int capacity;

	private final long retentionMillis;

	private final long[] endMillis;

	private final long[] durationNanos;

	private final long[] spanId;

	private final int[] endpoint;

	private final NameTable names = new NameTable(MAX_NAMES);

	private long written;

	/** The latest end of a request the ring overwrote, or {@code Long.MIN_VALUE}. */
	private long lostMillis = Long.MIN_VALUE;

	RecentRequests(int capacity, long retentionMillis) {
		this.capacity = Math.max(capacity, 1);
		this.retentionMillis = retentionMillis;
		this.endMillis = new long[this.capacity];
		this.durationNanos = new long[this.capacity];
		this.spanId = new long[this.capacity];
		this.endpoint = new int[this.capacity];
	}

	/**
	 * Adds a completed request.
	 * @param end when it ended, in epoch milliseconds
	 * @param duration its latency
	 * @param span its span id (the server span, or a job's root)
	 * @param endpointName its endpoint
	 */
	void add(long end, long duration, long span, String endpointName) {
		int row = (int) (this.written % this.capacity);
		if (this.written >= this.capacity) {
			this.lostMillis = Math.max(this.lostMillis, this.endMillis[row]);
		}
		this.endMillis[row] = end;
		this.durationNanos[row] = duration;
		this.spanId[row] = span;
		this.endpoint[row] = this.names.id(endpointName);
		this.written++;
	}

	/**
	 * Visits the retained requests that ended in a time range, oldest first.
	 * @param fromMillis the range's start, inclusive
	 * @param toMillis the range's end, exclusive
	 * @param nowMillis the current time
	 * @param visitor receives each request
	 */
	void forRange(long fromMillis, long toMillis, long nowMillis, RecentRequestVisitor visitor) {
		long oldest = Math.max(fromMillis, nowMillis - this.retentionMillis);
		for (long sequence = Math.max(0, this.written - this.capacity); sequence < this.written; sequence++) {
			int row = (int) (sequence % this.capacity);
			if (this.endMillis[row] >= oldest && this.endMillis[row] < toMillis) {
				visitor.request(this.endMillis[row], this.durationNanos[row], this.spanId[row],
						this.names.name(this.endpoint[row]));
			}
		}
	}

	/**
	 * The oldest moment from which every completed request is still kept: the retention,
	 * or just after the latest end the ring overwrote.
	 */
	long retainedSince(long nowMillis) {
		long oldest = nowMillis - this.retentionMillis;
		return (this.lostMillis == Long.MIN_VALUE) ? oldest : Math.max(oldest, this.lostMillis + 1);
	}

}

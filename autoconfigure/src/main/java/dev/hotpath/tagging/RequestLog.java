package dev.hotpath.tagging;

/**
 * A fixed ring of completed requests, written by request threads without allocating or
 * locking and drained by one reader every chunk; when writers lap the reader, the
 * overwritten requests are counted as dropped, and memory never grows.
 */
public final class RequestLog {

	private static final int FIELDS = 8;

	private final LongRing ring;

	/**
	 * Creates a ring.
	 * @param capacity how many requests it holds between drains; rounded up to a power of
	 * two
	 */
	public RequestLog(int capacity) {
		this.ring = new LongRing(capacity, FIELDS);
	}

	/**
	 * Records a completed request, served by the calling thread. Allocation-free and
	 * lock-free.
	 * @param endpointId the request's endpoint
	 * @param spanStart the value of {@code Intervals.start()} when the request began, or
	 * 0 when it has no interval of its own
	 * @param startEpochMillis when the request began
	 * @param durationNanos how long it took
	 * @param status the response status
	 * @param traceIdHigh the high 64 bits of the trace id
	 * @param traceIdLow the low 64 bits of the trace id
	 * @param spanId the span id
	 */
	public void record(int endpointId, long spanStart, long startEpochMillis, long durationNanos, int status,
			long traceIdHigh, long traceIdLow, long spanId) {
		LongRing ring = this.ring;
		long sequence = ring.claim();
		long[] rows = ring.rows();
		int base = ring.offset(sequence);
		rows[base] = ((long) endpointId << 32) | (status & 0xFFFFFFFFL);
		rows[base + 1] = spanStart;
		rows[base + 2] = startEpochMillis;
		rows[base + 3] = durationNanos;
		rows[base + 4] = traceIdHigh;
		rows[base + 5] = traceIdLow;
		rows[base + 6] = spanId;
		// the Java thread id is what the JDK Flight Recorder names a sampled thread by
		rows[base + 7] = Thread.currentThread().getId();
		ring.publish(sequence);
	}

	/**
	 * Hands every request recorded since the last drain to the visitor. One reader at a
	 * time. A request whose row is still being written is left for the next drain.
	 * @param visitor receives the requests, oldest first
	 * @return how many requests were visited
	 */
	public int drain(Visitor visitor) {
		return this.ring.drain((row) -> visitor.request((int) (row[0] >>> 32), row[1], row[2], row[3], (int) row[0],
				row[4], row[5], row[6], row[7]));
	}

	/** How many requests were overwritten before they could be drained. */
	public long dropped() {
		return this.ring.dropped();
	}

	/** How many requests were ever recorded. */
	public long recorded() {
		return this.ring.written();
	}

	/**
	 * Receives drained requests.
	 */
	@FunctionalInterface
	public interface Visitor {

		/**
		 * One completed request; the arguments are those given to
		 * {@link RequestLog#record}.
		 * @param endpointId the endpoint id
		 * @param spanStart the span start timestamp, or 0
		 * @param startEpochMillis when the request began
		 * @param durationNanos how long it took
		 * @param status the response status
		 * @param traceIdHigh trace id, high bits
		 * @param traceIdLow trace id, low bits
		 * @param spanId span id
		 */
		void request(int endpointId, long spanStart, long startEpochMillis, long durationNanos, int status,
				long traceIdHigh, long traceIdLow, long spanId);

		/**
		 * One completed request with the thread that served it; by default the thread is
		 * ignored.
		 * @param endpointId the endpoint id
		 * @param spanStart the span start timestamp, or 0
		 * @param startEpochMillis when the request began
		 * @param durationNanos how long it took
		 * @param status the response status
		 * @param traceIdHigh trace id, high bits
		 * @param traceIdLow trace id, low bits
		 * @param spanId span id
		 * @param threadId the Java thread id of the thread that recorded it
		 */
		default void request(int endpointId, long spanStart, long startEpochMillis, long durationNanos, int status,
				long traceIdHigh, long traceIdLow, long spanId, long threadId) {
			request(endpointId, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow, spanId);
		}

	}

}

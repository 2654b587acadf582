package dev.hotpath.tagging;

/**
 * A fixed ring of closed scope intervals: which trace and span a thread worked for from
 * one recording timestamp on. Written by any thread without allocating or locking,
 * drained by one reader every chunk and joined there with the span events of the
 * recording by their start timestamp. When writers lap the reader, the overwritten
 * intervals are counted as dropped; memory never grows.
 */
public final class ScopeLog {

	private static final int FIELDS = 8;

	private final LongRing ring;

	/**
	 * Creates a ring.
	 * @param capacity how many intervals it holds between drains; rounded up to a power
	 * of two
	 */
	public ScopeLog(int capacity) {
		this.ring = new LongRing(capacity, FIELDS);
	}

	/**
	 * Records a closed interval of the calling thread. Allocation-free and lock-free.
	 * @param spanStart the value of {@code Intervals.start()} when the interval began
	 * @param end when it ended: for a {@linkplain Intervals#logged logged} interval the
	 * {@link System#nanoTime()}, else the recording's timestamp (also in its span event,
	 * which async-profiler may drop)
	 * @param traceIdHigh the trace id's high 64 bits
	 * @param traceIdLow the trace id's low 64 bits
	 * @param spanId the span the thread worked for
	 * @param parentSpanId the span's parent, or 0 when it is a root or unknown
	 * @param name the span's name id from {@link SpanNames}, or 0
	 * @param root whether the span is a root in this process (its parent is remote or
	 * absent)
	 * @param job whether the span roots a job
	 */
	public void record(long spanStart, long end, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId,
			int name, boolean root, boolean job) {
		LongRing ring = this.ring;
		long sequence = ring.claim();
		long[] rows = ring.rows();
		int base = ring.offset(sequence);
		rows[base] = spanStart;
		rows[base + 1] = traceIdHigh;
		rows[base + 2] = traceIdLow;
		rows[base + 3] = spanId;
		rows[base + 4] = parentSpanId;
		rows[base + 5] = ((long) name << 2) | (job ? 2 : 0) | (root ? 1 : 0);
		rows[base + 6] = end;
		// the Java thread id is what the JDK Flight Recorder names a sampled thread by
		rows[base + 7] = Thread.currentThread().getId();
		ring.publish(sequence);
	}

	/**
	 * Hands every interval recorded since the last drain to the visitor, oldest first.
	 * One reader at a time.
	 * @param visitor receives the intervals
	 * @return how many intervals were visited
	 */
	public int drain(Visitor visitor) {
		return this.ring.drain((row) -> visitor.scope(row[0], row[1], row[2], row[3], row[4], (int) (row[5] >>> 2),
				(row[5] & 1) != 0, (row[5] & 2) != 0, row[6], row[7]));
	}

	/** How many intervals were overwritten before they could be drained. */
	public long dropped() {
		return this.ring.dropped();
	}

	/**
	 * Receives drained intervals; the arguments are those given to {@link #record}.
	 */
	@FunctionalInterface
	public interface Visitor {

		/**
		 * One closed interval.
		 * @param spanStart its start timestamp
		 * @param traceIdHigh trace id, high bits
		 * @param traceIdLow trace id, low bits
		 * @param spanId span id
		 * @param parentSpanId parent span id, or 0
		 * @param name span name id, or 0
		 * @param root whether the span is a local root
		 * @param job whether the span roots a job
		 */
		void scope(long spanStart, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId, int name,
				boolean root, boolean job);

		/**
		 * One closed interval with its end and thread; by default these are ignored.
		 * @param spanStart its start timestamp
		 * @param traceIdHigh trace id, high bits
		 * @param traceIdLow trace id, low bits
		 * @param spanId span id
		 * @param parentSpanId parent span id, or 0
		 * @param name span name id, or 0
		 * @param root whether the span is a local root
		 * @param job whether the span roots a job
		 * @param end the {@link System#nanoTime()} at which a logged interval ended, else
		 * the recording's timestamp at which it ended
		 * @param threadId the Java thread id of the thread that worked in it
		 */
		default void scope(long spanStart, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId, int name,
				boolean root, boolean job, long end, long threadId) {
			scope(spanStart, traceIdHigh, traceIdLow, spanId, parentSpanId, name, root, job);
		}

	}

}

package dev.hotpath.tagging;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed ring of completed requests, written by request threads without allocating or
 * locking and drained by one reader every chunk. Each slot is a row of primitive fields
 * guarded by a sequence stamp, so a reader never sees a half-written row; when writers
 * lap the reader, the overwritten requests are counted as dropped, and memory never
 * grows.
 */
public final class RequestLog {

	private static final int FIELDS = 8;

	private static final long WRITING = -1;

	private final int mask;

	private final long[] rows;

	private final AtomicLongArray stamps;

	private final AtomicLong written = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private long read;

	/**
	 * Creates a ring.
	 * @param capacity how many requests it holds between drains; rounded up to a power of
	 * two
	 */
	public RequestLog(int capacity) {
		if (capacity < 1 || capacity > (1 << 24)) {
			throw new IllegalArgumentException("capacity must be between 1 and 16777216, was " + capacity);
		}
		int size = Integer.highestOneBit(capacity - 1) << 1;
		size = Math.max(size, 1);
		this.mask = size - 1;
		this.rows = new long[size * FIELDS];
		this.stamps = new AtomicLongArray(size);
		for (int i = 0; i < size; i++) {
			this.stamps.set(i, WRITING);
		}
	}

	/**
	 * Records a completed request. Allocation-free and lock-free.
	 * @param endpointId the request's endpoint
	 * @param spanStart the value of {@code Span.start()} when the request began, or 0
	 * @param startEpochMillis when the request began
	 * @param durationNanos how long it took
	 * @param status the response status
	 * @param traceIdHigh the high 64 bits of the trace id
	 * @param traceIdLow the low 64 bits of the trace id
	 * @param spanId the span id
	 */
	public void record(int endpointId, long spanStart, long startEpochMillis, long durationNanos, int status,
			long traceIdHigh, long traceIdLow, long spanId) {
		long sequence = this.written.getAndIncrement();
		int slot = (int) (sequence & this.mask);
		int base = slot * FIELDS;
		this.stamps.setOpaque(slot, WRITING);
		java.lang.invoke.VarHandle.storeStoreFence();
		this.rows[base] = ((long) endpointId << 32) | (status & 0xFFFFFFFFL);
		this.rows[base + 1] = spanStart;
		this.rows[base + 2] = startEpochMillis;
		this.rows[base + 3] = durationNanos;
		this.rows[base + 4] = traceIdHigh;
		this.rows[base + 5] = traceIdLow;
		this.rows[base + 6] = spanId;
		this.stamps.setRelease(slot, sequence);
	}

	/**
	 * Hands every request recorded since the last drain to the visitor. One reader at a
	 * time. A request whose row is still being written is left for the next drain.
	 * @param visitor receives the requests, oldest first
	 * @return how many requests were visited
	 */
	public synchronized int drain(Visitor visitor) {
		long end = this.written.get();
		if (end - this.read > this.mask + 1) {
			this.dropped.addAndGet(end - this.read - (this.mask + 1));
			this.read = end - (this.mask + 1);
		}
		int visited = 0;
		for (; this.read < end; this.read++) {
			int slot = (int) (this.read & this.mask);
			int base = slot * FIELDS;
			long stamp = this.stamps.getAcquire(slot);
			if (stamp == WRITING || stamp < this.read) {
				break;
			}
			long head = this.rows[base];
			long spanStart = this.rows[base + 1];
			long startEpochMillis = this.rows[base + 2];
			long durationNanos = this.rows[base + 3];
			long traceIdHigh = this.rows[base + 4];
			long traceIdLow = this.rows[base + 5];
			long spanId = this.rows[base + 6];
			java.lang.invoke.VarHandle.loadLoadFence();
			if (stamp != this.read || this.stamps.getOpaque(slot) != stamp) {
				this.dropped.incrementAndGet();
				continue;
			}
			visitor.request((int) (head >>> 32), spanStart, startEpochMillis, durationNanos, (int) head, traceIdHigh,
					traceIdLow, spanId);
			visited++;
		}
		return visited;
	}

	/** How many requests were overwritten before they could be drained. */
	public long dropped() {
		return this.dropped.get();
	}

	/** How many requests were ever recorded. */
	public long recorded() {
		return this.written.get();
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

	}

}

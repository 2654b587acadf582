package dev.hotpath.tagging;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed ring of rows of primitive fields, written by any thread without allocating or
 * locking and drained by one reader. Each slot is guarded by a sequence stamp, so a
 * reader never sees a half-written row; when writers lap the reader, the overwritten rows
 * are counted as dropped, and memory never grows.
 */
final class LongRing {

	private static final long WRITING = -1;

	private final int fields;

	private final int mask;

	private final long[] rows;

	private final AtomicLongArray stamps;

	private final AtomicLong written = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private long read;

	LongRing(int capacity, int fields) {
		if (capacity < 1 || capacity > (1 << 24)) {
			throw new IllegalArgumentException("capacity must be between 1 and 16777216, was " + capacity);
		}
		int size = Math.max(Integer.highestOneBit(capacity - 1) << 1, 1);
		this.fields = fields;
		this.mask = size - 1;
		this.rows = new long[size * fields];
		this.stamps = new AtomicLongArray(size);
		for (int i = 0; i < size; i++) {
			this.stamps.set(i, WRITING);
		}
	}

	/**
	 * Claims the next row; write its fields from {@link #offset} on, then
	 * {@link #publish} it.
	 * @return the row's sequence number
	 */
	long claim() {
		long sequence = this.written.getAndIncrement();
		this.stamps.setOpaque((int) (sequence & this.mask), WRITING);
		VarHandle.storeStoreFence();
		return sequence;
	}

	int offset(long sequence) {
		return (int) (sequence & this.mask) * this.fields;
	}

	long[] rows() {
		return this.rows;
	}

	void publish(long sequence) {
		this.stamps.setRelease((int) (sequence & this.mask), sequence);
	}

	/**
	 * Hands every row published since the last drain to the reader, oldest first. A row
	 * still being written is left for the next drain.
	 * @return how many rows were read
	 */
	synchronized int drain(RowReader reader) {
		long end = this.written.get();
		if (end - this.read > this.mask + 1) {
			this.dropped.addAndGet(end - this.read - (this.mask + 1));
			this.read = end - (this.mask + 1);
		}
		long[] copy = new long[this.fields];
		int visited = 0;
		for (; this.read < end; this.read++) {
			int slot = (int) (this.read & this.mask);
			long stamp = this.stamps.getAcquire(slot);
			if (stamp == WRITING || stamp < this.read) {
				break;
			}
			System.arraycopy(this.rows, slot * this.fields, copy, 0, this.fields);
			VarHandle.loadLoadFence();
			if (stamp != this.read || this.stamps.getOpaque(slot) != stamp) {
				this.dropped.incrementAndGet();
				continue;
			}
			reader.row(copy);
			visited++;
		}
		return visited;
	}

	long dropped() {
		return this.dropped.get();
	}

	long written() {
		return this.written.get();
	}

	/**
	 * Receives a copy of one row's fields.
	 */
	@FunctionalInterface
	interface RowReader {

		void row(long[] fields);

	}

}

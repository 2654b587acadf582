package dev.hotpath.profile;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The weight of each function's source lines: per (frame, line), the weight of samples
 * that ended on that line (self) and of samples with that line anywhere on their stack
 * (total, once per sample however often recursion repeats it). Each function also has a
 * row of its own, {@link #FUNCTION}, with its self and total counted the same way, so
 * that shares are taken over figures from the same table. Line {@code 0} holds the weight
 * whose line is unknown.
 * <p>
 * Rows are dense primitive arrays found through an open-addressing index of row numbers:
 * adding a stack costs two probes per frame and no allocation until the table grows. A
 * stamp per row tells whether the current sample already counted it. Bounded: once
 * {@code maxEntries} rows exist, new rows are not made, and the weight of each sample
 * that lost one is counted in {@link #truncated()}. A closed window's table is
 * {@linkplain #compact() compacted} into bit-packed columns.
 */
final class LineTable {

	/** The line of a function's own row. */
	static final int FUNCTION = -1;

	private static final long[] NO_LONGS = {};

	private final int maxEntries;

	private long[] keys;

	private long[] self;

	private long[] total;

	/** The sample that last counted each row's total; null once compacted. */
	private int @Nullable [] stamps;

	/**
	 * Row plus one of each key, 0 where free, at most two-thirds full; null once
	 * compacted.
	 */
	private int @Nullable [] index;

	/**
	 * The rows once {@linkplain #compact() compacted}, while the arrays above are empty;
	 * null while the table is writable.
	 */
	private @Nullable Packed packed;

	private int size;

	private int stamp;

	private long truncated;

	LineTable(int maxEntries) {
		this.maxEntries = Math.max(maxEntries, 1);
		int rows = Math.min(this.maxEntries, 32);
		this.keys = new long[rows];
		this.self = new long[rows];
		this.total = new long[rows];
		this.stamps = new int[rows];
		this.index = new int[64];
	}

	/**
	 * Adds one sample.
	 * @param stack frame ids, root first
	 * @param lines each frame's line, parallel to the stack; any other length counts
	 * every line as unknown
	 * @param weight the sample's weight
	 */
	void add(int[] stack, int[] lines, long weight) {
		int[] counted = writable();
		int current = nextStamp(counted);
		boolean known = lines.length == stack.length;
		boolean cut = false;
		int leaf = stack.length - 1;
		for (int i = 0; i <= leaf; i++) {
			int line = known ? Math.max(lines[i], 0) : 0;
			cut |= !count(key(stack[i], line), weight, i == leaf, current);
			cut |= !count(key(stack[i], FUNCTION), weight, i == leaf, current);
		}
		if (cut) {
			this.truncated += weight;
		}
	}

	/**
	 * Adds every row of another table to this one, for windows merged together. A row
	 * that does not fit counts its self weight in {@link #truncated()}. Costs a pass over
	 * the other table.
	 * @param other the table to merge in
	 */
	void addAll(LineTable other) {
		writable();
		this.truncated += other.truncated;
		for (int i = 0; i < other.size; i++) {
			int row = row(other.key(i));
			if (row < 0) {
				this.truncated += other.self(i);
				continue;
			}
			this.self[row] += other.self(i);
			this.total[row] += other.total(i);
		}
	}

	/**
	 * Visits the rows of one function: its lines and its own row, {@link #FUNCTION}.
	 * Costs a pass over the whole table.
	 * @param frame the function's frame id
	 * @param visitor receives each line with its self and total weight
	 */
	void forFrame(int frame, EndpointWindow.LineWeights visitor) {
		Packed rows = this.packed;
		for (int i = 0; i < this.size; i++) {
			if (rows != null) {
				if (rows.frame.getInt(i, 0) == frame) {
					visitor.accept(rows.line.getInt(i, 1), rows.self.get(i), rows.total.get(i));
				}
			}
			else if ((int) (this.keys[i] >>> 32) == frame) {
				visitor.accept((int) this.keys[i], this.self[i], this.total[i]);
			}
		}
	}

	/**
	 * Packs the rows into columns of as many bits as each needs and drops the index and
	 * stamps, for a window that has closed: a row of a framework-heavy application's
	 * table then takes about 5 bytes rather than 24 (and up to twice that of slack while
	 * it grows). The next sample added unpacks the table and rebuilds them. Costs a pass
	 * over the table.
	 */
	void compact() {
		if (this.packed != null) {
			return;
		}
		this.packed = new Packed(this);
		this.index = null;
		this.stamps = null;
		this.keys = NO_LONGS;
		this.self = NO_LONGS;
		this.total = NO_LONGS;
	}

	/** How many rows the table holds. */
	int size() {
		return this.size;
	}

	/** The weight of samples that lost a row because the table was full. */
	long truncated() {
		return this.truncated;
	}

	private boolean count(long key, long weight, boolean leaf, int current) {
		int row = row(key);
		if (row < 0) {
			return false;
		}
		int[] counted = this.stamps;
		if (counted[row] != current) {
			counted[row] = current;
			this.total[row] += weight;
		}
		if (leaf) {
			this.self[row] += weight;
		}
		return true;
	}

	/**
	 * The row of a key, made if the key is new; the table must be {@linkplain #writable()
	 * writable}.
	 * @return the row, or -1 when the key is new and the table is full
	 */
	private int row(long key) {
		int[] slots = this.index;
		int mask = slots.length - 1;
		int i = hash(key) & mask;
		for (int entry = slots[i]; entry != 0; entry = slots[i]) {
			if (this.keys[entry - 1] == key) {
				return entry - 1;
			}
			i = (i + 1) & mask;
		}
		if (this.size >= this.maxEntries) {
			return -1;
		}
		if (this.size == this.keys.length) {
			growRows();
		}
		int row = this.size++;
		this.keys[row] = key;
		slots[i] = row + 1;
		if (this.size * 3 > slots.length * 2) {
			reindex(slots.length * 2);
		}
		return row;
	}

	/**
	 * Unpacks a compacted table and rebuilds its index and stamps; returns the stamps.
	 */
	private int[] writable() {
		Packed rows = this.packed;
		if (rows != null) {
			int capacity = Math.max(this.size, 1);
			this.keys = new long[capacity];
			this.self = new long[capacity];
			this.total = new long[capacity];
			for (int i = 0; i < this.size; i++) {
				this.keys[i] = key(i);
				this.self[i] = rows.self.get(i);
				this.total[i] = rows.total.get(i);
			}
			this.packed = null;
		}
		int[] counted = this.stamps;
		if (counted == null) {
			counted = new int[this.keys.length];
			this.stamps = counted;
			this.stamp = 0;
			reindex(Integer.highestOneBit(Math.max(this.size * 3 / 2, 32) - 1) << 1);
		}
		return counted;
	}

	private int nextStamp(int[] counted) {
		if (this.stamp == Integer.MAX_VALUE) {
			// after 2^31 samples: restart the stamps
			Arrays.fill(counted, 0);
			this.stamp = 0;
		}
		return ++this.stamp;
	}

	private void growRows() {
		int rows = (int) Math.min((long) this.keys.length * 2, this.maxEntries);
		rows = Math.max(rows, 1);
		this.keys = Arrays.copyOf(this.keys, rows);
		this.self = Arrays.copyOf(this.self, rows);
		this.total = Arrays.copyOf(this.total, rows);
		this.stamps = Arrays.copyOf(this.stamps, rows);
	}

	private void reindex(int capacity) {
		int[] slots = new int[capacity];
		int mask = capacity - 1;
		for (int row = 0; row < this.size; row++) {
			int i = hash(this.keys[row]) & mask;
			while (slots[i] != 0) {
				i = (i + 1) & mask;
			}
			slots[i] = row + 1;
		}
		this.index = slots;
	}

	private long key(int row) {
		Packed rows = this.packed;
		return (rows != null) ? key(rows.frame.getInt(row, 0), rows.line.getInt(row, 1)) : this.keys[row];
	}

	private long self(int row) {
		Packed rows = this.packed;
		return (rows != null) ? rows.self.get(row) : this.self[row];
	}

	private long total(int row) {
		Packed rows = this.packed;
		return (rows != null) ? rows.total.get(row) : this.total[row];
	}

	private static long key(int frame, int line) {
		return ((long) frame << 32) | (line & 0xFFFFFFFFL);
	}

	private static int hash(long key) {
		return LongIntMap.hash(key);
	}

	/**
	 * A compacted table's rows: each key's frame and line (plus one, so that
	 * {@link #FUNCTION} packs as 0), self and total.
	 */
	private static final class Packed {

		private final PackedLongs frame;

		private final PackedLongs line;

		private final PackedLongs self;

		private final PackedLongs total;

		Packed(LineTable table) {
			int size = table.size;
			int[] frames = new int[size];
			int[] lines = new int[size];
			for (int i = 0; i < size; i++) {
				frames[i] = (int) (table.keys[i] >>> 32);
				lines[i] = (int) table.keys[i];
			}
			this.frame = PackedLongs.of(frames, size, 0);
			this.line = PackedLongs.of(lines, size, 1);
			this.self = PackedLongs.of(table.self, size);
			this.total = PackedLongs.of(table.total, size);
		}

	}

}

package dev.hotpath.profile;

/**
 * The weight of each function's source lines: per (frame, line), the weight of samples
 * that ended on that line (self) and of samples with that line anywhere on their stack
 * (total, once per sample however often recursion repeats it). Each function also has a
 * row of its own, {@link #FUNCTION}, with its self and total counted the same way, so
 * that shares are taken over figures from the same table. Line {@code 0} holds the weight
 * whose line is unknown.
 * <p>
 * An open-addressing table of primitive arrays: adding a stack costs two probes per frame
 * and no allocation until the table grows. A stamp per row tells whether the current
 * sample already counted it. Bounded: once {@code maxEntries} rows exist, new rows are
 * not made, and the weight of each sample that lost one is counted in
 * {@link #truncated()}.
 */
final class LineTable {

	/** The line of a function's own row. */
	static final int FUNCTION = -1;

	private final int maxEntries;

	private long[] keys;

	private long[] self;

	private long[] total;

	/** The sample that last counted a row's total; {@code 0} for a free slot. */
	private int[] stamps;

	private int size;

	private int stamp;

	private long truncated;

	LineTable(int maxEntries) {
		this.maxEntries = Math.max(maxEntries, 1);
		allocate(64);
	}

	/**
	 * Adds one sample.
	 * @param stack frame ids, root first
	 * @param lines each frame's line, parallel to the stack; any other length counts
	 * every line as unknown
	 * @param weight the sample's weight
	 */
	void add(int[] stack, int[] lines, long weight) {
		nextStamp();
		boolean known = lines.length == stack.length;
		boolean cut = false;
		int leaf = stack.length - 1;
		for (int i = 0; i <= leaf; i++) {
			int line = known ? Math.max(lines[i], 0) : 0;
			cut |= !count(key(stack[i], line), weight, i == leaf);
			cut |= !count(key(stack[i], FUNCTION), weight, i == leaf);
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
		nextStamp();
		this.truncated += other.truncated;
		for (int i = 0; i < other.keys.length; i++) {
			if (other.stamps[i] != 0 && !merge(other.keys[i], other.self[i], other.total[i])) {
				this.truncated += other.self[i];
			}
		}
	}

	/**
	 * Visits the rows of one function: its lines and its own row, {@link #FUNCTION}.
	 * Costs a pass over the whole table.
	 * @param frame the function's frame id
	 * @param visitor receives each line with its self and total weight
	 */
	void forFrame(int frame, EndpointWindow.LineWeights visitor) {
		for (int i = 0; i < this.keys.length; i++) {
			if (this.stamps[i] != 0 && (int) (this.keys[i] >>> 32) == frame) {
				visitor.accept((int) this.keys[i], this.self[i], this.total[i]);
			}
		}
	}

	/** How many rows the table holds. */
	int size() {
		return this.size;
	}

	/** The weight of samples that lost a row because the table was full. */
	long truncated() {
		return this.truncated;
	}

	private boolean count(long key, long weight, boolean leaf) {
		int i = slot(key);
		if (i < 0) {
			return false;
		}
		if (this.stamps[i] != this.stamp) {
			this.stamps[i] = this.stamp;
			this.total[i] += weight;
		}
		if (leaf) {
			this.self[i] += weight;
		}
		return true;
	}

	private boolean merge(long key, long self, long total) {
		int i = slot(key);
		if (i < 0) {
			return false;
		}
		if (this.stamps[i] == 0) {
			this.stamps[i] = this.stamp;
		}
		this.self[i] += self;
		this.total[i] += total;
		return true;
	}

	/**
	 * The slot of a key, taken if the key is new; a new slot's stamp is still 0, for the
	 * caller to set.
	 * @return the slot, or -1 when the key is new and the table is full
	 */
	private int slot(long key) {
		// three quarters full at most: a row costs 28 bytes per slot, about a tree node
		if (this.size * 4 >= this.keys.length * 3 && this.size < this.maxEntries) {
			grow();
		}
		int mask = this.keys.length - 1;
		int i = hash(key) & mask;
		while (this.stamps[i] != 0 && this.keys[i] != key) {
			i = (i + 1) & mask;
		}
		if (this.stamps[i] == 0) {
			if (this.size >= this.maxEntries) {
				return -1;
			}
			this.keys[i] = key;
			this.size++;
		}
		return i;
	}

	private void nextStamp() {
		if (this.stamp == Integer.MAX_VALUE) {
			// after 2^31 samples: restart the stamps, keeping 0 for free slots
			for (int i = 0; i < this.stamps.length; i++) {
				if (this.stamps[i] != 0) {
					this.stamps[i] = 1;
				}
			}
			this.stamp = 1;
		}
		this.stamp++;
	}

	private void grow() {
		long[] oldKeys = this.keys;
		long[] oldSelf = this.self;
		long[] oldTotal = this.total;
		int[] oldStamps = this.stamps;
		allocate(oldKeys.length * 2);
		int mask = this.keys.length - 1;
		for (int old = 0; old < oldKeys.length; old++) {
			if (oldStamps[old] != 0) {
				int i = hash(oldKeys[old]) & mask;
				while (this.stamps[i] != 0) {
					i = (i + 1) & mask;
				}
				this.keys[i] = oldKeys[old];
				this.self[i] = oldSelf[old];
				this.total[i] = oldTotal[old];
				this.stamps[i] = oldStamps[old];
			}
		}
	}

	private void allocate(int capacity) {
		this.keys = new long[capacity];
		this.self = new long[capacity];
		this.total = new long[capacity];
		this.stamps = new int[capacity];
	}

	private static long key(int frame, int line) {
		return ((long) frame << 32) | (line & 0xFFFFFFFFL);
	}

	private static int hash(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

}

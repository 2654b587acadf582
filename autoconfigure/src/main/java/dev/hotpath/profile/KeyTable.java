package dev.hotpath.profile;

import java.util.Arrays;

/**
 * Distinct 128-bit keys numbered in the order they were added, for a caller's parallel
 * arrays of values: dense key arrays found through an open-addressing index of row
 * numbers, at most two-thirds full. A lookup allocates nothing; a key costs 16 bytes and
 * 6 to 12 of index. Keys are never removed: a caller drops the whole table.
 */
final class KeyTable {

	static final int MISSING = -1;

	private long[] high;

	private long[] low;

	/** Row plus one of each key, or 0 where free. */
	private int[] index;

	private int size;

	KeyTable(int expected) {
		int rows = Math.max(expected, 16);
		this.high = new long[rows];
		this.low = new long[rows];
		this.index = new int[indexSize(rows)];
	}

	/**
	 * The row of a key.
	 * @return the row, or {@link #MISSING}
	 */
	int find(long keyHigh, long keyLow) {
		int mask = this.index.length - 1;
		for (int i = hash(keyHigh, keyLow) & mask;; i = (i + 1) & mask) {
			int entry = this.index[i];
			if (entry == 0) {
				return MISSING;
			}
			if (this.low[entry - 1] == keyLow && this.high[entry - 1] == keyHigh) {
				return entry - 1;
			}
		}
	}

	/**
	 * Adds a key that is not in the table.
	 * @return its row, {@link #size()} before the call; a caller grows its arrays to
	 * {@link #rows()}
	 */
	int add(long keyHigh, long keyLow) {
		if (this.size == this.high.length) {
			this.high = Arrays.copyOf(this.high, this.size * 2);
			this.low = Arrays.copyOf(this.low, this.size * 2);
		}
		int row = this.size++;
		this.high[row] = keyHigh;
		this.low[row] = keyLow;
		if (this.size * 3 > this.index.length * 2) {
			this.index = new int[this.index.length * 2];
			for (int existing = 0; existing < this.size; existing++) {
				insert(existing);
			}
		}
		else {
			insert(row);
		}
		return row;
	}

	int size() {
		return this.size;
	}

	/** How many rows the key arrays have room for. */
	int rows() {
		return this.high.length;
	}

	private void insert(int row) {
		int mask = this.index.length - 1;
		int i = hash(this.high[row], this.low[row]) & mask;
		while (this.index[i] != 0) {
			i = (i + 1) & mask;
		}
		this.index[i] = row + 1;
	}

	private static int indexSize(int rows) {
		return Integer.highestOneBit(Math.max(rows * 3 / 2, 16) - 1) << 1;
	}

	private static int hash(long keyHigh, long keyLow) {
		long h = (keyHigh * 0x9E3779B97F4A7C15L) ^ keyLow;
		h *= 0xC2B2AE3D27D4EB4FL;
		return (int) (h ^ (h >>> 32));
	}

}

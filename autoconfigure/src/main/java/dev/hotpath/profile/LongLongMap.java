package dev.hotpath.profile;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} keys to {@code long} sums, for weights that
 * outgrow an {@code int} (bytes, nanoseconds). Adding to a key costs one probe sequence
 * and no allocation until the table grows.
 */
final class LongLongMap {

	private long[] keys;

	private long[] values;

	private boolean[] used;

	private int size;

	LongLongMap(int expected) {
		int capacity = Integer.highestOneBit(Math.max(expected * 2, 16) - 1) << 1;
		this.keys = new long[capacity];
		this.values = new long[capacity];
		this.used = new boolean[capacity];
	}

	/**
	 * Adds to a key's sum, starting from zero.
	 * @param key the key
	 * @param amount what to add
	 */
	void add(long key, long amount) {
		if (this.size * 2 >= this.keys.length) {
			grow();
		}
		int mask = this.keys.length - 1;
		for (int i = hash(key) & mask;; i = (i + 1) & mask) {
			if (!this.used[i]) {
				this.used[i] = true;
				this.keys[i] = key;
				this.values[i] = amount;
				this.size++;
				return;
			}
			if (this.keys[i] == key) {
				this.values[i] += amount;
				return;
			}
		}
	}

	/**
	 * Visits every entry.
	 * @param visitor receives each key and sum
	 */
	void forEach(Visitor visitor) {
		for (int i = 0; i < this.keys.length; i++) {
			if (this.used[i]) {
				visitor.entry(this.keys[i], this.values[i]);
			}
		}
	}

	private void grow() {
		long[] oldKeys = this.keys;
		long[] oldValues = this.values;
		boolean[] oldUsed = this.used;
		this.keys = new long[oldKeys.length * 2];
		this.values = new long[oldValues.length * 2];
		this.used = new boolean[oldUsed.length * 2];
		this.size = 0;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldUsed[i]) {
				add(oldKeys[i], oldValues[i]);
			}
		}
	}

	interface Visitor {

		void entry(long key, long value);

	}

	private static int hash(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

}

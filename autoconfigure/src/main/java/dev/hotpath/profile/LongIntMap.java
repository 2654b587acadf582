package dev.hotpath.profile;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} to non-negative {@code int}, for the hot inner
 * loops of tree building where boxed maps would allocate per lookup.
 */
final class LongIntMap {

	private static final int MISSING = -1;

	private long[] keys;

	private int[] values;

	private int size;

	LongIntMap(int expected) {
		int capacity = Integer.highestOneBit(Math.max(expected * 2, 16) - 1) << 1;
		this.keys = new long[capacity];
		this.values = new int[capacity];
		Arrays.fill(this.values, MISSING);
	}

	int get(long key) {
		int mask = this.keys.length - 1;
		for (int i = hash(key) & mask;; i = (i + 1) & mask) {
			if (this.values[i] == MISSING) {
				return MISSING;
			}
			if (this.keys[i] == key) {
				return this.values[i];
			}
		}
	}

	void put(long key, int value) {
		if (this.size * 2 >= this.keys.length) {
			grow();
		}
		int mask = this.keys.length - 1;
		for (int i = hash(key) & mask;; i = (i + 1) & mask) {
			if (this.values[i] == MISSING) {
				this.keys[i] = key;
				this.values[i] = value;
				this.size++;
				return;
			}
			if (this.keys[i] == key) {
				this.values[i] = value;
				return;
			}
		}
	}

	int size() {
		return this.size;
	}

	/**
	 * Visits every entry.
	 * @param visitor receives each key and value
	 */
	void forEach(Visitor visitor) {
		for (int i = 0; i < this.keys.length; i++) {
			if (this.values[i] != MISSING) {
				visitor.entry(this.keys[i], this.values[i]);
			}
		}
	}

	private void grow() {
		long[] oldKeys = this.keys;
		int[] oldValues = this.values;
		this.keys = new long[oldKeys.length * 2];
		this.values = new int[oldValues.length * 2];
		Arrays.fill(this.values, MISSING);
		this.size = 0;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldValues[i] != MISSING) {
				put(oldKeys[i], oldValues[i]);
			}
		}
	}

	interface Visitor {

		void entry(long key, int value);

	}

	/**
	 * Spreads a key's bits over an int; the open-addressing tables of this package share
	 * it.
	 */
	static int hash(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

}

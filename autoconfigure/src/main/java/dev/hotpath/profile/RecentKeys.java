package dev.hotpath.profile;

import java.util.Arrays;

/**
 * The most recent distinct 128-bit keys, each given a slot in {@code [0, capacity)} for
 * the caller's parallel arrays: a ring in insertion order with an open-addressing index,
 * so a lookup allocates nothing and an entry costs 16 bytes of key and at most 8 of index
 * rather than the boxed entries of a map. Once full, adding a key reuses the oldest key's
 * slot. The ring and its index grow with use up to the capacity.
 */
final class RecentKeys {

	static final int MISSING = -1;

	private static final int INITIAL = 1024;

	private final int capacity;

	private long[] high;

	private long[] low;

	/** Slot plus one of each key, or 0 where empty; at most half full. */
	private int[] index;

	/** The slot the next new key takes. */
	private int next;

	private int size;

	RecentKeys(int capacity) {
		this.capacity = Math.max(capacity, 1);
		int initial = Math.min(this.capacity, INITIAL);
		this.high = new long[initial];
		this.low = new long[initial];
		this.index = new int[tableSize(initial)];
	}

	/**
	 * The slot of a key.
	 * @return the slot, or {@link #MISSING} when the key is not among the recent ones
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
	 * Adds a key that is not present as the most recent one; once full, it takes the slot
	 * of the oldest key, which is forgotten.
	 * @return its slot, whose values in the caller's arrays belong to the key before it
	 */
	int add(long keyHigh, long keyLow) {
		if (this.next == this.high.length && this.high.length < this.capacity) {
			grow();
		}
		int slot = this.next;
		if (this.size == this.capacity) {
			remove(this.high[slot], this.low[slot]);
		}
		else {
			this.size++;
		}
		this.high[slot] = keyHigh;
		this.low[slot] = keyLow;
		insert(slot);
		this.next = (slot + 1 == this.capacity) ? 0 : slot + 1;
		return slot;
	}

	/** The number of slots in use so far: a caller sizes its parallel arrays by it. */
	int slots() {
		return this.high.length;
	}

	int size() {
		return this.size;
	}

	private void insert(int slot) {
		int mask = this.index.length - 1;
		int i = hash(this.high[slot], this.low[slot]) & mask;
		while (this.index[i] != 0) {
			i = (i + 1) & mask;
		}
		this.index[i] = slot + 1;
	}

	/** Removes a key from the index, shifting back the entries of its probe run. */
	private void remove(long keyHigh, long keyLow) {
		int mask = this.index.length - 1;
		int hole = hash(keyHigh, keyLow) & mask;
		while (this.index[hole] != 0) {
			int entry = this.index[hole] - 1;
			if (this.low[entry] == keyLow && this.high[entry] == keyHigh) {
				break;
			}
			hole = (hole + 1) & mask;
		}
		for (int i = (hole + 1) & mask; this.index[i] != 0; i = (i + 1) & mask) {
			int entry = this.index[i] - 1;
			int home = hash(this.high[entry], this.low[entry]) & mask;
			// the entry may fill the hole when its home is not in (hole, i], cyclically
			boolean homeAfterHole = (i > hole) ? (home > hole && home <= i) : (home > hole || home <= i);
			if (!homeAfterHole) {
				this.index[hole] = this.index[i];
				hole = i;
			}
		}
		this.index[hole] = 0;
	}

	private void grow() {
		int length = Math.min(this.high.length * 2, this.capacity);
		this.high = Arrays.copyOf(this.high, length);
		this.low = Arrays.copyOf(this.low, length);
		this.index = new int[tableSize(length)];
		for (int slot = 0; slot < this.size; slot++) {
			insert(slot);
		}
	}

	private static int tableSize(int slots) {
		return Integer.highestOneBit(Math.max(slots * 2, 16) - 1) << 1;
	}

	private static int hash(long keyHigh, long keyLow) {
		long h = (keyHigh * 0x9E3779B97F4A7C15L) ^ keyLow;
		h *= 0xC2B2AE3D27D4EB4FL;
		return (int) (h ^ (h >>> 32));
	}

}

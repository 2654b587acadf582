package dev.hotpath.profile;

/**
 * A fixed column of non-negative numbers, each stored in as many bits as the largest of
 * them needs: the form of a closed window's trees and tables, whose node ids, frame ids
 * and counts need 10 to 20 bits rather than the 32 or 64 of the arrays they are built in.
 * Immutable. A read costs a shift and a mask, two words when a value straddles them. A
 * negative value is kept whole, in 64 bits for every value of its column.
 */
final class PackedLongs {

	private static final long[] NO_WORDS = {};

	private final long[] words;

	private final int bits;

	private final long mask;

	private PackedLongs(long[] words, int bits) {
		this.words = words;
		this.bits = bits;
		this.mask = (bits == 64) ? -1L : (1L << bits) - 1;
	}

	/**
	 * Packs the first values of an array.
	 * @param values the values, none negative
	 * @param size how many
	 * @return the column
	 */
	static PackedLongs of(long[] values, int size) {
		long largest = 0;
		for (int i = 0; i < size; i++) {
			largest |= values[i];
		}
		PackedLongs packed = empty(size, largest);
		for (int i = 0; i < size; i++) {
			packed.set(i, values[i]);
		}
		return packed;
	}

	/**
	 * Packs the first values of an array with an offset added to each, so that a column
	 * whose smallest value is {@code -offset} can be packed.
	 * @param values the values, none below {@code -offset}
	 * @param size how many
	 * @param offset what to add to each; {@link #getInt} takes it away again
	 * @return the column
	 */
	static PackedLongs of(int[] values, int size, int offset) {
		long largest = 0;
		for (int i = 0; i < size; i++) {
			largest |= values[i] + (long) offset;
		}
		PackedLongs packed = empty(size, largest);
		for (int i = 0; i < size; i++) {
			packed.set(i, values[i] + (long) offset);
		}
		return packed;
	}

	/**
	 * The value at an index.
	 * @param index the index, below the packed size
	 * @return the value
	 */
	long get(int index) {
		if (this.bits == 0) {
			return 0;
		}
		long bit = (long) index * this.bits;
		int word = (int) (bit >>> 6);
		int shift = (int) (bit & 63);
		long value = this.words[word] >>> shift;
		if (shift + this.bits > 64) {
			value |= this.words[word + 1] << (64 - shift);
		}
		return value & this.mask;
	}

	/**
	 * The value at an index of a column packed with an offset.
	 * @param index the index
	 * @param offset the offset it was packed with
	 * @return the value less the offset
	 */
	int getInt(int index, int offset) {
		return (int) (get(index) - offset);
	}

	private void set(int index, long value) {
		if (this.bits == 0) {
			return;
		}
		long bit = (long) index * this.bits;
		int word = (int) (bit >>> 6);
		int shift = (int) (bit & 63);
		this.words[word] |= value << shift;
		if (shift + this.bits > 64) {
			this.words[word + 1] |= value >>> (64 - shift);
		}
	}

	private static PackedLongs empty(int size, long largest) {
		int bits = 64 - Long.numberOfLeadingZeros(largest);
		if (bits == 0) {
			return new PackedLongs(NO_WORDS, 0);
		}
		return new PackedLongs(new long[(int) (((long) size * bits + 63) >>> 6)], bits);
	}

}

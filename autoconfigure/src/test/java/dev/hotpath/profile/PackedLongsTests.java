package dev.hotpath.profile;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PackedLongsTests {

	@Test
	void givesBackEveryValueWhateverItsWidthAndWhereverItFallsInTheWords() {
		Random random = new Random(3);
		for (int bits = 1; bits <= 63; bits++) {
			long[] values = new long[200];
			for (int i = 0; i < values.length; i++) {
				values[i] = random.nextLong() >>> (64 - bits);
			}
			values[7] = (1L << bits) - 1;
			PackedLongs packed = PackedLongs.of(values, values.length);
			for (int i = 0; i < values.length; i++) {
				assertThat(packed.get(i)).as("%d bits, index %d", bits, i).isEqualTo(values[i]);
			}
		}
	}

	@Test
	void keepsNegativeAndLargestValuesWhole() {
		long[] values = { Long.MAX_VALUE, -1, 0, Long.MIN_VALUE, 42 };
		PackedLongs packed = PackedLongs.of(values, values.length);
		for (int i = 0; i < values.length; i++) {
			assertThat(packed.get(i)).isEqualTo(values[i]);
		}
	}

	@Test
	void packsIntsWithAnOffsetSoThatMinusOneFits() {
		int[] values = { -1, 0, 5, -1, 70_000, Integer.MAX_VALUE };
		PackedLongs packed = PackedLongs.of(values, values.length, 1);
		for (int i = 0; i < values.length; i++) {
			assertThat(packed.getInt(i, 1)).isEqualTo(values[i]);
		}
	}

	@Test
	void packsOnlyTheValuesAskedForAndAColumnOfZerosInNoWords() {
		long[] values = { 0, 0, 0, 99 };
		PackedLongs zeros = PackedLongs.of(values, 3);
		assertThat(zeros.get(0)).isZero();
		assertThat(zeros.get(2)).isZero();
	}

}

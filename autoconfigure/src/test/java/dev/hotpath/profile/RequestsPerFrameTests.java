package dev.hotpath.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestsPerFrameTests {

	@Test
	void answersTheSameOnceCompactedAndCountsOnAfter() {
		RequestsPerFrame counts = new RequestsPerFrame();
		for (int frame = 0; frame < 500; frame += 3) {
			counts.add(frame, frame % 17 + 1);
		}
		counts.add(300, 1000);
		counts.compact();
		for (int frame = 0; frame < 500; frame++) {
			int expected = (frame % 3 == 0) ? frame % 17 + 1 : 0;
			assertThat(counts.get(frame)).as("frame %d", frame).isEqualTo(expected + ((frame == 300) ? 1000 : 0));
		}
		assertThat(counts.get(Integer.MAX_VALUE)).isZero();
		counts.add(300, 1);
		counts.add(301, 2);
		assertThat(counts.get(300)).isEqualTo(300 % 17 + 1 + 1001);
		assertThat(counts.get(301)).isEqualTo(2);
	}

	@Test
	void addsCompactedCountsToAnother() {
		RequestsPerFrame older = new RequestsPerFrame();
		older.add(4, 2);
		older.add(9, 1);
		older.compact();
		RequestsPerFrame merged = new RequestsPerFrame();
		merged.add(4, 1);
		merged.addAll(older);
		assertThat(merged.get(4)).isEqualTo(3);
		assertThat(merged.get(9)).isEqualTo(1);
		assertThat(merged.get(5)).isZero();
	}

}

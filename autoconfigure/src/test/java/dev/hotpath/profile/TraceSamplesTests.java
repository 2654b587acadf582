package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ring of samples kept with their trace ids, read from a recent moment on: rows come
 * in chunk order, not time order, and the ring goes round.
 */
class TraceSamplesTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	private static final long RETENTION_MILLIS = 600_000;

	private static final int[] STACK = { 1, 2, 3 };

	@Test
	void visitsEveryRowOfATraceTakenSinceAMomentThoughRowsComeOutOfTimeOrder() {
		TraceSamples traces = new TraceSamples(100_000, RETENTION_MILLIS, 1024);
		List<long[]> written = write(traces, 20_000, new Random(7));
		for (long since = NOW_MILLIS - 510_000; since < NOW_MILLIS; since += 7_000) {
			for (long trace = 1; trace <= 5; trace++) {
				assertThat(visited(traces, trace, since)).containsExactlyElementsOf(expected(written, trace, since, 0));
			}
		}
	}

	@Test
	void visitsOnlyTheRowsStillInTheRingOnceItHasGoneRound() {
		TraceSamples traces = new TraceSamples(3000, RETENTION_MILLIS, 1024);
		List<long[]> written = write(traces, 10_000, new Random(11));
		for (long since = NOW_MILLIS - 510_000; since < NOW_MILLIS; since += 7_000) {
			for (long trace = 1; trace <= 5; trace++) {
				assertThat(visited(traces, trace, since))
					.containsExactlyElementsOf(expected(written, trace, since, 10_000 - 3000));
			}
		}
	}

	@Test
	void freesThePagesOlderThanTheRetentionAndStillAnswersEveryRetainedRow() {
		long retention = 120_000;
		TraceSamples traces = new TraceSamples(100_000, retention, 1024);
		List<long[]> written = write(traces, 20_000, new Random(13));
		assertThat(traces.pagesHeld()).isEqualTo(3);
		traces.expire(NOW_MILLIS);
		assertThat(traces.pagesHeld()).as("the first page's rows are all older than the retention").isEqualTo(2);
		for (long trace = 1; trace <= 5; trace++) {
			assertThat(visited(traces, trace, NOW_MILLIS - 400_000))
				.containsExactlyElementsOf(expected(written, trace, NOW_MILLIS - retention, 0));
		}
		assertThat(traces.retainedSince(NOW_MILLIS)).isEqualTo(NOW_MILLIS - retention);
	}

	/**
	 * Writes rows the way chunks arrive: time moves on chunk by chunk, each chunk's rows
	 * in no particular order, and now and then a row that waited a round for its span
	 * comes late with an older time. Returns each row's time and trace.
	 */
	private List<long[]> write(TraceSamples traces, int rows, Random random) {
		List<long[]> written = new ArrayList<>();
		long chunkStart = NOW_MILLIS - 500_000;
		for (int i = 0; i < rows; i++) {
			if (i % 400 == 0) {
				chunkStart += 10_000;
			}
			long time = chunkStart + random.nextInt(10_000);
			if (random.nextInt(50) == 0) {
				time -= 30_000;
			}
			long trace = 1 + random.nextInt(5);
			traces.add(time, 0, trace, 100 + i, 0, 0, null, "worker", "/orders", ProfileType.CPU, STACK, i);
			written.add(new long[] { time, trace });
		}
		return written;
	}

	/** The weights (each row's index) of a trace's rows visited since a moment. */
	private List<Long> visited(TraceSamples traces, long trace, long sinceMillis) {
		List<Long> weights = new ArrayList<>();
		traces.forTrace(0, trace, sinceMillis, NOW_MILLIS,
				(timeMillis, spanId, parent, spanName, thread, endpoint, type, stack, weight) -> {
					assertThat(stack).containsExactly(STACK);
					assertThat(timeMillis).isGreaterThanOrEqualTo(sinceMillis);
					weights.add(weight);
				});
		return weights;
	}

	private List<Long> expected(List<long[]> written, long trace, long sinceMillis, int firstRetained) {
		List<Long> weights = new ArrayList<>();
		for (int i = firstRetained; i < written.size(); i++) {
			if (written.get(i)[1] == trace && written.get(i)[0] >= sinceMillis) {
				weights.add((long) i);
			}
		}
		return weights;
	}

}

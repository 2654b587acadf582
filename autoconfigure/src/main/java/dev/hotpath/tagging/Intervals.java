package dev.hotpath.tagging;

import one.profiler.Recording;
import one.profiler.Span;

/**
 * Ends span intervals in the recording. {@link Span#endIfProfiled} skips an interval in
 * which no sample of its thread was recorded, which keeps span events bounded by samples,
 * but it only sees samples taken on the thread itself: async-profiler records the
 * wall-clock samples of a waiting thread in batches from its own timer thread, so a
 * request that only waited would lose its interval. Intervals of a millisecond or more
 * are therefore always written; shorter ones only when the thread was sampled.
 */
final class Intervals {

	private static final double ALWAYS_WRITTEN_SECONDS = 0.001;

	private Intervals() {
	}

	/**
	 * Ends an interval. Allocation-free; a few tens of nanoseconds for a short interval
	 * without samples.
	 * @param start the value of {@link Span#start()}, or 0 when the recording was off
	 * @param tag the interval's tag, a string that is not built per call
	 */
	static void end(long start, String tag) {
		if (start == 0) {
			return;
		}
		long frequency = Recording.clockFrequency();
		if (frequency > 0 && (Recording.timestamp() - start) >= frequency * ALWAYS_WRITTEN_SECONDS) {
			Span.end(start, tag);
		}
		else {
			Span.endIfProfiled(start, tag);
		}
	}

}

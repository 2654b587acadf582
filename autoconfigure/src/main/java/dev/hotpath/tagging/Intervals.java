package dev.hotpath.tagging;

import one.profiler.Recording;
import one.profiler.Span;

/**
 * Starts and ends span intervals. While async-profiler records, an interval is a span
 * event in the recording: its start is the recording's timestamp, and
 * {@link Span#endIfProfiled} skips an interval in which no sample of its thread was
 * recorded, which keeps span events bounded by samples. It only sees samples taken on the
 * thread itself, though: async-profiler records the wall-clock samples of a waiting
 * thread in batches from its own timer thread, so a request that only waited would lose
 * its interval. Intervals of a millisecond or more are therefore always written; shorter
 * ones only when the thread was sampled.
 * <p>
 * While async-profiler does not record (the JDK Flight Recorder samples instead, or
 * nothing does), an interval lives only in the logs: its start is a {@linkplain #logged
 * logged start}, {@link System#nanoTime()} with the sign bit set, so that it is never 0,
 * never mistaken for a recording timestamp, and never ends a span event in a recording
 * that started after it. The chunk processor's {@code LoggedIntervals} turns such starts
 * back into times; the two must agree on this encoding.
 */
final class Intervals {

	private static final double ALWAYS_WRITTEN_SECONDS = 0.001;

	private Intervals() {
	}

	/**
	 * Starts an interval on the current thread. Allocation-free.
	 * @return the recording's timestamp while async-profiler records, else a logged start
	 */
	static long start() {
		long start = Span.start();
		return (start != 0) ? start : System.nanoTime() | Long.MIN_VALUE;
	}

	/**
	 * Whether an interval's start is a logged start rather than a recording timestamp.
	 * @param start a value of {@link #start()}
	 * @return whether the interval lives in the logs only
	 */
	static boolean logged(long start) {
		return start < 0;
	}

	/**
	 * The time an interval ends at if it ends now, in the clock of its start.
	 * Allocation-free.
	 * @param start the value of {@link #start()}, or 0 when there is no interval
	 * @return the recording's timestamp for a recorded start, {@link System#nanoTime()}
	 * for a logged one, 0 for none
	 */
	static long now(long start) {
		if (start == 0) {
			return 0;
		}
		return logged(start) ? System.nanoTime() : Recording.timestamp();
	}

	/**
	 * Ends an interval at a time taken with {@link #now(long)}, so that the span event
	 * and a log row agree on it. Allocation-free.
	 * @param start the value of {@link #start()}, or 0 when there is no interval
	 * @param end the value of {@link #now(long)}
	 * @param tag the interval's tag, a string that is not built per call
	 */
	static void end(long start, long end, String tag) {
		if (start == 0 || logged(start)) {
			return;
		}
		long frequency = Recording.clockFrequency();
		if (frequency > 0 && (end - start) >= frequency * ALWAYS_WRITTEN_SECONDS) {
			Span.emit(start, end, tag);
		}
		else {
			Span.emitIfProfiled(start, end, tag);
		}
	}

	/**
	 * Ends an interval. Allocation-free; a few tens of nanoseconds for a short interval
	 * without samples.
	 * @param start the value of {@link #start()}, or 0 when there is no interval
	 * @param tag the interval's tag, a string that is not built per call
	 */
	static void end(long start, String tag) {
		end(start, now(start), tag);
	}

}

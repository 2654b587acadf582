package dev.hotpath.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Span intervals built from the tagging logs instead of read from the recording, for
 * chunks of the JDK Flight Recorder, which has no span events. The tagging code starts an
 * interval with a <em>logged start</em> whenever async-profiler does not record:
 * {@link System#nanoTime()} with the sign bit set, so that it is never 0 and never equal
 * to a recording timestamp. A request row has its start and duration, a scope row its
 * start and end, and both the Java thread id of their thread, which is what the JDK
 * Flight Recorder names sampled threads by.
 * <p>
 * The JDK Flight Recorder stamps events in epoch nanoseconds, anchored to the wall clock
 * at the start of each of its chunks; the logs use the monotonic {@code nanoTime}. Each
 * round measures the offset between the two once, when the logs are drained, so the
 * monotonic clock's drift against the wall clock never accumulates past a round. Interval
 * edges then agree with sample times to about a millisecond (the precision of the JDK's
 * anchor), far below the sampling period.
 */
final class LoggedIntervals {

	private final LongSupplier offset;

	private final List<SpanInterval> intervals = new ArrayList<>();

	private long roundOffset;

	/**
	 * Creates an empty set of intervals.
	 * @param offset epoch nanoseconds minus {@link System#nanoTime()}, measured now
	 */
	LoggedIntervals(LongSupplier offset) {
		this.offset = offset;
	}

	/** The offset between the wall clock and {@code nanoTime}, measured now. */
	static long systemOffset() {
		long before = System.nanoTime();
		Instant now = Instant.now();
		long after = System.nanoTime();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano() - (before + (after - before) / 2);
	}

	/**
	 * Whether an interval's start was logged rather than taken from the recording.
	 * @param spanStart the interval's start as logged
	 * @return whether the interval exists only in the logs
	 */
	static boolean logged(long spanStart) {
		return spanStart < 0;
	}

	/** Measures the clocks' offset for the rows drained in this round. */
	void beginRound() {
		this.intervals.clear();
		this.roundOffset = this.offset.getAsLong();
	}

	/**
	 * Adds a request's interval if it was logged.
	 * @param spanStart its start as logged
	 * @param durationNanos how long it took
	 * @param threadId the Java thread id that served it
	 * @param endpoint its endpoint
	 */
	void request(long spanStart, long durationNanos, long threadId, String endpoint) {
		if (logged(spanStart) && threadId != 0) {
			long start = epochNanos(spanStart);
			this.intervals.add(new SpanInterval(spanStart, start, start + durationNanos, (int) threadId, endpoint));
		}
	}

	/**
	 * Adds a scope's interval if it was logged.
	 * @param spanStart its start as logged
	 * @param end the {@code nanoTime} at which it ended
	 * @param threadId the Java thread id that worked in it
	 */
	void scope(long spanStart, long end, long threadId) {
		if (logged(spanStart) && end != 0 && threadId != 0) {
			this.intervals.add(new SpanInterval(spanStart, epochNanos(spanStart), end + this.roundOffset,
					(int) threadId, SpanInterval.SCOPE_TAG));
		}
	}

	/** The intervals logged since this round began. */
	List<SpanInterval> intervals() {
		return this.intervals;
	}

	private long epochNanos(long spanStart) {
		return (spanStart & Long.MAX_VALUE) + this.roundOffset;
	}

}

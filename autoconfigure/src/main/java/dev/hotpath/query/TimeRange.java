package dev.hotpath.query;

import java.time.Instant;

/**
 * A half-open range of time in epoch milliseconds; {@link #ALL} covers everything
 * retained.
 *
 * @param fromMillis the start, inclusive
 * @param toMillis the end, exclusive
 */
public record TimeRange(long fromMillis, long toMillis) {

	/** Everything retained. */
	public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

	public TimeRange {
		if (fromMillis > toMillis) {
			throw new IllegalArgumentException("from must not be after to");
		}
	}

	Instant from(long fallback) {
		return Instant.ofEpochMilli((this.fromMillis != Long.MIN_VALUE) ? this.fromMillis : fallback);
	}

	Instant to(long fallback) {
		return Instant.ofEpochMilli((this.toMillis != Long.MAX_VALUE) ? this.toMillis : fallback);
	}

}

package dev.hotpath.export.push;

import java.time.Duration;

/**
 * How profiles are pushed.
 *
 * @param period the time between two pushes
 * @param timeout the time to connect, and to wait for a response, per request
 * @param maxRetries how often a request is repeated after 429, a 5xx status or an I/O
 * error
 * @param backoff the wait before the first retry; it doubles with each further one, up to
 * the period
 * @param buffer how many profiles wait for one backend at most, besides the one being
 * sent; the oldest is dropped beyond it
 * @param window the profile's window: pushed time ranges start and end on its multiples,
 * so that every window is pushed once
 */
public record PushSettings(Duration period, Duration timeout, int maxRetries, Duration backoff, int buffer,
		Duration window) {

	public PushSettings {
		requirePositive(period, "period");
		requirePositive(timeout, "timeout");
		requirePositive(window, "window");
		if (backoff.isNegative()) {
			throw new IllegalArgumentException("backoff must not be negative");
		}
		if (maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must not be negative");
		}
		if (buffer < 1) {
			throw new IllegalArgumentException("buffer must be at least 1");
		}
	}

	/**
	 * The wait before a retry.
	 * @param retry the retry's number, from 1
	 * @return the backoff doubled for each retry before it, at most the period
	 */
	Duration backoff(int retry) {
		long millis = this.backoff.toMillis() << Math.min(retry - 1, 20);
		return Duration.ofMillis(Math.min(millis, this.period.toMillis()));
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

}

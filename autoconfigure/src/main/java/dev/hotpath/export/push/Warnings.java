package dev.hotpath.export.push;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Logs a failure at WARN at most once per interval, so that a backend that stays down
 * does not flood the log; the failures in between go to DEBUG and are counted into the
 * next warning. Used by one thread only.
 */
final class Warnings {

	private static final System.Logger logger = System.getLogger(ProfilePusher.class.getName());

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private boolean warned;

	private long lastWarningNanos;

	private long suppressed;

	Warnings(Duration interval, LongSupplier nanoTime) {
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Logs a failure.
	 * @param message what failed and why
	 * @return whether it was logged at WARN
	 */
	boolean warn(String message) {
		long now = this.nanoTime.getAsLong();
		if (this.warned && now - this.lastWarningNanos < this.intervalNanos) {
			this.suppressed++;
			logger.log(Level.DEBUG, message);
			return false;
		}
		String similar = (this.suppressed > 0)
				? " (%d similar failures since the last warning)".formatted(this.suppressed) : "";
		logger.log(Level.WARNING, message + similar);
		this.warned = true;
		this.lastWarningNanos = now;
		this.suppressed = 0;
		return true;
	}

}

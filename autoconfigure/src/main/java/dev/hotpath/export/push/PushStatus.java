package dev.hotpath.export.push;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * What became of the profiles pushed to one backend, counted since the start. Safe to
 * read from any thread, for meters or a health check; only the push thread writes it.
 */
public final class PushStatus {

	private final String backend;

	private final AtomicLong pushed = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong retried = new AtomicLong();

	private volatile int pending;

	private volatile @Nullable String lastError;

	PushStatus(String backend) {
		this.backend = backend;
	}

	/**
	 * The backend's name.
	 * @return the name
	 */
	public String backend() {
		return this.backend;
	}

	/**
	 * Profiles the backend accepted.
	 * @return the count
	 */
	public long pushed() {
		return this.pushed.get();
	}

	/**
	 * Profiles given up on: refused by the backend, or still failing after every retry.
	 * @return the count
	 */
	public long failed() {
		return this.failed.get();
	}

	/**
	 * Profiles dropped unsent because the buffer was full while the backend was slow or
	 * down; the oldest go first.
	 * @return the count
	 */
	public long dropped() {
		return this.dropped.get();
	}

	/**
	 * Requests sent again after a failure that may pass.
	 * @return the count
	 */
	public long retried() {
		return this.retried.get();
	}

	/**
	 * Profiles waiting to be sent, not counting the one being sent; never more than the
	 * buffer.
	 * @return the count
	 */
	public int pending() {
		return this.pending;
	}

	/**
	 * Why the last profile given up on failed.
	 * @return the reason, or {@code null} before the first failure
	 */
	public @Nullable String lastError() {
		return this.lastError;
	}

	void recordPushed() {
		this.pushed.incrementAndGet();
	}

	void recordFailure(String reason) {
		this.lastError = reason;
		this.failed.incrementAndGet();
	}

	void recordDropped() {
		this.dropped.incrementAndGet();
	}

	void recordRetry() {
		this.retried.incrementAndGet();
	}

	void recordPending(int pending) {
		this.pending = pending;
	}

	@Override
	public String toString() {
		return "PushStatus[backend=%s, pushed=%d, failed=%d, dropped=%d, retried=%d, pending=%d]"
			.formatted(this.backend, pushed(), failed(), dropped(), retried(), this.pending);
	}

}

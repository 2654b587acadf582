package dev.hotpath.profile;

/**
 * The time one thread worked inside one request span (tagged with the endpoint) or one
 * scope (tagged {@value #SCOPE_TAG}), as written into the recording.
 *
 * @param spanStart the recording timestamp at which the span began; with the endpoint, it
 * identifies the span's entry in the request log
 * @param startNanos when the span began, in epoch nanoseconds
 * @param endNanos when it ended, in epoch nanoseconds
 * @param tid the recording's thread id
 * @param endpoint the span's tag: its endpoint's name
 */
record SpanInterval(long spanStart, long startNanos, long endNanos, int tid, String endpoint) {

	/** The tag of scope intervals, in which a thread worked for a span of any request. */
	static final String SCOPE_TAG = "[scope]";

	/** Whether this is a scope interval rather than a request's own. */
	boolean scope() {
		return SCOPE_TAG.equals(this.endpoint);
	}

	boolean encloses(long timeNanos) {
		return this.startNanos <= timeNanos && timeNanos <= this.endNanos;
	}

}

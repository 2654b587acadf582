package dev.hotpath.profile;

/**
 * Where completed requests come from: the request log filled by the request threads.
 */
@FunctionalInterface
public interface RequestSource {

	/**
	 * Hands every request completed since the last drain to the sink.
	 * @param sink receives the requests
	 */
	void drain(Sink sink);

	/** Requests lost before they could be drained, since the start; none by default. */
	default long dropped() {
		return 0;
	}

	/**
	 * Requests that went to the overflow endpoint because of the endpoint cap; none by
	 * default.
	 */
	default long endpointsOverflowed() {
		return 0;
	}

	/**
	 * Receives completed requests.
	 */
	@FunctionalInterface
	interface Sink {

		/**
		 * One completed request.
		 * @param endpoint its endpoint's name
		 * @param spanStart the recording timestamp at which its span began, or 0
		 * @param startEpochMillis when it began
		 * @param durationNanos how long it took
		 * @param status the response status
		 * @param traceIdHigh trace id, high 64 bits
		 * @param traceIdLow trace id, low 64 bits
		 * @param spanId span id
		 */
		void request(String endpoint, long spanStart, long startEpochMillis, long durationNanos, int status,
				long traceIdHigh, long traceIdLow, long spanId);

	}

}

package dev.hotpath.profile;

/**
 * Where completed requests come from: the request log filled by the request threads.
 */
public interface RequestSource {

	/** No requests, for tests and applications without a web server. */
	RequestSource NONE = new RequestSource() {

		@Override
		public void drain(Sink sink) {
		}

		@Override
		public long dropped() {
			return 0;
		}

		@Override
		public long endpointsOverflowed() {
			return 0;
		}

	};

	/**
	 * Hands every request completed since the last drain to the sink.
	 * @param sink receives the requests
	 */
	void drain(Sink sink);

	/** Requests lost before they could be drained, since the start. */
	long dropped();

	/** Requests that went to the overflow endpoint because of the endpoint cap. */
	long endpointsOverflowed();

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

package dev.hotpath.profile;

/**
 * Receives recent completed requests.
 */
@FunctionalInterface
public interface RecentRequestVisitor {

	/**
	 * One request.
	 * @param endMillis when it ended, in epoch milliseconds
	 * @param durationNanos its latency
	 * @param spanId its span id: the request's server span or a job's root span, the
	 * local root of the samples taken for it
	 * @param endpoint its endpoint
	 */
	void request(long endMillis, long durationNanos, long spanId, String endpoint);

}

package dev.hotpath.profile;

import org.jspecify.annotations.Nullable;

/**
 * Receives the recent samples of one trace.
 */
@FunctionalInterface
public interface TraceSampleVisitor {

	/**
	 * One sample.
	 * @param timeMillis when it was taken
	 * @param spanId the span its thread worked for
	 * @param parentSpanId that span's parent, or 0 when unknown or none
	 * @param spanName the span's name, or empty when the tracer does not say
	 * @param thread the thread's name
	 * @param endpoint the endpoint it was attributed to, or empty when none
	 * @param type its profile type
	 * @param stack its frame ids, root first
	 * @param weight its weight
	 */
	void sample(long timeMillis, long spanId, long parentSpanId, String spanName, String thread,
			@Nullable String endpoint, ProfileType type, int[] stack, long weight);

}

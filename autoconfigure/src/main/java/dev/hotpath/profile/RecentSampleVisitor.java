package dev.hotpath.profile;

import org.jspecify.annotations.Nullable;

/**
 * Receives recent samples taken for spans, with their trace ids.
 */
@FunctionalInterface
public interface RecentSampleVisitor {

	/**
	 * One sample.
	 * @param timeMillis when it was taken
	 * @param traceIdHigh its trace id's high bits
	 * @param traceIdLow its trace id's low bits
	 * @param spanId the span its thread worked for
	 * @param rootSpanId that span's local root (the request's server span, a job's root),
	 * or 0 when not known
	 * @param spanName the span's name, or empty when the tracer does not say
	 * @param thread the thread's name
	 * @param endpoint the endpoint it was attributed to, or empty when none
	 * @param type its profile type
	 * @param stack its frame ids, root first
	 * @param weight its weight
	 */
	void sample(long timeMillis, long traceIdHigh, long traceIdLow, long spanId, long rootSpanId, String spanName,
			String thread, @Nullable String endpoint, ProfileType type, int[] stack, long weight);

}

package dev.hotpath.export;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hotpath.profile.ProfileType;

/**
 * A profile copied out of the store, ready to encode in any format: its own frame
 * dictionary and its samples, each with its stack, value and labels. It holds no
 * reference to the store, so it can be encoded and sent without the store's lock.
 *
 * @param startMillis the start of the time covered, epoch milliseconds
 * @param endMillis the end of the time covered, epoch milliseconds
 * @param cpuIntervalNanos the CPU time one CPU sample stands for
 * @param wallIntervalNanos the time one wall-clock sample stands for
 * @param types the profile types it holds, each with its values even when it has no
 * sample
 * @param frames the frame names; a sample's stack holds indexes into this list
 * @param samples the samples
 * @param attributes what describes the application: {@code service.name},
 * {@code service.version}, {@code vcs.ref.head.revision} where known
 */
public record ExportedProfile(long startMillis, long endMillis, long cpuIntervalNanos, long wallIntervalNanos,
		Set<ProfileType> types, List<String> frames, List<Sample> samples, Map<String, String> attributes) {

	/**
	 * One sample, or several with the same stack and labels added up.
	 *
	 * @param type its profile type
	 * @param stack indexes into {@link ExportedProfile#frames()}, root first
	 * @param value nanoseconds for cpu, wall and lock, bytes for alloc
	 * @param count how many samples it stands for
	 * @param traceIdHigh its trace id's high bits, 0 with {@code traceIdLow} when it was
	 * taken for no known trace
	 * @param traceIdLow its trace id's low bits
	 * @param spanId the span its thread worked for, or 0
	 * @param spanName the route template of its endpoint for a request's samples, else
	 * the span's name, or empty
	 * @param endpoint the endpoint it was attributed to ({@code GET /owners/{id}}), or
	 * empty for background work
	 * @param thread the thread's name, or its pool's ({@code http-nio-8080-exec-*})
	 * @param rootSpanId the local root of the span: the request's server span or a job's
	 * root span, or 0 when not known
	 */
	public record Sample(ProfileType type, int[] stack, long value, long count, long traceIdHigh, long traceIdLow,
			long spanId, String spanName, String endpoint, String thread, long rootSpanId) {

		/**
		 * A sample whose span's local root is not known.
		 * @param type its profile type
		 * @param stack indexes into the frames, root first
		 * @param value nanoseconds for cpu, wall and lock, bytes for alloc
		 * @param count how many samples it stands for
		 * @param traceIdHigh its trace id's high bits
		 * @param traceIdLow its trace id's low bits
		 * @param spanId the span its thread worked for, or 0
		 * @param spanName the route template or span name, or empty
		 * @param endpoint its endpoint, or empty
		 * @param thread its thread or thread pool
		 */
		public Sample(ProfileType type, int[] stack, long value, long count, long traceIdHigh, long traceIdLow,
				long spanId, String spanName, String endpoint, String thread) {
			this(type, stack, value, count, traceIdHigh, traceIdLow, spanId, spanName, endpoint, thread, 0);
		}

	}

}

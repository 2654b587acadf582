package dev.hotpath.profile;

import org.jspecify.annotations.Nullable;

/**
 * Where completed requests and the scope intervals of every thread come from: the logs
 * filled by the tagging code.
 */
@FunctionalInterface
public interface RequestSource {

	/** The kind of an HTTP route endpoint. */
	String ROUTE = "route";

	/** The kind of the actuator's own endpoints. */
	String MANAGEMENT = "management";

	/** The kind of a job: work outside HTTP requests in a root span. */
	String JOB = "job";

	/**
	 * Hands every request completed since the last drain to the sink.
	 * @param sink receives the requests
	 */
	void drain(Sink sink);

	/**
	 * Hands every scope interval closed since the last drain to the sink; none by
	 * default.
	 * @param sink receives the intervals
	 */
	default void drainScopes(ScopeSink sink) {
	}

	/** Requests lost before they could be drained, since the start; none by default. */
	default long dropped() {
		return 0;
	}

	/** Scope intervals lost before they could be drained; none by default. */
	default long scopesDropped() {
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
		 * @param kind its endpoint's kind: {@link #ROUTE}, {@link #MANAGEMENT} or
		 * {@link #JOB}
		 * @param spanStart the recording timestamp at which its span began, or 0
		 * @param startEpochMillis when it began
		 * @param durationNanos how long it took
		 * @param status the response status
		 * @param traceIdHigh trace id, high 64 bits
		 * @param traceIdLow trace id, low 64 bits
		 * @param spanId span id
		 */
		void request(String endpoint, String kind, long spanStart, long startEpochMillis, long durationNanos,
				int status, long traceIdHigh, long traceIdLow, long spanId);

		/**
		 * One completed request with the thread that served it, which a sink that builds
		 * intervals from the logs needs; by default the thread is ignored.
		 * @param endpoint its endpoint's name
		 * @param kind its endpoint's kind
		 * @param spanStart its interval's start: a recording timestamp, a
		 * {@linkplain LoggedIntervals logged start}, or 0
		 * @param startEpochMillis when it began
		 * @param durationNanos how long it took
		 * @param status the response status
		 * @param traceIdHigh trace id, high 64 bits
		 * @param traceIdLow trace id, low 64 bits
		 * @param spanId span id
		 * @param threadId the Java thread id of the thread that served it
		 */
		default void request(String endpoint, String kind, long spanStart, long startEpochMillis, long durationNanos,
				int status, long traceIdHigh, long traceIdLow, long spanId, long threadId) {
			request(endpoint, kind, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow,
					spanId);
		}

	}

	/**
	 * Receives closed scope intervals.
	 */
	@FunctionalInterface
	interface ScopeSink {

		/**
		 * One interval in which a thread worked for a span.
		 * @param spanStart the recording timestamp at which it began
		 * @param traceIdHigh trace id, high 64 bits
		 * @param traceIdLow trace id, low 64 bits
		 * @param spanId span id
		 * @param parentSpanId the parent span's id, or 0 when unknown or none
		 * @param spanName the span's name, or {@code null}
		 * @param root whether the span is a root in this process
		 * @param job whether the span roots a job, whose endpoint is known when it ends
		 */
		void scope(long spanStart, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId,
				@Nullable String spanName, boolean root, boolean job);

		/**
		 * One interval with its end and thread, which a sink that builds intervals from
		 * the logs needs; by default these are ignored.
		 * @param spanStart its start: a recording timestamp or a
		 * {@linkplain LoggedIntervals logged start}
		 * @param traceIdHigh trace id, high 64 bits
		 * @param traceIdLow trace id, low 64 bits
		 * @param spanId span id
		 * @param parentSpanId the parent span's id, or 0 when unknown or none
		 * @param spanName the span's name, or {@code null}
		 * @param root whether the span is a root in this process
		 * @param job whether the span roots a job
		 * @param end the {@link System#nanoTime()} at which a logged interval ended, else
		 * the recording's timestamp at which it ended
		 * @param threadId the Java thread id of the thread that worked in it
		 */
		default void scope(long spanStart, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId,
				@Nullable String spanName, boolean root, boolean job, long end, long threadId) {
			scope(spanStart, traceIdHigh, traceIdLow, spanId, parentSpanId, spanName, root, job);
		}

	}

}

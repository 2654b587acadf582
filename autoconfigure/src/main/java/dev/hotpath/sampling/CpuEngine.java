package dev.hotpath.sampling;

/**
 * How async-profiler takes CPU samples.
 */
public enum CpuEngine {

	/**
	 * Linux perf_events, with async-profiler falling back to {@link #CTIMER} where they
	 * are not allowed: the most precise, and the most costly where threads switch often.
	 */
	PERF("cpu"),

	/** A per-thread CPU-time timer: no perf_events needed. */
	CTIMER("ctimer"),

	/**
	 * One process-wide CPU-time timer (setitimer): the cheapest, and the least even
	 * across threads.
	 */
	ITIMER("itimer");

	private final String event;

	CpuEngine(String event) {
		this.event = event;
	}

	/** The async-profiler event name. */
	String event() {
		return this.event;
	}

}

package dev.hotpath.sampling;

/**
 * How async-profiler takes CPU samples.
 */
public enum CpuEngine {

	/**
	 * Linux perf_events, with async-profiler falling back to {@link #CTIMER} where they
	 * are not allowed.
	 */
	PERF("cpu"),

	/** A per-thread CPU-time timer: no perf_events needed. */
	CTIMER("ctimer"),

	/**
	 * One process-wide CPU-time timer (setitimer); a signal lands on whichever thread is
	 * running, so threads are sampled less evenly.
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

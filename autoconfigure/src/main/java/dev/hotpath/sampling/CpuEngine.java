package dev.hotpath.sampling;

import java.util.Locale;

/**
 * How async-profiler takes CPU samples.
 */
public enum CpuEngine {

	/**
	 * Linux perf_events, with async-profiler falling back to {@link #CTIMER} where they
	 * are not allowed. Records kernel frames where the kernel allows it; on the demo it
	 * took no less CPU per request than {@link #CTIMER} (docs/performance.md).
	 */
	PERF("cpu", "perf events"),

	/**
	 * A per-thread CPU-time timer ({@code timer_create}): no perf_events needed. The
	 * default. Linux only: elsewhere async-profiler has no such timer, and
	 * {@link #ITIMER} stands in.
	 */
	CTIMER("ctimer", "ctimer"),

	/**
	 * One process-wide CPU-time timer (setitimer); a signal lands on whichever thread is
	 * running, so threads are sampled less evenly.
	 */
	ITIMER("itimer", "itimer");

	/** The engine Hotpath samples CPU time with unless told otherwise. */
	public static final CpuEngine DEFAULT = CTIMER;

	private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

	private final String event;

	private final String label;

	CpuEngine(String event, String label) {
		this.event = event;
		this.label = label;
	}

	/** The async-profiler event name, on this platform. */
	String event() {
		return (this == CTIMER && !LINUX) ? ITIMER.event : this.event;
	}

	/**
	 * What the status calls this engine, on this platform, or {@code null} for the
	 * default where it runs as itself.
	 */
	String label() {
		if (this == CTIMER) {
			return LINUX ? null : ITIMER.label + ": no ctimer on this platform";
		}
		return this.label;
	}

}

package dev.hotpath.sampling;

/**
 * Which engine takes the samples.
 */
public enum SamplingEngine {

	/**
	 * async-profiler, falling back to the JDK Flight Recorder where async-profiler cannot
	 * load (Windows, an unsupported architecture or C library, a read-only temporary
	 * directory).
	 */
	AUTO,

	/** async-profiler only: where it cannot load, no samples are taken. */
	ASYNC_PROFILER,

	/**
	 * The JDK Flight Recorder's method sampling only: Java frames of threads running Java
	 * code, no native frames, no wall-clock, lock or allocation samples.
	 */
	JFR

}

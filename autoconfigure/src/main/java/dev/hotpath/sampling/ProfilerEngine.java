package dev.hotpath.sampling;

/**
 * The native sampling engine behind the {@link Sampler}; async-profiler in production, a
 * fake in tests that need the engine to fail.
 */
interface ProfilerEngine {

	String name();

	String version();

	/**
	 * Runs an engine command such as {@code start,…} or {@code stop}.
	 * @param command the command
	 * @return what the engine answered
	 * @throws Exception when the engine refuses
	 */
	String execute(String command) throws Exception;

	/** Samples taken in the current session. */
	long samples();

	/** Puts the current thread into the wall-clock filter. Cheap, allocation-free. */
	void addCurrentThread();

	/** Puts another thread into the wall-clock filter. */
	void addThread(Thread thread);

	/** Takes the current thread out of the wall-clock filter. Cheap, allocation-free. */
	void removeCurrentThread();

	/**
	 * Loads an engine; may fail with any {@link Throwable} (an unsupported platform
	 * throws {@link UnsupportedOperationException}, a library that cannot link
	 * {@link UnsatisfiedLinkError}).
	 */
	@FunctionalInterface
	interface Loader {

		ProfilerEngine load() throws Throwable;

	}

}

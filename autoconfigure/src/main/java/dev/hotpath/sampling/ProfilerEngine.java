package dev.hotpath.sampling;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The sampling engine behind the {@link Sampler}: async-profiler, the JDK Flight Recorder
 * where async-profiler cannot load, a fake in tests that need the engine to fail.
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

	/**
	 * Starts recording one chunk into a file; async-profiler's start command by default.
	 * @param settings what to sample
	 * @param file where the chunk goes
	 * @param wall whether wall-clock samples are taken; the sampler leaves them out while
	 * the application is idle
	 * @throws Exception when the engine refuses
	 */
	default void startChunk(SamplerSettings settings, Path file, boolean wall) throws Exception {
		execute(settings.startCommand(file, wall));
	}

	/**
	 * Stops the current chunk, leaving its file complete.
	 * @throws Exception when the engine fails
	 */
	default void stopChunk() throws Exception {
		execute("stop");
	}

	/**
	 * Closes the current chunk while recording goes on, appending it complete to the
	 * session's file, as async-profiler's {@code dump} does in JFR mode. Rotating this
	 * way keeps the session, its threads and its thread filter, where stopping and
	 * starting would build them all again.
	 * @return whether the engine can; when not, the sampler stops and starts instead
	 * @throws Exception when the engine fails
	 */
	default boolean dumpChunk() throws Exception {
		return false;
	}

	/**
	 * Whether the chunks are JDK Flight Recorder recordings, which have no span events
	 * and name threads by their Java thread ids.
	 */
	default boolean jdkRecording() {
		return false;
	}

	/**
	 * What is sampled, in words.
	 * @param settings the settings in force
	 * @return one line
	 */
	default String mode(SamplerSettings settings) {
		return settings.mode();
	}

	/**
	 * What the engine holds in native memory now; async-profiler's {@code metrics}
	 * command by default.
	 * @return the memory, or {@code null} when the engine cannot say
	 * @throws Exception when the engine refuses
	 */
	default @Nullable NativeMemory nativeMemory() throws Exception {
		return null;
	}

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

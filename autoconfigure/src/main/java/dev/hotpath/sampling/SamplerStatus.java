package dev.hotpath.sampling;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the sampler's health, reported as-is by the profiles endpoint.
 *
 * @param engine the sampling engine's name
 * @param version the engine's version, or {@code null} when it could not be loaded
 * @param state whether samples are being taken
 * @param mode what is sampled, in words
 * @param settings the settings in force
 * @param since when the current state began
 * @param samples samples the engine took since the sampler started
 * @param message one sentence saying what is going on, and why when unavailable; while
 * running, also the last problem, such as a chunk that could not be read
 * @param problem the last problem while running, in one sentence, or {@code null}
 * @param unreadableChunks chunks whose samples could not be read since the sampler
 * started
 * @param nativeMemoryBytes what async-profiler held outside the Java heap for its samples
 * at the last rotation (its stack storage, recording tables, class table and thread
 * filter), or {@code null} when the engine cannot say (the JDK Flight Recorder)
 * @param samplesWithoutStack samples async-profiler recorded without their stack since
 * the sampler started, because its stack storage had reached
 * {@link SamplerSettings#nativeMemoryLimitBytes()} within one chunk
 * @param sessionsRenewed sessions started afresh since the sampler started because their
 * stack storage had come within one block (8 MB) of
 * {@link SamplerSettings#nativeMemoryLimitBytes()}
 */
public record SamplerStatus(String engine, @Nullable String version, SamplerState state, String mode,
		SamplerSettings settings, Instant since, long samples, String message, @Nullable String problem,
		long unreadableChunks, @Nullable Long nativeMemoryBytes, long samplesWithoutStack, long sessionsRenewed) {

	/** The engine name of the JDK Flight Recorder fallback. */
	public static final String JDK_FLIGHT_RECORDER = "jdk-flight-recorder";

}

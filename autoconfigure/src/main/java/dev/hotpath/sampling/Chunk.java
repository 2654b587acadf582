package dev.hotpath.sampling;

import java.nio.file.Path;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One closed slice of the recording, handed to every {@link ChunkListener}.
 *
 * @param file the JFR file, or {@code null} when the sampler is not running (listeners
 * still get a chunk per period so that they can age their data)
 * @param start when the chunk began
 * @param end when the chunk was closed
 * @param jdkRecording whether the JDK Flight Recorder wrote the file rather than
 * async-profiler: it has no span events and names threads by their Java thread ids
 */
public record Chunk(@Nullable Path file, Instant start, Instant end, boolean jdkRecording) {

	/**
	 * A chunk written by async-profiler.
	 * @param file the JFR file, or {@code null}
	 * @param start when the chunk began
	 * @param end when the chunk was closed
	 */
	public Chunk(@Nullable Path file, Instant start, Instant end) {
		this(file, start, end, false);
	}

}

package dev.hotpath.sampling;

import java.io.IOException;
import java.nio.file.Path;

import dev.hotpath.jfr.JfrFiles;
import one.jfr.JfrReader;
import org.jspecify.annotations.Nullable;

/**
 * The CPU engine async-profiler actually ran, as its recording says. Asked for
 * {@code event=cpu}, async-profiler falls back to {@code ctimer} (or {@code wall})
 * without a word when perf events are not allowed; only the {@code engine} setting it
 * writes at the start of each chunk tells.
 */
final class RecordedEngine {

	/** The engine of {@code event=cpu} with perf events. */
	static final String PERF_EVENTS = "perf_events";

	private static final int MAX_EVENTS = 256;

	private RecordedEngine() {
	}

	/**
	 * Reads the engine from a chunk. Cheap: the settings come before the samples, so it
	 * reads a few events.
	 * @param file the chunk
	 * @return the engine, or {@code null} when the chunk does not say
	 */
	static @Nullable String of(Path file) {
		try (JfrReader reader = JfrFiles.open(file)) {
			for (int i = 0; i < MAX_EVENTS && !reader.settings.containsKey("engine"); i++) {
				if (reader.readEvent() == null) {
					break;
				}
			}
			return reader.settings.get("engine");
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}

package dev.hotpath.sampling;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

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

	/** The size of async-profiler's reading buffer: files up to it are read whole. */
	private static final long HEAP_READ_BYTES = 2 * 1024 * 1024;

	private RecordedEngine() {
	}

	/**
	 * Reads the engine from a chunk. Cheap: the settings come before the samples, so it
	 * reads a few events.
	 * @param file the chunk
	 * @return the engine, or {@code null} when the chunk does not say
	 */
	static @Nullable String of(Path file) {
		try (JfrReader reader = open(file)) {
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

	/**
	 * Opens a chunk from a heap array of its size when it is small, so that reading its
	 * first events does not allocate async-profiler's 2 MB direct buffer, whose native
	 * memory would wait for a collection to come back.
	 */
	private static JfrReader open(Path file) throws IOException {
		long size = Files.size(file);
		if (size <= HEAP_READ_BYTES) {
			// RandomAccessFile reads through native memory it frees at once; a channel
			// would keep a direct buffer of the file's size cached on the thread
			byte[] bytes = new byte[(int) size];
			try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
				in.readFully(bytes);
			}
			return new JfrReader(ByteBuffer.wrap(bytes));
		}
		return new JfrReader(file.toString());
	}

}

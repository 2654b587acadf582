package dev.hotpath.jfr;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import one.jfr.JfrReader;

/**
 * Opens JFR files for async-profiler's {@link JfrReader} without leaving native memory
 * behind: {@code new JfrReader(fileName)} allocates a 2 MB direct buffer for every file,
 * zeroed first, whose native memory comes back only once a collection finds it
 * unreachable, which in an idle application may be hours of chunks later.
 */
public final class JfrFiles {

	/** The size of async-profiler's reading buffer: files up to it are read whole. */
	private static final long HEAP_READ_BYTES = 2 * 1024 * 1024;

	private JfrFiles() {
	}

	/**
	 * Opens a JFR file: one of at most 2 MB, as a chunk of a few seconds usually is, from
	 * a heap array of its size; a larger one through async-profiler's reader of the file.
	 * @param file the file
	 * @return the reader, positioned at the first chunk
	 * @throws IOException when the file cannot be read or holds no complete chunk
	 */
	public static JfrReader open(Path file) throws IOException {
		long size = Files.size(file);
		if (size > HEAP_READ_BYTES) {
			return new JfrReader(file.toString());
		}
		// RandomAccessFile reads through native memory it frees at once; a channel would
		// keep a direct buffer of the file's size cached on the thread
		byte[] bytes = new byte[(int) size];
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			in.readFully(bytes);
		}
		return new JfrReader(ByteBuffer.wrap(bytes));
	}

}

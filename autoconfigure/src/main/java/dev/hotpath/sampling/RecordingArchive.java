package dev.hotpath.sampling;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The recent chunks of the recording, kept on disk for download, bounded by total size
 * and by age; the oldest go first. Chunks are complete JFR recordings, so the chunks of a
 * time range, one after the other, are a recording that JDK Mission Control and
 * {@code jfr} read. Thread-safe: the sampler adds, downloads read.
 */
public final class RecordingArchive {

	private static final Logger logger = System.getLogger(RecordingArchive.class.getName());

	private final Clock clock;

	private final Deque<Kept> kept = new ArrayDeque<>();

	private long maxBytes;

	private Duration maxAge = Duration.ZERO;

	private long bytes;

	RecordingArchive(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Sets the bounds; {@code 0} bytes or a zero age keeps nothing.
	 * @param maxBytes the most bytes kept
	 * @param maxAge how long a chunk is kept after it closed
	 */
	public synchronized void bound(long maxBytes, Duration maxAge) {
		this.maxBytes = Math.max(maxBytes, 0);
		this.maxAge = (maxAge.isNegative()) ? Duration.ZERO : maxAge;
		evict();
	}

	/** Whether chunks are kept at all. */
	public synchronized boolean enabled() {
		return this.maxBytes > 0 && !this.maxAge.isZero();
	}

	/**
	 * Takes a closed chunk into the archive.
	 * @return whether it was kept; when not, the caller deletes its file
	 */
	synchronized boolean keep(Chunk chunk) {
		Path file = chunk.file();
		if (file == null || !enabled()) {
			return false;
		}
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException ex) {
			return false;
		}
		if (size > this.maxBytes) {
			return false;
		}
		this.kept.addLast(new Kept(chunk, size));
		this.bytes += size;
		evict();
		return true;
	}

	/**
	 * The kept chunks that overlap a time range, oldest first.
	 * @param from the range's start
	 * @param to the range's end
	 * @return the chunks
	 */
	public synchronized List<Chunk> chunks(Instant from, Instant to) {
		evict();
		List<Chunk> chunks = new ArrayList<>();
		for (Kept chunk : this.kept) {
			if (chunk.chunk.end().isAfter(from) && chunk.chunk.start().isBefore(to)) {
				chunks.add(chunk.chunk);
			}
		}
		return chunks;
	}

	/**
	 * The recording of a time range: its kept chunks, one after the other.
	 * @param from the range's start
	 * @param to the range's end
	 * @return the recording, or {@code null} when no chunk of the range is kept
	 */
	public @Nullable InputStream recording(Instant from, Instant to) {
		List<InputStream> streams = new ArrayList<>();
		for (Chunk chunk : chunks(from, to)) {
			try {
				// an open file stays readable when eviction deletes it meanwhile
				streams.add(Files.newInputStream(chunk.file()));
			}
			catch (NoSuchFileException ex) {
				// evicted since the list was taken
			}
			catch (IOException ex) {
				logger.log(Level.DEBUG, "Could not read " + chunk.file(), ex);
			}
		}
		if (streams.isEmpty()) {
			return null;
		}
		return new SequenceInputStream(Collections.enumeration(streams));
	}

	/** The bytes kept on disk. */
	public synchronized long bytes() {
		return this.bytes;
	}

	/** Deletes every kept chunk. */
	synchronized void clear() {
		for (Kept chunk : this.kept) {
			Sampler.deleteQuietly(chunk.chunk.file());
		}
		this.kept.clear();
		this.bytes = 0;
	}

	private void evict() {
		Instant oldest = this.clock.instant().minus(this.maxAge);
		for (Iterator<Kept> iterator = this.kept.iterator(); iterator.hasNext();) {
			Kept chunk = iterator.next();
			if (this.bytes <= this.maxBytes && !chunk.chunk.end().isBefore(oldest)) {
				break;
			}
			iterator.remove();
			this.bytes -= chunk.size;
			Sampler.deleteQuietly(chunk.chunk.file());
		}
	}

	private record Kept(Chunk chunk, long size) {

	}

}

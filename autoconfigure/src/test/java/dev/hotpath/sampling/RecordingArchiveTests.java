package dev.hotpath.sampling;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which chunks the archive keeps, for how long, and what a download of a range holds.
 */
class RecordingArchiveTests {

	private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

	@TempDir
	Path directory;

	private Instant now = NOW;

	private final RecordingArchive archive = new RecordingArchive(new Clock() {

		@Override
		public Instant instant() {
			return RecordingArchiveTests.this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	});

	@Test
	void keepsNothingUntilBounded() throws Exception {
		Chunk chunk = chunk(1, "aaaa", 0, 10);
		assertThat(this.archive.keep(chunk)).isFalse();
		assertThat(this.archive.enabled()).isFalse();
	}

	@Test
	void dropsTheOldestChunksBeyondTheSize() throws Exception {
		this.archive.bound(10, Duration.ofHours(1));
		Chunk first = chunk(1, "aaaa", -30, -20);
		Chunk second = chunk(2, "bbbb", -20, -10);
		Chunk third = chunk(3, "cccc", -10, 0);
		assertThat(this.archive.keep(first)).isTrue();
		assertThat(this.archive.keep(second)).isTrue();
		assertThat(this.archive.keep(third)).isTrue();
		assertThat(this.archive.bytes()).isEqualTo(8);
		assertThat(first.file()).doesNotExist();
		assertThat(read(NOW.minusSeconds(60), NOW)).isEqualTo("bbbbcccc");
		assertThat(read(NOW.minusSeconds(5), NOW)).isEqualTo("cccc");
		assertThat(this.archive.recording(NOW.minusSeconds(60), NOW.minusSeconds(40))).isNull();
	}

	@Test
	void dropsChunksOlderThanTheAgeAndRefusesOneLargerThanTheSize() throws Exception {
		this.archive.bound(100, Duration.ofSeconds(30));
		Chunk old = chunk(1, "aaaa", -20, -10);
		assertThat(this.archive.keep(old)).isTrue();
		this.now = NOW.plusSeconds(15);
		assertThat(this.archive.chunks(Instant.EPOCH, this.now)).containsExactly(old);
		this.now = NOW.plusSeconds(45);
		assertThat(this.archive.chunks(Instant.EPOCH, this.now)).isEmpty();
		assertThat(old.file()).doesNotExist();
		assertThat(this.archive.keep(chunk(2, "x".repeat(101), 0, 10))).isFalse();
	}

	@Test
	void deletesEveryChunkWhenCleared() throws Exception {
		this.archive.bound(100, Duration.ofHours(1));
		Chunk chunk = chunk(1, "aaaa", -10, 0);
		this.archive.keep(chunk);
		this.archive.clear();
		assertThat(chunk.file()).doesNotExist();
		assertThat(this.archive.bytes()).isZero();
	}

	private Chunk chunk(int number, String content, int startSeconds, int endSeconds) throws Exception {
		Path file = Files.writeString(this.directory.resolve("chunk-" + number + ".jfr"), content);
		return new Chunk(file, NOW.plusSeconds(startSeconds), NOW.plusSeconds(endSeconds));
	}

	private String read(Instant from, Instant to) throws Exception {
		try (InputStream recording = this.archive.recording(from, to)) {
			return new String(recording.readAllBytes());
		}
	}

}

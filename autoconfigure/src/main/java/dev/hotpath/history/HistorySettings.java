package dev.hotpath.history;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How versions' profiles are kept on disk.
 *
 * @param directory where the files go; {@code null} turns the history off
 * @param service the application's name, written into each file and checked on reading,
 * and the start of each file's name
 * @param version the running version; {@code null} turns the history off
 * @param maxVersions how many versions' files the directory keeps, the running one's
 * among them; the others' are loaded at start
 * @param saveInterval how often the running version's profile is saved, at most
 * @param maxNodes call tree nodes (roots not counted) kept per version: in its file and,
 * once loaded, in memory
 * @param maxFileSize bytes a file may take; larger files are neither written nor read
 */
public record HistorySettings(@Nullable Path directory, String service, @Nullable String version, int maxVersions,
		Duration saveInterval, int maxNodes, long maxFileSize) {

	public HistorySettings {
		maxVersions = Math.max(maxVersions, 1);
		maxNodes = Math.max(maxNodes, 0);
		maxFileSize = Math.max(maxFileSize, 0);
		version = (version != null && !version.isBlank()) ? version.strip() : null;
	}

}

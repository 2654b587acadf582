package dev.hotpath.history;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the version history does, as the overview reports it.
 *
 * @param state {@code OFF}, {@code RUNNING}, {@code UNAVAILABLE} or {@code STOPPED}
 * @param message one or two sentences on what is going on
 * @param lastSaved when the running version's profile was last saved, or {@code null}
 * @param skipped the files that could not be loaded at start, and why
 */
public record HistoryStatus(State state, String message, @Nullable Instant lastSaved, List<Skipped> skipped) {

	public HistoryStatus {
		skipped = List.copyOf(skipped);
	}

	/**
	 * The history's state.
	 */
	public enum State {

		/** No directory is set: nothing is kept. */
		OFF,

		/** Earlier versions are loaded and the running one's profile is saved. */
		RUNNING,

		/** Set up, but it cannot work: no version, or no usable directory. */
		UNAVAILABLE,

		/** The application stopped; the last save is done. */
		STOPPED

	}

	/**
	 * A file that was not loaded.
	 *
	 * @param file the file's name
	 * @param reason why, such as {@code truncated}
	 */
	public record Skipped(String file, String reason) {

	}

}

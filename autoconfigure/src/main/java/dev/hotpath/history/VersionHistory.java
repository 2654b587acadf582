package dev.hotpath.history;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import dev.hotpath.profile.FrameClassifier;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.VersionProfile;
import dev.hotpath.profile.VersionSummary;
import org.jspecify.annotations.Nullable;

/**
 * Keeps each version's profile across restarts. One process only ever runs one version,
 * so to compare version 1.1 with 1.0 the profile of 1.0 must outlive its process: at
 * start this loads the files of the newest earlier versions into the store
 * ({@link ProfileStore.View#versions()}), and while the application runs it saves the
 * running version's profile, at most every save interval (after a chunk is read) and once
 * more when the application stops, to {@code <directory>/<service>@<version>.hotpath},
 * written to a temporary file and moved into place, so that a crash never leaves half a
 * file. The directory keeps the newest {@code max-versions} files of the application;
 * older ones are deleted after a save.
 * <p>
 * A version that restarts keeps its earlier runs: the file of the running version found
 * at start is merged into every save of this run. A version's profile is thus what the
 * store retained at the last save of each of its runs (the last hour of each, by
 * default), all merged.
 * <p>
 * Nothing here throws into the application: a directory that cannot be made, a file that
 * cannot be read (truncated, corrupt, foreign, too large) or written (disk full) is
 * logged as a warning and reported in {@link #status()}. Memory is bounded: each version
 * holds at most {@code max-nodes} call tree nodes, in its file and in memory, and at most
 * {@code max-versions} are loaded (earlier runs of the running version among them).
 */
public final class VersionHistory {

	private static final System.Logger logger = System.getLogger(VersionHistory.class.getName());

	private final HistorySettings settings;

	private final ProfileStore store;

	private final FrameClassifier classifier;

	private final LongSupplier clock;

	private final Object lock = new Object();

	private volatile HistoryStatus status;

	private final List<HistoryStatus.Skipped> skipped = new ArrayList<>();

	private @Nullable VersionProfile earlierRuns;

	private @Nullable HistoryDirectory files;

	private boolean running;

	private long lastSaveAttempt;

	/**
	 * Requests the store had recorded when the last save was made, -1 before the first.
	 */
	private long requestsAtLastSave = -1;

	private @Nullable Instant lastSaved;

	private @Nullable String failure;

	private int loaded;

	/**
	 * Creates the history; nothing happens until {@link #start()}.
	 * @param settings where and how much to keep
	 * @param store the profile to save and to load earlier versions into
	 * @param classifier the application's classifier, for the frames of loaded versions
	 * @param clock the current time in epoch milliseconds
	 */
	public VersionHistory(HistorySettings settings, ProfileStore store, FrameClassifier classifier,
			LongSupplier clock) {
		this.settings = settings;
		this.store = store;
		this.classifier = classifier;
		this.clock = clock;
		this.status = new HistoryStatus(HistoryStatus.State.STOPPED, "The version history has not started.", null,
				List.of());
	}

	/** The running version, or {@code null} when the application has none. */
	public @Nullable String version() {
		return this.settings.version();
	}

	/** What the history does. */
	public HistoryStatus status() {
		return this.status;
	}

	/**
	 * The earlier versions loaded at start, newest first.
	 * @return their summaries; empty when none
	 */
	public List<VersionSummary> versions() {
		return this.store.read(ProfileStore.View::versions);
	}

	/**
	 * Loads the earlier versions' files into the store and the running version's earlier
	 * runs, then saves from now on. Does nothing when no directory or no version is set,
	 * and only reports when the directory cannot be made.
	 */
	public void start() {
		synchronized (this.lock) {
			Path directory = this.settings.directory();
			String version = this.settings.version();
			if (directory == null) {
				report(HistoryStatus.State.OFF, "Set hotpath.history.directory to keep each version's profile "
						+ "across restarts and compare versions.");
				return;
			}
			if (version == null) {
				unavailable("The application has no version, so its profile cannot be kept by version: add "
						+ "build info (spring-boot-maven-plugin's build-info goal) or set spring.application.version.");
				return;
			}
			try {
				Files.createDirectories(directory);
			}
			catch (IOException | RuntimeException ex) {
				unavailable("Hotpath cannot use " + directory + " for the version history (" + describe(ex) + ").");
				return;
			}
			HistoryDirectory files = new HistoryDirectory(directory, this.settings.service(), version,
					this.settings.maxVersions());
			this.files = files;
			load(files);
			this.running = true;
			this.lastSaveAttempt = this.clock.getAsLong();
			report(HistoryStatus.State.RUNNING, describeRunning());
		}
	}

	/**
	 * Saves the running version's profile if the save interval has passed since the last
	 * attempt and requests or jobs were recorded since the last save. An idle
	 * application's file already holds its endpoints, and merging and writing it again
	 * every interval for the few samples of its background threads would be most of what
	 * the history costs it; those are saved with the next request's save or on close.
	 * Meant to run after each chunk is read.
	 */
	public void saveIfDue() {
		synchronized (this.lock) {
			long now = this.clock.getAsLong();
			if (!this.running || now - this.lastSaveAttempt < this.settings.saveInterval().toMillis()) {
				return;
			}
			if (this.store.read(ProfileStore.View::requestsRecorded) == this.requestsAtLastSave) {
				this.lastSaveAttempt = now;
				return;
			}
			save();
		}
	}

	/**
	 * Saves the running version's profile now: every retained window merged with the
	 * version's earlier runs. Merging happens under the store's read lock, writing
	 * outside it.
	 * @return whether a file was written
	 */
	public boolean save() {
		synchronized (this.lock) {
			HistoryDirectory files = this.files;
			String version = this.settings.version();
			if (!this.running || files == null || version == null) {
				return false;
			}
			long now = this.clock.getAsLong();
			this.lastSaveAttempt = now;
			Path temporary = files.temporary();
			long requests = this.store.read(ProfileStore.View::requestsRecorded);
			try {
				SavedProfile profile = this.store.read((view) -> Snapshot.of(view, this.earlierRuns,
						this.settings.service(), version, this.settings.maxNodes(), now));
				if (profile == null) {
					return false;
				}
				HistoryFile.write(profile, temporary, this.settings.maxFileSize());
				files.replaceCurrent(temporary);
			}
			catch (IOException | RuntimeException ex) {
				HistoryDirectory.deleteQuietly(temporary);
				saveFailed(files.current(), ex);
				return false;
			}
			this.lastSaved = Instant.ofEpochMilli(now);
			this.requestsAtLastSave = requests;
			if (this.failure != null) {
				logger.log(Level.INFO, "Hotpath saved the profile of version " + version + " again");
				this.failure = null;
			}
			files.deleteOldest();
			report(HistoryStatus.State.RUNNING, describeRunning());
			return true;
		}
	}

	/**
	 * Saves one last time and stops saving; for the application's shutdown.
	 */
	public void stop() {
		synchronized (this.lock) {
			if (!this.running) {
				return;
			}
			boolean saved = save();
			this.running = false;
			String failure = this.failure;
			report(HistoryStatus.State.STOPPED, (failure != null) ? failure : saved
					? "The profile of version " + this.settings.version() + " was saved when the application stopped."
					: "The application stopped.");
		}
	}

	/**
	 * Loads the running version's earlier runs and the newest earlier versions, one file
	 * at a time: read without a lock, then interned under the store's write lock.
	 */
	private void load(HistoryDirectory files) {
		List<VersionProfile> versions = new ArrayList<>();
		for (Path candidate : files.toLoad()) {
			boolean isCurrent = candidate.equals(files.current());
			try {
				SavedProfile saved = HistoryFile.read(candidate, this.settings.maxNodes(), this.settings.maxFileSize());
				if (!saved.service().equals(this.settings.service())) {
					throw new IOException("it belongs to another application, " + saved.service());
				}
				if (!candidate.getFileName()
					.toString()
					.equals(HistoryDirectory.fileName(saved.service(), saved.version()))) {
					throw new IOException("its version " + saved.version() + " does not match its name");
				}
				VersionProfile profile = this.store.withFrames((frames) -> saved.intern(frames, this.classifier));
				if (isCurrent) {
					this.earlierRuns = profile;
				}
				else {
					versions.add(profile);
				}
			}
			catch (IOException | RuntimeException ex) {
				String reason = (ex instanceof IOException && ex.getMessage() != null) ? ex.getMessage() : describe(ex);
				this.skipped.add(new HistoryStatus.Skipped(candidate.getFileName().toString(), reason));
				logger.log(Level.WARNING, "Hotpath skipped the version profile " + candidate + ": " + reason);
			}
		}
		this.loaded = versions.size();
		this.store.addVersions(versions);
	}

	private void saveFailed(Path target, Exception ex) {
		String message = "Hotpath could not save the profile of version " + this.settings.version() + " to " + target
				+ " (" + describe(ex) + "); it tries again in " + this.settings.saveInterval().toSeconds() + " s.";
		// a full disk fails every save the same way: say it once, not every minute
		if (!message.equals(this.failure)) {
			logger.log(Level.WARNING, message);
			logger.log(Level.DEBUG, "The save failed with", ex);
		}
		this.failure = message;
		report(HistoryStatus.State.RUNNING, message);
	}

	private String describeRunning() {
		StringBuilder message = new StringBuilder(
				"Keeping the profile of version " + this.settings.version() + " in " + this.settings.directory() + "; "
						+ this.loaded + " earlier version" + ((this.loaded != 1) ? "s" : "") + " loaded");
		if (this.earlierRuns != null) {
			message.append(", with earlier runs of this version");
		}
		if (!this.skipped.isEmpty()) {
			message.append("; ")
				.append(this.skipped.size())
				.append(" file")
				.append((this.skipped.size() != 1) ? "s" : "")
				.append(" skipped");
		}
		return message.append('.').toString();
	}

	private void unavailable(String message) {
		logger.log(Level.WARNING, "Hotpath keeps no version history: " + message);
		report(HistoryStatus.State.UNAVAILABLE, message);
	}

	private void report(HistoryStatus.State state, String message) {
		this.status = new HistoryStatus(state, message, this.lastSaved, this.skipped);
	}

	private static String describe(Throwable ex) {
		String text = ex.getMessage();
		return ex.getClass().getSimpleName() + ((text != null && !text.isBlank()) ? ": " + text.strip() : "");
	}

}

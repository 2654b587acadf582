package dev.hotpath.history;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

	static final String SUFFIX = ".hotpath";

	private static final System.Logger logger = System.getLogger(VersionHistory.class.getName());

	private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

	private static final int MAX_NAME = 64;

	private final HistorySettings settings;

	private final ProfileStore store;

	private final FrameClassifier classifier;

	private final LongSupplier clock;

	private final Object lock = new Object();

	private volatile HistoryStatus status;

	private final List<HistoryStatus.Skipped> skipped = new ArrayList<>();

	private @Nullable VersionProfile earlierRuns;

	private @Nullable Path file;

	private boolean running;

	private long lastSaveAttempt;

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
			this.file = directory.resolve(fileName(this.settings.service(), version));
			load(directory, this.file);
			this.running = true;
			this.lastSaveAttempt = this.clock.getAsLong();
			report(HistoryStatus.State.RUNNING, describeRunning());
		}
	}

	/**
	 * Saves the running version's profile if the save interval has passed since the last
	 * attempt. Meant to run after each chunk is read.
	 */
	public void saveIfDue() {
		synchronized (this.lock) {
			if (this.running
					&& this.clock.getAsLong() - this.lastSaveAttempt >= this.settings.saveInterval().toMillis()) {
				save();
			}
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
			Path target = this.file;
			String version = this.settings.version();
			if (!this.running || target == null || version == null) {
				return false;
			}
			long now = this.clock.getAsLong();
			this.lastSaveAttempt = now;
			Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
			try {
				SavedProfile profile = this.store.read((view) -> Snapshot.of(view, this.earlierRuns,
						this.settings.service(), version, this.settings.maxNodes(), now));
				if (profile == null) {
					return false;
				}
				HistoryFile.write(profile, temporary, this.settings.maxFileSize());
				move(temporary, target);
			}
			catch (IOException | RuntimeException ex) {
				deleteQuietly(temporary);
				saveFailed(target, ex);
				return false;
			}
			this.lastSaved = Instant.ofEpochMilli(now);
			if (this.failure != null) {
				logger.log(Level.INFO, "Hotpath saved the profile of version " + version + " again");
				this.failure = null;
			}
			deleteOldest(target);
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
	 * The file name of a version's profile: the application's and the version's names,
	 * reduced to characters every file system takes, with a hash of the original where
	 * that changed it so that two versions never share a file.
	 * @param service the application's name
	 * @param version the version
	 * @return the file's name
	 */
	static String fileName(String service, String version) {
		return safe(service) + "@" + safe(version) + SUFFIX;
	}

	private static String safe(String name) {
		String safe = UNSAFE.matcher(name).replaceAll("_");
		if (safe.startsWith(".")) {
			safe = "_" + safe.substring(1);
		}
		if (safe.length() > MAX_NAME) {
			safe = safe.substring(0, MAX_NAME);
		}
		return safe.equals(name) ? safe : safe + "-" + Integer.toHexString(name.hashCode());
	}

	/**
	 * Loads the running version's earlier runs and the newest earlier versions, one file
	 * at a time: read without a lock, then interned under the store's write lock.
	 */
	private void load(Path directory, Path current) {
		List<VersionProfile> versions = new ArrayList<>();
		for (Path candidate : newestFirst(directory, current)) {
			boolean isCurrent = candidate.equals(current);
			try {
				SavedProfile saved = HistoryFile.read(candidate, this.settings.maxNodes(), this.settings.maxFileSize());
				if (!saved.service().equals(this.settings.service())) {
					throw new IOException("it belongs to another application, " + saved.service());
				}
				if (!candidate.getFileName().toString().equals(fileName(saved.service(), saved.version()))) {
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

	/**
	 * The files to load: the running version's, then the others newest first, as many as
	 * the directory keeps beside it; older files are deleted after the next save.
	 */
	private List<Path> newestFirst(Path directory, Path current) {
		List<Path> files = new ArrayList<>(files(directory, current));
		boolean hasCurrent = !files.isEmpty() && files.get(0).equals(current);
		int others = this.settings.maxVersions() - 1;
		return files.subList(0, Math.min(files.size(), others + (hasCurrent ? 1 : 0)));
	}

	/**
	 * The application's files in the directory, the running version's first, then newest
	 * first.
	 */
	private List<Path> files(Path directory, Path current) {
		String name = current.getFileName().toString();
		String prefix = name.substring(0, name.indexOf('@') + 1);
		List<Listed> files = new ArrayList<>();
		try (Stream<Path> listing = Files.list(directory)) {
			listing.filter((path) -> path.getFileName().toString().startsWith(prefix))
				.filter((path) -> path.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(path))
				.forEach((path) -> files.add(new Listed(path, path.equals(current), modified(path))));
		}
		catch (IOException | RuntimeException ex) {
			logger.log(Level.WARNING, "Hotpath could not list the version profiles in " + directory, ex);
			return List.of();
		}
		files.sort(Comparator.comparing(Listed::current)
			.thenComparing(Listed::modified)
			.reversed()
			.thenComparing((listed) -> listed.path().getFileName().toString()));
		return files.stream().map(Listed::path).toList();
	}

	private void deleteOldest(Path current) {
		Path directory = current.getParent();
		List<Path> files = (directory != null) ? files(directory, current) : List.of();
		for (Path old : files.subList(Math.min(files.size(), this.settings.maxVersions()), files.size())) {
			try {
				Files.deleteIfExists(old);
				logger.log(Level.DEBUG, "Hotpath deleted the old version profile " + old);
			}
			catch (IOException ex) {
				logger.log(Level.WARNING, "Hotpath could not delete the old version profile " + old, ex);
			}
		}
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

	private static void move(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static FileTime modified(Path path) {
		try {
			return Files.getLastModifiedTime(path);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Could not delete " + path, ex);
		}
	}

	private static String describe(Throwable ex) {
		String text = ex.getMessage();
		return ex.getClass().getSimpleName() + ((text != null && !text.isBlank()) ? ": " + text.strip() : "");
	}

	/** A file of the directory, with what orders it. */
	private record Listed(Path path, boolean current, FileTime modified) {

	}

}

package dev.hotpath.history;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one application's versions in the history directory, one per version,
 * named {@code <service>@<version>.hotpath}: which to load, where the running version's
 * goes, and which are too old to keep. Files of other applications (another name before
 * the {@code @}) are never touched.
 */
final class HistoryDirectory {

	static final String SUFFIX = ".hotpath";

	private static final System.Logger logger = System.getLogger(HistoryDirectory.class.getName());

	private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

	private static final int MAX_NAME = 64;

	private final Path directory;

	private final Path current;

	private final String prefix;

	private final int maxVersions;

	/**
	 * The files of an application in a directory that exists.
	 * @param directory the directory
	 * @param service the application's name
	 * @param version the running version
	 * @param maxVersions how many versions' files to keep, the running one's among them
	 */
	HistoryDirectory(Path directory, String service, String version, int maxVersions) {
		this.directory = directory;
		this.current = directory.resolve(fileName(service, version));
		this.prefix = safe(service) + "@";
		this.maxVersions = maxVersions;
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

	/** The running version's file. */
	Path current() {
		return this.current;
	}

	/**
	 * The files to load: the running version's, then the others newest first, as many as
	 * the directory keeps beside it; older files are deleted after the next save.
	 */
	List<Path> toLoad() {
		List<Path> files = files();
		boolean hasCurrent = !files.isEmpty() && files.get(0).equals(this.current);
		int kept = this.maxVersions - 1 + (hasCurrent ? 1 : 0);
		return files.subList(0, Math.min(files.size(), kept));
	}

	/**
	 * Where the running version's profile is written before it replaces the file; not a
	 * {@value #SUFFIX} file, so a crash that leaves it behind never has it loaded, and
	 * the next save writes over it.
	 */
	Path temporary() {
		return this.current.resolveSibling(this.current.getFileName() + ".tmp");
	}

	/**
	 * Moves a complete file into the running version's place, atomically where the file
	 * system can, so that readers see the old file or the new one, never half of one.
	 * @param written the complete file, beside the running version's
	 * @throws IOException when the move fails
	 */
	void replaceCurrent(Path written) throws IOException {
		try {
			Files.move(written, this.current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(written, this.current, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Deletes the application's files beyond the newest {@code maxVersions}. */
	void deleteOldest() {
		List<Path> files = files();
		for (Path old : files.subList(Math.min(files.size(), this.maxVersions), files.size())) {
			try {
				Files.deleteIfExists(old);
				logger.log(Level.DEBUG, "Hotpath deleted the old version profile " + old);
			}
			catch (IOException ex) {
				logger.log(Level.WARNING, "Hotpath could not delete the old version profile " + old, ex);
			}
		}
	}

	/** The application's files, the running version's first, then newest first. */
	private List<Path> files() {
		List<Listed> files = new ArrayList<>();
		try (Stream<Path> listing = Files.list(this.directory)) {
			listing.filter((path) -> path.getFileName().toString().startsWith(this.prefix))
				.filter((path) -> path.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(path))
				.forEach((path) -> files.add(new Listed(path, path.equals(this.current), modified(path))));
		}
		catch (IOException | RuntimeException ex) {
			logger.log(Level.WARNING, "Hotpath could not list the version profiles in " + this.directory, ex);
			return List.of();
		}
		files.sort(Comparator.comparing(Listed::current)
			.thenComparing(Listed::modified)
			.reversed()
			.thenComparing((listed) -> listed.path().getFileName().toString()));
		return files.stream().map(Listed::path).toList();
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

	static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Could not delete " + path, ex);
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

	/** A file of the directory, with what orders it. */
	private record Listed(Path path, boolean current, FileTime modified) {

	}

}

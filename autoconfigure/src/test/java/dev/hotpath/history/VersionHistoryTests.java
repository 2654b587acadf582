package dev.hotpath.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.EndpointWindow;
import dev.hotpath.profile.FrameClassifier;
import dev.hotpath.profile.FrameKind;
import dev.hotpath.profile.Frames;
import dev.hotpath.profile.LatencyHistogram;
import dev.hotpath.profile.ProfileLimits;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.RecordedWork;
import dev.hotpath.profile.VersionProfile;
import dev.hotpath.profile.VersionSummary;
import dev.hotpath.profile.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Versions' profiles saved to disk and loaded by a later version.
 */
class VersionHistoryTests {

	private static final long NOW = 1_800_000_000_000L;

	private static final List<String> PACKAGES = List.of("com.example");

	private static final String[] COMPUTE = { "java.lang.Thread.run", "com.example.Orders.get",
			"com.example.Prices.compute" };

	private static final String[] QUERY = { "java.lang.Thread.run", "com.example.Orders.get",
			"org.hibernate.Session.find", "libc_read" };

	@TempDir
	Path directory;

	private final AtomicLong clock = new AtomicLong(NOW);

	@Test
	void savesAVersionsProfileThatALaterVersionLoadsUnchanged() {
		ProfileStore first = store();
		record(first, 100);
		VersionHistory saving = history(first, "1.0.0");
		saving.start();
		assertThat(saving.save()).isTrue();
		assertThat(this.directory.resolve("shop@1.0.0.hotpath")).isRegularFile();

		ProfileStore second = store();
		VersionHistory loading = history(second, "1.1.0");
		loading.start();
		assertThat(loading.versions()).containsExactly(new VersionSummary("1.0.0", Instant.ofEpochMilli(NOW - 600_000),
				Instant.ofEpochMilli(NOW - 90_000), 3 * 100 + 10));
		VersionProfile loaded = second.read((view) -> view.version("1.0.0"));
		assertThat(loaded).isNotNull();
		assertThat(loaded.endpoints()).containsExactlyInAnyOrder("GET /orders/{id}", "GET /search", Window.BACKGROUND);
		for (String endpoint : loaded.endpoints()) {
			LatencyHistogram expected = first.read((view) -> latency(view, endpoint));
			assertThat(loaded.requests(endpoint)).isEqualTo(expected.count());
			for (double quantile : new double[] { 0.5, 0.95, 0.99 }) {
				assertThat(loaded.latency(endpoint).percentileMillis(quantile))
					.isEqualTo(expected.percentileMillis(quantile));
			}
			assertThat(loaded.latency(endpoint).maxMillis()).isEqualTo(expected.maxMillis());
			assertThat(loaded.latency(endpoint).meanMillis()).isEqualTo(expected.meanMillis());
			for (ProfileType type : ProfileType.values()) {
				Map<String, List<Long>> expectedPaths = first
					.read((view) -> paths(merged(view, endpoint, type), view.frames()));
				Map<String, List<Long>> loadedPaths = second
					.read((view) -> paths(loaded.tree(endpoint, type), view.frames()));
				assertThat(loadedPaths).as(endpoint + " " + type).isEqualTo(expectedPaths);
			}
		}
		assertThat(loaded.errors("GET /search")).isEqualTo(5);
		assertThat(loaded.tree("GET /orders/{id}", ProfileType.ALLOC).stacks()).isEqualTo(100);
		assertThat(loaded.tree("GET /orders/{id}", ProfileType.ALLOC).total(CallTree.ROOT))
			.isEqualTo(100 * 3_000_000_000L);
	}

	@Test
	void givesLoadedFramesTheKindAndComponentOfTheRunningApplication() {
		ProfileStore first = store();
		record(first, 10);
		VersionHistory saving = history(first, "1.0.0");
		saving.start();
		saving.stop();
		ProfileStore second = store();
		history(second, "1.1.0").start();
		second.read((view) -> {
			Frames frames = view.frames();
			assertThat(frames.kind(frames.find("com.example.Prices.compute"))).isEqualTo(FrameKind.APPLICATION);
			assertThat(frames.kind(frames.find("org.hibernate.Session.find"))).isEqualTo(FrameKind.LIBRARY);
			assertThat(frames.kind(frames.find("libc_read"))).isEqualTo(FrameKind.NATIVE);
			assertThat(frames.kind(frames.find("[thread] scheduling-*"))).isEqualTo(FrameKind.THREAD);
			FrameClassifier classifier = new FrameClassifier(PACKAGES);
			assertThat(frames.component(frames.find("org.hibernate.Session.find")))
				.isEqualTo(classifier.components().ofJava("org.hibernate.Session", FrameKind.LIBRARY));
			return null;
		});
	}

	@Test
	void skipsAndReportsTruncatedCorruptAndForeignFilesAndLoadsTheRest() throws IOException {
		ProfileStore first = store();
		record(first, 10);
		VersionHistory saving = history(first, "1.0.0");
		saving.start();
		saving.stop();
		byte[] valid = Files.readAllBytes(this.directory.resolve("shop@1.0.0.hotpath"));
		Files.write(this.directory.resolve("shop@0.9.0.hotpath"), Arrays.copyOf(valid, valid.length / 2));
		byte[] corrupt = valid.clone();
		int letter = indexOf(corrupt, "Prices".getBytes(StandardCharsets.US_ASCII));
		corrupt[letter] = 'Q';
		Files.write(this.directory.resolve("shop@0.8.0.hotpath"), corrupt);
		Files.writeString(this.directory.resolve("shop@0.7.0.hotpath"), "{\"not\": \"a profile\"}");
		Files.write(this.directory.resolve("shop@0.6.0.hotpath"), new byte[0]);
		age("shop@1.0.0.hotpath", 5);

		ProfileStore second = store();
		VersionHistory loading = history(second, "1.1.0", 10);
		loading.start();

		assertThat(loading.versions()).extracting(VersionSummary::version).containsExactly("1.0.0");
		HistoryStatus status = loading.status();
		assertThat(status.state()).isEqualTo(HistoryStatus.State.RUNNING);
		assertThat(status.message()).contains("1 earlier version loaded", "4 files skipped");
		Map<String, String> skipped = new LinkedHashMap<>();
		status.skipped().forEach((file) -> skipped.put(file.file(), file.reason()));
		assertThat(skipped).containsOnlyKeys("shop@0.9.0.hotpath", "shop@0.8.0.hotpath", "shop@0.7.0.hotpath",
				"shop@0.6.0.hotpath");
		assertThat(skipped.get("shop@0.9.0.hotpath")).isEqualTo("it is truncated");
		assertThat(skipped.get("shop@0.8.0.hotpath")).isEqualTo("it is corrupt (its checksum does not match)");
		assertThat(skipped.get("shop@0.7.0.hotpath")).isEqualTo("it is not a Hotpath version profile");
		assertThat(skipped.get("shop@0.6.0.hotpath")).isEqualTo("it is truncated");
	}

	@Test
	void skipsFilesOfAnotherApplicationLargerThanTheBoundOrNamedForAnotherVersion() throws IOException {
		ProfileStore first = store();
		record(first, 10);
		VersionHistory saving = history(first, "1.0.0");
		saving.start();
		saving.stop();
		Path saved = this.directory.resolve("shop@1.0.0.hotpath");
		Files.copy(saved, this.directory.resolve("shop@0.9.0.hotpath"));
		ProfileStore second = store();
		VersionHistory other = new VersionHistory(settings("shop-admin", "2.0.0", 5, 1_000_000, 32 << 20), second,
				new FrameClassifier(PACKAGES), this.clock::get);
		other.start();
		assertThat(other.versions()).isEmpty();
		assertThat(other.status().skipped()).isEmpty();
		Files.copy(saved, this.directory.resolve("shop-admin@1.0.0.hotpath"));
		ProfileStore third = store();
		VersionHistory admin = new VersionHistory(settings("shop-admin", "2.0.0", 5, 1_000_000, 32 << 20), third,
				new FrameClassifier(PACKAGES), this.clock::get);
		admin.start();
		assertThat(admin.status().skipped()).extracting(HistoryStatus.Skipped::reason)
			.containsExactly("it belongs to another application, shop");
		ProfileStore fourth = store();
		VersionHistory small = new VersionHistory(settings("shop", "1.1.0", 5, 1_000_000, 100), fourth,
				new FrameClassifier(PACKAGES), this.clock::get);
		small.start();
		assertThat(small.status().skipped()).extracting(HistoryStatus.Skipped::reason)
			.allMatch((reason) -> reason.contains("more than hotpath.history.max-file-size (100 bytes)"));
		ProfileStore fifth = store();
		VersionHistory renamed = history(fifth, "1.1.0");
		renamed.start();
		assertThat(renamed.versions()).extracting(VersionSummary::version).containsExactly("1.0.0");
		assertThat(renamed.status().skipped()).extracting(HistoryStatus.Skipped::reason)
			.containsExactly("its version 1.0.0 does not match its name");
	}

	@Test
	void keepsTheNewestVersionsFilesAndDeletesOlderOnesAfterASave() throws IOException {
		for (int minor = 1; minor <= 4; minor++) {
			ProfileStore store = store();
			record(store, minor);
			VersionHistory history = history(store, "1." + minor + ".0");
			history.start();
			history.stop();
			age("shop@1." + minor + ".0.hotpath", 10 - minor);
		}
		Files.writeString(this.directory.resolve("other@1.0.0.hotpath"), "another application's");
		ProfileStore store = store();
		record(store, 5);
		VersionHistory history = history(store, "1.5.0", 3);
		history.start();
		assertThat(history.versions()).extracting(VersionSummary::version).containsExactly("1.4.0", "1.3.0");
		assertThat(history.versions()).extracting(VersionSummary::requests).containsExactly(3 * 4L + 10, 3 * 3L + 10);
		assertThat(this.directory.resolve("shop@1.1.0.hotpath")).exists();
		assertThat(history.save()).isTrue();
		try (var files = Files.list(this.directory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder(
					"shop@1.5.0.hotpath", "shop@1.4.0.hotpath", "shop@1.3.0.hotpath", "other@1.0.0.hotpath");
		}
	}

	@Test
	void mergesTheEarlierRunsOfTheRunningVersionIntoItsProfile() {
		ProfileStore firstRun = store();
		record(firstRun, 10);
		VersionHistory first = history(firstRun, "1.0.0");
		first.start();
		first.stop();
		this.clock.set(NOW + 3_600_000);
		ProfileStore secondRun = store();
		new RecordedWork(secondRun, NOW + 3_600_000, PACKAGES)
			.request("GET /orders/{id}", NOW + 3_000_000, 5_000_000, ProfileType.CPU, 1, COMPUTE)
			.request("GET /orders/{id}", NOW + 3_001_000, 5_000_000, ProfileType.CPU, 1, QUERY)
			.read();
		VersionHistory second = history(secondRun, "1.0.0");
		second.start();
		assertThat(second.versions()).isEmpty();
		assertThat(second.status().message()).contains("with earlier runs of this version");
		second.stop();

		ProfileStore later = store();
		history(later, "1.1.0").start();
		VersionProfile merged = later.read((view) -> view.version("1.0.0"));
		assertThat(merged).isNotNull();
		assertThat(merged.requests("GET /orders/{id}")).isEqualTo(3 * 10 + 2);
		assertThat(merged.tree("GET /orders/{id}", ProfileType.CPU).total(CallTree.ROOT)).isEqualTo(12);
		assertThat(merged.from()).isEqualTo(Instant.ofEpochMilli(NOW - 600_000));
		assertThat(merged.to()).isEqualTo(Instant.ofEpochMilli(NOW + 3_010_000));
		Map<String, List<Long>> paths = later
			.read((view) -> paths(merged.tree("GET /orders/{id}", ProfileType.CPU), view.frames()));
		assertThat(paths.get(String.join(";", COMPUTE))).containsExactly(7L, 7L, 7L);
		assertThat(paths.get(String.join(";", QUERY))).containsExactly(5L, 5L, 5L);
	}

	@Test
	void keepsTheHeaviestNodesWithinTheNodeBoundAndEveryTotal() {
		ProfileStore first = store();
		RecordedWork work = new RecordedWork(first, NOW, PACKAGES);
		for (int i = 0; i < 40; i++) {
			work.request("GET /wide", NOW - 60_000 + i, 1_000_000, ProfileType.CPU, 1, "java.lang.Thread.run",
					"com.example.Wide.handle", "com.example.Wide.leaf" + i);
		}
		for (int i = 0; i < 60; i++) {
			work.request("GET /wide", NOW - 50_000 + i, 1_000_000, ProfileType.CPU, 1, "java.lang.Thread.run",
					"com.example.Wide.handle", "com.example.Wide.hot");
		}
		work.read();
		VersionHistory saving = new VersionHistory(settings("shop", "1.0.0", 5, 3, 32 << 20), first,
				new FrameClassifier(PACKAGES), this.clock::get);
		saving.start();
		assertThat(saving.save()).isTrue();
		ProfileStore second = store();
		VersionHistory loading = new VersionHistory(settings("shop", "1.1.0", 5, 3, 32 << 20), second,
				new FrameClassifier(PACKAGES), this.clock::get);
		loading.start();
		VersionProfile loaded = second.read((view) -> view.version("1.0.0"));
		CallTree tree = loaded.tree("GET /wide", ProfileType.CPU);
		assertThat(tree.size() - 1).isLessThanOrEqualTo(3);
		assertThat(tree.total(CallTree.ROOT)).isEqualTo(100);
		Map<String, List<Long>> paths = second.read((view) -> paths(tree, view.frames()));
		assertThat(paths).containsEntry("java.lang.Thread.run;com.example.Wide.handle;com.example.Wide.hot",
				List.of(60L, 60L, 60L));
		assertThat(paths).containsEntry("java.lang.Thread.run;com.example.Wide.handle", List.of(40L, 100L, 40L));
		ProfileStore third = store();
		VersionHistory stricter = new VersionHistory(settings("shop", "1.1.0", 5, 2, 32 << 20), third,
				new FrameClassifier(PACKAGES), this.clock::get);
		stricter.start();
		assertThat(stricter.status().skipped()).extracting(HistoryStatus.Skipped::reason)
			.containsExactly("its trees hold more than hotpath.history.max-nodes (2)");
	}

	@Test
	void savesAtMostOncePerIntervalAfterAChunk() {
		ProfileStore store = store();
		record(store, 3);
		VersionHistory history = history(store, "1.0.0");
		history.start();
		this.clock.addAndGet(59_999);
		history.saveIfDue();
		assertThat(this.directory.resolve("shop@1.0.0.hotpath")).doesNotExist();
		this.clock.addAndGet(1);
		history.saveIfDue();
		assertThat(this.directory.resolve("shop@1.0.0.hotpath")).exists();
		assertThat(history.status().lastSaved()).isEqualTo(Instant.ofEpochMilli(NOW + 60_000));
	}

	@Test
	void skipsADueSaveWhileNoRequestWasRecordedSinceTheLastAndSavesOnceOneIs() throws IOException {
		ProfileStore store = store();
		record(store, 3);
		VersionHistory history = history(store, "1.0.0");
		history.start();
		this.clock.addAndGet(60_000);
		history.saveIfDue();
		Path file = this.directory.resolve("shop@1.0.0.hotpath");
		Files.delete(file);
		this.clock.addAndGet(60_000);
		history.saveIfDue();
		assertThat(file).doesNotExist();
		assertThat(history.status().lastSaved()).isEqualTo(Instant.ofEpochMilli(NOW + 60_000));
		// samples of background threads alone, as an idle application has
		new RecordedWork(store, this.clock.get(), PACKAGES)
			.background("scheduling-1", this.clock.get() - 1_000, ProfileType.CPU, 1, "com.example.Cleanup.run")
			.read();
		this.clock.addAndGet(60_000);
		history.saveIfDue();
		assertThat(file).doesNotExist();
		new RecordedWork(store, this.clock.get(), PACKAGES)
			.request("GET /orders/{id}", this.clock.get() - 2_000, 1_000_000L, ProfileType.CPU, 1, COMPUTE)
			.read();
		this.clock.addAndGet(60_000);
		history.saveIfDue();
		assertThat(file).exists();
		assertThat(history.status().lastSaved()).isEqualTo(Instant.ofEpochMilli(NOW + 240_000));
	}

	@Test
	void reportsADirectoryItCannotMakeWithoutThrowing() throws IOException {
		Path notADirectory = Files.writeString(this.directory.resolve("file"), "in the way");
		VersionHistory history = new VersionHistory(new HistorySettings(notADirectory.resolve("history"), "shop",
				"1.0.0", 5, Duration.ofMinutes(1), 1_000_000, 32 << 20), store(), new FrameClassifier(PACKAGES),
				this.clock::get);
		history.start();
		assertThat(history.status().state()).isEqualTo(HistoryStatus.State.UNAVAILABLE);
		assertThat(history.status().message()).contains("cannot use", "history");
		assertThat(history.save()).isFalse();
		history.saveIfDue();
		history.stop();
	}

	@Test
	void reportsASaveThatFailsAndTriesAgainLater() throws IOException {
		ProfileStore store = store();
		record(store, 3);
		Path history = this.directory.resolve("history");
		VersionHistory versions = new VersionHistory(
				new HistorySettings(history, "shop", "1.0.0", 5, Duration.ofMinutes(1), 1_000_000, 32 << 20), store,
				new FrameClassifier(PACKAGES), this.clock::get);
		versions.start();
		Files.delete(history);
		Files.writeString(history, "the directory is gone");
		assertThat(versions.save()).isFalse();
		assertThat(versions.status().state()).isEqualTo(HistoryStatus.State.RUNNING);
		assertThat(versions.status().message()).startsWith("Hotpath could not save the profile of version 1.0.0")
			.endsWith("it tries again in 60 s.");
		assertThat(versions.status().lastSaved()).isNull();
		Files.delete(history);
		Files.createDirectory(history);
		assertThat(versions.save()).isTrue();
		assertThat(versions.status().message()).startsWith("Keeping the profile of version 1.0.0");
	}

	@Test
	void leavesNoPartialFileWhenTheProfileExceedsTheFileBound() {
		ProfileStore store = store();
		record(store, 10);
		VersionHistory history = new VersionHistory(settings("shop", "1.0.0", 5, 1_000_000, 512), store,
				new FrameClassifier(PACKAGES), this.clock::get);
		history.start();
		assertThat(history.save()).isFalse();
		assertThat(history.status().message()).contains("more than hotpath.history.max-file-size (512 bytes)");
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void keepsNothingWithoutADirectoryOrAVersionAndSaysWhy() {
		VersionHistory off = new VersionHistory(
				new HistorySettings(null, "shop", "1.0.0", 5, Duration.ofMinutes(1), 1_000_000, 32 << 20), store(),
				new FrameClassifier(PACKAGES), this.clock::get);
		off.start();
		assertThat(off.status().state()).isEqualTo(HistoryStatus.State.OFF);
		assertThat(off.status().message()).contains("hotpath.history.directory");
		assertThat(off.version()).isEqualTo("1.0.0");
		VersionHistory unversioned = history(store(), null);
		unversioned.start();
		assertThat(unversioned.status().state()).isEqualTo(HistoryStatus.State.UNAVAILABLE);
		assertThat(unversioned.status().message()).contains("no version", "spring.application.version");
		assertThat(unversioned.save()).isFalse();
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void namesFilesSafelyAndNeverTwoVersionsAlike() {
		assertThat(HistoryDirectory.fileName("shop", "1.0.0")).isEqualTo("shop@1.0.0.hotpath");
		assertThat(HistoryDirectory.fileName("unknown_service:java", "1.0.0+build/5"))
			.matches("unknown_service_java-[0-9a-f]+@1\\.0\\.0_build_5-[0-9a-f]+\\.hotpath");
		assertThat(HistoryDirectory.fileName("shop", "1.0.0+5"))
			.isNotEqualTo(HistoryDirectory.fileName("shop", "1.0.0_5"));
		assertThat(HistoryDirectory.fileName("shop", "../../etc")).doesNotContain("/").doesNotStartWith(".");
	}

	private ProfileStore store() {
		return new ProfileStore(
				new ProfileLimits(Duration.ofHours(1), Duration.ofSeconds(10), 10_000, 1_000_000, 10_000, 5, 1000));
	}

	/**
	 * Requests of two endpoints over ten minutes, every profile type, and background
	 * samples: {@code 3 * orders} requests of one endpoint, 10 of the other.
	 */
	private void record(ProfileStore store, int orders) {
		RecordedWork work = new RecordedWork(store, NOW, PACKAGES);
		for (int i = 0; i < orders; i++) {
			long start = NOW - 600_000 + i * 5_000L;
			long latency = (i + 1) * 1_000_000L;
			work.request("GET /orders/{id}", start, latency, ProfileType.CPU, 1, (i % 3 == 0) ? QUERY : COMPUTE);
			work.request("GET /orders/{id}", start + 1, latency, ProfileType.WALL, 1, QUERY);
			work.request("GET /orders/{id}", start + 2, latency, ProfileType.ALLOC, 3_000_000_000L, COMPUTE);
		}
		for (int i = 0; i < 10; i++) {
			work.request("GET /search", NOW - 300_000 + i * 1_000L, 40_000_000L + i, (i < 5) ? 500 : 200,
					ProfileType.LOCK, 10_000_000L * (i + 1), QUERY);
		}
		work.background("scheduling-1", NOW - 100_000, ProfileType.CPU, 1, "com.example.Cleanup.run");
		work.read();
	}

	private VersionHistory history(ProfileStore store, String version) {
		return history(store, version, 5);
	}

	private VersionHistory history(ProfileStore store, String version, int maxVersions) {
		return new VersionHistory(settings("shop", version, maxVersions, 1_000_000, 32 << 20), store,
				new FrameClassifier(PACKAGES), this.clock::get);
	}

	private HistorySettings settings(String service, String version, int maxVersions, int maxNodes, long maxFileSize) {
		return new HistorySettings(this.directory, service, version, maxVersions, Duration.ofMinutes(1), maxNodes,
				maxFileSize);
	}

	private void age(String file, int minutes) throws IOException {
		Files.setLastModifiedTime(this.directory.resolve(file),
				FileTime.from(Instant.ofEpochMilli(NOW).minus(Duration.ofMinutes(minutes))));
	}

	private static LatencyHistogram latency(ProfileStore.View view, String endpoint) {
		LatencyHistogram merged = new LatencyHistogram();
		for (Window window : view.windows()) {
			EndpointWindow data = Window.BACKGROUND.equals(endpoint) ? window.background() : window.endpoint(endpoint);
			if (data != null) {
				merged.addAll(data.latency());
			}
		}
		return merged;
	}

	private static CallTree merged(ProfileStore.View view, String endpoint, ProfileType type) {
		CallTree merged = new CallTree(100_000);
		for (Window window : view.windows()) {
			EndpointWindow data = Window.BACKGROUND.equals(endpoint) ? window.background() : window.endpoint(endpoint);
			if (data != null) {
				merged.addAll(data.tree(type));
			}
		}
		return merged;
	}

	/** Each node by its path of frame names: self, total and the samples of its self. */
	private static Map<String, List<Long>> paths(CallTree tree, Frames frames) {
		Map<String, List<Long>> paths = new LinkedHashMap<>();
		String[] names = new String[tree.size()];
		for (int node = 1; node < tree.size(); node++) {
			String name = frames.name(tree.frame(node));
			int parent = tree.parent(node);
			names[node] = (parent == CallTree.ROOT) ? name : names[parent] + ";" + name;
			paths.put(names[node], List.of(tree.self(node), tree.total(node), tree.selfSamples(node)));
		}
		paths.put("", List.of(tree.self(CallTree.ROOT), tree.total(CallTree.ROOT), tree.stacks()));
		return paths;
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		for (int i = 0; i <= bytes.length - part.length; i++) {
			if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
				return i;
			}
		}
		throw new IllegalArgumentException("not found");
	}

}

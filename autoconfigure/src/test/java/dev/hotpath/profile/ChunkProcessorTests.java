package dev.hotpath.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The join of samples to span intervals, with hand-made chunks.
 */
class ChunkProcessorTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	private static final long BASE = NOW_MILLIS * 1_000_000;

	private final ProfileStore store = new ProfileStore(
			new ProfileLimits(Duration.ofHours(1), Duration.ofMinutes(10), 1000, 100_000, 10_000, 5, 1000));

	private final List<Logged> logged = new ArrayList<>();

	private final HandMadeChunks chunks = new HandMadeChunks(this.store);

	private final ChunkProcessor processor = new ChunkProcessor(this.store, new FrameClassifier(List.of("com.example")),
			(sink) -> {
				for (Logged request : this.logged) {
					sink.request(request.endpoint, RequestSource.ROUTE, request.spanStart, NOW_MILLIS,
							request.durationNanos, 200, 1, request.spanStart, 7);
				}
				this.logged.clear();
			}, () -> NOW_MILLIS);

	@Test
	void joinsSampleToInnermostEnclosingSpan() {
		ChunkData chunk = chunk();
		request(chunk, 1, 0, 100, "GET /outer");
		request(chunk, 1, 20, 50, "GET /inner");
		chunk.samples.add(sample(1, 30, ProfileType.CPU, "com.example.Inner.work"));
		chunk.samples.add(sample(1, 70, ProfileType.CPU, "com.example.Outer.work"));
		ingest(chunk);
		assertThat(cpuSamples("GET /inner")).isEqualTo(1);
		assertThat(cpuSamples("GET /outer")).isEqualTo(1);
		assertThat(leafOf("GET /inner")).isEqualTo("com.example.Inner.work");
	}

	@Test
	void countsTheProfileWholeBeforeTheStartOfTheLastChunkRead() {
		assertThat(this.processor.wholeBefore()).isEqualTo(Long.MIN_VALUE);
		this.processor.process(null, false, NOW_MILLIS - 30_000);
		assertThat(this.processor.wholeBefore()).isEqualTo(NOW_MILLIS - 30_000);
		// a chunk whose start is not known leaves it as it was
		this.processor.process(null);
		assertThat(this.processor.wholeBefore()).isEqualTo(NOW_MILLIS - 30_000);
		this.processor.process(null, false, NOW_MILLIS);
		assertThat(this.processor.wholeBefore()).isEqualTo(NOW_MILLIS);
	}

	@Test
	void leavesARequestThatAnotherApplicationContextLoggedToThatContext() {
		// the recording is the JVM's: a second Hotpath context in it (a test's cached
		// context, a child application) writes span events this processor reads too
		ChunkData chunk = chunk();
		chunk.threadNames.put(1, "http-nio-8080-exec-1");
		chunk.spans.add(span(1, 0, 100, "GET /theirs"));
		chunk.samples.add(sample(1, 50, ProfileType.CPU, "com.example.Theirs.work"));
		request(chunk, 2, 10, 100, "GET /mine");
		chunk.samples.add(sample(2, 50, ProfileType.CPU, "com.example.Mine.work"));
		ingest(chunk);
		assertThat(endpoint("GET /theirs")).isNull();
		assertThat(cpuSamples("GET /mine")).isEqualTo(1);
		assertThat(backgroundSamples()).isEqualTo(1);
	}

	@Test
	void putsSamplesOutsideAnySpanIntoTheBackgroundUnderTheirThreadPool() {
		ChunkData chunk = chunk();
		chunk.threadNames.put(1, "http-nio-8080-exec-1");
		chunk.threadNames.put(2, "scheduler-1");
		chunk.threadNames.put(3, "http-nio-8080-exec-12");
		request(chunk, 1, 0, 100, "GET /outer");
		chunk.samples.add(sample(1, 150, ProfileType.CPU, "com.example.Idle.poll"));
		chunk.samples.add(sample(2, 50, ProfileType.CPU, "com.example.Job.run"));
		chunk.samples.add(sample(3, 50, ProfileType.CPU, "com.example.Idle.poll"));
		ingest(chunk);
		assertThat(cpuSamples("GET /outer")).isZero();
		List<String> threads = this.store.read((view) -> {
			CallTree background = view.windows().get(0).background().tree(ProfileType.CPU);
			List<String> names = new ArrayList<>();
			for (int child = background.firstChild(CallTree.ROOT); child >= 0; child = background.nextSibling(child)) {
				names.add(view.frames().name(background.frame(child)));
			}
			return names;
		});
		assertThat(threads).containsExactlyInAnyOrder("[thread] scheduler-*", "[thread] http-nio-8080-exec-*");
	}

	@Test
	void joinsSamplesOfARequestThatStraddlesARotation() {
		ChunkData first = chunk();
		first.samples.add(sample(1, 10, ProfileType.CPU, "com.example.Slow.start"));
		first.samples.add(sample(1, 20, ProfileType.WALL, "com.example.Slow.start"));
		ingest(first);
		assertThat(backgroundSamples()).isZero();
		ChunkData second = chunk();
		request(second, 1, 5, 40, "GET /slow");
		second.samples.add(sample(1, 30, ProfileType.CPU, "com.example.Slow.finish"));
		ingest(second);
		assertThat(cpuSamples("GET /slow")).isEqualTo(2);
		assertThat(backgroundSamples()).isZero();
	}

	@Test
	void countsEachFunctionOnceForEveryRequestItWasSeenIn() {
		ChunkData chunk = chunk();
		request(chunk, 1, 0, 100, "GET /report");
		request(chunk, 2, 0, 100, "GET /report");
		int[] lines = { 10, 20 };
		chunk.samples
			.add(sample(1, 10, new String[] { "com.example.Handler.handle", "com.example.Parser.parse" }, lines));
		chunk.samples
			.add(sample(2, 15, new String[] { "com.example.Handler.handle", "com.example.Handler.log" }, lines));
		chunk.samples
			.add(sample(1, 20, new String[] { "com.example.Handler.handle", "com.example.Parser.parse" }, lines));
		chunk.samples
			.add(sample(2, 25, new String[] { "com.example.Handler.handle", "com.example.Handler.log" }, lines));
		chunk.samples
			.add(sample(1, 30, new String[] { "com.example.Handler.handle", "com.example.View.render" }, lines));
		ingest(chunk);
		EndpointWindow report = endpoint("GET /report");
		assertThat(report.profiledRequests()).isEqualTo(2);
		Map<String, Integer> requestsWith = new TreeMap<>();
		for (String function : List.of("java.lang.Thread.run", "com.example.Handler.handle", "com.example.Parser.parse",
				"com.example.View.render", "com.example.Handler.log")) {
			int frame = this.store.read((view) -> view.frames().find(function));
			requestsWith.put(function, report.requestsWith(frame));
		}
		assertThat(requestsWith)
			.containsExactlyInAnyOrderEntriesOf(Map.of("java.lang.Thread.run", 2, "com.example.Handler.handle", 2,
					"com.example.Parser.parse", 1, "com.example.View.render", 1, "com.example.Handler.log", 1));
	}

	@Test
	void movesHeldSamplesToTheBackgroundWhenNoRequestClaimsThem() {
		ChunkData first = chunk();
		first.samples.add(sample(1, 10, ProfileType.CPU, "com.example.Slow.start"));
		first.samples.add(sample(1, 20, ProfileType.WALL, "com.example.Slow.start"));
		ingest(first);
		ingest(chunk());
		assertThat(backgroundSamples()).isEqualTo(1);
	}

	@Test
	void keepsTheSlowestRequestWithItsOwnSamplesWhetherLoggedBeforeOrAfterItsSpan() {
		ChunkData chunk = chunk();
		chunk.threadNames.put(1, "http-nio-1");
		chunk.spans.add(span(1, 0, 100, "GET /a"));
		chunk.samples.add(sample(1, 50, ProfileType.CPU, "com.example.A.run"));
		this.logged.add(new Logged("GET /a", BASE, 100_000_000));
		this.logged.add(new Logged("GET /a", BASE + 500, 90_000_000));
		ingest(chunk);
		ChunkData later = chunk();
		later.spans.add(span(1, 500, 600, "GET /a"));
		later.samples.add(sample(1, 550, ProfileType.CPU, "com.example.A.later"));
		later.samples.add(sample(1, 560, ProfileType.CPU, "com.example.A.later"));
		ingest(later);
		List<SlowRequest> slowest = this.store.read((view) -> view.windows().get(0).endpoint("GET /a").slowest());
		assertThat(slowest).hasSize(2);
		assertThat(slowest.get(0).samples(ProfileType.CPU)).isEqualTo(1);
		assertThat(slowest.get(0).thread()).isEqualTo("http-nio-1");
		assertThat(slowest.get(1).samples(ProfileType.CPU)).isEqualTo(2);
	}

	@Test
	void addsAllocationAndLockSamplesToTheirEndpointsWithWeightsBeyondAnInt() {
		ChunkData chunk = chunk();
		request(chunk, 1, 0, 100, "GET /a");
		request(chunk, 2, 0, 100, "GET /b");
		chunk.samples.add(sample(1, 10, ProfileType.ALLOC, "com.example.A.allocate", 3_000_000_000L));
		chunk.samples.add(sample(1, 20, ProfileType.ALLOC, "com.example.A.allocate", 1_000_000_000L));
		chunk.samples.add(sample(1, 30, ProfileType.CPU, "com.example.A.allocate", 1));
		chunk.samples.add(sample(2, 40, ProfileType.LOCK, "com.example.B.await", 5_000_000_000L));
		ingest(chunk);
		EndpointWindow a = endpoint("GET /a");
		EndpointWindow b = endpoint("GET /b");
		assertThat(a.tree(ProfileType.ALLOC).total(CallTree.ROOT)).isEqualTo(4_000_000_000L);
		assertThat(a.samples(ProfileType.ALLOC)).isEqualTo(2);
		assertThat(a.tree(ProfileType.CPU).total(CallTree.ROOT)).isEqualTo(1);
		assertThat(a.tree(ProfileType.LOCK).total(CallTree.ROOT)).isZero();
		assertThat(b.tree(ProfileType.LOCK).total(CallTree.ROOT)).isEqualTo(5_000_000_000L);
		assertThat(b.samples(ProfileType.LOCK)).isEqualTo(1);
		assertThat(b.tree(ProfileType.ALLOC).total(CallTree.ROOT)).isZero();
		assertThat(applicationSelf(a, ProfileType.ALLOC)).containsExactly(4_000_000_000L);
		assertThat(applicationSelf(b, ProfileType.LOCK)).containsExactly(5_000_000_000L);
	}

	@Test
	void keepsTheAllocationAndLockSamplesOfASlowRequest() {
		ChunkData chunk = chunk();
		chunk.spans.add(span(1, 0, 100, "GET /a"));
		chunk.samples.add(sample(1, 10, ProfileType.ALLOC, "com.example.A.allocate", 524_288));
		chunk.samples.add(sample(1, 20, ProfileType.LOCK, "com.example.A.await", 10_000_000));
		this.logged.add(new Logged("GET /a", BASE, 100_000_000));
		ingest(chunk);
		SlowRequest slow = endpoint("GET /a").slowest().get(0);
		assertThat(slow.tree(ProfileType.ALLOC).total(CallTree.ROOT)).isEqualTo(524_288);
		assertThat(slow.samples(ProfileType.ALLOC)).isEqualTo(1);
		assertThat(slow.tree(ProfileType.LOCK).total(CallTree.ROOT)).isEqualTo(10_000_000);
		assertThat(slow.samples(ProfileType.CPU)).isZero();
	}

	@Test
	void holdsSamplesAfterAThreadsLastIntervalUntilTheNextChunkShowsWhetherARequestWasRunning() {
		ChunkData chunk = chunk();
		// thread 1 served a request, allocated outside any, and began another request
		// that was still running when the chunk closed, between two wall-clock samples
		request(chunk, 1, 0, 50, "GET /a");
		chunk.samples.add(sample(1, 60, ProfileType.ALLOC, "com.example.Idle.allocate", 524_288));
		chunk.samples.add(sample(1, 70, ProfileType.CPU, "com.example.B.compute"));
		// thread 2 is inside a request begun before the chunk: its wall-clock samples say
		// so
		chunk.samples.add(sample(2, 60, ProfileType.CPU, "com.example.Slow.compute"));
		chunk.samples.add(sample(2, 70, ProfileType.WALL, "com.example.Slow.compute"));
		// thread 3 never works for a request
		chunk.samples.add(sample(3, 60, ProfileType.LOCK, "com.example.Cleaner.await", 10_000_000));
		ingest(chunk);
		EndpointWindow background = this.store.read((view) -> view.windows().get(0).background());
		assertThat(background.samples(ProfileType.LOCK)).isEqualTo(1);
		assertThat(background.samples(ProfileType.ALLOC)).isZero();
		assertThat(background.samples(ProfileType.CPU)).isZero();
		assertThat(background.samples(ProfileType.WALL)).isZero();
		ChunkData next = chunk();
		request(next, 1, 65, 90, "GET /b");
		request(next, 2, -100, 200, "GET /slow");
		ingest(next);
		// the next chunk's intervals place each held sample: the allocation fell between
		// thread 1's requests
		background = this.store.read((view) -> view.windows().get(0).background());
		assertThat(background.samples(ProfileType.ALLOC)).isEqualTo(1);
		assertThat(background.samples(ProfileType.CPU)).isZero();
		assertThat(endpoint("GET /b").samples(ProfileType.CPU)).isEqualTo(1);
		assertThat(endpoint("GET /slow").samples(ProfileType.CPU)).isEqualTo(1);
		assertThat(endpoint("GET /slow").samples(ProfileType.WALL)).isEqualTo(1);
	}

	@Test
	void holdsAThreadsSamplesOnceUnlessItsWallClockSamplesShowItStillWorking() {
		ChunkData chunk = chunk();
		request(chunk, 1, 0, 50, "GET /a");
		chunk.samples.add(sample(1, 60, ProfileType.CPU, "com.example.Pool.poll"));
		ingest(chunk);
		// the next chunk has neither an interval nor a wall-clock sample of thread 1
		ingest(chunk());
		EndpointWindow background = this.store.read((view) -> view.windows().get(0).background());
		assertThat(background.samples(ProfileType.CPU)).isEqualTo(1);
	}

	@Test
	void keepsEachFunctionsLinesPerEndpointAndInTheBackgroundBesideTheLineFreeTree() {
		ChunkData chunk = chunk();
		request(chunk, 1, 0, 100, "GET /a");
		String outer = "com.example.A.outer";
		String inner = "com.example.A.inner";
		chunk.samples.add(sample(1, 10, new String[] { outer, inner }, new int[] { 10, 20 }));
		// recursion through the same line counts once in that line's total
		chunk.samples.add(sample(1, 20, new String[] { outer, outer, inner }, new int[] { 10, 10, 21 }));
		chunk.samples.add(sample(1, 30, new String[] { outer, outer }, new int[] { 10, 12 }));
		chunk.samples.add(sample(1, 40, new String[] { outer }, new int[] { 0 }));
		chunk.samples.add(sample(2, 50, new String[] { outer }, new int[] { 13 }));
		ingest(chunk);
		EndpointWindow a = endpoint("GET /a");
		assertThat(lines(a, outer)).containsExactly("function:2/4", "0:1/1", "10:0/3", "12:1/1");
		assertThat(lines(a, inner)).containsExactly("function:2/2", "20:1/1", "21:1/1");
		EndpointWindow background = this.store.read((view) -> view.windows().get(0).background());
		assertThat(lines(background, outer)).containsExactly("function:1/1", "13:1/1");
		// the tree stays line-free: all, run, outer, inner under outer, outer under outer
		// and inner under that
		assertThat(a.tree(ProfileType.CPU).size()).isEqualTo(6);
		// the memory bound counts the tree's nodes, the line rows (two of run, four of
		// outer and three of inner) and the kept slowest request's own tree
		assertThat(a.nodes()).isEqualTo(6 + 9 + 6);
	}

	@Test
	void countsTheRequestsOfACorruptChunkAndThrowsWhyItCouldNotBeRead(@TempDir Path temp) throws Exception {
		Path corrupt = Files.write(temp.resolve("corrupt.jfr"), "this is not a flight recording".repeat(40).getBytes());
		this.logged.add(new Logged("GET /a", BASE, 100_000_000));
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.processor.process(corrupt))
			.withMessageContaining(corrupt.toString());
		assertThat(this.store.<Long>read((view) -> view.windows().get(0).requests())).isEqualTo(1);
	}

	@Test
	void throwsWhyATruncatedChunkCouldNotBeReadAndReadsTheNextOne(@TempDir Path temp) throws Exception {
		Path whole = recording(temp.resolve("whole.jfr"));
		byte[] bytes = Files.readAllBytes(whole);
		Path truncated = Files.write(temp.resolve("truncated.jfr"), Arrays.copyOf(bytes, bytes.length / 2));
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.processor.process(truncated));
		this.processor.process(whole);
		assertThat(this.store.counters().chunksProcessed).isEqualTo(2);
	}

	@Test
	void readsAChunkWithoutLeavingNativeMemoryForTheCollectorToFree(@TempDir Path temp) throws Exception {
		Path chunk = recording(temp.resolve("chunk.jfr"));
		BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
			.stream()
			.filter((pool) -> pool.getName().equals("direct"))
			.findFirst()
			.orElseThrow();
		long buffers = direct.getCount();
		this.processor.process(chunk);
		this.processor.process(chunk);
		assertThat(this.store.counters().chunksProcessed).isEqualTo(2);
		assertThat(direct.getCount()).isLessThanOrEqualTo(buffers);
	}

	@Test
	void throwsWhenTheReaderCannotOpenTheChunk(@TempDir Path temp) {
		Path gone = temp.resolve("gone.jfr");
		this.logged.add(new Logged("GET /a", BASE, 100_000_000));
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.processor.process(gone))
			.withCauseInstanceOf(NoSuchFileException.class);
		assertThat(this.store.<Long>read((view) -> view.windows().get(0).requests())).isEqualTo(1);
	}

	/** A recording of the JDK Flight Recorder's, started and stopped at once. */
	private static Path recording(Path file) throws IOException {
		try (Recording recording = new Recording()) {
			recording.enable("jdk.ExecutionSample");
			recording.start();
			recording.stop();
			recording.dump(file);
		}
		return file;
	}

	private EndpointWindow endpoint(String name) {
		return this.store.read((view) -> view.windows().get(0).endpoint(name));
	}

	private List<Long> applicationSelf(EndpointWindow endpoint, ProfileType type) {
		List<Long> weights = new ArrayList<>();
		endpoint.forEachApplicationSelf(type, (frame, weight) -> weights.add(weight));
		return weights;
	}

	/** A function's lines as {@code line:self/total}, its own row first, then by line. */
	private List<String> lines(EndpointWindow endpoint, String function) {
		Map<Integer, String> lines = new TreeMap<>();
		int frame = this.store.read((view) -> view.frames().find(function));
		endpoint.forEachLine(ProfileType.CPU, frame,
				(line, self, total) -> lines.put(line,
						((line != EndpointWindow.FUNCTION_LINE) ? String.valueOf(line) : "function") + ":" + self + "/"
								+ total));
		return new ArrayList<>(lines.values());
	}

	private void ingest(ChunkData chunk) {
		this.chunks.ingest(this.processor, chunk);
	}

	private long cpuSamples(String endpoint) {
		return this.chunks.cpuSamples(endpoint);
	}

	private long backgroundSamples() {
		return this.chunks.backgroundSamples();
	}

	private String leafOf(String endpoint) {
		return this.store.read((view) -> {
			CallTree tree = view.windows().get(0).endpoint(endpoint).tree(ProfileType.CPU);
			int node = CallTree.ROOT;
			while (tree.firstChild(node) >= 0) {
				node = tree.firstChild(node);
			}
			return view.frames().name(tree.frame(node));
		});
	}

	private ChunkData chunk() {
		return new ChunkData();
	}

	/**
	 * A request of this application: its span event in the chunk and its row in the log
	 * that the round reading the chunk drains.
	 */
	private void request(ChunkData chunk, int tid, long start, long end, String endpoint) {
		chunk.spans.add(span(tid, start, end, endpoint));
		this.logged.add(new Logged(endpoint, BASE + start, end - start));
	}

	private SpanInterval span(int tid, long start, long end, String endpoint) {
		return new SpanInterval(BASE + start, BASE + start, BASE + end, tid, endpoint);
	}

	private Sample sample(int tid, long time, ProfileType type, String leaf) {
		return sample(tid, time, type, leaf, 1);
	}

	private Sample sample(int tid, long time, ProfileType type, String leaf, long weight) {
		int root = this.store.write((store) -> store.frames().intern("java.lang.Thread.run", FrameKind.JDK));
		int frame = this.store.write((store) -> store.frames().intern(leaf, FrameKind.APPLICATION));
		return new Sample(BASE + time, tid, new int[] { root, frame }, type, weight);
	}

	private Sample sample(int tid, long time, String[] functions, int[] lines) {
		int[] stack = new int[functions.length + 1];
		int[] frameLines = new int[functions.length + 1];
		stack[0] = this.store.write((store) -> store.frames().intern("java.lang.Thread.run", FrameKind.JDK));
		frameLines[0] = 1588;
		for (int i = 0; i < functions.length; i++) {
			String function = functions[i];
			stack[i + 1] = this.store.write((store) -> store.frames().intern(function, FrameKind.APPLICATION));
			frameLines[i + 1] = lines[i];
		}
		return new Sample(BASE + time, tid, stack, ProfileType.CPU, 1, frameLines);
	}

	private record Logged(String endpoint, long spanStart, long durationNanos) {

	}

}

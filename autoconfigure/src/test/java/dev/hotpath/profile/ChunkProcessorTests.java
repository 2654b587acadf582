package dev.hotpath.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join of samples to span intervals, with hand-made chunks.
 */
class ChunkProcessorTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	private static final long BASE = NOW_MILLIS * 1_000_000;

	private final ProfileStore store = new ProfileStore(
			new ProfileLimits(Duration.ofHours(1), Duration.ofMinutes(10), 1000, 100_000, 10_000, 5, 1000));

	private final List<Logged> logged = new ArrayList<>();

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
		chunk.spans.add(span(1, 0, 100, "GET /outer"));
		chunk.spans.add(span(1, 20, 50, "GET /inner"));
		chunk.samples.add(sample(1, 30, ProfileType.CPU, "com.example.Inner.work"));
		chunk.samples.add(sample(1, 70, ProfileType.CPU, "com.example.Outer.work"));
		ingest(chunk);
		assertThat(cpuSamples("GET /inner")).isEqualTo(1);
		assertThat(cpuSamples("GET /outer")).isEqualTo(1);
		assertThat(leafOf("GET /inner")).isEqualTo("com.example.Inner.work");
	}

	@Test
	void putsSamplesOutsideAnySpanIntoTheBackgroundUnderTheirThreadPool() {
		ChunkData chunk = chunk();
		chunk.threadNames.put(1, "http-nio-8080-exec-1");
		chunk.threadNames.put(2, "scheduler-1");
		chunk.threadNames.put(3, "http-nio-8080-exec-12");
		chunk.spans.add(span(1, 0, 100, "GET /outer"));
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
		second.spans.add(span(1, 5, 40, "GET /slow"));
		second.samples.add(sample(1, 30, ProfileType.CPU, "com.example.Slow.finish"));
		ingest(second);
		assertThat(cpuSamples("GET /slow")).isEqualTo(2);
		assertThat(backgroundSamples()).isZero();
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

	private void ingest(ChunkData chunk) {
		this.store.write((store) -> {
			this.processor.ingest(chunk);
			return null;
		});
	}

	private long cpuSamples(String endpoint) {
		return this.store.read((view) -> {
			EndpointWindow window = view.windows().get(0).endpoint(endpoint);
			return (window != null) ? window.tree(ProfileType.CPU).total(CallTree.ROOT) : 0L;
		});
	}

	private long backgroundSamples() {
		return this.store.read((view) -> view.windows().isEmpty() ? 0L
				: view.windows().get(0).background().tree(ProfileType.CPU).total(CallTree.ROOT));
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

	private SpanInterval span(int tid, long start, long end, String endpoint) {
		return new SpanInterval(BASE + start, BASE + start, BASE + end, tid, endpoint);
	}

	private Sample sample(int tid, long time, ProfileType type, String leaf) {
		int root = this.store.write((store) -> store.frames().intern("java.lang.Thread.run", FrameKind.JDK));
		int frame = this.store.write((store) -> store.frames().intern(leaf, FrameKind.APPLICATION));
		return new Sample(BASE + time, tid, new int[] { root, frame }, type, 1);
	}

	private record Logged(String endpoint, long spanStart, long durationNanos) {

	}

}

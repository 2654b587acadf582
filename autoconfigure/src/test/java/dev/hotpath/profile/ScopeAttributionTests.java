package dev.hotpath.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samples of threads that work for a request's span outside the request thread, with
 * hand-made chunks and logs.
 */
class ScopeAttributionTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	private static final long BASE = NOW_MILLIS * 1_000_000;

	private static final long TRACE_HIGH = 0x4bf92f3577b34da6L;

	private static final long TRACE_LOW = 0xa3ce929d0e0e4736L;

	private static final long SERVER_SPAN = 0x00f067aa0ba902b7L;

	private static final long CHILD_SPAN = 0x1111111111111111L;

	private final ProfileStore store = new ProfileStore(new ProfileLimits(Duration.ofHours(1), Duration.ofMinutes(10),
			1000, 100_000, 10_000, 5, 1000, Duration.ofMinutes(10), 64, 1000));

	private final List<Runnable> requests = new ArrayList<>();

	private final List<Runnable> scopes = new ArrayList<>();

	private RequestSource.Sink sink;

	private RequestSource.ScopeSink scopeSink;

	private final ChunkProcessor processor = new ChunkProcessor(this.store, new FrameClassifier(List.of("com.example")),
			new RequestSource() {

				@Override
				public void drain(Sink sink) {
					ScopeAttributionTests.this.sink = sink;
					ScopeAttributionTests.this.requests.forEach(Runnable::run);
					ScopeAttributionTests.this.requests.clear();
				}

				@Override
				public void drainScopes(ScopeSink sink) {
					ScopeAttributionTests.this.scopeSink = sink;
					ScopeAttributionTests.this.scopes.forEach(Runnable::run);
					ScopeAttributionTests.this.scopes.clear();
				}

			}, () -> NOW_MILLIS);

	@Test
	void attributesAWorkerThreadsSamplesToTheRequestWhoseSpanItWorkedFor() {
		request("GET /report", 100, SERVER_SPAN, TRACE_LOW, RequestSource.ROUTE);
		scope(200, CHILD_SPAN, SERVER_SPAN, TRACE_LOW, false, false);
		ChunkData chunk = new ChunkData();
		chunk.threadNames.put(2, "task-1");
		chunk.spans.add(new SpanInterval(BASE + 100, BASE + 100, BASE + 900, 1, "GET /report"));
		chunk.spans.add(new SpanInterval(BASE + 200, BASE + 200, BASE + 800, 2, SpanInterval.SCOPE_TAG));
		chunk.samples.add(sample(2, 500, "com.example.Report.render"));
		chunk.samples.add(sample(1, 150, "com.example.Report.wait"));
		ingest(chunk);
		assertThat(cpuSamples("GET /report")).isEqualTo(2);
		assertThat(backgroundSamples()).isZero();
		List<String> spans = new ArrayList<>();
		this.store.read((view) -> view.traceSamples(TRACE_HIGH, TRACE_LOW, NOW_MILLIS,
				(time, span, parent, name, thread, endpoint, type, stack, weight) -> spans
					.add(Long.toHexString(span) + " " + thread + " " + endpoint)));
		assertThat(spans).containsExactlyInAnyOrder("1111111111111111 task-1 GET /report",
				"f067aa0ba902b7 thread 1 GET /report");
	}

	@Test
	void keepsAWorkersSamplesUntilItsRequestEnds() {
		scope(200, CHILD_SPAN, SERVER_SPAN, TRACE_LOW, false, false);
		ChunkData first = new ChunkData();
		first.spans.add(new SpanInterval(BASE + 200, BASE + 200, BASE + 800, 2, SpanInterval.SCOPE_TAG));
		first.samples.add(sample(2, 500, "com.example.Report.render"));
		ingest(first);
		assertThat(cpuSamples("GET /report")).isZero();
		assertThat(backgroundSamples()).isZero();
		request("GET /report", 100, SERVER_SPAN, TRACE_LOW, RequestSource.ROUTE);
		ingest(new ChunkData());
		assertThat(cpuSamples("GET /report")).isEqualTo(1);
	}

	@Test
	void putsTheSamplesOfALocalRootThatIsNeitherRequestNorJobInTheBackground() {
		scope(200, CHILD_SPAN, 0, TRACE_LOW, true, false);
		ChunkData chunk = new ChunkData();
		chunk.spans.add(new SpanInterval(BASE + 200, BASE + 200, BASE + 800, 2, SpanInterval.SCOPE_TAG));
		chunk.samples.add(sample(2, 500, "com.example.Client.call"));
		ingest(chunk);
		assertThat(backgroundSamples()).isEqualTo(1);
	}

	@Test
	void makesAJobAnEndpointOfItsOwn() {
		scope(200, CHILD_SPAN, 0, TRACE_LOW, true, true);
		ChunkData chunk = new ChunkData();
		chunk.spans.add(new SpanInterval(BASE + 200, BASE + 200, BASE + 800, 2, SpanInterval.SCOPE_TAG));
		chunk.samples.add(sample(2, 500, "com.example.Reports.refresh"));
		ingest(chunk);
		request("task reports.refresh", 0, CHILD_SPAN, TRACE_LOW, RequestSource.JOB);
		ingest(new ChunkData());
		assertThat(cpuSamples("task reports.refresh")).isEqualTo(1);
		String kind = this.store.read((view) -> view.windows().get(0).endpoint("task reports.refresh").kind());
		assertThat(kind).isEqualTo(RequestSource.JOB);
	}

	@Test
	void keepsAFixedNumberOfLabeledSamplesUnderAFloodOfTraces() {
		for (int trace = 1; trace <= 1000; trace++) {
			long traceLow = trace;
			scope(trace * 10L, CHILD_SPAN + trace, 0, traceLow, true, false);
		}
		ChunkData chunk = new ChunkData();
		for (int trace = 1; trace <= 1000; trace++) {
			chunk.spans.add(new SpanInterval(BASE + trace * 10L, BASE + trace * 10L, BASE + trace * 10L + 5, 2,
					SpanInterval.SCOPE_TAG));
			chunk.samples.add(sample(2, trace * 10L + 2, "com.example.Flood.run" + (trace % 7)));
		}
		ingest(chunk);
		int retained = 0;
		for (long trace = 1; trace <= 1000; trace++) {
			long traceLow = trace;
			retained += this.store.read((view) -> view.traceSamples(TRACE_HIGH, traceLow, NOW_MILLIS,
					(time, span, parent, name, thread, endpoint, type, stack, weight) -> {
					}));
		}
		assertThat(retained).isEqualTo(64);
		int newest = this.store.read((view) -> view.traceSamples(TRACE_HIGH, 1000, NOW_MILLIS,
				(time, span, parent, name, thread, endpoint, type, stack, weight) -> {
				}));
		assertThat(newest).isEqualTo(1);
	}

	private void request(String endpoint, long spanStart, long spanId, long traceLow, String kind) {
		this.requests.add(() -> this.sink.request(endpoint, kind, (spanStart != 0) ? BASE + spanStart : 0, NOW_MILLIS,
				1_000_000, 200, TRACE_HIGH, traceLow, spanId));
	}

	private void scope(long start, long spanId, long parent, long traceLow, boolean root, boolean job) {
		this.scopes
			.add(() -> this.scopeSink.scope(BASE + start, TRACE_HIGH, traceLow, spanId, parent, null, root, job));
	}

	private void ingest(ChunkData chunk) {
		this.store.write((store) -> {
			this.processor.ingest(chunk);
			return null;
		});
	}

	private Sample sample(int tid, long time, String leaf) {
		int root = this.store.write((store) -> store.frames().intern("java.lang.Thread.run", FrameKind.JDK));
		int frame = this.store.write((store) -> store.frames().intern(leaf, FrameKind.APPLICATION));
		return new Sample(BASE + time, tid, new int[] { root, frame }, ProfileType.CPU, 1);
	}

	private long cpuSamples(String endpoint) {
		return this.store.read((view) -> {
			if (view.windows().isEmpty()) {
				return 0L;
			}
			@Nullable EndpointWindow window = view.windows().get(0).endpoint(endpoint);
			return (window != null) ? window.tree(ProfileType.CPU).total(CallTree.ROOT) : 0L;
		});
	}

	private long backgroundSamples() {
		return this.store.read((view) -> view.windows().isEmpty() ? 0L
				: view.windows().get(0).background().tree(ProfileType.CPU).total(CallTree.ROOT));
	}

}

package dev.hotpath.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request and scope intervals whose span event async-profiler dropped (one that ends
 * while a rotation's dump holds its locks) are rebuilt from the logs.
 */
class DroppedSpanEventsTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	/** A recording tick is a nanosecond, tick t epoch nanosecond BASE + t. */
	private static final long BASE = NOW_MILLIS * 1_000_000;

	private static final long MS = 1_000_000;

	private static final long TRACE_HIGH = 1;

	private static final long TRACE_LOW = 9;

	private static final long SERVER_SPAN = 5;

	private static final long WORKER_SPAN = 6;

	private static final long REQUEST_THREAD = 41;

	private static final long WORKER_THREAD = 42;

	private final List<Runnable> logs = new ArrayList<>();

	private final List<SpanInterval> recorded = new ArrayList<>();

	private RequestSource.Sink sink;

	private RequestSource.ScopeSink scopeSink;

	private final ProfileStore store = new ProfileStore(
			new ProfileLimits(Duration.ofHours(1), Duration.ofMinutes(10), 1000, 100_000, 10_000, 5, 1000));

	private final HandMadeChunks chunks = new HandMadeChunks(this.store);

	private final ChunkProcessor processor = new ChunkProcessor(this.store, new FrameClassifier(List.of("com.example")),
			new RequestSource() {

				@Override
				public void drain(Sink sink) {
					DroppedSpanEventsTests.this.sink = sink;
					DroppedSpanEventsTests.this.logs.forEach(Runnable::run);
					DroppedSpanEventsTests.this.logs.clear();
				}

				@Override
				public void drainScopes(ScopeSink sink) {
					DroppedSpanEventsTests.this.scopeSink = sink;
				}

			}, () -> NOW_MILLIS);

	@Test
	void rebuildsARequestAndAWorkersScopeWhoseSpanEventsTheRecordingDropped() {
		request(10 * MS, 20 * MS, REQUEST_THREAD);
		scope(12 * MS, 25 * MS, WORKER_SPAN, WORKER_THREAD);
		ChunkData chunk = chunk();
		chunk.samples.add(sample(1, 15 * MS, "com.example.Report.render"));
		chunk.samples.add(sample(2, 20 * MS, "com.example.Report.query"));
		this.chunks.ingest(this.processor, chunk);
		assertThat(this.chunks.cpuSamples("GET /report")).isEqualTo(2);
		assertThat(this.chunks.backgroundSamples()).isZero();
		List<Long> spans = new ArrayList<>();
		this.store.traces()
			.forTrace(TRACE_HIGH, TRACE_LOW, NOW_MILLIS,
					(time, spanId, parent, name, thread, endpoint, type, stack, weight) -> spans.add(spanId));
		assertThat(spans).containsExactlyInAnyOrder(SERVER_SPAN, WORKER_SPAN);
		assertThat(this.store.counters().intervalsRebuilt).isEqualTo(2);
	}

	@Test
	void keepsTheRecordingsOwnSpanEventsAndLeavesShortIntervalsOut() {
		request(10 * MS, 20 * MS, REQUEST_THREAD);
		// under a millisecond: written only when a sample of its thread fell inside
		scope(40 * MS, 500_000, WORKER_SPAN, WORKER_THREAD);
		ChunkData chunk = chunk();
		chunk.spans.add(new SpanInterval(10 * MS, BASE + 10 * MS, BASE + 30 * MS, 1, "GET /report"));
		chunk.samples.add(sample(1, 15 * MS, "com.example.Report.render"));
		chunk.samples.add(sample(2, 40 * MS + 200_000, "com.example.Idle.poll"));
		this.chunks.ingest(this.processor, chunk);
		assertThat(this.chunks.cpuSamples("GET /report")).isEqualTo(1);
		assertThat(this.chunks.backgroundSamples()).isEqualTo(1);
		assertThat(this.store.counters().intervalsRebuilt).isZero();
	}

	@Test
	void givesAVirtualThreadsIntervalToTheOneCarrierWithSamplesInsideAfterItsLastInterval() {
		request(10 * MS, 20 * MS, REQUEST_THREAD);
		// virtual threads: the recording names their carriers, not them; the chunk
		// recorded an interval of a virtual thread on each of carriers 2, 3 and 4
		recordedScope(40 * MS, 5 * MS, 2, 1003);
		recordedScope(20 * MS, 5 * MS, 3, 1004);
		recordedScope(21 * MS, 5 * MS, 4, 1005);
		scope(50 * MS, 30 * MS, WORKER_SPAN, 1001);
		scope(100 * MS, 30 * MS, WORKER_SPAN, 1002);
		ChunkData chunk = chunk();
		chunk.tidOfJavaThread.remove(WORKER_THREAD);
		// carrier 2 worked in an interval of its own before the first scope, and then in
		// it
		chunk.samples.add(sample(2, 42 * MS, "com.example.Other.work"));
		chunk.samples.add(sample(2, 60 * MS, "com.example.Report.query"));
		// carrier 3 worked only between its interval and the first scope
		chunk.samples.add(sample(3, 30 * MS, "com.example.Idle.poll"));
		// both carriers 3 and 4 have samples inside the second scope: neither gets it
		chunk.samples.add(sample(3, 110 * MS, "com.example.Report.query"));
		chunk.samples.add(sample(4, 120 * MS, "com.example.Report.query"));
		this.chunks.ingest(this.processor, chunk);
		// samples after a carrier's last interval wait a chunk for a late interval
		ChunkData next = new ChunkData();
		next.startNanos = chunk.endNanos;
		next.nanosPerTick = 1;
		next.endNanos = chunk.endNanos + 10_000 * MS;
		this.chunks.ingest(this.processor, next);
		assertThat(this.chunks.cpuSamples("GET /report")).isEqualTo(2);
		assertThat(this.chunks.backgroundSamples()).isEqualTo(3);
		assertThat(this.store.counters().intervalsRebuilt).isEqualTo(2);
	}

	@Test
	void givesAVirtualThreadsIntervalOnlyToACarrierWhileOtherThreadsWork() {
		request(10 * MS, 120 * MS, REQUEST_THREAD);
		recordedScope(20 * MS, 5 * MS, 3, 1003);
		// two workers on virtual threads end their scopes while the dump holds
		// async-profiler's locks
		scope(50 * MS, 40 * MS, WORKER_SPAN, 1001);
		scope(100 * MS, 30 * MS, WORKER_SPAN, 1002);
		ChunkData chunk = chunk();
		chunk.samples.add(sample(3, 60 * MS, "com.example.Report.query"));
		chunk.samples.add(sample(3, 80 * MS, "com.example.Report.query"));
		// a platform thread with no interval works during both, asking for the rotation:
		// it makes the first no less the carrier's, and it does not take the second,
		// whose carrier has no sample inside
		chunk.threadNames.put(7, "main");
		chunk.samples.add(sample(7, 70 * MS, "com.example.Main.rotate"));
		chunk.samples.add(sample(7, 110 * MS, "com.example.Main.rotate"));
		this.chunks.ingest(this.processor, chunk);
		assertThat(this.chunks.cpuSamples("GET /report")).isEqualTo(2);
		assertThat(this.chunks.backgroundSamples()).isEqualTo(2);
		assertThat(this.store.counters().intervalsRebuilt).isEqualTo(2);
	}

	private void request(long start, long duration, long threadId) {
		this.logs.add(() -> this.sink.request("GET /report", RequestSource.ROUTE, start, NOW_MILLIS, duration, 200,
				TRACE_HIGH, TRACE_LOW, SERVER_SPAN, threadId));
	}

	private void scope(long start, long duration, long spanId, long threadId) {
		this.logs.add(() -> this.scopeSink.scope(start, TRACE_HIGH, TRACE_LOW, spanId, SERVER_SPAN, null, false, false,
				start + duration, threadId));
	}

	/**
	 * A scope of a virtual thread whose span event the chunk recorded on its carrier.
	 */
	private void recordedScope(long start, long duration, int carrier, long threadId) {
		scope(start, duration, WORKER_SPAN, threadId);
		this.recorded
			.add(new SpanInterval(start, BASE + start, BASE + start + duration, carrier, SpanInterval.SCOPE_TAG));
	}

	/** A chunk of async-profiler's whose thread table names threads 41 and 42. */
	private ChunkData chunk() {
		ChunkData chunk = new ChunkData();
		chunk.startNanos = BASE;
		chunk.nanosPerTick = 1;
		chunk.endNanos = BASE + 10_000 * MS;
		chunk.tidOfJavaThread.put(REQUEST_THREAD, 1);
		chunk.tidOfJavaThread.put(WORKER_THREAD, 2);
		chunk.spans.addAll(this.recorded);
		return chunk;
	}

	private Sample sample(int tid, long time, String leaf) {
		return this.chunks.sample(tid, BASE + time, leaf);
	}

}

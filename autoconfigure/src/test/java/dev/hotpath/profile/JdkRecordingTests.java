package dev.hotpath.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chunks of the JDK Flight Recorder: no span events, so request and scope intervals come
 * from the logs; Java thread ids; Java frames decoded by the same stack decoder.
 */
class JdkRecordingTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	private static final long BASE = NOW_MILLIS * 1_000_000;

	private static final long TRACE_HIGH = 1;

	private static final long TRACE_LOW = 9;

	private static final long SERVER_SPAN = 5;

	private final List<Runnable> logs = new ArrayList<>();

	private final RequestSource source = new RequestSource() {

		@Override
		public void drain(Sink sink) {
			JdkRecordingTests.this.sink = sink;
			run();
		}

		@Override
		public void drainScopes(ScopeSink sink) {
			JdkRecordingTests.this.scopeSink = sink;
		}

	};

	private RequestSource.Sink sink;

	private RequestSource.ScopeSink scopeSink;

	private final ProfileStore store = new ProfileStore(
			new ProfileLimits(Duration.ofHours(1), Duration.ofMinutes(10), 1000, 100_000, 10_000, 5, 1000));

	private final HandMadeChunks chunks = new HandMadeChunks(this.store);

	@Test
	void joinsSamplesToRequestAndScopeIntervalsBuiltFromTheLogs() {
		// nanoTime t is epoch nanosecond BASE + t
		ChunkProcessor processor = new ChunkProcessor(this.store, new FrameClassifier(List.of("com.example")),
				this.source, () -> NOW_MILLIS, () -> BASE);
		this.logs.add(() -> this.sink.request("GET /report", RequestSource.ROUTE, logged(100), NOW_MILLIS, 1000, 200,
				TRACE_HIGH, TRACE_LOW, SERVER_SPAN, 42));
		this.logs.add(() -> this.scopeSink.scope(logged(200), TRACE_HIGH, TRACE_LOW, SERVER_SPAN, 0, null, true, false,
				900, 43));
		ChunkData chunk = jdkChunk();
		chunk.samples.add(sample(42, BASE + 500, "com.example.Report.render"));
		chunk.samples.add(sample(43, BASE + 500, "com.example.Report.query"));
		chunk.samples.add(sample(42, BASE + 2000, "com.example.Idle.poll"));
		chunk.samples.add(sample(43, BASE + 950, "com.example.Idle.poll"));
		ingest(processor, chunk);
		assertThat(cpuSamples("GET /report")).isEqualTo(2);
		// the samples after each thread's interval wait a chunk for an interval that
		// might enclose them
		assertThat(backgroundSamples()).isZero();
		ingest(processor, jdkChunk());
		assertThat(backgroundSamples()).isEqualTo(2);
		List<Long> spans = new ArrayList<>();
		this.store.traces()
			.forTrace(TRACE_HIGH, TRACE_LOW, NOW_MILLIS,
					(time, spanId, parent, name, thread, endpoint, type, stack, weight) -> spans.add(spanId));
		assertThat(spans).containsExactly(SERVER_SPAN, SERVER_SPAN);
	}

	@Test
	void joinsLoggedIntervalsToAsyncProfilerChunksThroughTheirThreadTable() {
		// an interval begun between an async-profiler session's stop and the next start
		// has a logged start and no span event
		ChunkProcessor processor = new ChunkProcessor(this.store, new FrameClassifier(List.of("com.example")),
				this.source, () -> NOW_MILLIS, () -> BASE);
		this.logs.add(() -> this.sink.request("GET /report", RequestSource.ROUTE, logged(100), NOW_MILLIS, 1000, 200,
				TRACE_HIGH, TRACE_LOW, SERVER_SPAN, 42));
		this.logs.add(() -> this.sink.request("GET /other", RequestSource.ROUTE, logged(100), NOW_MILLIS, 1000, 200,
				TRACE_HIGH, TRACE_LOW, SERVER_SPAN + 1, 43));
		ChunkData chunk = new ChunkData();
		// the recording names threads by their OS id: Java thread 42 is thread 7
		chunk.tidOfJavaThread.put(42L, 7);
		chunk.samples.add(sample(7, BASE + 500, "com.example.Report.render"));
		// thread 43 of the recording is not Java thread 43, which it does not name
		chunk.samples.add(sample(43, BASE + 500, "com.example.Idle.poll"));
		ingest(processor, chunk);
		assertThat(cpuSamples("GET /report")).isEqualTo(1);
		assertThat(cpuSamples("GET /other")).isZero();
		assertThat(backgroundSamples()).isEqualTo(1);
	}

	@Test
	void decodesARealRecordingIntoJavaFramesWithLinesOnJavaThreadIds(@TempDir Path directory) throws IOException {
		ChunkProcessor processor = new ChunkProcessor(this.store, new FrameClassifier(List.of("dev.hotpath.profile")),
				this.source, System::currentTimeMillis);
		Path file = directory.resolve("chunk.jfr");
		long threadId = Thread.currentThread().getId();
		try (Recording recording = new Recording()) {
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
			recording.setDestination(file);
			recording.start();
			long start = System.nanoTime();
			Path probe = directory.resolve("probe.jfr");
			do {
				Busy.spin(20);
				recording.dump(probe);
			}
			while (!sampled(probe, threadId));
			long duration = System.nanoTime() - start;
			this.logs.add(() -> this.sink.request("GET /busy", RequestSource.ROUTE, start | Long.MIN_VALUE,
					System.currentTimeMillis(), duration, 200, TRACE_HIGH, TRACE_LOW, SERVER_SPAN, threadId));
			recording.stop();
		}
		ChunkData chunk = processor.read(file, true);
		assertThat(chunk.threadName((int) threadId)).isEqualTo(Thread.currentThread().getName());
		List<Sample> busy = chunk.samples.stream()
			.filter((sample) -> sample.tid() == (int) threadId
					&& name(sample.stack()[sample.stack().length - 1]).equals(Busy.SPIN))
			.toList();
		assertThat(busy).isNotEmpty().allSatisfy((sample) -> {
			assertThat(sample.type()).isEqualTo(ProfileType.CPU);
			assertThat(sample.lines()[sample.lines().length - 1]).isPositive();
			FrameKind kind = this.store.read((view) -> view.frames().kind(sample.stack()[sample.stack().length - 1]));
			assertThat(kind).isEqualTo(FrameKind.APPLICATION);
		});
		processor.process(file, true);
		assertThat(cpuSamples("GET /busy")).isGreaterThanOrEqualTo(busy.size());
	}

	private static boolean sampled(Path recording, long threadId) throws IOException {
		for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
			// a sample in Busy.spin itself, not in the dumping and reading in between
			if (event.getEventType().getName().equals("jdk.ExecutionSample")
					&& event.getThread("sampledThread").getJavaThreadId() == threadId && event.getStackTrace() != null
					&& !event.getStackTrace().getFrames().isEmpty()) {
				RecordedMethod leaf = event.getStackTrace().getFrames().get(0).getMethod();
				if ((leaf.getType().getName() + "." + leaf.getName()).equals(Busy.SPIN)) {
					return true;
				}
			}
		}
		return false;
	}

	private void run() {
		this.logs.forEach(Runnable::run);
		this.logs.clear();
	}

	private static long logged(long nanoTime) {
		return nanoTime | Long.MIN_VALUE;
	}

	private ChunkData jdkChunk() {
		ChunkData chunk = new ChunkData();
		chunk.jdkRecording = true;
		return chunk;
	}

	private void ingest(ChunkProcessor processor, ChunkData chunk) {
		this.chunks.ingest(processor, chunk);
	}

	private String name(int frame) {
		return this.store.read((view) -> view.frames().name(frame));
	}

	private long cpuSamples(String endpoint) {
		return this.chunks.cpuSamples(endpoint);
	}

	private long backgroundSamples() {
		return this.chunks.backgroundSamples();
	}

	private Sample sample(int tid, long time, String leaf) {
		return this.chunks.sample(tid, time, leaf);
	}

	/** Java work the recorder samples. */
	static final class Busy {

		static final String SPIN = Busy.class.getName() + ".spin";

		private Busy() {
		}

		static long spin(int millis) {
			long end = System.nanoTime() + millis * 1_000_000L;
			long sum = 0;
			while (System.nanoTime() < end) {
				for (int i = 0; i < 1000; i++) {
					sum += (sum ^ i) * 31 + i;
				}
			}
			return sum;
		}

	}

}

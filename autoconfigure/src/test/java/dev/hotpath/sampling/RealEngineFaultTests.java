package dev.hotpath.sampling;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import one.jfr.JfrReader;
import one.jfr.event.Event;
import one.jfr.event.ExecutionSample;
import one.profiler.AsyncProfiler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults with the real async-profiler, on a sampler of the test's own. The JVM has one
 * profiler session, which the shared sampler of the integration tests holds once their
 * cached contexts start, so this class runs first; each test says what it needs of the
 * session.
 */
@Order(1)
class RealEngineFaultTests {

	private static final SamplerSettings SETTINGS = TestSettings.rotatedByTheTest(CpuEngine.ITIMER).build();

	private static final SamplerSettings SETTINGS_PERF = TestSettings.rotatedByTheTest(CpuEngine.PERF).build();

	private final AsyncProfiler profiler = AsyncProfiler.getInstance();

	private final List<Chunk> chunks = new ArrayList<>();

	@Test
	void reportsAnotherSessionStartedBeforeItAndLeavesThatSessionRunning(@TempDir Path temp) throws Exception {
		boolean ours = !active();
		if (ours) {
			this.profiler.execute("start,event=itimer,jfr,file=" + temp.resolve("other.jfr"));
		}
		try {
			Sampler sampler = new Sampler(AsyncProfilerEngine::load, Clock.systemUTC());
			try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
				SamplerStatus status = sampler.status();
				assertThat(status.state()).isEqualTo(SamplerState.UNAVAILABLE);
				assertThat(status.message()).startsWith("Another profiler session is running in this JVM")
					.contains("IllegalStateException: Profiler already started")
					.contains("not sampling");
				sampler.rotateNow();
				assertThat(this.chunks).singleElement().satisfies((chunk) -> assertThat(chunk.file()).isNull());
			}
			assertThat(active()).isTrue();
		}
		finally {
			if (ours) {
				this.profiler.execute("stop");
			}
		}
	}

	@Test
	void dumpsReadableChunksWhileOneSessionGoesOn() throws Exception {
		assumeThat(active()).as("the JVM's profiler session is free").isFalse();
		Sampler sampler = new Sampler(AsyncProfilerEngine::load, Clock.systemUTC());
		List<String> read = new ArrayList<>();
		try (Sampler.Registration registration = sampler.register(SETTINGS, (chunk) -> {
			Path file = chunk.file();
			long samples = 0;
			try (JfrReader reader = new JfrReader(file.toString())) {
				for (Event event; (event = reader.readEvent()) != null;) {
					samples += (event instanceof ExecutionSample) ? 1 : 0;
				}
			}
			try (Stream<Path> files = Files.list(file.getParent())) {
				read.add(file.getFileName() + " with samples " + (samples > 0) + ", sessions "
						+ files.filter((each) -> each.getFileName().toString().startsWith("session-")).count());
			}
		})) {
			// a request runs throughout, so that wall-clock sampling never pauses
			sampler.requestStarted();
			for (int chunk = 1; chunk <= 3; chunk++) {
				long before = sampler.status().samples();
				while (sampler.status().samples() < before + 5) {
					spin();
				}
				sampler.rotateNow();
			}
			sampler.requestEnded();
			SamplerStatus status = sampler.status();
			assertThat(status.problem()).isNull();
			// async-profiler took the stack storage limit and says what it holds
			assertThat(status.settings().nativeMemoryLimitBytes())
				.isEqualTo(SamplerSettings.DEFAULT_NATIVE_MEMORY_LIMIT);
			assertThat(status.nativeMemoryBytes()).isGreaterThan(1024L * 1024);
			assertThat(status.samplesWithoutStack()).isZero();
		}
		// one session, its chunks cut out of its file one by one, each a JFR file of its
		// own
		assertThat(read).containsExactly("chunk-1.jfr with samples true, sessions 1",
				"chunk-2.jfr with samples true, sessions 1", "chunk-3.jfr with samples true, sessions 1");
	}

	@Test
	void pausesWallClockSamplingWhileIdleAndTakesItAgainFromTheNextRequest() throws Exception {
		assumeThat(active()).as("the JVM's profiler session is free").isFalse();
		Sampler sampler = new Sampler(AsyncProfilerEngine::load, Clock.systemUTC());
		List<String> read = new ArrayList<>();
		try (Sampler.Registration registration = sampler.register(SETTINGS, (chunk) -> {
			long cpu = 0;
			long wall = 0;
			try (JfrReader reader = new JfrReader(chunk.file().toString())) {
				for (ExecutionSample sample; (sample = reader.readEvent(ExecutionSample.class)) != null;) {
					if (sample.threadState == 0 || sample.threadState == ExecutionSample.CPU_TIME_SAMPLE) {
						cpu++;
					}
					else {
						wall++;
					}
				}
			}
			read.add("cpu " + (cpu > 0) + ", wall " + (wall > 0));
		})) {
			sampler.rotateNow();
			// a whole chunk without a request
			sampler.rotateNow();
			assertThat(sampler.status().mode()).contains("wall-clock sampling paused");
			spinForSamples(sampler);
			sampler.rotateNow();
			// this thread begins a request: a session with wall-clock samples starts at
			// once, with this thread in its filter
			sampler.requestStarted();
			await().atMost(Duration.ofMinutes(1))
				.untilAsserted(() -> assertThat(sampler.status().mode()).doesNotContain("paused"));
			spinForSamples(sampler);
			sampler.rotateNow();
			sampler.requestEnded();
			assertThat(sampler.status().problem()).isNull();
		}
		assertThat(read).hasSize(5);
		// the paused session's chunk has CPU samples and no wall-clock ones; the resumed
		// session samples the working thread's wall-clock time again
		assertThat(read.get(2)).isEqualTo("cpu true, wall false");
		assertThat(read.get(4)).endsWith("wall true");
	}

	private static void spinForSamples(Sampler sampler) {
		long before = sampler.status().samples();
		while (sampler.status().samples() < before + 20) {
			spin();
		}
	}

	private static volatile long sink;

	private static void spin() {
		for (int i = 0; i < 1_000_000; i++) {
			sink += i % 7;
		}
	}

	@Test
	void stopsTheProfilerWhenClosedWhileARequestIsInsideAChunk() throws Exception {
		assumeThat(active()).as("the JVM's profiler session is free").isFalse();
		Sampler sampler = new Sampler(AsyncProfilerEngine::load, Clock.systemUTC());
		Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add);
		assertThat(sampler.status().state()).isEqualTo(SamplerState.RUNNING);
		assertThat(active()).isTrue();
		assertThat(RequestDuringClose.run(sampler, registration)).isNull();
		assertThat(active()).isFalse();
		assertThat(sampler.status().state()).isEqualTo(SamplerState.STOPPED);
	}

	@Test
	void reportsAChunkDirectoryItCannotWriteAndResumesOnceItCan(@TempDir Path temp) throws Exception {
		assumeThat(active()).as("the JVM's profiler session is free").isFalse();
		Path directory = temp.resolve("chunks");
		SamplerSettings settings = TestSettings.rotatedByTheTest(CpuEngine.ITIMER)
			.directory(directory)
			.idleAfter(SamplerSettings.DEFAULT_IDLE_AFTER)
			.build();
		Sampler sampler = new Sampler(AsyncProfilerEngine::load, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(settings, this.chunks::add)) {
			assertThat(sampler.status().state()).isEqualTo(SamplerState.RUNNING);
			// the directory goes away under the open chunk, as when a disk is unmounted
			// or cleaned up; running as root, permissions alone would not stop the write
			try (Stream<Path> files = Files.list(directory)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(directory);
			sampler.rotateNow();
			SamplerStatus status = sampler.status();
			assertThat(status.state()).isEqualTo(SamplerState.UNAVAILABLE);
			assertThat(status.message()).contains("cannot write its recording to " + directory)
				.contains("Could not open Flight Recorder output file");
			assertThat(active()).isFalse();
			Files.createDirectories(directory);
			sampler.rotateNow();
			assertThat(sampler.status().state()).isEqualTo(SamplerState.RUNNING);
			assertThat(this.chunks).hasSize(2);
		}
		assertThat(active()).isFalse();
	}

	@Test
	void saysWhichCpuEngineAsyncProfilerFellBackToWithoutPerfEvents(@TempDir Path temp) throws Exception {
		assumeThat(active()).as("the JVM's profiler session is free").isFalse();
		// what async-profiler records when event=cpu finds perf events denied
		Path ctimer = temp.resolve("ctimer.jfr");
		this.profiler.execute("start,event=ctimer,jfr,file=" + ctimer);
		this.profiler.execute("stop");
		long buffers = directBuffers();
		assertThat(RecordedEngine.of(ctimer)).isEqualTo("ctimer");
		// read from a heap array: no direct buffer left for a collection to free
		assertThat(directBuffers()).isLessThanOrEqualTo(buffers);
		Sampler sampler = new Sampler(() -> new ReplayingEngine(ctimer), Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS_PERF, this.chunks::add)) {
			assertThat(sampler.status().mode()).startsWith("cpu every 10 ms (perf events), wall");
			sampler.rotateNow();
			SamplerStatus status = sampler.status();
			assertThat(status.state()).isEqualTo(SamplerState.RUNNING);
			assertThat(status.mode()).startsWith("cpu every 10 ms (ctimer: perf events not allowed), wall");
			assertThat(status.message()).contains("Perf events are not allowed here")
				.endsWith("samples CPU time with ctimer.");
		}
	}

	private boolean active() throws Exception {
		return !this.profiler.execute("status").contains("not active");
	}

	/**
	 * An engine that, asked for perf events, leaves the given recording as each chunk, as
	 * async-profiler does when it falls back.
	 */
	private static final class ReplayingEngine implements ProfilerEngine {

		private final Path recording;

		private @Nullable Path file;

		ReplayingEngine(Path recording) {
			this.recording = recording;
		}

		@Override
		public String name() {
			return "replaying";
		}

		@Override
		public String version() {
			return "0";
		}

		@Override
		public String execute(String command) throws Exception {
			if (command.startsWith("start")) {
				this.file = Path.of(command.substring(command.indexOf("file=") + "file=".length()));
			}
			else if (command.equals("stop") && this.file != null) {
				Files.copy(this.recording, this.file);
			}
			return "";
		}

		@Override
		public long samples() {
			return 0;
		}

		@Override
		public void addCurrentThread() {
		}

		@Override
		public void addThread(Thread thread) {
		}

		@Override
		public void removeCurrentThread() {
		}

	}

	private static long directBuffers() {
		return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
			.stream()
			.filter((pool) -> pool.getName().equals("direct"))
			.mapToLong(BufferPoolMXBean::getCount)
			.sum();
	}

}

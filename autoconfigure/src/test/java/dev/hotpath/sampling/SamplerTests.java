package dev.hotpath.sampling;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The sampler's behaviour when the engine cannot run, with fake engines; the real engine
 * is covered by the integration tests.
 */
class SamplerTests {

	private static final SamplerSettings SETTINGS = TestSettings.rotatedByTheTest(CpuEngine.DEFAULT).build();

	/** Three looks a chunk, as the default 30 s chunk has, on a clock the test moves. */
	private static final SamplerSettings THREE_TICKS_A_CHUNK = TestSettings.rotatedByTheTest(CpuEngine.DEFAULT)
		.chunkDuration(Duration.ofHours(3))
		.build();

	private static final long MB = 1024 * 1024;

	private final List<Chunk> chunks = Collections.synchronizedList(new ArrayList<>());

	@Test
	void fallsBackToTheJdkFlightRecorderWhenAsyncProfilerCannotLoad() {
		Sampler sampler = new Sampler(() -> {
			throw new UnsatisfiedLinkError("no libasyncProfiler.so for musl");
		}, JdkFlightRecorderEngine::load, Clock.systemUTC());
		List<Long> sizes = new ArrayList<>();
		try (Sampler.Registration registration = sampler.register(SETTINGS, (chunk) -> {
			this.chunks.add(chunk);
			sizes.add(Files.size(chunk.file()));
		})) {
			SamplerStatus status = sampler.status();
			assertThat(status.state()).isEqualTo(SamplerState.RUNNING);
			assertThat(status.engine()).isEqualTo(SamplerStatus.JDK_FLIGHT_RECORDER);
			assertThat(status.version()).isEqualTo(Runtime.version().toString());
			assertThat(status.mode()).startsWith("JDK Flight Recorder method sampling every 10 ms, Java frames only")
				.contains("because async-profiler could not be loaded")
				.contains("no libasyncProfiler.so for musl");
			sampler.requestStarted();
			sampler.rotateNow();
			sampler.requestEnded();
			sampler.rotateNow();
		}
		assertThat(this.chunks).hasSize(2).allSatisfy((chunk) -> assertThat(chunk.jdkRecording()).isTrue());
		assertThat(sizes).allSatisfy((size) -> assertThat(size).isPositive());
		assertThat(sampler.status().state()).isEqualTo(SamplerState.STOPPED);
	}

	@Test
	void usesTheJdkFlightRecorderWhenAskedEvenWhereAsyncProfilerLoads() {
		FakeEngine asyncProfiler = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> asyncProfiler, JdkFlightRecorderEngine::load, Clock.systemUTC());
		try (Sampler.Registration registration = sampler
			.register(SETTINGS.toBuilder().engine(SamplingEngine.JFR).build(), this.chunks::add)) {
			assertThat(sampler.status().engine()).isEqualTo(SamplerStatus.JDK_FLIGHT_RECORDER);
			assertThat(sampler.status().mode()).endsWith("because hotpath.sampling.engine is jfr");
			sampler.rotateNow();
		}
		assertThat(asyncProfiler.commands).isEmpty();
		assertThat(this.chunks).singleElement().satisfies((chunk) -> assertThat(chunk.jdkRecording()).isTrue());
	}

	@Test
	void takesNoSamplesWithoutAsyncProfilerWhenAskedForItOnly() {
		Sampler sampler = new Sampler(() -> {
			throw new UnsupportedOperationException("Unsupported OS: plan9");
		}, JdkFlightRecorderEngine::load, Clock.systemUTC());
		try (Sampler.Registration registration = sampler
			.register(SETTINGS.toBuilder().engine(SamplingEngine.ASYNC_PROFILER).build(), this.chunks::add)) {
			assertThat(sampler.status().state()).isEqualTo(SamplerState.UNAVAILABLE);
			assertThat(sampler.status().engine()).isEqualTo("async-profiler");
			assertThat(sampler.status().message()).contains("could not be loaded").contains("no samples are taken");
		}
	}

	@Test
	void reportsWhyWhenAsyncProfilerCannotLoadAndKeepsDeliveringChunks() {
		Sampler sampler = new Sampler(() -> {
			throw new UnsupportedOperationException("Unsupported OS: plan9");
		}, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			SamplerStatus status = sampler.status();
			assertThat(status.state()).isEqualTo(SamplerState.UNAVAILABLE);
			assertThat(status.message()).contains("could not be loaded").contains("Unsupported OS: plan9");
			sampler.rotateNow();
			assertThat(this.chunks).singleElement().satisfies((chunk) -> assertThat(chunk.file()).isNull());
			sampler.requestStarted();
			sampler.requestEnded();
		}
		assertThat(sampler.status().state()).isEqualTo(SamplerState.STOPPED);
	}

	@Test
	void reportsWhyWhenAnotherSessionAlreadyRuns() {
		Sampler sampler = new Sampler(
				() -> new FakeEngine("start", new IllegalStateException("Profiler already started")),
				Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			assertThat(sampler.status().state()).isEqualTo(SamplerState.UNAVAILABLE);
			assertThat(sampler.status().message()).contains("Another profiler session is running")
				.contains("Profiler already started")
				.contains("not sampling");
		}
	}

	@Test
	void startsSamplingOnceTheOtherSessionHasEnded() {
		FakeEngine engine = new FakeEngine("start", new IllegalStateException("Profiler already started"));
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			assertThat(sampler.status().state()).isEqualTo(SamplerState.UNAVAILABLE);
			engine.failure = null;
			sampler.rotateNow();
			assertThat(sampler.status().state()).isEqualTo(SamplerState.RUNNING);
			assertThat(sampler.status().message()).startsWith("Sampling with fake");
		}
	}

	@Test
	void reportsThatItCannotWriteItsChunkAndResumesWhenItCan() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			// what async-profiler answers when the chunk's file cannot be created
			engine.failingCommand = "start";
			engine.failure = new IllegalStateException("Could not open Flight Recorder output file");
			sampler.rotateNow();
			SamplerStatus status = sampler.status();
			assertThat(status.state()).isEqualTo(SamplerState.UNAVAILABLE);
			assertThat(status.message()).contains("cannot write its recording")
				.contains("full or not writable")
				.contains("tries again");
			sampler.rotateNow();
			assertThat(this.chunks).hasSize(2).last().satisfies((chunk) -> assertThat(chunk.file()).isNull());
			engine.failure = null;
			sampler.rotateNow();
			assertThat(sampler.status().state()).isEqualTo(SamplerState.RUNNING);
		}
	}

	@Test
	void reportsUnreadableChunksAndKeepsSampling() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, (chunk) -> {
			this.chunks.add(chunk);
			throw new UncheckedIOException(new IOException("Not a valid JFR file"));
		})) {
			sampler.rotateNow();
			sampler.rotateNow();
			SamplerStatus status = sampler.status();
			assertThat(this.chunks).hasSize(2);
			assertThat(status.state()).isEqualTo(SamplerState.RUNNING);
			assertThat(status.unreadableChunks()).isEqualTo(2);
			assertThat(status.problem()).contains("could not be read")
				.contains("IOException: Not a valid JFR file")
				.contains("2 unreadable so far")
				.contains("profiling continues");
			assertThat(status.message()).startsWith("Sampling with fake").endsWith(status.problem());
		}
		assertThat(sampler.status().problem()).isNull();
	}

	@Test
	void stopsTheEngineWhenClosedWhileARequestIsInsideAChunk() throws Exception {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add);
		assertThat(RequestDuringClose.run(sampler, registration)).isNull();
		assertThat(engine.commands).last().isEqualTo("stop");
		assertThat(sampler.status().state()).isEqualTo(SamplerState.STOPPED);
		assertThat(this.chunks).isEmpty();
	}

	@Test
	void reportsWhyWhenItHasNoWritableDirectory(@TempDir Path temp) throws Exception {
		Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
		Sampler sampler = new Sampler(() -> new FakeEngine(null, null), Clock.systemUTC());
		SamplerSettings settings = TestSettings.rotatedByTheTest(CpuEngine.PERF)
			.directory(file.resolve("chunks"))
			.build();
		try (Sampler.Registration registration = sampler.register(settings, this.chunks::add)) {
			assertThat(sampler.status().state()).isEqualTo(SamplerState.UNAVAILABLE);
			assertThat(sampler.status().message()).contains("no writable directory");
		}
	}

	@Test
	void rotatesChunksAndStopsWhenTheLastRegistrationCloses() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		Sampler.Registration first = sampler.register(SETTINGS, this.chunks::add);
		Sampler.Registration second = sampler.register(TestSettings.rotatedByTheTest(CpuEngine.PERF)
			.chunkDuration(Duration.ofSeconds(1))
			.idleAfter(SamplerSettings.DEFAULT_IDLE_AFTER)
			.build(), (chunk) -> {
			});
		assertThat(sampler.status().state()).isEqualTo(SamplerState.RUNNING);
		assertThat(sampler.status().settings().chunkDuration()).isEqualTo(Duration.ofHours(1));
		sampler.rotateNow();
		assertThat(this.chunks).singleElement().satisfies((chunk) -> assertThat(chunk.file()).isNotNull());
		assertThat(engine.commands).filteredOn((command) -> command.startsWith("start")).hasSize(2);
		first.close();
		assertThat(sampler.status().state()).isEqualTo(SamplerState.RUNNING);
		second.close();
		assertThat(sampler.status().state()).isEqualTo(SamplerState.STOPPED);
		assertThat(engine.commands).last().isEqualTo("stop");
	}

	@Test
	void startsTheChosenCpuEngineAndSaysSoInItsMode() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		SamplerSettings settings = TestSettings.rotatedByTheTest(CpuEngine.ITIMER).build();
		try (Sampler.Registration registration = sampler.register(settings, this.chunks::add)) {
			assertThat(engine.commands).first().asString().startsWith("start,event=itimer,interval=10000000,");
			assertThat(sampler.status().mode())
				.isEqualTo("cpu every 10 ms (itimer), wall every 20 ms on request threads");
		}
	}

	@Test
	void samplesCpuTimeWithAPerThreadTimerByDefault() {
		assumeThat(System.getProperty("os.name")).as("ctimer is Linux's").startsWithIgnoringCase("linux");
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SamplerSettings.DEFAULTS, this.chunks::add)) {
			assertThat(engine.commands).first()
				.asString()
				.startsWith("start,event=ctimer,interval=10000000,wall=50000000,");
			assertThat(sampler.status().mode()).startsWith("cpu every 10 ms, wall every 50 ms on request threads");
		}
	}

	@Test
	void startsAllocationAndLockSamplingWhenAskedAndSaysSoInItsMode() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		SamplerSettings settings = TestSettings.rotatedByTheTest(CpuEngine.PERF)
			.allocIntervalBytes(512 * 1024)
			.lockInterval(Duration.ofMillis(10))
			.build();
		try (Sampler.Registration registration = sampler.register(settings, this.chunks::add)) {
			assertThat(engine.commands).first()
				.asString()
				.startsWith("start,event=cpu,interval=10000000,wall=20000000,alloc=524288,lock=10000000,"
						+ "memlimit=33554432,filter,jfr,jfropts=31,file=");
			assertThat(sampler.status().mode())
				.isEqualTo("cpu every 10 ms (perf events), wall every 20 ms on request threads, "
						+ "allocations every 512 KB, locks every 10 ms of waiting");
		}
	}

	@Test
	void startsNeitherAllocationNorLockSamplingUnlessAsked() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			assertThat(engine.commands).first().asString().doesNotContain("alloc").doesNotContain("lock");
		}
	}

	@Test
	void keepsDeliveringChunksWhenAListenerThrowsAnError() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration failing = sampler.register(SETTINGS, (chunk) -> {
			throw new OutOfMemoryError("a listener's own trouble");
		}); Sampler.Registration healthy = sampler.register(SETTINGS, this.chunks::add)) {
			sampler.rotateNow();
			sampler.rotateNow();
			assertThat(this.chunks).hasSize(2);
			assertThat(sampler.status().state()).isEqualTo(SamplerState.RUNNING);
		}
	}

	@Test
	void putsThreadsStillInsideARequestBackIntoTheFilterAfterARotation() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			sampler.requestStarted();
			sampler.rotateNow();
			assertThat(engine.added).contains(Thread.currentThread());
			sampler.requestEnded();
			engine.added.clear();
			sampler.rotateNow();
			assertThat(engine.added).doesNotContain(Thread.currentThread());
		}
	}

	@Test
	void dumpsEachChunkWhileTheSessionGoesOn() {
		DumpingEngine engine = new DumpingEngine();
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		List<String> delivered = new ArrayList<>();
		try (Sampler.Registration registration = sampler.register(SETTINGS,
				(chunk) -> delivered.add(DumpingEngine.text(chunk.file())))) {
			sampler.requestStarted();
			engine.record("first|");
			sampler.rotateNow();
			engine.record("second|");
			sampler.rotateNow();
			sampler.requestEnded();
			// each delivered file holds the finished chunks only, not the start of the
			// next
			assertThat(delivered).containsExactly("[start|first|dump|]", "[second|dump|]");
			assertThat(engine.commands).containsExactly("start", "dump", "dump");
			assertThat(sampler.sessionsStarted()).isOne();
			// the session and its thread filter go on: nothing to put back
			assertThat(engine.added).isEmpty();
		}
		assertThat(engine.commands).last().isEqualTo("stop");
	}

	@Test
	void startsTheSessionAfreshOnceItsFileIsLarge() throws IOException {
		DumpingEngine engine = new DumpingEngine();
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		List<String> delivered = new ArrayList<>();
		try (Sampler.Registration registration = sampler.register(SETTINGS,
				(chunk) -> delivered.add(DumpingEngine.text(chunk.file())))) {
			// a request runs throughout, so that wall-clock sampling never pauses
			sampler.requestStarted();
			sampler.rotateNow();
			engine.grow(Sampler.MAX_SESSION_BYTES);
			sampler.rotateNow();
			engine.record("next|");
			sampler.rotateNow();
			sampler.requestEnded();
			assertThat(engine.commands).containsExactly("start", "dump", "stop", "start", "dump");
			assertThat(sampler.sessionsStarted()).isEqualTo(2);
			assertThat(delivered).containsExactly("[start|dump|]", "[stop|]", "[start|next|dump|]");
			assertThat(engine.sessions.get(0)).doesNotExist();
		}
		assertThat(engine.sessions).hasSize(2).noneMatch(Files::exists);
	}

	@Test
	void startsTheSessionAfreshOnceItsStackStorageComesWithinOneBlockOfTheLimit() {
		DumpingEngine engine = new DumpingEngine();
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			// a request runs throughout, so that wall-clock sampling never pauses
			sampler.requestStarted();
			engine.memory = new NativeMemory(34 * MB, 24 * MB, 0);
			sampler.rotateNow();
			assertThat(sampler.status().nativeMemoryBytes()).isEqualTo(34 * MB);
			// within 8 MB of the 32 MB limit
			engine.memory = new NativeMemory(35 * MB, 25 * MB, 0);
			sampler.rotateNow();
			sampler.rotateNow();
			sampler.requestEnded();
			assertThat(engine.commands).containsExactly("start", "dump", "stop", "start", "dump");
			SamplerStatus status = sampler.status();
			assertThat(status.sessionsRenewed()).isOne();
			assertThat(status.nativeMemoryBytes()).isEqualTo(20 * MB);
			assertThat(status.problem()).isNull();
		}
	}

	@Test
	void letsTheStackStorageGrowWhenNotLimited() {
		DumpingEngine engine = new DumpingEngine();
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler
			.register(SETTINGS.toBuilder().nativeMemoryLimitBytes(0).build(), this.chunks::add)) {
			sampler.requestStarted();
			engine.memory = new NativeMemory(500 * MB, 480 * MB, 0);
			sampler.rotateNow();
			sampler.rotateNow();
			sampler.requestEnded();
			assertThat(engine.commands).containsExactly("start", "dump", "dump");
			assertThat(sampler.status().sessionsRenewed()).isZero();
		}
	}

	@Test
	void saysSoWhenSamplesWereRecordedWithoutTheirStackAndCountsThemAcrossSessions() {
		DumpingEngine engine = new DumpingEngine();
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			sampler.requestStarted();
			engine.memory = new NativeMemory(30 * MB, 12 * MB, 0);
			sampler.rotateNow();
			// the storage filled within the chunk: 7 samples lost their stack; the
			// session is started afresh, and its count ends with it
			engine.memory = new NativeMemory(44 * MB, 26 * MB, 7);
			sampler.rotateNow();
			assertThat(sampler.status().problem()).isEqualTo("async-profiler's stack storage reached "
					+ "hotpath.sampling.native-memory-limit (32 MB) within one chunk: 7 samples were recorded "
					+ "without their stack.");
			assertThat(engine.commands).containsExactly("start", "dump", "stop", "start");
			engine.memory = new NativeMemory(29 * MB, 11 * MB, 2);
			sampler.rotateNow();
			sampler.requestEnded();
			assertThat(sampler.status().samplesWithoutStack()).isEqualTo(9);
			assertThat(sampler.status().message()).endsWith("2 samples were recorded without their stack.");
		}
	}

	@Test
	void refusesANativeMemoryLimitTooSmallForOneSession() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SETTINGS.toBuilder().nativeMemoryLimitBytes(16 * MB).build())
			.withMessage("nativeMemoryLimitBytes must be 0 (no limit) or at least 25165824 (24 MB), was 16777216");
	}

	@Test
	void pausesWallClockSamplingAfterAChunkWithoutRequestsAndResumesWithTheNextRequest() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			sampler.rotateNow();
			assertThat(starts(engine)).hasSize(2).allSatisfy((start) -> assertThat(start).contains(",wall=20000000"));
			// a whole chunk without a request: the next session takes no wall-clock
			// samples
			sampler.rotateNow();
			assertThat(starts(engine)).hasSize(3).last().asString().doesNotContain("wall");
			assertThat(sampler.status().mode()).endsWith("; wall-clock sampling paused until the next request");
			// this engine cannot dump, so each rotation starts a session: still without
			sampler.rotateNow();
			assertThat(starts(engine)).hasSize(4).last().asString().doesNotContain("wall");
			// the first request asks the sampler's thread for a session with wall-clock
			// samples at once, and puts its thread into the new session's filter
			sampler.requestStarted();
			await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(starts(engine)).hasSize(5));
			assertThat(starts(engine)).last().asString().contains(",wall=20000000");
			assertThat(sampler.status().mode()).isEqualTo("cpu every 10 ms, wall every 20 ms on request threads");
			assertThat(engine.added).contains(Thread.currentThread());
			assertThat(this.chunks).hasSize(4);
			sampler.requestEnded();
		}
	}

	@Test
	void probesNeitherKeepWallClockSamplingOnNorResumeIt() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			sampler.rotateNow();
			// health checks during the chunk, one still running at the rotation
			sampler.probeStarted();
			sampler.requestEnded();
			sampler.probeStarted();
			sampler.rotateNow();
			sampler.requestEnded();
			assertThat(starts(engine)).hasSize(3).last().asString().doesNotContain("wall");
			// a probe while paused is sampled like a request but queues no resume:
			// the next rotation, run after anything queued, still starts without wall
			sampler.probeStarted();
			assertThat(engine.added).contains(Thread.currentThread());
			sampler.requestEnded();
			sampler.rotateNow();
			assertThat(starts(engine)).hasSize(4).last().asString().doesNotContain("wall");
			assertThat(sampler.status().mode()).endsWith("; wall-clock sampling paused until the next request");
		}
	}

	@Test
	void aScopeOpenedInsideAProbeCountsAsPartOfTheProbe() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			sampler.rotateNow();
			sampler.rotateNow();
			assertThat(starts(engine)).hasSize(3).last().asString().doesNotContain("wall");
			// a health check whose server span's scope opens inside it, as the probe
			// filter and Spring Boot's observation filter nest
			sampler.probeStarted();
			sampler.requestStarted();
			sampler.requestEnded();
			sampler.requestEnded();
			// a resume would have been queued before this rotation and started a session
			// of its own
			sampler.rotateNow();
			assertThat(starts(engine)).hasSize(4).last().asString().doesNotContain("wall");
			assertThat(this.chunks).hasSize(3);
		}
	}

	@Test
	void keepsWallClockSamplingWhileARequestRunsThroughChunks() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			sampler.requestStarted();
			sampler.rotateNow();
			sampler.rotateNow();
			sampler.rotateNow();
			sampler.requestEnded();
			assertThat(starts(engine)).hasSize(4).allSatisfy((start) -> assertThat(start).contains(",wall="));
		}
	}

	@Test
	void keepsWallClockSamplingWhileIdleWhenAskedTo() {
		FakeEngine engine = new FakeEngine(null, null);
		Sampler sampler = new Sampler(() -> engine, Clock.systemUTC());
		try (Sampler.Registration registration = sampler
			.register(SETTINGS.toBuilder().wallPausedWhenIdle(false).build(), this.chunks::add)) {
			sampler.rotateNow();
			sampler.rotateNow();
			sampler.rotateNow();
			assertThat(starts(engine)).hasSize(4).allSatisfy((start) -> assertThat(start).contains(",wall="));
		}
	}

	@Test
	void readsAChunkOnlyEverySixthTickWhileIdleAndAtOnceWhenARequestBegins() {
		FakeEngine engine = new FakeEngine(null, null);
		MovingClock clock = new MovingClock();
		Sampler sampler = new Sampler(() -> engine, null, clock);
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			sampler.rotateNow();
			sampler.rotateNow();
			assertThat(sampler.status().mode()).contains("paused");
			for (int tick = 1; tick < Sampler.IDLE_TICKS_PER_ROTATION; tick++) {
				clock.advance(Duration.ofHours(1));
				sampler.tick();
			}
			assertThat(this.chunks).hasSize(2);
			clock.advance(Duration.ofHours(1));
			sampler.tick();
			assertThat(this.chunks).hasSize(3);
			sampler.requestStarted();
			await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(this.chunks).hasSize(4));
			// working again: every chunk is read once it is due
			clock.advance(Duration.ofHours(1));
			sampler.tick();
			clock.advance(Duration.ofHours(1));
			sampler.tick();
			assertThat(this.chunks).hasSize(6);
			sampler.requestEnded();
		}
	}

	@Test
	void closesABusyChunkOnlyOnceItIsDue() {
		FakeEngine engine = new FakeEngine(null, null);
		MovingClock clock = new MovingClock();
		Sampler sampler = new Sampler(() -> engine, null, clock);
		try (Sampler.Registration registration = sampler.register(THREE_TICKS_A_CHUNK, this.chunks::add)) {
			for (int tick = 1; tick <= 2; tick++) {
				request(sampler);
				clock.advance(Duration.ofHours(1));
				sampler.tick();
			}
			assertThat(this.chunks).isEmpty();
			request(sampler);
			clock.advance(Duration.ofHours(1));
			sampler.tick();
			assertThat(this.chunks).singleElement()
				.satisfies((chunk) -> assertThat(Duration.between(chunk.start(), chunk.end())).hasHours(3));
			assertThat(starts(engine)).hasSize(2).allSatisfy((start) -> assertThat(start).contains(",wall="));
		}
	}

	@Test
	void pausesWallClockSamplingAtTheFirstQuietTickWithoutWaitingForTheChunk() {
		FakeEngine engine = new FakeEngine(null, null);
		MovingClock clock = new MovingClock();
		Sampler sampler = new Sampler(() -> engine, null, clock);
		try (Sampler.Registration registration = sampler.register(THREE_TICKS_A_CHUNK, this.chunks::add)) {
			request(sampler);
			clock.advance(Duration.ofHours(1));
			sampler.tick();
			assertThat(this.chunks).isEmpty();
			// a tick with no request begun and none running: the chunk closes an hour in,
			// and the next session takes no wall-clock samples
			clock.advance(Duration.ofHours(1));
			sampler.tick();
			assertThat(this.chunks).singleElement()
				.satisfies((chunk) -> assertThat(Duration.between(chunk.start(), chunk.end())).hasHours(2));
			assertThat(starts(engine)).hasSize(2).last().asString().doesNotContain("wall");
			assertThat(sampler.status().mode()).endsWith("; wall-clock sampling paused until the next request");
		}
	}

	@Test
	void catchingUpClosesARunningChunkOlderThanAskedAndLeavesAYoungerOne() {
		FakeEngine engine = new FakeEngine(null, null);
		MovingClock clock = new MovingClock();
		Sampler sampler = new Sampler(() -> engine, null, clock);
		// before the sampler starts there is nothing to close
		sampler.catchUp(Duration.ofSeconds(5), Duration.ofMinutes(1));
		try (Sampler.Registration registration = sampler.register(SETTINGS, this.chunks::add)) {
			clock.advance(Duration.ofSeconds(4));
			sampler.catchUp(Duration.ofSeconds(5), Duration.ofMinutes(1));
			assertThat(this.chunks).isEmpty();
			clock.advance(Duration.ofSeconds(2));
			sampler.catchUp(Duration.ofSeconds(5), Duration.ofMinutes(1));
			assertThat(this.chunks).singleElement()
				.satisfies((chunk) -> assertThat(Duration.between(chunk.start(), chunk.end())).hasSeconds(6));
			// a reader right after finds the chunk the first one began young
			sampler.catchUp(Duration.ofSeconds(5), Duration.ofMinutes(1));
			clock.advance(Duration.ofHours(1));
			sampler.catchUp(Duration.ZERO, Duration.ofMinutes(1));
			assertThat(this.chunks).hasSize(1);
		}
		int delivered = this.chunks.size();
		clock.advance(Duration.ofHours(1));
		sampler.catchUp(Duration.ofSeconds(5), Duration.ofMinutes(1));
		assertThat(this.chunks).hasSize(delivered);
	}

	private static void request(Sampler sampler) {
		sampler.requestStarted();
		sampler.requestEnded();
	}

	private static List<String> starts(FakeEngine engine) {
		synchronized (engine.commands) {
			return engine.commands.stream().filter((command) -> command.startsWith("start")).toList();
		}
	}

	/**
	 * Writes its session file as async-profiler does: a chunk's header says its size once
	 * it is finished, and every dump finishes the chunk and begins the next.
	 */
	private static final class DumpingEngine extends FakeEngine {

		private final List<Path> sessions = new ArrayList<>();

		private long chunkStart;

		/** The text of each chunk in a file, in brackets, without headers or gaps. */
		static String text(Path file) throws IOException {
			ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
			StringBuilder text = new StringBuilder();
			int position = 0;
			while (position < bytes.limit()) {
				long size = bytes.getLong(position + 8);
				int end = (int) Math.min(position + size, bytes.limit());
				text.append('[');
				for (int i = position + 24; i < end; i++) {
					if (bytes.get(i) != 0) {
						text.append((char) bytes.get(i));
					}
				}
				text.append(']');
				position = end;
			}
			return text.toString();
		}

		private Path session() {
			return this.sessions.get(this.sessions.size() - 1);
		}

		private void record(String text) {
			try {
				Files.writeString(session(), text, StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void grow(long bytes) throws IOException {
			try (RandomAccessFile file = new RandomAccessFile(session().toFile(), "rw")) {
				file.setLength(file.length() + bytes);
			}
		}

		private void begin() throws IOException {
			try (RandomAccessFile file = new RandomAccessFile(session().toFile(), "rw")) {
				this.chunkStart = file.length();
				file.seek(this.chunkStart);
				file.writeInt(0x464c5200);
				file.writeInt(0x00020000);
				// async-profiler's chunk in progress: a size to come, no constant pool
				// yet
				file.writeLong(1L << 30);
				file.writeLong(0);
			}
		}

		private void finish() throws IOException {
			try (RandomAccessFile file = new RandomAccessFile(session().toFile(), "rw")) {
				file.seek(this.chunkStart + 8);
				file.writeLong(file.length() - this.chunkStart);
				file.writeLong(24);
			}
		}

		@Override
		public void startChunk(SamplerSettings settings, Path file, boolean wall) throws Exception {
			this.commands.add("start");
			// async-profiler starts a session with an empty stack storage of about 10 MB
			NativeMemory last = this.memory;
			if (last != null) {
				this.memory = new NativeMemory(last.bytes() - last.sessionBytes() + 10 * MB, 10 * MB, 0);
			}
			this.sessions.add(file);
			Files.write(file, new byte[0]);
			begin();
			record("start|");
		}

		@Override
		public boolean dumpChunk() throws IOException {
			this.commands.add("dump");
			record("dump|");
			finish();
			begin();
			return true;
		}

		@Override
		public void stopChunk() throws IOException {
			this.commands.add("stop");
			record("stop|");
			finish();
		}

		DumpingEngine() {
			super(null, null);
		}

	}

	private static class FakeEngine implements ProfilerEngine {

		private volatile String failingCommand;

		private volatile RuntimeException failure;

		final List<String> commands = Collections.synchronizedList(new ArrayList<>());

		final List<Thread> added = Collections.synchronizedList(new ArrayList<>());

		volatile NativeMemory memory;

		FakeEngine(String failingCommand, RuntimeException failure) {
			this.failingCommand = failingCommand;
			this.failure = failure;
		}

		@Override
		public String name() {
			return "fake";
		}

		@Override
		public String version() {
			return "0";
		}

		@Override
		public String execute(String command) {
			if (this.failingCommand != null && this.failure != null && command.startsWith(this.failingCommand)) {
				throw this.failure;
			}
			this.commands.add(command);
			return "";
		}

		@Override
		public NativeMemory nativeMemory() {
			return this.memory;
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
			this.added.add(thread);
		}

		@Override
		public void removeCurrentThread() {
		}

	}

	/** A clock that moves only when told. */
	private static final class MovingClock extends Clock {

		private volatile Instant now = Instant.parse("2026-12-07T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}

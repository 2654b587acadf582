package dev.hotpath.sampling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * The JVM's one sampler. async-profiler allows one session per JVM, so every Spring
 * context (and every test) {@linkplain #register registers} with the
 * {@linkplain #shared() shared} instance: the first registration starts it with its
 * settings, the last one to close stops it. Every chunk period the sampler closes the JFR
 * chunk and hands it to each registered listener on its own daemon thread. With
 * async-profiler the session goes on: the chunk is dumped to the end of the session's
 * file and its bytes are cut out into a file of their own; the session is stopped and
 * started again only once its file passes {@link #MAX_SESSION_BYTES} or async-profiler's
 * stack storage, which keeps every distinct stack of the session, comes within one block
 * of {@link SamplerSettings#nativeMemoryLimitBytes()}. The session keeps its thread
 * filter and threads, and no samples are lost between a stop and a start.
 * <p>
 * Where async-profiler cannot load, the sampler falls back to the JDK Flight Recorder's
 * method sampling (unless {@link SamplingEngine#ASYNC_PROFILER} is asked for), and says
 * so in the status: Java frames only, CPU samples of Java code only.
 * <p>
 * Nothing here throws into the host application: when no engine can load or start, the
 * sampler reports {@link SamplerState#UNAVAILABLE} with one sentence saying why, and
 * keeps delivering empty chunks so that request statistics still age.
 */
public final class Sampler {

	private static final System.Logger logger = System.getLogger(Sampler.class.getName());

	/** The size past which a session's file is started afresh at the next rotation. */
	static final long MAX_SESSION_BYTES = 16 * 1024 * 1024;

	/** While idle, one chunk is read every this many ticks. */
	static final int IDLE_TICKS_PER_ROTATION = 6;

	private static final int CHUNK_HEADER_BYTES = 24;

	/** {@code FLR\0}, which starts every JFR chunk. */
	private static final int CHUNK_MAGIC = 0x464c5200;

	private static final Sampler SHARED = new Sampler(AsyncProfilerEngine::load, JdkFlightRecorderEngine::load,
			Clock.systemUTC());

	private final ProfilerEngine.Loader loader;

	private final ProfilerEngine.@Nullable Loader fallback;

	private final Clock clock;

	private final Object lock = new Object();

	private final List<Registration> registrations = new CopyOnWriteArrayList<>();

	private final RequestThreadSlots requestThreads = new RequestThreadSlots(4096);

	private volatile @Nullable ProfilerEngine running;

	private @Nullable ProfilerEngine engine;

	private @Nullable String version;

	private volatile @Nullable ScheduledExecutorService executor;

	/**
	 * Whether the running session takes no wall-clock samples because no request began
	 * during the last chunk: async-profiler's wall-clock thread walks every thread of the
	 * process each interval, which is most of an idle application's profiling cost.
	 */
	private volatile boolean wallPaused;

	/** {@link RequestThreadSlots#activity()} at the last tick or rotation. */
	private long activityAtCheck = -1;

	/** Ticks without a rotation in a row while paused and idle. */
	private int idleTicks;

	/** Milliseconds between two ticks. */
	private long tickMillis;

	/** Whether a rotation that resumes wall-clock sampling is already queued. */
	private final AtomicBoolean resumeQueued = new AtomicBoolean();

	private final Runnable resume = this::resumeAndCarryOn;

	private SamplerSettings settings = SamplerSettings.DEFAULTS;

	private SamplerState state = SamplerState.STOPPED;

	private String message = "Hotpath is not running.";

	private String mode = SamplerSettings.DEFAULTS.mode();

	private Instant since;

	private @Nullable Path directory;

	private boolean ownsDirectory;

	private @Nullable Path currentFile;

	/** How much of the session's file earlier chunks took. */
	private long sessionOffset;

	private long sessionSequence;

	/** When the running chunk began; read by {@link #catchUp} on other threads. */
	private volatile Instant chunkStart;

	private long chunkSequence;

	private long samplesOfEndedSessions;

	/** What async-profiler held at the last rotation, or {@code null} when not known. */
	private @Nullable NativeMemory nativeMemory;

	private long samplesWithoutStackOfEndedSessions;

	/** Sessions started afresh because their stack storage was full. */
	private long sessionsRenewed;

	/** Sessions the engine started; one writer, under the lock. */
	private long sessionsStarted;

	private long unreadableChunks;

	/** Chunks async-profiler wrote while its session went on. */
	private volatile long chunksDumped;

	/** The time those writes took, during which async-profiler drops what it samples. */
	private volatile long dumpNanos;

	private @Nullable String problem;

	private @Nullable String recordedEngine;

	private final RecordingArchive recordings;

	Sampler(ProfilerEngine.Loader loader, Clock clock) {
		this(loader, null, clock);
	}

	Sampler(ProfilerEngine.Loader loader, ProfilerEngine.@Nullable Loader fallback, Clock clock) {
		this.loader = loader;
		this.fallback = fallback;
		this.clock = clock;
		this.since = clock.instant();
		this.chunkStart = this.since;
		this.recordings = new RecordingArchive(clock);
	}

	/**
	 * The recent chunks of the recording, kept for download once
	 * {@link RecordingArchive#bound bounds} are set.
	 */
	public RecordingArchive recordings() {
		return this.recordings;
	}

	/** The sampler of this JVM. */
	public static Sampler shared() {
		return SHARED;
	}

	/**
	 * Registers a listener for closed chunks, starting the sampler if it is the first.
	 * When the sampler already runs, its settings stay in force.
	 * @param settings the settings to start with, if this registration starts the sampler
	 * @param listener receives every closed chunk
	 * @return the registration; close it to stop listening
	 */
	public Registration register(SamplerSettings settings, ChunkListener listener) {
		synchronized (this.lock) {
			Registration registration = new Registration(listener);
			this.registrations.add(registration);
			if (this.executor == null) {
				start(settings);
			}
			return registration;
		}
	}

	/** The sampler's current status. */
	public SamplerStatus status() {
		synchronized (this.lock) {
			ProfilerEngine current = this.running;
			long samples = this.samplesOfEndedSessions + ((current != null) ? safeSamples(current) : 0);
			ProfilerEngine engine = this.engine;
			String name = (engine != null) ? engine.name() : (this.settings.engine() == SamplingEngine.JFR)
					? SamplerStatus.JDK_FLIGHT_RECORDER : "async-profiler";
			String problem = this.problem;
			String message = (this.state == SamplerState.RUNNING && problem != null) ? this.message + " " + problem
					: this.message;
			// async-profiler says in its recording which CPU engine it fell back to; the
			// JDK Flight Recorder's mode says why it runs
			String mode = SamplerStatus.JDK_FLIGHT_RECORDER.equals(name) ? this.mode
					: this.settings.mode(this.recordedEngine);
			if (this.wallPaused) {
				mode += "; wall-clock sampling paused until the next request";
			}
			// read while a session runs, cleared when it stops
			NativeMemory memory = this.nativeMemory;
			return new SamplerStatus(name, this.version, this.state, mode, this.settings, this.since, samples, message,
					problem, this.unreadableChunks, (memory != null) ? memory.bytes() : null,
					this.samplesWithoutStackOfEndedSessions + ((memory != null) ? memory.samplesWithoutStack() : 0),
					this.sessionsRenewed);
		}
	}

	/**
	 * How many sessions the engine started: the first, then one at each rotation that
	 * stops the session rather than dumping a chunk (wall-clock sampling paused or
	 * resumed, the session's file past {@link #MAX_SESSION_BYTES}, its stack storage near
	 * the native memory limit; every rotation for an engine that cannot dump).
	 * async-profiler's native threads take the name of the thread that starts their
	 * session: after the first, the sampler's.
	 * @return the sessions started since the sampler was made
	 */
	public long sessionsStarted() {
		return this.sessionsStarted;
	}

	/**
	 * How many chunks async-profiler wrote while its session went on (each rotation but
	 * those that stop the session: pausing or resuming wall-clock sampling, renewing a
	 * full one).
	 * @return the chunks dumped since the sampler was made
	 */
	public long chunksDumped() {
		return this.chunksDumped;
	}

	/**
	 * How long async-profiler took to write those chunks, in total. It holds its locks
	 * meanwhile, and drops the samples and span events that come then.
	 * @return nanoseconds
	 */
	public long dumpNanos() {
		return this.dumpNanos;
	}

	/**
	 * Closes the current chunk now and delivers it to every listener, returning when they
	 * are done. Requests that completed before this call are then visible to listeners.
	 * @throws IllegalStateException when the sampler has no registration
	 */
	public void rotateNow() {
		ScheduledExecutorService executor;
		synchronized (this.lock) {
			executor = this.executor;
		}
		if (executor == null) {
			throw new IllegalStateException("The sampler is not started");
		}
		try {
			executor.submit(this::rotate).get(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Rotating the sampler's chunk failed", ex);
		}
	}

	/**
	 * Marks the current thread as working for a request so that wall-clock samples are
	 * taken of it. Calls nest: a request thread that also opens a traced scope stays
	 * sampled until both end. Allocation-free; only counts when the sampler is not
	 * running.
	 */
	public void requestStarted() {
		if (this.requestThreads.entered()) {
			addCurrentThread();
			if (this.wallPaused) {
				queueResume();
			}
		}
	}

	/**
	 * Marks the current thread as serving a request to the actuator (a health check, a
	 * scrape): sampled like a request while wall-clock sampling is on, but neither
	 * counted as activity nor resuming paused wall-clock sampling, so that probes do not
	 * keep an idle application's wall-clock sampling on. Ends with
	 * {@link #requestEnded()}. Allocation-free.
	 */
	public void probeStarted() {
		if (this.requestThreads.enteredQuietly()) {
			addCurrentThread();
		}
	}

	private void addCurrentThread() {
		ProfilerEngine current = this.running;
		if (current != null) {
			current.addCurrentThread();
		}
	}

	/**
	 * Asks the sampler's thread to start a session with wall-clock samples now rather
	 * than at the next rotation. Runs on the first request after an idle chunk only.
	 */
	private void queueResume() {
		ScheduledExecutorService executor = this.executor;
		if (executor != null && this.resumeQueued.compareAndSet(false, true)) {
			try {
				executor.execute(this.resume);
			}
			catch (RejectedExecutionException ex) {
				// the sampler is stopping
				this.resumeQueued.set(false);
			}
		}
	}

	private void resumeAndCarryOn() {
		this.resumeQueued.set(false);
		if (this.wallPaused) {
			rotateAndCarryOn();
		}
	}

	/**
	 * Marks the current thread as done with one request or scope. Allocation-free.
	 */
	public void requestEnded() {
		if (this.requestThreads.exited()) {
			ProfilerEngine current = this.running;
			if (current != null) {
				current.removeCurrentThread();
			}
		}
	}

	private void start(SamplerSettings settings) {
		this.settings = settings;
		this.wallPaused = false;
		this.activityAtCheck = -1;
		this.idleTicks = 0;
		this.problem = null;
		this.unreadableChunks = 0;
		this.recordedEngine = null;
		this.mode = settings.mode();
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "hotpath-sampler");
			thread.setDaemon(true);
			return thread;
		});
		this.executor = executor;
		long chunk = settings.chunkDuration().toMillis();
		long maxTick = Math.max(1, settings.idleAfter().toMillis());
		long ticksPerChunk = Math.max(1, (chunk + maxTick - 1) / maxTick);
		this.tickMillis = Math.max(1, chunk / ticksPerChunk);
		executor.scheduleAtFixedRate(this::tick, this.tickMillis, this.tickMillis, TimeUnit.MILLISECONDS);
		this.chunkStart = this.clock.instant();
		ProfilerEngine engine = load(settings.engine());
		if (engine == null) {
			return;
		}
		try {
			this.directory = (settings.directory() != null) ? Files.createDirectories(settings.directory())
					: Files.createTempDirectory("hotpath-");
			this.ownsDirectory = settings.directory() == null;
		}
		catch (IOException | RuntimeException ex) {
			unavailable("Hotpath has no writable directory for its recordings (" + describe(ex) + ").");
			return;
		}
		startChunk();
	}

	/**
	 * Loads async-profiler, or the JDK Flight Recorder where it cannot load or is not
	 * wanted.
	 * @return the engine, or {@code null} when none loaded and the sampler is unavailable
	 */
	private @Nullable ProfilerEngine load(SamplingEngine choice) {
		// a sampler started again must not report the engine of its previous run
		this.engine = null;
		this.version = null;
		String why;
		if (choice == SamplingEngine.JFR) {
			why = "hotpath.sampling.engine is jfr";
		}
		else {
			try {
				return loaded(this.loader.load(), this.settings.mode());
			}
			catch (Throwable ex) {
				why = "async-profiler could not be loaded on " + System.getProperty("os.name") + "/"
						+ System.getProperty("os.arch") + " (" + describe(ex) + ")";
				if (choice == SamplingEngine.ASYNC_PROFILER || this.fallback == null) {
					unavailable(why + ", so no samples are taken.");
					return null;
				}
			}
		}
		if (this.fallback == null) {
			unavailable("This sampler knows no JDK Flight Recorder engine, so no samples are taken.");
			return null;
		}
		try {
			ProfilerEngine fallback = this.fallback.load();
			return loaded(fallback, fallback.mode(this.settings) + ", because " + why);
		}
		catch (Throwable ex) {
			unavailable(why + ", and the JDK Flight Recorder could not start either (" + describe(ex)
					+ "), so no samples are taken.");
			return null;
		}
	}

	private ProfilerEngine loaded(ProfilerEngine engine, String mode) {
		this.engine = engine;
		this.version = engine.version();
		this.mode = mode;
		return engine;
	}

	private void startChunk() {
		ProfilerEngine engine = this.engine;
		Path directory = this.directory;
		if (engine == null || directory == null) {
			return;
		}
		Path file = directory.resolve("session-" + (++this.sessionSequence) + ".jfr");
		try {
			engine.startChunk(this.settings, file, !this.wallPaused);
		}
		catch (Exception ex) {
			unavailable(SamplerStatus.JDK_FLIGHT_RECORDER.equals(engine.name())
					? engine.name() + " refused to start (" + describe(ex) + ")." : whyNotStarted(ex, directory));
			return;
		}
		this.currentFile = file;
		this.sessionOffset = 0;
		this.chunkStart = this.clock.instant();
		this.running = engine;
		this.sessionsStarted++;
		// starting a chunk clears async-profiler's thread filter: put back the threads
		// that are still inside a request
		this.requestThreads.forEachInRequest(engine::addThread);
		if (this.state != SamplerState.RUNNING) {
			this.state = SamplerState.RUNNING;
			this.since = this.chunkStart;
			this.message = "Sampling with " + engine.name() + " " + this.version + ": " + this.mode + ".";
			logger.log(Level.INFO, this.message);
		}
	}

	private void rotate() {
		Chunk chunk;
		synchronized (this.lock) {
			if (this.executor == null) {
				return;
			}
			boolean switchWall = switchWall();
			NativeMemory memory = readNativeMemory();
			boolean renew = !switchWall && memory != null && this.settings.sessionFull(memory.sessionBytes());
			if (renew) {
				this.sessionsRenewed++;
			}
			Path closed = (switchWall || renew) ? null : dumpChunk();
			if (closed == null) {
				closed = stopChunk();
			}
			if (switchWall) {
				this.wallPaused = !this.wallPaused;
			}
			Instant end = this.clock.instant();
			ProfilerEngine engine = this.engine;
			chunk = new Chunk(closed, this.chunkStart, end, engine != null && engine.jdkRecording());
			this.chunkStart = end;
			// a chunk that could not start (another session, a full disk) is tried
			// again each period, so that sampling resumes once the cause is gone
			if (this.running == null) {
				startChunk();
				readNativeMemory();
			}
			// a request that began while this rotation paused wall-clock sampling saw it
			// still on: resume now rather than a chunk later
			if (this.wallPaused && this.requestThreads.activity() != this.activityAtCheck) {
				queueResume();
			}
		}
		checkEngine(chunk);
		deliver(chunk);
	}

	/**
	 * Whether this rotation starts a session with wall-clock sampling switched: paused
	 * when no thread began working for a request since the last rotation and none works
	 * for one now, resumed once one has.
	 */
	private boolean switchWall() {
		long activity = this.requestThreads.activity();
		boolean idle = activity == this.activityAtCheck && !this.requestThreads.anyInRequest();
		this.activityAtCheck = activity;
		if (this.wallPaused) {
			return !idle || !this.settings.wallPausedWhenIdle();
		}
		return idle && wallPausable();
	}

	/**
	 * Whether the running session's wall-clock sampling may pause: when asked to, and
	 * when the session is async-profiler's (the JDK's recording takes no wall-clock
	 * samples).
	 */
	private boolean wallPausable() {
		ProfilerEngine engine = this.running;
		return this.settings.wallPausedWhenIdle() && engine != null && !engine.jdkRecording();
	}

	/**
	 * Reads what the running session holds in native memory now, and says so in the
	 * status when samples were recorded without their stack since the last reading.
	 * @return what it holds, or {@code null} when no session runs or the engine cannot
	 * say
	 */
	private @Nullable NativeMemory readNativeMemory() {
		ProfilerEngine engine = this.running;
		NativeMemory memory = (engine != null) ? nativeMemoryOf(engine) : null;
		NativeMemory before = this.nativeMemory;
		this.nativeMemory = memory;
		long lost = (memory != null)
				? memory.samplesWithoutStack() - ((before != null) ? before.samplesWithoutStack() : 0) : 0;
		if (lost > 0) {
			this.problem = "async-profiler's stack storage reached hotpath.sampling.native-memory-limit ("
					+ (this.settings.nativeMemoryLimitBytes() / (1024 * 1024)) + " MB) within one chunk: " + lost
					+ " samples were recorded without their stack.";
		}
		return memory;
	}

	private static @Nullable NativeMemory nativeMemoryOf(ProfilerEngine engine) {
		try {
			return engine.nativeMemory();
		}
		catch (Exception ex) {
			logger.log(Level.DEBUG, "Could not read the profiler's native memory", ex);
			return null;
		}
	}

	/**
	 * Reads, from the first chunk of a session, which CPU engine async-profiler chose,
	 * and says so in the status when it fell back from perf events.
	 */
	private void checkEngine(Chunk chunk) {
		Path file = chunk.file();
		if (file == null || this.recordedEngine != null || this.settings.cpuEngine() != CpuEngine.PERF) {
			return;
		}
		String engine = RecordedEngine.of(file);
		if (engine == null) {
			return;
		}
		synchronized (this.lock) {
			this.recordedEngine = engine;
			if (!RecordedEngine.PERF_EVENTS.equals(engine) && this.state == SamplerState.RUNNING) {
				this.message = "Sampling with async-profiler " + this.version + ": " + this.settings.mode(engine)
						+ ". Perf events are not allowed here (kernel.perf_event_paranoid, a container's seccomp "
						+ "profile), so async-profiler samples CPU time with " + engine + ".";
				logger.log(Level.INFO, this.message);
			}
		}
	}

	/**
	 * Looks at the running chunk on schedule, every chunk or every
	 * {@link SamplerSettings#idleAfter()}, whichever is shorter (a longer chunk is cut
	 * into whole ticks), and rotates when the chunk is due. Wall-clock sampling pauses at
	 * the first tick after which no request began and none runs, without waiting for the
	 * chunk to be due: async-profiler's wall-clock thread costs an idle application more
	 * than a longer chunk saves. While paused and idle a chunk is read only every
	 * {@link #IDLE_TICKS_PER_ROTATION}th tick, as an idle application's chunks hold a few
	 * samples of its background threads and reading one costs more than they tell. The
	 * first request rotates at once all the same.
	 */
	void tick() {
		long activity = this.requestThreads.activity();
		boolean quiet = activity == this.activityAtCheck && !this.requestThreads.anyInRequest();
		boolean due;
		if (this.wallPaused && quiet) {
			due = ++this.idleTicks >= IDLE_TICKS_PER_ROTATION;
		}
		else if (quiet && wallPausable()) {
			due = true;
		}
		else {
			// a tick late by up to half a tick still closes the chunk, not one a tick
			// longer
			due = this.wallPaused
					|| chunkAge().toMillis() >= this.settings.chunkDuration().toMillis() - this.tickMillis / 2;
		}
		if (due) {
			// the rotation looks at the activity since the last tick itself
			this.idleTicks = 0;
			rotateAndCarryOn();
		}
		else {
			this.activityAtCheck = activity;
		}
	}

	/**
	 * Closes the running chunk and delivers it when it began more than {@code olderThan}
	 * ago, so that a reader then sees every request that completed before this call;
	 * otherwise returns at once. Waits at most {@code wait} for the listeners, then
	 * returns all the same. Callers at the same moment share one rotation: each queues a
	 * look on the sampler's thread, and those after the first find a young chunk.
	 * @param olderThan the age from which the chunk is closed; zero or less never closes
	 * it
	 * @param wait how long to wait for the rotation at most
	 */
	public void catchUp(Duration olderThan, Duration wait) {
		ScheduledExecutorService executor = this.executor;
		if (executor == null || olderThan.isNegative() || olderThan.isZero() || !olderThan(olderThan)) {
			return;
		}
		try {
			executor.submit(() -> {
				if (olderThan(olderThan)) {
					rotateAndCarryOn();
				}
			}).get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException | RejectedExecutionException ex) {
			// the sampler is stopping, or slow: answer with what is there
		}
	}

	private boolean olderThan(Duration age) {
		return chunkAge().compareTo(age) > 0;
	}

	private Duration chunkAge() {
		return Duration.between(this.chunkStart, this.clock.instant());
	}

	/**
	 * Rotates on schedule. A periodic task that throws is never run again, and then one
	 * chunk would grow for as long as the application runs, so nothing may escape.
	 */
	private void rotateAndCarryOn() {
		try {
			rotate();
		}
		catch (Throwable ex) {
			logger.log(Level.ERROR, "Hotpath could not rotate its recording; it tries again next period", ex);
		}
	}

	/**
	 * Closes the chunk while the session goes on, when the engine can and the session's
	 * file is still small.
	 * @return the chunk's own file, or {@code null} when nothing was dumped and the
	 * session must be stopped instead
	 */
	private @Nullable Path dumpChunk() {
		ProfilerEngine engine = this.running;
		Path session = this.currentFile;
		if (engine == null || session == null) {
			return null;
		}
		try {
			if (Files.size(session) < MAX_SESSION_BYTES) {
				long started = System.nanoTime();
				boolean dumped = engine.dumpChunk();
				if (dumped) {
					// one writer, the rotation, under the lock; meters read without it
					this.dumpNanos += System.nanoTime() - started;
					this.chunksDumped++;
					return cut(session, false);
				}
			}
		}
		catch (Exception ex) {
			logger.log(Level.DEBUG, "Could not dump a chunk; the session is stopped and started instead", ex);
		}
		// stop: the rest of the session's file is the chunk
		return null;
	}

	private @Nullable Path stopChunk() {
		ProfilerEngine engine = this.running;
		Path file = this.currentFile;
		this.currentFile = null;
		if (engine == null) {
			return null;
		}
		this.samplesOfEndedSessions += safeSamples(engine);
		// the session's count of samples without a stack ends with it
		NativeMemory memory = nativeMemoryOf(engine);
		if (memory != null) {
			this.samplesWithoutStackOfEndedSessions += memory.samplesWithoutStack();
		}
		this.nativeMemory = null;
		this.running = null;
		try {
			engine.stopChunk();
		}
		catch (Exception ex) {
			unavailable(engine.name() + " failed to stop a chunk (" + describe(ex) + ").");
			deleteQuietly(file);
			return null;
		}
		if (file == null || this.sessionOffset == 0) {
			return file;
		}
		try {
			return cut(file, true);
		}
		catch (IOException ex) {
			logger.log(Level.WARNING, "Hotpath could not read the end of its recording " + file, ex);
			return null;
		}
		finally {
			deleteQuietly(file);
		}
	}

	/**
	 * Copies the chunks the session's file finished since the last cut into a chunk file
	 * of their own: whole JFR chunks, each with its own constant pools. async-profiler
	 * begins the next chunk as soon as it finishes one, so the file's end is not a chunk
	 * boundary: each chunk's header says its size once it is finished.
	 * @param all whether to take the rest of the file, as when the session has stopped
	 * @return the chunk file, or {@code null} when no chunk was finished
	 */
	private @Nullable Path cut(Path session, boolean all) throws IOException {
		try (FileChannel from = FileChannel.open(session, StandardOpenOption.READ)) {
			long end = all ? from.size() : finishedChunksEnd(from, this.sessionOffset);
			if (end <= this.sessionOffset) {
				return null;
			}
			Path chunk = session.resolveSibling("chunk-" + (++this.chunkSequence) + ".jfr");
			try (FileChannel to = FileChannel.open(chunk, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				long position = this.sessionOffset;
				while (position < end) {
					position += from.transferTo(position, end - position, to);
				}
			}
			this.sessionOffset = end;
			return chunk;
		}
	}

	/**
	 * Where the finished chunks from {@code position} on end. A JFR chunk header starts
	 * with {@code FLR\0}, two version shorts, the chunk's size and its constant pool's
	 * offset, which stays 0 until the chunk is finished.
	 */
	static long finishedChunksEnd(FileChannel file, long position) throws IOException {
		ByteBuffer header = ByteBuffer.allocate(CHUNK_HEADER_BYTES);
		long size = file.size();
		while (position + CHUNK_HEADER_BYTES <= size) {
			header.clear();
			while (header.hasRemaining() && file.read(header, position + header.position()) > 0) {
				// read on
			}
			header.flip();
			if (header.remaining() < CHUNK_HEADER_BYTES || header.getInt(0) != CHUNK_MAGIC) {
				break;
			}
			long chunkSize = header.getLong(8);
			long constantPool = header.getLong(16);
			if (constantPool <= 0 || chunkSize < CHUNK_HEADER_BYTES || position + chunkSize > size) {
				break;
			}
			position += chunkSize;
		}
		return position;
	}

	private void deliver(Chunk chunk) {
		try {
			for (Registration registration : this.registrations) {
				try {
					registration.listener.chunkClosed(chunk);
				}
				catch (IOException | UncheckedIOException ex) {
					unreadable(chunk, (ex instanceof UncheckedIOException unchecked) ? unchecked.getCause() : ex);
				}
				catch (Throwable ex) {
					// an error in one listener must neither starve the others nor stop
					// rotation
					logger.log(Level.WARNING, "A Hotpath chunk listener failed; the sampler goes on", ex);
					synchronized (this.lock) {
						this.problem = "A chunk listener failed at " + chunk.end() + " (" + describe(ex)
								+ "); profiling continues.";
					}
				}
			}
		}
		finally {
			if (!this.recordings.keep(chunk)) {
				deleteQuietly(chunk.file());
			}
		}
	}

	private void stop() {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		if (executor != null) {
			executor.shutdownNow();
		}
		deleteQuietly(stopChunk());
		this.recordings.clear();
		if (this.ownsDirectory) {
			deleteQuietly(this.directory);
		}
		this.directory = null;
		this.state = SamplerState.STOPPED;
		this.problem = null;
		this.since = this.clock.instant();
		this.message = "Hotpath is not running.";
	}

	private void unreadable(Chunk chunk, Throwable ex) {
		synchronized (this.lock) {
			this.unreadableChunks++;
			this.problem = "The chunk closed at " + chunk.end() + " could not be read (" + describe(ex) + "), "
					+ this.unreadableChunks + " unreadable so far; its samples are lost and profiling continues.";
		}
		logger.log(Level.WARNING, "Hotpath could not read the recording chunk " + chunk.file()
				+ "; its samples are lost and profiling continues", ex);
	}

	private void unavailable(String reason) {
		this.running = null;
		boolean changed = this.state != SamplerState.UNAVAILABLE || !this.message.equals(reason);
		this.state = SamplerState.UNAVAILABLE;
		if (changed) {
			this.since = this.clock.instant();
			this.message = reason;
			logger.log(Level.WARNING, "Hotpath profiling is off: " + reason);
		}
	}

	/**
	 * Tells why async-profiler did not start a chunk: it answers
	 * {@code IllegalStateException: Profiler already started} when another session runs
	 * in the JVM, and {@code Could not open Flight Recorder output file} when the chunk
	 * cannot be written.
	 */
	private static String whyNotStarted(Exception ex, Path directory) {
		String text = String.valueOf(ex.getMessage());
		if (text.contains("already started")) {
			return "Another profiler session is running in this JVM, perhaps started by an agent or jcmd, and "
					+ "async-profiler allows one (" + describe(ex) + "); Hotpath is not sampling and tries again "
					+ "each chunk period.";
		}
		if (text.contains("Could not open")) {
			return "Hotpath cannot write its recording to " + directory + ", full or not writable (" + describe(ex)
					+ "); it is not sampling and tries again each chunk period.";
		}
		return "async-profiler refused to start (" + describe(ex) + "); Hotpath tries again each chunk period.";
	}

	private static long safeSamples(ProfilerEngine engine) {
		try {
			return engine.samples();
		}
		catch (RuntimeException | LinkageError ex) {
			return 0;
		}
	}

	private static String describe(Throwable ex) {
		String text = ex.getMessage();
		return ex.getClass().getSimpleName() + ((text != null && !text.isBlank()) ? ": " + text.strip() : "");
	}

	static void deleteQuietly(@Nullable Path path) {
		if (path == null) {
			return;
		}
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Could not delete " + path, ex);
		}
	}

	/**
	 * One listener's hold on the sampler. Closing the last registration stops the
	 * sampler.
	 */
	public final class Registration implements AutoCloseable {

		private final ChunkListener listener;

		private Registration(ChunkListener listener) {
			this.listener = listener;
		}

		/** The sampler this registration holds. */
		public Sampler sampler() {
			return Sampler.this;
		}

		@Override
		public void close() {
			synchronized (Sampler.this.lock) {
				if (Sampler.this.registrations.remove(this) && Sampler.this.registrations.isEmpty()) {
					stop();
				}
			}
		}

	}

}

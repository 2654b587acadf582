package dev.hotpath.sampling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How the sampler runs: CPU and wall-clock intervals, the optional allocation and lock
 * sampling, chunk length and where chunks go.
 *
 * @param cpuInterval time between CPU samples of a running thread
 * @param cpuEngine how CPU samples are taken
 * @param wallInterval time between wall-clock samples of a thread serving a request
 * @param allocIntervalBytes bytes allocated between two allocation samples, on average;
 * {@code 0} samples no allocations
 * @param lockInterval contended lock wait time between two lock samples; zero samples no
 * locks
 * @param chunkDuration how long one JFR chunk records at most before it is closed and
 * read
 * @param directory where chunks are written, or {@code null} for a fresh temporary
 * directory
 * @param engine which engine samples
 * @param wallPausedWhenIdle whether wall-clock sampling stops once no thread has worked
 * for a request for {@code idleAfter}, and starts again with the next request
 * @param nativeMemoryLimitBytes the most async-profiler's stack storage may hold, which
 * keeps every distinct stack of a session: the session is started afresh at the rotation
 * after the storage and the recording's tables come within one block of the storage
 * ({@link #STORAGE_BLOCK}) of it, and within one chunk samples past the whole of it are
 * recorded without their stack; {@code 0} for no limit
 * @param idleAfter how long without a request begun or running before the application
 * counts as idle; the sampler looks this often, so a longer chunk is cut into whole looks
 * of at most this
 */
public record SamplerSettings(Duration cpuInterval, CpuEngine cpuEngine, Duration wallInterval, long allocIntervalBytes,
		Duration lockInterval, Duration chunkDuration, @Nullable Path directory, SamplingEngine engine,
		boolean wallPausedWhenIdle, long nativeMemoryLimitBytes, Duration idleAfter) {

	/**
	 * async-profiler's {@code jfropts}: leave out of each recording what Hotpath never
	 * reads, the JVM's and the OS's information (the JVM's arguments and the Java command
	 * line, which may hold secrets passed as program arguments), the initial system
	 * properties, the native libraries, and the CPU load and heap summary its timer
	 * thread reads every second. The same five options async-profiler sets for itself
	 * when it records alongside the JDK Flight Recorder ({@code jfrsync}).
	 */
	static final int JFR_OPTIONS = 0x1 | 0x2 | 0x4 | 0x8 | 0x10;

	/** The default {@link #idleAfter()}: 10 s. */
	public static final Duration DEFAULT_IDLE_AFTER = Duration.ofSeconds(10);

	/** The default {@link #nativeMemoryLimitBytes()}: 32 MB. */
	public static final long DEFAULT_NATIVE_MEMORY_LIMIT = 32L * 1024 * 1024;

	/**
	 * How async-profiler's stack storage grows: a block of 8 MB at a time, the next one
	 * taken once half of the current one is used.
	 */
	static final long STORAGE_BLOCK = 8L * 1024 * 1024;

	/**
	 * The smallest {@link #nativeMemoryLimitBytes()}: a session's stack storage starts at
	 * about 10 MB, its first block included, and grows in blocks of 8 MB, so a smaller
	 * limit would start a session afresh at every rotation.
	 */
	public static final long MIN_NATIVE_MEMORY_LIMIT = 24L * 1024 * 1024;

	/**
	 * Settings with Hotpath's defaults: 100 Hz CPU, 20 Hz wall paused while idle, a lock
	 * sample every 10 ms of waiting, no allocation samples, 30 s chunks, idle after 10 s
	 * without a request, 32 MB of stack storage at most.
	 */
	public static final SamplerSettings DEFAULTS = new SamplerSettings(Duration.ofMillis(10), CpuEngine.DEFAULT,
			Duration.ofMillis(50), 0, Duration.ofMillis(10), Duration.ofSeconds(30), null, SamplingEngine.AUTO, true,
			DEFAULT_NATIVE_MEMORY_LIMIT, DEFAULT_IDLE_AFTER);

	public SamplerSettings {
		Objects.requireNonNull(cpuInterval, "cpuInterval");
		Objects.requireNonNull(cpuEngine, "cpuEngine");
		Objects.requireNonNull(wallInterval, "wallInterval");
		Objects.requireNonNull(lockInterval, "lockInterval");
		Objects.requireNonNull(chunkDuration, "chunkDuration");
		Objects.requireNonNull(engine, "engine");
		Objects.requireNonNull(idleAfter, "idleAfter");
		requirePositive(cpuInterval, "cpuInterval");
		requirePositive(idleAfter, "idleAfter");
		requirePositive(wallInterval, "wallInterval");
		requirePositive(chunkDuration, "chunkDuration");
		if (allocIntervalBytes < 0) {
			throw new IllegalArgumentException("allocIntervalBytes must not be negative, was " + allocIntervalBytes);
		}
		if (lockInterval.isNegative()) {
			throw new IllegalArgumentException("lockInterval must not be negative, was " + lockInterval);
		}
		if (nativeMemoryLimitBytes != 0 && nativeMemoryLimitBytes < MIN_NATIVE_MEMORY_LIMIT) {
			throw new IllegalArgumentException("nativeMemoryLimitBytes must be 0 (no limit) or at least "
					+ MIN_NATIVE_MEMORY_LIMIT + " (24 MB), was " + nativeMemoryLimitBytes);
		}
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
	}

	/**
	 * A builder that starts from {@link #DEFAULTS}.
	 * @return the builder
	 */
	public static Builder builder() {
		return DEFAULTS.toBuilder();
	}

	/**
	 * A builder that starts from these settings.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Whether a session holding this much should be started afresh: within one block of
	 * the limit, so that the next chunk has a block to grow into. On the demo application
	 * the storage grows by a block in one to two minutes, about ten chunks.
	 * @param sessionBytes what the session holds
	 */
	boolean sessionFull(long sessionBytes) {
		return this.nativeMemoryLimitBytes > 0 && sessionBytes > this.nativeMemoryLimitBytes - STORAGE_BLOCK;
	}

	/** Whether allocations are sampled. */
	public boolean allocEnabled() {
		return this.allocIntervalBytes > 0;
	}

	/** Whether contended locks are sampled. */
	public boolean lockEnabled() {
		return !this.lockInterval.isZero();
	}

	/**
	 * The async-profiler command that starts one chunk written to {@code file}.
	 * @param file where the chunk goes
	 * @param wall whether wall-clock samples are taken: async-profiler's wall-clock
	 * thread walks every thread of the process each interval, even when none is in its
	 * filter
	 */
	String startCommand(Path file, boolean wall) {
		StringBuilder command = new StringBuilder("start,event=").append(this.cpuEngine.event())
			.append(",interval=")
			.append(this.cpuInterval.toNanos());
		if (wall) {
			command.append(",wall=").append(this.wallInterval.toNanos());
		}
		if (allocEnabled()) {
			command.append(",alloc=").append(this.allocIntervalBytes);
		}
		if (lockEnabled()) {
			command.append(",lock=").append(this.lockInterval.toNanos());
		}
		if (this.nativeMemoryLimitBytes > 0) {
			command.append(",memlimit=").append(this.nativeMemoryLimitBytes);
		}
		return command.append(",filter,jfr,jfropts=").append(JFR_OPTIONS).append(",file=").append(file).toString();
	}

	/** A one-line description of the sampling mode, for the status. */
	String mode() {
		return mode(null);
	}

	/**
	 * A one-line description of the sampling mode, for the status.
	 * @param recordedEngine the CPU engine the recording says async-profiler runs, or
	 * {@code null} when not known yet
	 */
	String mode(@Nullable String recordedEngine) {
		String label = this.cpuEngine.label();
		if (this.cpuEngine == CpuEngine.PERF && recordedEngine != null
				&& !RecordedEngine.PERF_EVENTS.equals(recordedEngine)) {
			label = recordedEngine + ": perf events not allowed";
		}
		String engine = (label != null) ? " (" + label + ")" : "";
		String mode = "cpu every " + this.cpuInterval.toMillis() + " ms" + engine + ", wall every "
				+ this.wallInterval.toMillis() + " ms on request threads";
		if (allocEnabled()) {
			mode += ", allocations every " + bytes(this.allocIntervalBytes);
		}
		if (lockEnabled()) {
			mode += ", locks every " + millis(this.lockInterval) + " of waiting";
		}
		return mode;
	}

	private static String bytes(long bytes) {
		if (bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MB";
		}
		return (bytes % 1024 == 0) ? (bytes / 1024) + " KB" : bytes + " bytes";
	}

	private static String millis(Duration duration) {
		long nanos = duration.toNanos();
		if (nanos % 1_000_000 == 0) {
			return (nanos / 1_000_000) + " ms";
		}
		return (nanos / 1000.0) + " µs";
	}

	/**
	 * Builds settings one component at a time; every component not set keeps the value of
	 * the settings the builder started from.
	 */
	public static final class Builder {

		private Duration cpuInterval;

		private CpuEngine cpuEngine;

		private Duration wallInterval;

		private long allocIntervalBytes;

		private Duration lockInterval;

		private Duration chunkDuration;

		private @Nullable Path directory;

		private SamplingEngine engine;

		private boolean wallPausedWhenIdle;

		private long nativeMemoryLimitBytes;

		private Duration idleAfter;

		private Builder(SamplerSettings from) {
			this.cpuInterval = from.cpuInterval;
			this.cpuEngine = from.cpuEngine;
			this.wallInterval = from.wallInterval;
			this.allocIntervalBytes = from.allocIntervalBytes;
			this.lockInterval = from.lockInterval;
			this.chunkDuration = from.chunkDuration;
			this.directory = from.directory;
			this.engine = from.engine;
			this.wallPausedWhenIdle = from.wallPausedWhenIdle;
			this.nativeMemoryLimitBytes = from.nativeMemoryLimitBytes;
			this.idleAfter = from.idleAfter;
		}

		/**
		 * Sets {@link SamplerSettings#cpuInterval()} and
		 * {@link SamplerSettings#cpuEngine()}.
		 * @param interval time between CPU samples of a running thread
		 * @param engine how CPU samples are taken
		 * @return this builder
		 */
		public Builder cpu(Duration interval, CpuEngine engine) {
			this.cpuInterval = interval;
			this.cpuEngine = engine;
			return this;
		}

		/**
		 * Sets {@link SamplerSettings#wallInterval()}.
		 * @param interval time between wall-clock samples of a thread serving a request
		 * @return this builder
		 */
		public Builder wallInterval(Duration interval) {
			this.wallInterval = interval;
			return this;
		}

		/**
		 * Sets {@link SamplerSettings#allocIntervalBytes()}.
		 * @param bytes bytes allocated between two allocation samples; 0 for none
		 * @return this builder
		 */
		public Builder allocIntervalBytes(long bytes) {
			this.allocIntervalBytes = bytes;
			return this;
		}

		/**
		 * Sets {@link SamplerSettings#lockInterval()}.
		 * @param interval contended lock wait time between two lock samples; zero for
		 * none
		 * @return this builder
		 */
		public Builder lockInterval(Duration interval) {
			this.lockInterval = interval;
			return this;
		}

		/**
		 * Sets {@link SamplerSettings#chunkDuration()}.
		 * @param duration how long one JFR chunk records at most
		 * @return this builder
		 */
		public Builder chunkDuration(Duration duration) {
			this.chunkDuration = duration;
			return this;
		}

		/**
		 * Sets {@link SamplerSettings#directory()}.
		 * @param directory where chunks are written, or {@code null} for a fresh
		 * temporary directory
		 * @return this builder
		 */
		public Builder directory(@Nullable Path directory) {
			this.directory = directory;
			return this;
		}

		/**
		 * Sets {@link SamplerSettings#engine()}.
		 * @param engine which engine samples
		 * @return this builder
		 */
		public Builder engine(SamplingEngine engine) {
			this.engine = engine;
			return this;
		}

		/**
		 * Sets {@link SamplerSettings#wallPausedWhenIdle()}.
		 * @param paused whether wall-clock sampling pauses while no request runs
		 * @return this builder
		 */
		public Builder wallPausedWhenIdle(boolean paused) {
			this.wallPausedWhenIdle = paused;
			return this;
		}

		/**
		 * Sets {@link SamplerSettings#nativeMemoryLimitBytes()}.
		 * @param bytes the most async-profiler's stack storage may hold; {@code 0} for no
		 * limit
		 * @return this builder
		 */
		public Builder nativeMemoryLimitBytes(long bytes) {
			this.nativeMemoryLimitBytes = bytes;
			return this;
		}

		/**
		 * Sets {@link SamplerSettings#idleAfter()}.
		 * @param idleAfter how long without a request before the application counts as
		 * idle
		 * @return this builder
		 */
		public Builder idleAfter(Duration idleAfter) {
			this.idleAfter = idleAfter;
			return this;
		}

		/**
		 * The settings.
		 * @return the settings
		 * @throws IllegalArgumentException when a component is out of range
		 */
		public SamplerSettings build() {
			return new SamplerSettings(this.cpuInterval, this.cpuEngine, this.wallInterval, this.allocIntervalBytes,
					this.lockInterval, this.chunkDuration, this.directory, this.engine, this.wallPausedWhenIdle,
					this.nativeMemoryLimitBytes, this.idleAfter);
		}

	}

}

package dev.hotpath.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hotpath.profile.ProfileLimits;
import dev.hotpath.sampling.CpuEngine;
import dev.hotpath.sampling.SamplerSettings;
import dev.hotpath.sampling.SamplingEngine;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of Hotpath's continuous profiling.
 */
@ConfigurationProperties("hotpath")
public class HotpathProperties {

	/**
	 * Whether Hotpath profiles the application.
	 */
	private boolean enabled = true;

	/**
	 * Packages whose classes are application code, for hot functions and "my code only".
	 * Defaults to the package of the @SpringBootApplication class.
	 */
	private List<String> applicationPackages = new ArrayList<>();

	private final Sampling sampling = new Sampling();

	private final Profile profile = new Profile();

	private final Requests requests = new Requests();

	private final Traces traces = new Traces();

	private final Recordings recordings = new Recordings();

	private final History history = new History();

	/**
	 * More package or class prefixes per component, such as
	 * {@code hotpath.components.database=com.acme.dbclient}: a built-in component's name
	 * (application, templates, database, serialization, http-client, web, logging,
	 * reflection, class-loading) adds to it, another name makes a new component. The
	 * longest matching prefix wins.
	 */
	private Map<String, List<String>> components = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getApplicationPackages() {
		return this.applicationPackages;
	}

	public void setApplicationPackages(List<String> applicationPackages) {
		this.applicationPackages = applicationPackages;
	}

	public Sampling getSampling() {
		return this.sampling;
	}

	public Profile getProfile() {
		return this.profile;
	}

	public Requests getRequests() {
		return this.requests;
	}

	public Traces getTraces() {
		return this.traces;
	}

	public Recordings getRecordings() {
		return this.recordings;
	}

	public History getHistory() {
		return this.history;
	}

	public Map<String, List<String>> getComponents() {
		return this.components;
	}

	public void setComponents(Map<String, List<String>> components) {
		this.components = components;
	}

	/**
	 * How samples are taken.
	 */
	public static class Sampling {

		/**
		 * Which engine takes samples: auto (async-profiler, falling back to the JDK
		 * Flight Recorder's method sampling where async-profiler cannot load),
		 * async-profiler (no fallback) or jfr (the JDK Flight Recorder only: Java frames
		 * and CPU samples of Java code only).
		 */
		private SamplingEngine engine = SamplingEngine.AUTO;

		/**
		 * Time between CPU samples of a running thread.
		 */
		private Duration cpuInterval = Duration.ofMillis(10);

		/**
		 * How CPU samples are taken: ctimer (a per-thread CPU timer; itimer where there
		 * is none, as on macOS), perf (Linux perf_events, falling back to ctimer where
		 * they are denied) or itimer (one process-wide CPU timer).
		 */
		private CpuEngine cpuEngine = CpuEngine.DEFAULT;

		/**
		 * Time between wall-clock samples of a thread while it serves a request.
		 * async-profiler's own default: its wall-clock thread lists every thread of the
		 * process and signals the sampled ones each interval, so the cost grows as the
		 * interval shrinks.
		 */
		private Duration wallInterval = Duration.ofMillis(50);

		/**
		 * Whether wall-clock sampling pauses once no request has run for a whole chunk,
		 * and starts again with the next request. async-profiler's wall-clock thread
		 * walks every thread of the process each wall interval, which is most of what
		 * profiling costs an idle application. Requests to the actuator's base path
		 * (health checks, metrics scrapes) do not count as requests here.
		 */
		private boolean wallPausedWhenIdle = true;

		/**
		 * The most native memory async-profiler's stack storage may hold. It keeps every
		 * distinct stack since its session began, and Hotpath's session goes on from
		 * chunk to chunk, so it starts the session afresh at the rotation after the
		 * storage comes within 8MB (the block it grows by) of this; within one chunk,
		 * samples past the whole of it are recorded without their stack, and the status
		 * says so. At least 24MB; 0 for no limit.
		 */
		private DataSize nativeMemoryLimit = DataSize.ofMegabytes(32);

		/**
		 * Whether allocations are sampled, for the alloc profile type. Off by default:
		 * its cost grows with the allocation rate.
		 */
		private boolean allocEnabled;

		/**
		 * Bytes allocated between two allocation samples, on average.
		 */
		private DataSize allocInterval = DataSize.ofKilobytes(512);

		/**
		 * Whether contended locks are sampled, for the lock profile type.
		 */
		private boolean lockEnabled = true;

		/**
		 * Time threads wait on contended locks between two lock samples: a wait is
		 * sampled each time the total waiting passes another multiple of it, and a longer
		 * wait is always sampled.
		 */
		private Duration lockInterval = Duration.ofMillis(10);

		/**
		 * How long one recording chunk runs at most before it is read. Reading costs
		 * about as much per chunk as per sample, so longer chunks cost less; the endpoint
		 * stays fresh through read-refresh, exports get data this often.
		 */
		private Duration chunk = Duration.ofSeconds(30);

		/**
		 * When the endpoint is read and the running chunk began longer ago than this, the
		 * chunk is closed and read first, so that the answer holds every request
		 * completed until then. 0 turns this off: answers then hold what the last chunk
		 * delivered.
		 */
		private Duration readRefresh = Duration.ofSeconds(5);

		/**
		 * How long without a request begun or running before the application counts as
		 * idle: wall-clock sampling pauses (with wall-paused-when-idle) and a chunk is
		 * read only every sixth such period. The sampler looks this often, or every chunk
		 * when chunks are shorter.
		 */
		private Duration idleAfter = SamplerSettings.DEFAULT_IDLE_AFTER;

		/**
		 * Directory for recording chunks. Defaults to a new temporary directory.
		 */
		private @Nullable Path directory;

		public SamplingEngine getEngine() {
			return this.engine;
		}

		public void setEngine(SamplingEngine engine) {
			this.engine = engine;
		}

		public Duration getCpuInterval() {
			return this.cpuInterval;
		}

		public void setCpuInterval(Duration cpuInterval) {
			this.cpuInterval = cpuInterval;
		}

		public CpuEngine getCpuEngine() {
			return this.cpuEngine;
		}

		public void setCpuEngine(CpuEngine cpuEngine) {
			this.cpuEngine = cpuEngine;
		}

		public Duration getWallInterval() {
			return this.wallInterval;
		}

		public void setWallInterval(Duration wallInterval) {
			this.wallInterval = wallInterval;
		}

		public boolean isWallPausedWhenIdle() {
			return this.wallPausedWhenIdle;
		}

		public void setWallPausedWhenIdle(boolean wallPausedWhenIdle) {
			this.wallPausedWhenIdle = wallPausedWhenIdle;
		}

		public DataSize getNativeMemoryLimit() {
			return this.nativeMemoryLimit;
		}

		public void setNativeMemoryLimit(DataSize nativeMemoryLimit) {
			this.nativeMemoryLimit = nativeMemoryLimit;
		}

		public boolean isAllocEnabled() {
			return this.allocEnabled;
		}

		public void setAllocEnabled(boolean allocEnabled) {
			this.allocEnabled = allocEnabled;
		}

		public DataSize getAllocInterval() {
			return this.allocInterval;
		}

		public void setAllocInterval(DataSize allocInterval) {
			this.allocInterval = allocInterval;
		}

		public boolean isLockEnabled() {
			return this.lockEnabled;
		}

		public void setLockEnabled(boolean lockEnabled) {
			this.lockEnabled = lockEnabled;
		}

		public Duration getLockInterval() {
			return this.lockInterval;
		}

		public void setLockInterval(Duration lockInterval) {
			this.lockInterval = lockInterval;
		}

		public Duration getChunk() {
			return this.chunk;
		}

		public void setChunk(Duration chunk) {
			this.chunk = chunk;
		}

		public Duration getReadRefresh() {
			return this.readRefresh;
		}

		public void setReadRefresh(Duration readRefresh) {
			this.readRefresh = readRefresh;
		}

		public Duration getIdleAfter() {
			return this.idleAfter;
		}

		public void setIdleAfter(Duration idleAfter) {
			this.idleAfter = idleAfter;
		}

		public @Nullable Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable Path directory) {
			this.directory = directory;
		}

	}

	/**
	 * How the profile is kept, and the bounds on its memory.
	 */
	public static class Profile {

		/**
		 * How long profiles and request statistics are kept.
		 */
		private Duration retention = Duration.ofHours(1);

		/**
		 * How much time one window of the timeline aggregates.
		 */
		private Duration window = Duration.ofSeconds(10);

		/**
		 * Maximum number of endpoints; requests of further routes go to the OTHER
		 * endpoint.
		 */
		private int maxEndpoints = 100;

		/**
		 * Maximum number of distinct functions kept.
		 */
		private int maxFrames = 100_000;

		/**
		 * Maximum number of call tree nodes and source line rows over all windows; beyond
		 * it the oldest windows are merged into coarser windows, and dropped only once
		 * they are as coarse as those allow.
		 */
		private int maxTreeNodes = 500_000;

		/**
		 * Sizes that old windows are merged into when the profile holds too many nodes,
		 * smallest first, each a multiple of the one before and of the window. Empty to
		 * drop the oldest windows instead.
		 */
		private List<Duration> coarserWindows = new ArrayList<>(ProfileLimits.DEFAULT_COARSER_WINDOWS);

		/**
		 * Maximum number of nodes of one endpoint's call tree in one window, and of rows
		 * of its source line table.
		 */
		private int maxNodesPerTree = 50_000;

		/**
		 * Number of slowest requests kept with their samples, per endpoint and window.
		 */
		private int slowestPerWindow = 5;

		/**
		 * Maximum number of samples held while their request is still running.
		 */
		private int maxPendingSamples = 200_000;

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

		public List<Duration> getCoarserWindows() {
			return this.coarserWindows;
		}

		public void setCoarserWindows(List<Duration> coarserWindows) {
			this.coarserWindows = coarserWindows;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public int getMaxEndpoints() {
			return this.maxEndpoints;
		}

		public void setMaxEndpoints(int maxEndpoints) {
			this.maxEndpoints = maxEndpoints;
		}

		public int getMaxFrames() {
			return this.maxFrames;
		}

		public void setMaxFrames(int maxFrames) {
			this.maxFrames = maxFrames;
		}

		public int getMaxTreeNodes() {
			return this.maxTreeNodes;
		}

		public void setMaxTreeNodes(int maxTreeNodes) {
			this.maxTreeNodes = maxTreeNodes;
		}

		public int getMaxNodesPerTree() {
			return this.maxNodesPerTree;
		}

		public void setMaxNodesPerTree(int maxNodesPerTree) {
			this.maxNodesPerTree = maxNodesPerTree;
		}

		public int getSlowestPerWindow() {
			return this.slowestPerWindow;
		}

		public void setSlowestPerWindow(int slowestPerWindow) {
			this.slowestPerWindow = slowestPerWindow;
		}

		public int getMaxPendingSamples() {
			return this.maxPendingSamples;
		}

		public void setMaxPendingSamples(int maxPendingSamples) {
			this.maxPendingSamples = maxPendingSamples;
		}

	}

	/**
	 * How completed requests are recorded.
	 */
	public static class Requests {

		/**
		 * Completed requests the request log holds between two chunks; more are counted
		 * as dropped.
		 */
		private int logCapacity = 65_536;

		/**
		 * Scope intervals (a thread working for a span, on any thread) the scope log
		 * holds between two chunks; more are counted as dropped and their samples lose
		 * their request.
		 */
		private int scopeLogCapacity = 65_536;

		/**
		 * Whether requests to the actuator's own endpoints (the profiles page among them)
		 * are ranked with the application's endpoints. They are counted apart either way.
		 */
		private boolean includeActuator;

		/**
		 * Paths on the application's port, outside the actuator's base path, that serve
		 * health checks or other probes (a {@code /ping} controller), as exact paths
		 * below the context path. They are treated as the actuator's: they neither keep
		 * wall-clock sampling of an idle application on nor rank with its endpoints. The
		 * additional paths of Spring Boot's health groups are added without being listed
		 * here.
		 */
		private List<String> probePaths = new ArrayList<>();

		public int getLogCapacity() {
			return this.logCapacity;
		}

		public void setLogCapacity(int logCapacity) {
			this.logCapacity = logCapacity;
		}

		public int getScopeLogCapacity() {
			return this.scopeLogCapacity;
		}

		public void setScopeLogCapacity(int scopeLogCapacity) {
			this.scopeLogCapacity = scopeLogCapacity;
		}

		public boolean isIncludeActuator() {
			return this.includeActuator;
		}

		public void setIncludeActuator(boolean includeActuator) {
			this.includeActuator = includeActuator;
		}

		public List<String> getProbePaths() {
			return this.probePaths;
		}

		public void setProbePaths(List<String> probePaths) {
			this.probePaths = probePaths;
		}

	}

	/**
	 * How every request's own samples are kept, so that any recent request opens by its
	 * trace id.
	 */
	public static class Traces {

		/**
		 * How long every sample is kept with its trace and span ids. The slowest requests
		 * keep theirs for the whole profile retention.
		 */
		private Duration retention = Duration.ofMinutes(10);

		/**
		 * Samples kept with their trace and span ids at most; the oldest go first. 69
		 * bytes each, in pages freed once past the retention.
		 */
		private int maxSamples = 262_144;

		/**
		 * Stack nodes in each of the two tries that store these samples' stacks once;
		 * about 20 bytes each.
		 */
		private int maxStackNodes = 262_144;

		/**
		 * Distinct span names kept for the trace view.
		 */
		private int maxSpanNames = 1024;

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

		public int getMaxSamples() {
			return this.maxSamples;
		}

		public void setMaxSamples(int maxSamples) {
			this.maxSamples = maxSamples;
		}

		public int getMaxStackNodes() {
			return this.maxStackNodes;
		}

		public void setMaxStackNodes(int maxStackNodes) {
			this.maxStackNodes = maxStackNodes;
		}

		public int getMaxSpanNames() {
			return this.maxSpanNames;
		}

		public void setMaxSpanNames(int maxSpanNames) {
			this.maxSpanNames = maxSpanNames;
		}

	}

	/**
	 * How the recent JFR chunks of the recording are kept on disk for the JFR download.
	 */
	public static class Recordings {

		/**
		 * Disk space the kept chunks take at most; the oldest go first. 0 keeps none and
		 * turns the JFR download off.
		 */
		private DataSize maxSize = DataSize.ofMegabytes(64);

		/**
		 * How long a chunk is kept after it closed.
		 */
		private Duration maxAge = Duration.ofMinutes(10);

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/**
	 * How each version's profile is kept on disk across restarts, so that a new version
	 * can be compared with the ones before it. The version is spring.application.version,
	 * else the build info's.
	 */
	public static class History {

		/**
		 * Directory where each version's profile is kept, one file per version; use one
		 * on local, persistent disk per application instance. Unset, nothing is kept.
		 */
		private @Nullable Path directory;

		/**
		 * Versions whose profiles the directory keeps, the running one's among them; the
		 * oldest files are deleted, the others are loaded at start.
		 */
		private int maxVersions = 5;

		/**
		 * How often the running version's profile is saved, at most; it is saved once
		 * more when the application stops.
		 */
		private Duration saveInterval = Duration.ofMinutes(1);

		/**
		 * Call tree nodes kept per version, in its file and in memory once loaded; the
		 * heaviest are kept. About 56 bytes each in memory.
		 */
		private int maxNodes = 100_000;

		/**
		 * Disk space one version's file takes at most; a larger profile is not saved and
		 * a larger file is not read.
		 */
		private DataSize maxFileSize = DataSize.ofMegabytes(32);

		public @Nullable Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable Path directory) {
			this.directory = directory;
		}

		public int getMaxVersions() {
			return this.maxVersions;
		}

		public void setMaxVersions(int maxVersions) {
			this.maxVersions = maxVersions;
		}

		public Duration getSaveInterval() {
			return this.saveInterval;
		}

		public void setSaveInterval(Duration saveInterval) {
			this.saveInterval = saveInterval;
		}

		public int getMaxNodes() {
			return this.maxNodes;
		}

		public void setMaxNodes(int maxNodes) {
			this.maxNodes = maxNodes;
		}

		public DataSize getMaxFileSize() {
			return this.maxFileSize;
		}

		public void setMaxFileSize(DataSize maxFileSize) {
			this.maxFileSize = maxFileSize;
		}

	}

}

package dev.hotpath.export.push;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.hotpath.export.ExportedProfile;
import dev.hotpath.query.TimeRange;

/**
 * Pushes the profile to its backends every period, from one daemon thread named
 * {@code hotpath-push}.
 * <p>
 * Each period, and whenever {@link #tick()} says that more of the profile has been read,
 * the thread takes the profile of the whole windows that ended since the last push and
 * before the time the profile is whole up to (its source tells), encodes it for each
 * backend and queues it. Requests go out asynchronously, one at a time per backend, with
 * connect and response timeouts; while a backend is slow or down its profiles wait in a
 * bounded queue that drops the oldest. Nothing here runs on, or waits for, an application
 * thread: the profile is read under the store's read lock on the push thread only.
 * Failures are counted in each backend's {@link PushStatus} and logged at WARN at most
 * once a minute; no exception leaves the push thread.
 */
public final class ProfilePusher implements AutoCloseable {

	static final String THREAD_NAME = "hotpath-push";

	private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

	private final Function<TimeRange, Optional<ExportedProfile>> profiles;

	private final LongSupplier wholeBefore;

	private final PushSettings settings;

	private final LongSupplier clock;

	private final ScheduledExecutorService scheduler;

	private final Executor pushThread;

	private final Warnings warnings;

	private final List<Outbox> outboxes = new ArrayList<>();

	private final Map<String, PushStatus> statuses = new LinkedHashMap<>();

	private final AtomicBoolean started = new AtomicBoolean();

	/** The start of the next range to push; only the push thread reads and writes it. */
	private long nextFromMillis;

	/**
	 * Creates a pusher on the system clock.
	 * @param profiles the profile of a time range, such as the whole application's from
	 * {@code ProfileExports}
	 * @param wholeBefore the time, in epoch milliseconds, before which the profile no
	 * longer changes, such as {@code ChunkProcessor.wholeBefore()}: a window is pushed
	 * once it ends by then, so that it is pushed once and whole
	 * @param backends where profiles go
	 * @param settings how they go
	 */
	public ProfilePusher(Function<TimeRange, Optional<ExportedProfile>> profiles, LongSupplier wholeBefore,
			List<? extends PushBackend> backends, PushSettings settings) {
		this(profiles, wholeBefore, backends, settings, System::currentTimeMillis);
	}

	/**
	 * Creates a pusher.
	 * @param profiles the profile of a time range, such as the whole application's from
	 * {@code ProfileExports}
	 * @param wholeBefore the time, in epoch milliseconds, before which the profile no
	 * longer changes: a window is pushed once it ends by then
	 * @param backends where profiles go
	 * @param settings how they go
	 * @param clock the current time in epoch milliseconds
	 */
	public ProfilePusher(Function<TimeRange, Optional<ExportedProfile>> profiles, LongSupplier wholeBefore,
			List<? extends PushBackend> backends, PushSettings settings, LongSupplier clock) {
		this.profiles = profiles;
		this.wholeBefore = wholeBefore;
		this.settings = settings;
		this.clock = clock;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		this.pushThread = (task) -> {
			try {
				this.scheduler.execute(task);
			}
			catch (RejectedExecutionException ex) {
				// closed: an answer that arrives now has nobody left to tell
			}
		};
		this.warnings = new Warnings(WARNING_INTERVAL, System::nanoTime);
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.timeout())
			.build();
		Outbox.Scheduling scheduling = (task, delay, unit) -> {
			try {
				this.scheduler.schedule(task, delay, unit);
			}
			catch (RejectedExecutionException ex) {
				// closed: no retry after close
			}
		};
		for (PushBackend backend : backends) {
			Outbox outbox = new Outbox(backend, client, settings, this.pushThread, scheduling, this.warnings);
			this.outboxes.add(outbox);
			this.statuses.put(backend.name(), outbox.status());
		}
		// from the window the pusher starts in: the profile began about then
		long window = settings.window().toMillis();
		this.nextFromMillis = Math.floorDiv(clock.getAsLong(), window) * window;
	}

	/**
	 * Starts pushing every period; does nothing when started already.
	 */
	public void start() {
		if (!this.started.compareAndSet(false, true)) {
			return;
		}
		long period = this.settings.period().toMillis();
		this.scheduler.scheduleAtFixedRate(() -> push(this.clock.getAsLong()), period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Pushes what is due now, on the push thread; returns at once. Called after each
	 * chunk is read, so that a window goes out as soon as it is whole rather than up to a
	 * period later.
	 */
	public void tick() {
		long now = this.clock.getAsLong();
		this.pushThread.execute(() -> push(now));
	}

	/**
	 * The status of each backend.
	 * @return the statuses by backend name, in the backends' order
	 */
	public Map<String, PushStatus> statuses() {
		return Collections.unmodifiableMap(this.statuses);
	}

	/**
	 * The status of one backend.
	 * @param backend the backend's name
	 * @return its status
	 * @throws IllegalArgumentException when no backend has that name
	 */
	public PushStatus status(String backend) {
		PushStatus status = this.statuses.get(backend);
		if (status == null) {
			throw new IllegalArgumentException("No backend named '" + backend + "'");
		}
		return status;
	}

	/**
	 * Stops pushing. Profiles not yet sent are dropped; a request in flight is left to
	 * its timeout and its answer ignored.
	 */
	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	private void push(long nowMillis) {
		try {
			long to = lastWholeWindowEnd(nowMillis);
			if (to <= this.nextFromMillis) {
				return;
			}
			TimeRange range = new TimeRange(this.nextFromMillis, to);
			this.nextFromMillis = to;
			Optional<ExportedProfile> profile = this.profiles.apply(range);
			if (profile.isEmpty() || profile.get().samples().isEmpty()) {
				return;
			}
			for (Outbox outbox : this.outboxes) {
				outbox.offer(profile.get());
			}
		}
		catch (RuntimeException ex) {
			// the next period tries again: an exception here would end the schedule
			this.warnings.warn("Hotpath could not read the profile to push: " + ex);
		}
	}

	/** The end of the last window that has ended and is whole at a moment. */
	private long lastWholeWindowEnd(long nowMillis) {
		long until = Math.min(nowMillis, this.wholeBefore.getAsLong());
		if (until <= this.nextFromMillis) {
			// nothing new, or nothing read yet
			return this.nextFromMillis;
		}
		long window = this.settings.window().toMillis();
		return Math.floorDiv(until, window) * window;
	}

}

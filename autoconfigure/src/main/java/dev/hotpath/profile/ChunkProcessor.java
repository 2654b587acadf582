package dev.hotpath.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.hotpath.jfr.JfrFiles;
import one.jfr.JfrReader;
import one.jfr.event.AllocationSample;
import one.jfr.event.ContendedLock;
import one.jfr.event.Event;
import one.jfr.event.ExecutionSample;
import one.jfr.event.SpanEvent;
import org.jspecify.annotations.Nullable;

/**
 * Reads each closed chunk into the {@link ProfileStore}. One round per chunk, on the
 * sampler's thread: drain the scope intervals and completed requests logged since the
 * last round (request statistics, the slowest requests, which span belongs to which
 * endpoint), decode the chunk's samples and span events with async-profiler's
 * {@link JfrReader}, join each sample to the request and scope intervals of its thread,
 * and add it to its endpoint's window, to the recent samples of its trace and to the
 * trees of its request if that request is among the slowest.
 * <p>
 * A sample in a scope interval belongs to the endpoint of the span's local root: the
 * request whose server span is the scope's span or one of its ancestors, or the job the
 * span roots. A worker's scope can close before its request ends; its samples wait a few
 * rounds for the request, then go to the background.
 * <p>
 * An interval whose span event the chunk lacks (async-profiler drops events while its
 * dump holds its locks) is {@linkplain DroppedSpanEvents rebuilt} from its log row, and
 * one begun between two async-profiler sessions, which has a logged start and no span
 * event, is taken from the logs through the chunk's thread table.
 * <p>
 * A chunk of the JDK Flight Recorder (the fallback where async-profiler cannot load) is
 * read with the same reader and stack decoder, but it has no span events: its intervals
 * are the {@linkplain LoggedIntervals logged} ones drained in the same round, its thread
 * ids are Java thread ids, and all its samples are CPU samples of Java code.
 */
public final class ChunkProcessor {

	/** The tag of scope intervals in the recording. */
	public static final String SCOPE_TAG = SpanInterval.SCOPE_TAG;

	private static final System.Logger logger = System.getLogger(ChunkProcessor.class.getName());

	private static final int CPU_STATE = 0;

	/** Rounds a row or a waiting sample is kept for a late partner. */
	private static final int ROUNDS_KEPT = 3;

	/**
	 * How far a sample's time, from the recording's clock, may fall before its request's
	 * start, from the system clock.
	 */
	private static final long CLOCK_SLACK_MILLIS = 1000;

	private static final int MAX_ANCESTRY = 64;

	private final ProfileStore store;

	private final FrameClassifier classifier;

	private final RequestSource requests;

	private final LongSupplier clock;

	/** The lock interval of the session being read, in nanoseconds; 0 when off. */
	private long lockInterval;

	private final SpanJoin join;

	private final SpanIndex spans;

	private final Map<Long, Row> scopeRows = new HashMap<>();

	private final Map<Long, Row> requestRows = new HashMap<>();

	private final Map<TraceKey, Kept> keptTraces = new HashMap<>();

	private List<Waiting> waiting = new ArrayList<>();

	private final LoggedIntervals logged;

	/**
	 * This round's rebuilding of span events the recording is missing, while draining.
	 */
	private @Nullable DroppedSpanEvents dropped;

	/**
	 * Per frame id, the stamp of the last request whose frames took it in; lets a request
	 * gather its distinct frames without a set of boxed ids.
	 */
	private int[] frameSeenBy = new int[1024];

	private int requestStamp;

	private long round;

	/** {@link #wholeBefore()}; written by the reading thread only. */
	private volatile long wholeBefore = Long.MIN_VALUE;

	private final List<Runnable> roundListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	/**
	 * Creates a processor.
	 * @param store where the profile goes
	 * @param classifier tells application frames from others
	 * @param requests the completed requests and scope intervals
	 * @param clock the current time in epoch milliseconds
	 */
	public ChunkProcessor(ProfileStore store, FrameClassifier classifier, RequestSource requests, LongSupplier clock) {
		this(store, classifier, requests, clock, LoggedIntervals::systemOffset);
	}

	/**
	 * Creates a processor with a given clock offset for logged intervals.
	 * @param store where the profile goes
	 * @param classifier tells application frames from others
	 * @param requests the completed requests and scope intervals
	 * @param clock the current time in epoch milliseconds
	 * @param nanoTimeOffset epoch nanoseconds minus {@link System#nanoTime()}, measured
	 * when called
	 */
	ChunkProcessor(ProfileStore store, FrameClassifier classifier, RequestSource requests, LongSupplier clock,
			LongSupplier nanoTimeOffset) {
		this.logged = new LoggedIntervals(nanoTimeOffset);
		this.store = store;
		this.classifier = classifier;
		this.requests = requests;
		this.clock = clock;
		this.join = new SpanJoin(store.limits().maxPendingSamples());
		// a span outlives the samples that wait for its request by a round
		this.spans = new SpanIndex(store.limits().maxPendingSamples(), ROUNDS_KEPT + 2);
	}

	/**
	 * Reads a closed chunk and the requests completed since the last one. A chunk that
	 * cannot be read (corrupt, truncated, gone) loses its samples; the requests and
	 * scopes logged meanwhile are still counted, and then the failure is thrown so that
	 * the sampler reports it.
	 * @param file the chunk's JFR file, or {@code null} when the sampler is not running
	 * @throws UncheckedIOException when the chunk could not be read, after the round
	 */
	public void process(@Nullable Path file) {
		process(file, false);
	}

	/**
	 * Reads a closed chunk and the requests completed since the last one.
	 * @param file the chunk's JFR file, or {@code null} when the sampler is not running
	 * @param jdkRecording whether the JDK Flight Recorder wrote it, rather than
	 * async-profiler
	 */
	public void process(@Nullable Path file, boolean jdkRecording) {
		process(file, jdkRecording, Long.MIN_VALUE);
	}

	/**
	 * Reads a closed chunk and the requests completed since the last one, and then counts
	 * the profile whole before the chunk's start (see {@link #wholeBefore()}).
	 * @param file the chunk's JFR file, or {@code null} when the sampler is not running
	 * @param jdkRecording whether the JDK Flight Recorder wrote it, rather than
	 * async-profiler
	 * @param startMillis when the chunk began, in epoch milliseconds;
	 * {@link Long#MIN_VALUE} when not known, which leaves {@link #wholeBefore()} as it
	 * was
	 */
	public void process(@Nullable Path file, boolean jdkRecording, long startMillis) {
		long started = System.nanoTime();
		IOException unreadable = this.store.write((store) -> {
			ChunkData chunk = null;
			IOException failure = null;
			if (file != null) {
				try {
					chunk = read(file, jdkRecording);
				}
				catch (IOException ex) {
					failure = ex;
				}
				catch (RuntimeException ex) {
					// JfrReader answers a corrupt chunk with whatever its buffer throws
					failure = new IOException("corrupt or truncated, " + ex, ex);
				}
			}
			ingest(chunk);
			store.counters().chunksProcessed++;
			store.counters().chunkProcessingNanos += System.nanoTime() - started;
			return failure;
		});
		if (startMillis != Long.MIN_VALUE) {
			this.wholeBefore = Math.max(this.wholeBefore, startMillis);
		}
		for (Runnable listener : this.roundListeners) {
			try {
				listener.run();
			}
			catch (RuntimeException ex) {
				logger.log(Level.WARNING, "A Hotpath round listener failed", ex);
			}
		}
		if (unreadable != null) {
			throw new UncheckedIOException("Could not read the recording chunk " + file, unreadable);
		}
	}

	/**
	 * The time before which the profile is whole: the start of the last chunk read, so
	 * that every sample recorded before it was in an earlier chunk, and a sample whose
	 * request or parent span ended in the next chunk has had that chunk's round to join
	 * it. Safe to read from any thread.
	 * @return epoch milliseconds, {@link Long#MIN_VALUE} until a chunk with a known start
	 * was read
	 */
	public long wholeBefore() {
		return this.wholeBefore;
	}

	/**
	 * Adds a task that runs after each chunk is processed, outside the store's lock.
	 * @param listener the task
	 */
	public void afterEachChunk(Runnable listener) {
		this.roundListeners.add(listener);
	}

	/**
	 * Decodes a chunk file. Package-private so that tests can decode real recordings.
	 * @param file the JFR file
	 * @param jdkRecording whether the JDK Flight Recorder wrote it
	 * @return its samples, span events and thread names
	 * @throws IOException when the file cannot be read
	 */
	ChunkData read(Path file, boolean jdkRecording) throws IOException {
		ChunkData chunk = new ChunkData();
		chunk.jdkRecording = jdkRecording;
		try (JfrReader reader = JfrFiles.open(file)) {
			// a file can hold several chunks (the JDK rotates its chunks when another
			// recording starts or stops), each with its own stack and method ids
			reader.stopAtNewChunk = true;
			do {
				readChunk(reader, chunk);
			}
			while (reader.hasMoreChunks());
		}
		return chunk;
	}

	private void readChunk(JfrReader reader, ChunkData chunk) throws IOException {
		StackDecoder decoder = new StackDecoder(reader, this.store.frames(), this.classifier);
		boolean jdk = chunk.jdkRecording;
		int first = chunk.samples.size();
		for (Event event; (event = reader.readEvent()) != null;) {
			if (event instanceof ExecutionSample sample) {
				// the JDK samples only threads running Java code: all CPU
				boolean cpu = jdk || sample.threadState == CPU_STATE
						|| sample.threadState == ExecutionSample.CPU_TIME_SAMPLE;
				chunk.samples.add(sample(reader.eventTimeToNanos(sample.time), threadId(reader, sample.tid, jdk),
						decoder.stack(sample.stackTraceId), cpu ? ProfileType.CPU : ProfileType.WALL, sample.samples));
			}
			else if (event instanceof AllocationSample allocation) {
				// value() is the bytes the sample stands for, the TLAB
				// or the sampling interval, not only the one object
				chunk.samples.add(sample(reader.eventTimeToNanos(allocation.time), allocation.tid,
						decoder.stack(allocation.stackTraceId), ProfileType.ALLOC, allocation.value()));
			}
			else if (event instanceof ContendedLock lock) {
				chunk.samples.add(sample(reader.eventTimeToNanos(lock.time), lock.tid, decoder.stack(lock.stackTraceId),
						ProfileType.LOCK, (long) (lock.duration * reader.nanosPerTick)));
			}
			else if (event instanceof SpanEvent span && span.tag != null) {
				chunk.spans.add(new SpanInterval(span.time, reader.eventTimeToNanos(span.time),
						reader.eventTimeToNanos(span.time + span.duration), span.tid, span.tag));
			}
		}
		WallSignalCoincidences.restore(chunk.samples, first, this.store.frames());
		// async-profiler samples a wait each time the total waiting passes
		// another lock interval, so a shorter wait stands for a whole interval
		// only the first chunk of a session states the settings: the chunks the sampler
		// dumps while the session goes on hold the same
		if (!reader.settings.isEmpty()) {
			String lockSetting = reader.settings.getOrDefault("lock", "");
			this.lockInterval = lockSetting.matches("\\d{1,18}") ? Long.parseLong(lockSetting) : 0;
		}
		long lockInterval = this.lockInterval;
		chunk.samples.replaceAll((sample) -> (sample.type() == ProfileType.LOCK && sample.weight() < lockInterval)
				? sample.withWeight(lockInterval) : sample);
		reader.threads.forEach((tid, name) -> chunk.threadNames.put(threadId(reader, (int) tid, jdk), name));
		if (!jdk) {
			reader.javaThreads.forEach((tid, javaThreadId) -> chunk.tidOfJavaThread.put(javaThreadId, (int) tid));
		}
		chunk.endNanos = reader.chunkEndNanos;
		chunk.startTicks = reader.chunkStartTicks;
		chunk.startNanos = reader.chunkStartNanos;
		chunk.nanosPerTick = reader.nanosPerTick;
	}

	/**
	 * The thread id samples are joined by: the recording's own for async-profiler (the OS
	 * thread id), the Java thread id for the JDK, which is what the logs record.
	 */
	private static int threadId(JfrReader reader, int tid, boolean jdk) {
		if (!jdk) {
			return tid;
		}
		Long javaThreadId = reader.javaThreads.get(tid);
		return (javaThreadId != null) ? javaThreadId.intValue() : tid;
	}

	private static Sample sample(long timeNanos, int tid, StackDecoder.Decoded stack, ProfileType type, long weight) {
		return new Sample(timeNanos, tid, stack.frames(), type, weight, stack.lines());
	}

	/**
	 * One round: drains the logs and adds a decoded chunk's samples to the store. Runs
	 * under the store's write lock. Package-private so that the join can be tested with
	 * hand-made chunks.
	 * @param chunk the chunk, or {@code null} when the sampler is not running
	 */
	void ingest(@Nullable ChunkData chunk) {
		long now = this.clock.getAsLong();
		this.round++;
		this.spans.nextRound();
		this.logged.beginRound();
		this.dropped = (chunk != null && !chunk.jdkRecording) ? new DroppedSpanEvents(chunk) : null;
		drainScopes();
		drainRequests(now);
		if (this.dropped != null) {
			this.dropped.logged(this.logged.intervals());
			this.store.counters().intervalsRebuilt += this.dropped.addToChunk();
			this.dropped = null;
		}
		List<Waiting> retry = this.waiting;
		this.waiting = new ArrayList<>();
		Round round = new Round(now);
		for (Waiting sample : retry) {
			round.place(sample.sample, null, null, sample.scope, sample.thread, sample.round);
		}
		if (chunk != null && chunk.jdkRecording) {
			chunk.spans.addAll(this.logged.intervals());
		}
		if (chunk != null) {
			this.join.join(chunk, new SpanJoin.Attribution() {

				@Override
				public void inSpan(Sample sample, @Nullable SpanInterval request, @Nullable SpanInterval scope) {
					// the recording is the JVM's: a request another application context
					// logged is not this one's, as a scope is not without its row
					Row requestRow = (request != null) ? ChunkProcessor.this.requestRows.get(request.spanStart())
							: null;
					round.place(sample, (requestRow != null) ? request : null, requestRow,
							(scope != null) ? ChunkProcessor.this.scopeRows.get(scope.spanStart()) : null,
							chunk.threadName(sample.tid()), ChunkProcessor.this.round);
				}

				@Override
				public void background(Sample sample) {
					round.background(sample, chunk.threadName(sample.tid()));
				}

			});
			this.store.counters().samplesRead += chunk.samples.size();
			for (Sample sample : chunk.samples) {
				this.store.counters().samplesByType[sample.type().ordinal()] += sample.type().weighed() ? 1
						: sample.weight();
			}
		}
		round.countProfiledRequests();
		expire();
		this.store.counters().requestsDropped = this.requests.dropped();
		this.store.counters().endpointsOverflowed = this.requests.endpointsOverflowed();
		this.store.counters().scopesDropped = this.requests.scopesDropped();
		this.store.evict(now);
	}

	private void drainScopes() {
		this.requests.drainScopes(new RequestSource.ScopeSink() {

			@Override
			public void scope(long spanStart, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId,
					@Nullable String spanName, boolean root, boolean job) {
				ChunkProcessor.this.scopeRows.put(spanStart,
						new Row(ChunkProcessor.this.round, traceIdHigh, traceIdLow, spanId, parentSpanId, spanName));
				ChunkProcessor.this.spans.parent(spanId, parentSpanId, root, job);
			}

			@Override
			public void scope(long spanStart, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId,
					@Nullable String spanName, boolean root, boolean job, long end, long threadId) {
				scope(spanStart, traceIdHigh, traceIdLow, spanId, parentSpanId, spanName, root, job);
				ChunkProcessor.this.logged.scope(spanStart, end, threadId);
				DroppedSpanEvents dropped = ChunkProcessor.this.dropped;
				if (dropped != null) {
					dropped.scope(spanStart, end, threadId);
				}
			}

		});
	}

	private void drainRequests(long now) {
		this.requests.drain(new RequestSource.Sink() {

			@Override
			public void request(String endpoint, String kind, long spanStart, long startEpochMillis, long durationNanos,
					int status, long traceIdHigh, long traceIdLow, long spanId) {
				drainedRequest(now, endpoint, kind, spanStart, startEpochMillis, durationNanos, status, traceIdHigh,
						traceIdLow, spanId);
			}

			@Override
			public void request(String endpoint, String kind, long spanStart, long startEpochMillis, long durationNanos,
					int status, long traceIdHigh, long traceIdLow, long spanId, long threadId) {
				request(endpoint, kind, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow,
						spanId);
				ChunkProcessor.this.logged.request(spanStart, durationNanos, threadId, endpoint);
				DroppedSpanEvents dropped = ChunkProcessor.this.dropped;
				if (dropped != null) {
					dropped.request(spanStart, durationNanos, threadId, endpoint);
				}
			}

		});
	}

	private void drainedRequest(long now, String endpoint, String kind, long spanStart, long startEpochMillis,
			long durationNanos, int status, long traceIdHigh, long traceIdLow, long spanId) {
		ProfileStore store = this.store;
		this.spans.endpoint(spanId, endpoint);
		this.spans.traceEndpoint(traceIdHigh, traceIdLow, endpoint);
		if (spanStart != 0) {
			this.requestRows.put(spanStart, new Row(this.round, traceIdHigh, traceIdLow, spanId, 0, null));
		}
		long endMillis = startEpochMillis + durationNanos / 1_000_000;
		store.recentRequests().add(endMillis, durationNanos, spanId, endpoint);
		Window window = store.windowAt(endMillis, now);
		if (window == null) {
			return;
		}
		boolean error = status >= 500;
		window.countRequest(error);
		store.counters().requestsRecorded++;
		EndpointWindow target = window.endpointForUpdate(endpoint);
		target.kind(kind);
		SlowRequest kept = target.recordRequest(new SlowRequest(endpoint, traceIdHigh, traceIdLow, spanId, spanStart,
				startEpochMillis, durationNanos, status), error);
		if (kept != null) {
			keep(kept, now);
		}
	}

	/**
	 * Keeps a slow request's samples from now on, and takes those already read from the
	 * recent samples of its trace.
	 */
	private void keep(SlowRequest request, long now) {
		TraceKey trace = new TraceKey(request.traceIdHigh(), request.traceIdLow());
		Kept kept = this.keptTraces.computeIfAbsent(trace, (key) -> new Kept());
		kept.round = this.round;
		kept.requests.add(request);
		int maxNodes = this.store.limits().maxNodesPerTree();
		// the request's samples were all taken after it started: read only the rows since
		this.store.traces()
			.forTrace(trace.high(), trace.low(), request.startEpochMillis() - CLOCK_SLACK_MILLIS, now,
					(timeMillis, spanId, parent, spanName, thread, endpoint, type, stack, weight) -> request.add(type,
							stack, weight, maxNodes));
	}

	private void expire() {
		long oldest = this.round - ROUNDS_KEPT;
		this.scopeRows.values().removeIf((row) -> row.round < oldest);
		this.requestRows.values().removeIf((row) -> row.round < oldest);
		this.keptTraces.values().removeIf((kept) -> kept.round < oldest);
	}

	private int deepestApplicationFrame(int[] stack) {
		Frames frames = this.store.frames();
		for (int i = stack.length - 1; i >= 0; i--) {
			if (frames.kind(stack[i]) == FrameKind.APPLICATION) {
				return stack[i];
			}
		}
		return -1;
	}

	/** {@link #frameSeenBy}, long enough for every frame interned so far. */
	private int[] frameSeenBy() {
		int frames = this.store.frames().size();
		if (this.frameSeenBy.length < frames) {
			this.frameSeenBy = Arrays.copyOf(this.frameSeenBy, Math.max(frames, this.frameSeenBy.length * 2));
		}
		return this.frameSeenBy;
	}

	/** A new request's stamp for {@link #frameSeenBy}. */
	private int nextRequestStamp() {
		if (this.requestStamp == Integer.MAX_VALUE) {
			Arrays.fill(this.frameSeenBy, 0);
			this.requestStamp = 0;
		}
		return ++this.requestStamp;
	}

	/**
	 * The samples of one round, placed one by one.
	 */
	private final class Round {

		private final long now;

		private final Map<SpanInterval, RequestFrames> framesOfRequests = new HashMap<>();

		Round(long now) {
			this.now = now;
		}

		/**
		 * Places a sample.
		 * @param request the request interval around it, when this processor logged it
		 * @param requestRow that request's row
		 * @param scope the row of the scope interval around it
		 */
		void place(Sample sample, @Nullable SpanInterval request, @Nullable Row requestRow, @Nullable Row scope,
				String thread, long since) {
			Row ids = (scope != null) ? scope : requestRow;
			String endpoint = (request != null) ? request.endpoint() : (scope != null) ? ChunkProcessor.this.spans
				.endpointOf(scope.spanId, scope.traceIdHigh, scope.traceIdLow, MAX_ANCESTRY) : null;
			if (endpoint == null && scope != null && since > ChunkProcessor.this.round - ROUNDS_KEPT
					&& ChunkProcessor.this.waiting.size() < ChunkProcessor.this.store.limits().maxPendingSamples()) {
				ChunkProcessor.this.waiting.add(new Waiting(sample, scope, thread, since));
				return;
			}
			if (endpoint == null || endpoint.isEmpty()) {
				background(sample, thread);
			}
			else {
				add(sample, endpoint, sample.stack(), sample.lines());
			}
			if (request != null) {
				RequestFrames frames = this.framesOfRequests.get(request);
				if (frames == null) {
					frames = new RequestFrames(nextRequestStamp());
					this.framesOfRequests.put(request, frames);
				}
				frames.add(sample.stack(), frameSeenBy());
			}
			if (ids != null) {
				// a request thread's own samples belong to the server span, which is its
				// own local root
				long root = (scope == null) ? ids.spanId : ChunkProcessor.this.spans.rootOf(ids.spanId, MAX_ANCESTRY);
				labeled(sample, ids, root, thread, endpoint);
			}
		}

		void background(Sample sample, String thread) {
			int group = ChunkProcessor.this.store.frames().intern(ThreadGroups.frame(thread), FrameKind.THREAD);
			int[] stack = new int[sample.stack().length + 1];
			stack[0] = group;
			System.arraycopy(sample.stack(), 0, stack, 1, sample.stack().length);
			int[] lines = sample.lines();
			if (lines.length == sample.stack().length) {
				// the thread pool's frame has no line
				lines = new int[stack.length];
				System.arraycopy(sample.lines(), 0, lines, 1, sample.stack().length);
			}
			add(sample, Window.BACKGROUND, stack, lines);
		}

		void countProfiledRequests() {
			this.framesOfRequests.forEach((request, frames) -> {
				Window window = ChunkProcessor.this.store.windowAt(request.endNanos() / 1_000_000, this.now);
				if (window != null) {
					int distinct = frames.distinct(frameSeenBy(), nextRequestStamp());
					window.endpointForUpdate(request.endpoint()).addProfiledRequest(frames.frames, distinct);
				}
			});
		}

		private void add(Sample sample, String endpoint, int[] stack, int[] lines) {
			ProfileStore store = ChunkProcessor.this.store;
			Window window = store.windowAt(sample.timeNanos() / 1_000_000, this.now);
			if (window == null) {
				store.counters().samplesDropped++;
				store.counters().droppedByType[sample.type().ordinal()]++;
				return;
			}
			EndpointWindow target = Window.BACKGROUND.equals(endpoint) ? window.background()
					: window.endpointForUpdate(endpoint);
			target.addSample(sample.type(), stack, lines, sample.weight(), deepestApplicationFrame(stack));
			if (sample.type() == ProfileType.CPU && target != window.background()) {
				Map<String, long[]> cpu = store.counters().cpuByEndpoint;
				long[] samples = cpu.get(endpoint);
				if (samples == null && cpu.size() < ProfileStore.Counters.MAX_COUNTED_ENDPOINTS) {
					samples = new long[1];
					cpu.put(endpoint, samples);
				}
				if (samples != null) {
					samples[0] += sample.weight();
				}
			}
		}

		private void labeled(Sample sample, Row ids, long rootSpanId, String thread, @Nullable String endpoint) {
			ProfileStore store = ChunkProcessor.this.store;
			store.traces()
				.add(sample.timeNanos() / 1_000_000, ids.traceIdHigh, ids.traceIdLow, ids.spanId, ids.parentSpanId,
						rootSpanId, ids.spanName, thread, endpoint, sample.type(), sample.stack(), sample.weight());
			Kept kept = ChunkProcessor.this.keptTraces.get(new TraceKey(ids.traceIdHigh, ids.traceIdLow));
			if (kept != null) {
				for (SlowRequest request : kept.requests) {
					request.add(sample.type(), sample.stack(), sample.weight(), store.limits().maxNodesPerTree());
					if (request.spanId() == ids.spanId || request.thread() == null) {
						request.thread(thread);
					}
				}
			}
		}

	}

	/**
	 * The distinct frames of one request's samples in a round, for how many requests each
	 * function was seen in.
	 */
	private static final class RequestFrames {

		private final int stamp;

		private int[] frames = new int[64];

		private int size;

		RequestFrames(int stamp) {
			this.stamp = stamp;
		}

		/**
		 * Takes a sample's frames that this request has not taken since another's samples
		 * came between (another request's samples then stamp them:
		 * {@link #distinct(int[], int)} drops what was taken twice).
		 */
		void add(int[] stack, int[] seenBy) {
			for (int frame : stack) {
				if (seenBy[frame] != this.stamp) {
					seenBy[frame] = this.stamp;
					if (this.size == this.frames.length) {
						this.frames = Arrays.copyOf(this.frames, this.size * 2);
					}
					this.frames[this.size++] = frame;
				}
			}
		}

		/**
		 * Keeps each frame once at the front of the array, in the order taken.
		 * @param seenBy the frames' stamps
		 * @param stamp a stamp no frame holds yet
		 * @return how many there are
		 */
		int distinct(int[] seenBy, int stamp) {
			int distinct = 0;
			for (int i = 0; i < this.size; i++) {
				int frame = this.frames[i];
				if (seenBy[frame] != stamp) {
					seenBy[frame] = stamp;
					this.frames[distinct++] = frame;
				}
			}
			this.size = distinct;
			return distinct;
		}

	}

	/** A logged interval's ids, kept a few rounds for its span event. */
	private record Row(long round, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId,
			@Nullable String spanName) {

	}

	private record TraceKey(long high, long low) {

	}

	/** A sample whose span's request has not ended yet. */
	private record Waiting(Sample sample, Row scope, String thread, long round) {

	}

	/** The slowest requests of one trace, taking samples for a few rounds. */
	private static final class Kept {

		private final List<SlowRequest> requests = new ArrayList<>(1);

		private long round;

	}

}

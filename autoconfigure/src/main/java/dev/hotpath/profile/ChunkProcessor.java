package dev.hotpath.profile;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import one.jfr.JfrReader;
import one.jfr.event.AllocationSample;
import one.jfr.event.ContendedLock;
import one.jfr.event.Event;
import one.jfr.event.ExecutionSample;
import one.jfr.event.SpanEvent;
import org.jspecify.annotations.Nullable;

/**
 * Reads each closed chunk into the {@link ProfileStore}: decodes its samples and spans
 * with async-profiler's {@link JfrReader}, joins samples to spans, adds them to the
 * windows of their endpoints, then drains the request log into the request statistics and
 * keeps the slowest requests with their own samples. Runs on the sampler's thread, one
 * chunk at a time.
 */
public final class ChunkProcessor {

	private static final System.Logger logger = System.getLogger(ChunkProcessor.class.getName());

	private static final int CPU_STATE = 0;

	private final ProfileStore store;

	private final FrameClassifier classifier;

	private final RequestSource requests;

	private final LongSupplier clock;

	private final SpanJoin join;

	/** Spans of the last chunk not yet matched to a logged request, by span start. */
	private Map<Long, SpanSamples> unmatchedSpans = new HashMap<>();

	/** Spans of the chunk before, given one more drain to find their request. */
	private Map<Long, SpanSamples> olderUnmatchedSpans = new HashMap<>();

	/** Slow requests logged before their span was read, by span start. */
	private Map<Long, SlowRequest> awaitingSpans = new HashMap<>();

	/**
	 * Creates a processor.
	 * @param store where the profile goes
	 * @param classifier tells application frames from others
	 * @param requests the completed requests
	 * @param clock the current time in epoch milliseconds
	 */
	public ChunkProcessor(ProfileStore store, FrameClassifier classifier, RequestSource requests, LongSupplier clock) {
		this.store = store;
		this.classifier = classifier;
		this.requests = requests;
		this.clock = clock;
		this.join = new SpanJoin(store.limits().maxPendingSamples());
	}

	/**
	 * Reads a closed chunk and the requests completed since the last one.
	 * @param file the chunk's JFR file, or {@code null} when the sampler is not running
	 */
	public void process(@Nullable Path file) {
		this.store.write((store) -> {
			if (file != null) {
				try {
					ingest(read(file));
				}
				catch (IOException | RuntimeException ex) {
					logger.log(Level.WARNING, "Hotpath could not read the recording chunk " + file, ex);
				}
			}
			drainRequests();
			store.evict(this.clock.getAsLong());
			return null;
		});
	}

	private ChunkData read(Path file) throws IOException {
		ChunkData chunk = new ChunkData();
		try (JfrReader reader = new JfrReader(file.toString())) {
			StackDecoder decoder = new StackDecoder(reader, this.store.frames(), this.classifier);
			for (Event event; (event = reader.readEvent()) != null;) {
				if (event instanceof ExecutionSample sample) {
					boolean cpu = sample.threadState == CPU_STATE
							|| sample.threadState == ExecutionSample.CPU_TIME_SAMPLE;
					chunk.samples.add(new Sample(reader.eventTimeToNanos(sample.time), sample.tid,
							decoder.stack(sample.stackTraceId), cpu ? ProfileType.CPU : ProfileType.WALL,
							sample.samples));
				}
				else if (event instanceof AllocationSample allocation) {
					// value() is the bytes the sample stands for, the TLAB
					// or the sampling interval, not only the one object
					chunk.samples.add(new Sample(reader.eventTimeToNanos(allocation.time), allocation.tid,
							decoder.stack(allocation.stackTraceId), ProfileType.ALLOC, allocation.value()));
				}
				else if (event instanceof ContendedLock lock) {
					chunk.samples
						.add(new Sample(reader.eventTimeToNanos(lock.time), lock.tid, decoder.stack(lock.stackTraceId),
								ProfileType.LOCK, (long) (lock.duration * reader.nanosPerTick)));
				}
				else if (event instanceof SpanEvent span && span.tag != null) {
					chunk.spans.add(new SpanInterval(span.time, reader.eventTimeToNanos(span.time),
							reader.eventTimeToNanos(span.time + span.duration), span.tid, span.tag));
				}
			}
			// async-profiler samples a wait each time the total waiting passes
			// another lock interval, so a shorter wait stands for a whole interval
			String lockSetting = reader.settings.getOrDefault("lock", "");
			long lockInterval = lockSetting.matches("\\d{1,18}") ? Long.parseLong(lockSetting) : 0;
			chunk.samples.replaceAll((sample) -> (sample.type() == ProfileType.LOCK && sample.weight() < lockInterval)
					? new Sample(sample.timeNanos(), sample.tid(), sample.stack(), ProfileType.LOCK, lockInterval)
					: sample);
			reader.threads.forEach((tid, name) -> chunk.threadNames.put((int) tid, name));
			chunk.endNanos = reader.chunkEndNanos;
		}
		return chunk;
	}

	/**
	 * Adds a decoded chunk's samples to the store. Package-private so that the join can
	 * be tested with hand-made chunks.
	 */
	void ingest(ChunkData chunk) {
		ProfileStore store = this.store;
		long now = this.clock.getAsLong();
		Map<SpanInterval, SpanSamples> spanSamples = new HashMap<>();
		this.join.join(chunk, new SpanJoin.Attribution() {

			@Override
			public void inSpan(Sample sample, SpanInterval span) {
				spanSamples.computeIfAbsent(span, (key) -> new SpanSamples(span, chunk.threadName(span.tid())))
					.add(sample);
				addToWindow(sample, span.endpoint(), sample.stack(), now);
			}

			@Override
			public void background(Sample sample) {
				int thread = store.frames().intern("[thread] " + chunk.threadName(sample.tid()), FrameKind.THREAD);
				int[] stack = new int[sample.stack().length + 1];
				stack[0] = thread;
				System.arraycopy(sample.stack(), 0, stack, 1, sample.stack().length);
				addToWindow(sample, Window.BACKGROUND, stack, now);
			}

		});
		Map<Long, SpanSamples> unmatched = new HashMap<>();
		for (SpanSamples samples : spanSamples.values()) {
			Window window = store.windowAt(samples.span.endNanos() / 1_000_000, now);
			if (window != null) {
				window.endpointForUpdate(samples.span.endpoint()).addProfiledRequest(samples.distinctFrames());
			}
			SlowRequest waiting = this.awaitingSpans.remove(samples.span.spanStart());
			if (waiting != null && waiting.endpoint().equals(samples.span.endpoint())) {
				samples.attachTo(waiting, store.limits().maxNodesPerTree());
			}
			else {
				unmatched.put(samples.span.spanStart(), samples);
			}
		}
		this.olderUnmatchedSpans = this.unmatchedSpans;
		this.unmatchedSpans = unmatched;
		this.awaitingSpans = new HashMap<>();
		store.counters().samplesRead += chunk.samples.size();
	}

	private void addToWindow(Sample sample, String endpoint, int[] stack, long now) {
		Window window = this.store.windowAt(sample.timeNanos() / 1_000_000, now);
		if (window == null) {
			this.store.counters().samplesDropped++;
			return;
		}
		EndpointWindow target = Window.BACKGROUND.equals(endpoint) ? window.background()
				: window.endpointForUpdate(endpoint);
		target.addSample(sample.type(), stack, sample.weight(), deepestApplicationFrame(stack));
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

	private void drainRequests() {
		ProfileStore store = this.store;
		long now = this.clock.getAsLong();
		int maxNodes = store.limits().maxNodesPerTree();
		Map<Long, SlowRequest> awaiting = new HashMap<>();
		this.requests
			.drain((endpoint, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow, spanId) -> {
				Window window = store.windowAt(startEpochMillis + durationNanos / 1_000_000, now);
				if (window == null) {
					return;
				}
				boolean error = status >= 500;
				window.countRequest(error);
				SlowRequest kept = window.endpointForUpdate(endpoint)
					.recordRequest(new SlowRequest(endpoint, traceIdHigh, traceIdLow, spanId, spanStart,
							startEpochMillis, durationNanos, status), error);
				if (kept != null && spanStart != 0) {
					SpanSamples samples = this.unmatchedSpans.remove(spanStart);
					if (samples == null) {
						samples = this.olderUnmatchedSpans.remove(spanStart);
					}
					if (samples != null && samples.span.endpoint().equals(endpoint)) {
						samples.attachTo(kept, maxNodes);
					}
					else {
						awaiting.put(spanStart, kept);
					}
				}
			});
		this.awaitingSpans = awaiting;
		store.counters().requestsDropped = this.requests.dropped();
		store.counters().endpointsOverflowed = this.requests.endpointsOverflowed();
	}

	/**
	 * The samples that fell inside one span, kept until the span's request is logged.
	 */
	private static final class SpanSamples {

		private final SpanInterval span;

		private final String thread;

		private final List<Sample> samples = new ArrayList<>();

		SpanSamples(SpanInterval span, String thread) {
			this.span = span;
			this.thread = thread;
		}

		void add(Sample sample) {
			this.samples.add(sample);
		}

		int[] distinctFrames() {
			Set<Integer> frames = new LinkedHashSet<>();
			for (Sample sample : this.samples) {
				for (int frame : sample.stack()) {
					frames.add(frame);
				}
			}
			return frames.stream().mapToInt(Integer::intValue).toArray();
		}

		void attachTo(SlowRequest request, int maxNodes) {
			CallTree[] trees = new CallTree[ProfileType.values().length];
			for (ProfileType type : ProfileType.values()) {
				trees[type.ordinal()] = new CallTree(maxNodes);
			}
			for (Sample sample : this.samples) {
				trees[sample.type().ordinal()].add(sample.stack(), sample.weight());
			}
			request.attach(this.thread, trees);
		}

	}

}

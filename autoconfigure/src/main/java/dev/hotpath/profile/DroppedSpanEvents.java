package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds, from the tagging logs, the span intervals whose span event is missing from
 * the recording. async-profiler writes an event only when it gets one of its locks at
 * once, and its {@code dump} holds all of them while it writes the chunk: a request or
 * scope that ends during a rotation loses its span event, and with it every sample it had
 * in the chunk would go to the background. Each log row has the interval's start, the
 * same recording timestamp as its span event, its end (a scope's recording timestamp, a
 * request's duration) and its Java thread id.
 * <p>
 * An interval of a millisecond or more is always written (shorter ones only when a sample
 * fell inside), so such a row without a span event of its start in the chunk was dropped,
 * or ended after the chunk closed and before the logs were drained, when its event is in
 * the next chunk: in both cases its samples in this chunk belong to it, and the next
 * chunk's event places the rest. The Java thread id names the recording's thread through
 * the chunk's thread table; a virtual thread's does not (the recording names its
 * carrier), so its interval goes to the one carrier whose samples after its last interval
 * fall inside it, if exactly one does. The carriers are the threads that the chunk's
 * recorded span events of virtual threads name: any other thread that works meanwhile
 * (the thread asking for the rotation, a compiler thread) has no interval of its own and
 * would make every interval ambiguous, or take it. An interval begun between two
 * sessions, which has a logged start and never a span event, is added the same way
 * through the thread table.
 */
final class DroppedSpanEvents {

	private static final long ALWAYS_WRITTEN_NANOS = 1_000_000;

	/**
	 * The most intervals rebuilt per chunk, which also bounds the search for virtual
	 * threads' carriers; a few a chunk were measured.
	 */
	private static final int MAX_PER_CHUNK = 256;

	private final ChunkData chunk;

	/** The starts of the chunk's span events, sorted. */
	private final long[] recordedStarts;

	/** The thread of each span event in {@link #recordedStarts}' order. */
	private final int[] recordedThreads;

	/**
	 * The threads that span events of virtual threads name: those that carried virtual
	 * threads in the chunk.
	 */
	private final Set<Integer> carriers = new HashSet<>();

	private final List<SpanInterval> rebuilt = new ArrayList<>();

	private final List<long[]> unplaced = new ArrayList<>();

	private final List<String> unplacedTags = new ArrayList<>();

	DroppedSpanEvents(ChunkData chunk) {
		this.chunk = chunk;
		List<SpanInterval> recorded = new ArrayList<>(chunk.spans);
		recorded.sort(Comparator.comparingLong(SpanInterval::spanStart));
		this.recordedStarts = new long[recorded.size()];
		this.recordedThreads = new int[recorded.size()];
		for (int i = 0; i < this.recordedStarts.length; i++) {
			this.recordedStarts[i] = recorded.get(i).spanStart();
			this.recordedThreads[i] = recorded.get(i).tid();
		}
	}

	/**
	 * A request drained from the log.
	 * @param spanStart its start as the tagging code took it
	 * @param durationNanos how long it took
	 * @param threadId the Java thread id that served it
	 * @param endpoint its endpoint, the tag of its span event
	 */
	void request(long spanStart, long durationNanos, long threadId, String endpoint) {
		if (recorded(spanStart, threadId)) {
			return;
		}
		if (durationNanos >= ALWAYS_WRITTEN_NANOS && recordedStart(spanStart)) {
			long start = this.chunk.nanos(spanStart);
			missing(spanStart, start, start + durationNanos, threadId, endpoint);
		}
	}

	/**
	 * A scope drained from the log.
	 * @param spanStart its start as the tagging code took it
	 * @param end its end, a recording timestamp
	 * @param threadId the Java thread id that worked in it
	 */
	void scope(long spanStart, long end, long threadId) {
		if (recorded(spanStart, threadId)) {
			return;
		}
		if (recordedStart(spanStart) && end > spanStart) {
			long start = this.chunk.nanos(spanStart);
			long endNanos = this.chunk.nanos(end);
			if (endNanos - start >= ALWAYS_WRITTEN_NANOS) {
				missing(spanStart, start, endNanos, threadId, SpanInterval.SCOPE_TAG);
			}
		}
	}

	/**
	 * Intervals begun while no async-profiler session recorded (between a session's stop
	 * and the next start): they have a logged start and no span event at all, and name
	 * their thread by its Java thread id. Those of a thread the chunk names are added.
	 * @param logged the intervals built from this round's log rows with a logged start
	 */
	void logged(List<SpanInterval> logged) {
		for (SpanInterval interval : logged) {
			Integer tid = this.chunk.tidOfJavaThread.get((long) interval.tid());
			if (tid != null) {
				this.rebuilt.add(new SpanInterval(interval.spanStart(), interval.startNanos(), interval.endNanos(), tid,
						interval.endpoint()));
			}
		}
	}

	/**
	 * Adds the rebuilt intervals to the chunk's.
	 * @return how many were added
	 */
	int addToChunk() {
		if (!this.unplaced.isEmpty()) {
			placeByTrailingSamples();
		}
		this.chunk.spans.addAll(this.rebuilt);
		return this.rebuilt.size();
	}

	private boolean recordedStart(long spanStart) {
		// a logged start (the sign bit set) has no span event; 0 is no interval
		return spanStart > 0 && this.chunk.nanosPerTick > 0;
	}

	/**
	 * Whether the chunk recorded the interval's span event, which then needs no
	 * rebuilding; the event's thread is noted as a carrier when it was recorded for a
	 * virtual thread (a Java thread id the chunk does not name).
	 */
	private boolean recorded(long spanStart, long threadId) {
		if (!recordedStart(spanStart)) {
			return false;
		}
		int index = Arrays.binarySearch(this.recordedStarts, spanStart);
		if (index < 0) {
			return false;
		}
		if (threadId != 0 && !this.chunk.tidOfJavaThread.containsKey(threadId)) {
			this.carriers.add(this.recordedThreads[index]);
		}
		return true;
	}

	private void missing(long spanStart, long startNanos, long endNanos, long threadId, String tag) {
		if (threadId == 0 || startNanos > this.chunk.endNanos
				|| this.rebuilt.size() + this.unplaced.size() >= MAX_PER_CHUNK) {
			return;
		}
		Integer tid = this.chunk.tidOfJavaThread.get(threadId);
		if (tid != null) {
			this.rebuilt.add(new SpanInterval(spanStart, startNanos, endNanos, tid, tag));
		}
		else {
			this.unplaced.add(new long[] { spanStart, startNanos, endNanos });
			this.unplacedTags.add(tag);
		}
	}

	/**
	 * Gives each interval whose thread the recording does not name to the one carrier
	 * with samples inside it after that carrier's last recorded interval.
	 */
	private void placeByTrailingSamples() {
		Map<Integer, Long> lastEnd = new HashMap<>();
		for (SpanInterval span : this.chunk.spans) {
			lastEnd.merge(span.tid(), span.endNanos(), Math::max);
		}
		for (int i = 0; i < this.unplaced.size(); i++) {
			long[] interval = this.unplaced.get(i);
			int thread = 0;
			int threads = 0;
			for (Sample sample : this.chunk.samples) {
				long time = sample.timeNanos();
				if (time >= interval[1] && time <= interval[2]
						&& time > lastEnd.getOrDefault(sample.tid(), Long.MIN_VALUE)
						&& (threads == 0 || sample.tid() != thread) && this.carriers.contains(sample.tid())) {
					thread = sample.tid();
					if (++threads > 1) {
						break;
					}
				}
			}
			if (threads == 1) {
				this.rebuilt
					.add(new SpanInterval(interval[0], interval[1], interval[2], thread, this.unplacedTags.get(i)));
			}
		}
	}

}

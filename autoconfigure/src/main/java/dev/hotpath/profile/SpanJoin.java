package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Joins samples to the span intervals of their thread: a sample belongs to the innermost
 * request interval and the innermost scope interval that enclose it. A span is written
 * when its request ends, so samples of a request still running when a chunk closes have
 * no interval yet; they are held, thread by thread, and joined with the next chunk's
 * intervals. Whether a sample after a thread's last interval belongs to a request is
 * known only then, so such samples are held once on any thread that worked for a request
 * in the chunk: the next chunk's intervals place them, and what they leave out is
 * background. A thread is held again, or held without an interval in the chunk, only
 * while it still had a wall-clock sample after its last interval ended, because only
 * threads working for a request get wall-clock samples; that covers a request longer than
 * a chunk. Everything else is background at once.
 */
final class SpanJoin {

	private final Map<Integer, List<Sample>> pending = new HashMap<>();

	private final int maxPending;

	private int pendingCount;

	SpanJoin(int maxPending) {
		this.maxPending = maxPending;
	}

	void join(ChunkData chunk, Attribution attribution) {
		Map<Integer, List<Sample>> held = new HashMap<>(this.pending);
		this.pending.clear();
		this.pendingCount = 0;
		Map<Integer, List<Sample>> fresh = new HashMap<>();
		for (Sample sample : chunk.samples) {
			fresh.computeIfAbsent(sample.tid(), (key) -> new ArrayList<>()).add(sample);
		}
		Map<Integer, List<SpanInterval>> spansByThread = new HashMap<>();
		for (SpanInterval span : chunk.spans) {
			spansByThread.computeIfAbsent(span.tid(), (key) -> new ArrayList<>()).add(span);
		}
		Set<Integer> threads = new HashSet<>(held.keySet());
		threads.addAll(fresh.keySet());
		for (int tid : threads) {
			joinThread(tid, held.getOrDefault(tid, List.of()), fresh.getOrDefault(tid, List.of()),
					spansByThread.getOrDefault(tid, List.of()), attribution);
		}
	}

	private void joinThread(int tid, List<Sample> held, List<Sample> fresh, List<SpanInterval> spans,
			Attribution attribution) {
		ThreadSpans threadSpans = new ThreadSpans(spans);
		// only this chunk's wall-clock samples tell whether the thread is inside a
		// request now
		boolean stillInRequest = false;
		for (Sample sample : fresh) {
			if (sample.type() == ProfileType.WALL && sample.timeNanos() > threadSpans.lastEnd) {
				stillInRequest = true;
			}
		}
		// a request or job still running when the chunk closed has no interval yet, and
		// its last few samples may fall between two wall-clock samples
		boolean worked = !spans.isEmpty();
		place(tid, held, threadSpans, stillInRequest, attribution);
		place(tid, fresh, threadSpans, stillInRequest || worked, attribution);
	}

	private void place(int tid, List<Sample> samples, ThreadSpans threadSpans, boolean hold, Attribution attribution) {
		for (Sample sample : samples) {
			SpanInterval request = threadSpans.innermost(sample.timeNanos(), false);
			SpanInterval scope = threadSpans.innermost(sample.timeNanos(), true);
			if (request != null || scope != null) {
				attribution.inSpan(sample, request, scope);
			}
			else if (hold && sample.timeNanos() > threadSpans.lastEnd && this.pendingCount < this.maxPending) {
				this.pending.computeIfAbsent(tid, (key) -> new ArrayList<>()).add(sample);
				this.pendingCount++;
			}
			else {
				attribution.background(sample);
			}
		}
	}

	/**
	 * Receives each sample's place.
	 */
	interface Attribution {

		/**
		 * A sample inside intervals of its thread.
		 * @param sample the sample
		 * @param request the innermost request interval around it, or {@code null}
		 * @param scope the innermost scope interval around it, or {@code null}
		 */
		void inSpan(Sample sample, @Nullable SpanInterval request, @Nullable SpanInterval scope);

		void background(Sample sample);

	}

	/**
	 * One thread's intervals sorted by start, with the running maximum of their ends, so
	 * the innermost enclosing interval is found by a binary search and a short walk back.
	 */
	private static final class ThreadSpans {

		private final List<SpanInterval> spans;

		private final long[] maxEnd;

		private final long lastEnd;

		ThreadSpans(List<SpanInterval> spans) {
			this.spans = new ArrayList<>(spans);
			this.spans.sort(Comparator.comparingLong(SpanInterval::startNanos));
			this.maxEnd = new long[this.spans.size()];
			long max = Long.MIN_VALUE;
			for (int i = 0; i < this.spans.size(); i++) {
				max = Math.max(max, this.spans.get(i).endNanos());
				this.maxEnd[i] = max;
			}
			this.lastEnd = max;
		}

		@Nullable SpanInterval innermost(long timeNanos, boolean scope) {
			int low = 0;
			int high = this.spans.size() - 1;
			int last = -1;
			while (low <= high) {
				int middle = (low + high) >>> 1;
				if (this.spans.get(middle).startNanos() <= timeNanos) {
					last = middle;
					low = middle + 1;
				}
				else {
					high = middle - 1;
				}
			}
			// the latest-starting interval that still encloses the time is the innermost
			for (int i = last; i >= 0 && this.maxEnd[i] >= timeNanos; i--) {
				if (this.spans.get(i).scope() == scope && this.spans.get(i).encloses(timeNanos)) {
					return this.spans.get(i);
				}
			}
			return null;
		}

	}

}

package dev.hotpath.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The retained profile: windows of per-endpoint data, oldest first, and the frame
 * dictionary they share. One writer (the chunk processor) and many readers (queries) take
 * turns through a read-write lock. Memory is bounded: windows older than the retention
 * go, and while the call trees and line tables together hold more than
 * {@code maxTreeNodes} nodes and rows the oldest windows are merged into coarser ones,
 * and dropped only when they can be merged no further. Beside the windows it holds the
 * profiles of earlier versions of the application, read from disk at start
 * ({@link #addVersions}), whose bounds are their reader's.
 */
public final class ProfileStore {

	/** Windows that late samples may still reach: those of the last chunks. */
	private static final int COMPACT_AFTER_WINDOWS = 3;

	private final ProfileLimits limits;

	private final Frames frames;

	private final ArrayDeque<Window> windows = new ArrayDeque<>();

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final Counters counters = new Counters();

	private final WindowMerger merger;

	private final TraceSamples traces;

	private final RecentRequests requests;

	/** Earlier versions' profiles, newest first; replaced whole, never changed. */
	private List<VersionProfile> versions = List.of();

	/**
	 * Creates an empty store.
	 * @param limits its bounds
	 */
	public ProfileStore(ProfileLimits limits) {
		this.limits = limits;
		this.frames = new Frames(limits.maxFrames());
		this.merger = new WindowMerger(limits.coarserWindows());
		this.traces = new TraceSamples(limits.maxTraceSamples(), limits.traceRetention().toMillis(),
				limits.maxTraceStackNodes());
		this.requests = new RecentRequests(Math.max(limits.maxTraceSamples() / 4, 1024),
				limits.traceRetention().toMillis());
	}

	public ProfileLimits limits() {
		return this.limits;
	}

	/**
	 * Runs a query under the read lock.
	 * @param <T> the answer's type
	 * @param query reads the store's view
	 * @return the query's answer
	 */
	public <T> T read(Function<View, T> query) {
		this.lock.readLock().lock();
		try {
			return query.apply(new View());
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	<T> T write(Function<ProfileStore, T> update) {
		this.lock.writeLock().lock();
		try {
			return update.apply(this);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/**
	 * Interns frames from outside the chunk processor, under the write lock: for profiles
	 * read from disk, whose frames must get this store's ids.
	 * @param <T> the answer's type
	 * @param update interns frames and builds what uses their ids
	 * @return the update's answer
	 */
	public <T> T withFrames(Function<Frames, T> update) {
		return write((store) -> update.apply(store.frames));
	}

	/**
	 * Adds the profiles of earlier versions, which {@link View#versions()} then lists
	 * newest first. A profile replaces one of the same version. Their frames must have
	 * been interned through {@link #withFrames}. They count against no bound of the
	 * store: whoever adds them bounds them.
	 * @param profiles the profiles
	 */
	public void addVersions(Collection<VersionProfile> profiles) {
		write((store) -> {
			Map<String, VersionProfile> byVersion = new LinkedHashMap<>();
			for (VersionProfile profile : store.versions) {
				byVersion.put(profile.version(), profile);
			}
			for (VersionProfile profile : profiles) {
				byVersion.put(profile.version(), profile);
			}
			List<VersionProfile> sorted = new ArrayList<>(byVersion.values());
			sorted.sort(Comparator.comparing(VersionProfile::to).reversed());
			store.versions = List.copyOf(sorted);
			return null;
		});
	}

	Frames frames() {
		return this.frames;
	}

	Counters counters() {
		return this.counters;
	}

	TraceSamples traces() {
		return this.traces;
	}

	RecentRequests recentRequests() {
		return this.requests;
	}

	/**
	 * The window that holds a moment, created if needed: a window of the configured size,
	 * or the coarser window an older one was merged into.
	 * @return the window, or {@code null} when the moment is older than the retention
	 */
	@Nullable Window windowAt(long epochMillis, long nowMillis) {
		long size = this.limits.window().toMillis();
		long start = Math.floorDiv(epochMillis, size) * size;
		if (start + size < nowMillis - this.limits.retention().toMillis()) {
			return null;
		}
		for (var iterator = this.windows.descendingIterator(); iterator.hasNext();) {
			Window window = iterator.next();
			if (window.startMillis() <= epochMillis && epochMillis < window.endMillis()) {
				return window;
			}
			if (window.endMillis() <= epochMillis) {
				break;
			}
		}
		Window created = new Window(start, start + size, this.limits.maxNodesPerTree(), this.limits.slowestPerWindow());
		List<Window> ordered = new ArrayList<>(this.windows);
		ordered.add(created);
		ordered.sort((a, b) -> Long.compare(a.startMillis(), b.startMillis()));
		this.windows.clear();
		this.windows.addAll(ordered);
		return created;
	}

	/**
	 * Drops windows past the retention; then, while trees and line tables hold too many
	 * nodes and rows, merges the oldest windows into coarser ones, and drops the oldest
	 * window only when none can merge. Each merge costs a pass over the windows it
	 * merges. Then compacts the windows closed long enough that no late sample reaches
	 * them, which takes two thirds of their memory away, and the slowest requests' trees
	 * of the others: those are small and take few samples after a chunk, so that packing
	 * them again after each chunk costs less than the slack of growing arrays.
	 */
	void evict(long nowMillis) {
		long oldest = nowMillis - this.limits.retention().toMillis();
		while (!this.windows.isEmpty() && this.windows.peekFirst().endMillis() < oldest) {
			this.windows.removeFirst();
		}
		this.traces.expire(nowMillis);
		mergeOrDrop(nowMillis);
		// samples that waited for their request still reach the last few windows
		long closed = nowMillis - COMPACT_AFTER_WINDOWS * this.limits.window().toMillis();
		for (Window window : this.windows) {
			if (window.endMillis() <= closed) {
				window.compact();
			}
			else {
				window.compactSlowest();
			}
		}
	}

	private void mergeOrDrop(long nowMillis) {
		long nodes = 0;
		for (Window window : this.windows) {
			nodes += window.nodes();
		}
		if (nodes <= this.limits.maxTreeNodes()) {
			return;
		}
		List<Window> ordered = new ArrayList<>(this.windows);
		while (ordered.size() > 1 && nodes > this.limits.maxTreeNodes()) {
			long saved = this.merger.mergeOldest(ordered, nowMillis);
			if (saved >= 0) {
				nodes -= saved;
				continue;
			}
			Window dropped = ordered.remove(0);
			nodes -= dropped.nodes();
			this.counters.windowsDropped++;
			for (EndpointWindow endpoint : dropped.endpoints()) {
				this.counters.tracesDropped += endpoint.slowest().size();
			}
		}
		this.windows.clear();
		this.windows.addAll(ordered);
	}

	/**
	 * A read-only view of the store, valid inside {@link #read}.
	 */
	public final class View {

		private View() {
		}

		public Frames frames() {
			return ProfileStore.this.frames;
		}

		public ProfileLimits limits() {
			return ProfileStore.this.limits;
		}

		/**
		 * The earlier versions whose profiles were kept across restarts, newest first.
		 * @return each version's summary; empty when none was kept
		 */
		public List<VersionSummary> versions() {
			List<VersionSummary> summaries = new ArrayList<>();
			for (VersionProfile profile : ProfileStore.this.versions) {
				summaries.add(profile.summary());
			}
			return summaries;
		}

		/**
		 * The profile of an earlier version.
		 * @param version the version, as {@link #versions()} lists it
		 * @return the profile, or {@code null} when none of that version is kept
		 */
		public @Nullable VersionProfile version(String version) {
			for (VersionProfile profile : ProfileStore.this.versions) {
				if (profile.version().equals(version)) {
					return profile;
				}
			}
			return null;
		}

		/** Every retained window, oldest first. */
		public List<Window> windows() {
			return Collections.unmodifiableList(new ArrayList<>(ProfileStore.this.windows));
		}

		/**
		 * The windows that overlap a time range, oldest first.
		 * @param fromMillis the range's start, inclusive
		 * @param toMillis the range's end, exclusive
		 * @return the windows
		 */
		public List<Window> windows(long fromMillis, long toMillis) {
			List<Window> selected = new ArrayList<>();
			for (Window window : ProfileStore.this.windows) {
				if (window.endMillis() > fromMillis && window.startMillis() < toMillis) {
					selected.add(window);
				}
			}
			return selected;
		}

		/** What was dropped to keep memory bounded. */
		public Dropped dropped() {
			Counters counters = ProfileStore.this.counters;
			long truncated = 0;
			long lines = 0;
			for (Window window : ProfileStore.this.windows) {
				for (ProfileType type : ProfileType.values()) {
					if (type.weighed()) {
						// bytes and nanoseconds do not add up with sample counts
						continue;
					}
					truncated += window.background().tree(type).truncated();
					lines += window.background().linesTruncated(type);
					for (EndpointWindow endpoint : window.endpoints()) {
						truncated += endpoint.tree(type).truncated();
						lines += endpoint.linesTruncated(type);
					}
				}
			}
			return new Dropped(counters.endpointsOverflowed, counters.requestsDropped, truncated,
					counters.tracesDropped, counters.samplesDropped, counters.windowsDropped,
					ProfileStore.this.frames.overflowed(), counters.scopesDropped, ProfileStore.this.traces.dropped(),
					lines);
		}

		/**
		 * Visits the recent samples of one trace, oldest first.
		 * @param traceIdHigh the trace id's high bits
		 * @param traceIdLow the trace id's low bits
		 * @param nowMillis the current time
		 * @param visitor receives each sample
		 * @return how many samples were visited
		 */
		public int traceSamples(long traceIdHigh, long traceIdLow, long nowMillis, TraceSampleVisitor visitor) {
			return ProfileStore.this.traces.forTrace(traceIdHigh, traceIdLow, nowMillis, visitor);
		}

		/**
		 * Visits the recent samples taken for spans in a time range, oldest first. Only
		 * samples since {@link #recentSamplesSince} are answered.
		 * @param fromMillis the range's start, inclusive
		 * @param toMillis the range's end, exclusive
		 * @param nowMillis the current time
		 * @param visitor receives each sample
		 * @return how many samples were visited
		 */
		public int recentSamples(long fromMillis, long toMillis, long nowMillis, RecentSampleVisitor visitor) {
			return ProfileStore.this.traces.forRange(fromMillis, toMillis, nowMillis, visitor);
		}

		/**
		 * Visits the recent samples of one trace, oldest first, with their spans' local
		 * roots.
		 * @param traceIdHigh the trace id's high bits
		 * @param traceIdLow the trace id's low bits
		 * @param nowMillis the current time
		 * @param visitor receives each sample
		 * @return how many samples were visited
		 */
		public int recentSamplesOfTrace(long traceIdHigh, long traceIdLow, long nowMillis,
				RecentSampleVisitor visitor) {
			return ProfileStore.this.traces.forTraceWithRoots(traceIdHigh, traceIdLow, nowMillis, visitor);
		}

		/**
		 * The oldest moment from which every sample taken for a span is still kept with
		 * its ids; the ring may have overwritten older rows before the trace retention
		 * ran out.
		 * @param nowMillis the current time
		 * @return the moment, in epoch milliseconds
		 */
		public long recentSamplesSince(long nowMillis) {
			return ProfileStore.this.traces.retainedSince(nowMillis);
		}

		/**
		 * Visits the recent completed requests that ended in a time range, oldest first.
		 * Only requests since {@link #recentRequestsSince} are answered.
		 * @param fromMillis the range's start, inclusive
		 * @param toMillis the range's end, exclusive
		 * @param nowMillis the current time
		 * @param visitor receives each request
		 */
		public void recentRequests(long fromMillis, long toMillis, long nowMillis, RecentRequestVisitor visitor) {
			ProfileStore.this.requests.forRange(fromMillis, toMillis, nowMillis, visitor);
		}

		/**
		 * The oldest moment from which every completed request is still kept with its
		 * latency; the ring may have overwritten older rows before the trace retention
		 * ran out.
		 * @param nowMillis the current time
		 * @return the moment, in epoch milliseconds
		 */
		public long recentRequestsSince(long nowMillis) {
			return ProfileStore.this.requests.retainedSince(nowMillis);
		}

		/**
		 * What was read and processed since the start, for meters.
		 * @return the counts
		 */
		public Counts counts() {
			Counters counters = ProfileStore.this.counters;
			Map<String, Long> cpu = new HashMap<>();
			counters.cpuByEndpoint.forEach((endpoint, samples) -> cpu.put(endpoint, samples[0]));
			return new Counts(counters.samplesByType.clone(), counters.droppedByType.clone(), counters.chunksProcessed,
					counters.chunkProcessingNanos, cpu, counters.intervalsRebuilt);
		}

		/** Samples read from the recording since the start. */
		public long samplesRead() {
			return ProfileStore.this.counters.samplesRead;
		}

		/**
		 * Requests and jobs recorded into a window since the start, those of earlier
		 * versions loaded from the history not counted.
		 */
		public long requestsRecorded() {
			return ProfileStore.this.counters.requestsRecorded;
		}

	}

	/**
	 * What was dropped to keep memory bounded, each counted since the start.
	 *
	 * @param endpoints requests that went to the {@code OTHER} endpoint because of the
	 * cap
	 * @param requests completed requests lost because the request log overflowed between
	 * reads
	 * @param stacks sample weight whose stacks were cut because a call tree was full
	 * @param traces slow requests dropped with windows dropped early
	 * @param samples samples that could not be stored (pending overflow, unreadable
	 * chunk)
	 * @param windows windows dropped before their retention ran out, to bound memory
	 * @param frames lookups that found the frame dictionary full
	 * @param scopes scope intervals lost because the scope log overflowed between reads
	 * @param traceSamples labeled samples given up early because their stack store filled
	 * @param lines samples that lost a source line because a line table was full
	 */
	public record Dropped(long endpoints, long requests, long stacks, long traces, long samples, long windows,
			long frames, long scopes, long traceSamples, long lines) {

	}

	/**
	 * What was read and processed since the start.
	 *
	 * @param samples samples read, by {@link ProfileType#ordinal()}
	 * @param dropped samples that could not be stored, by type
	 * @param chunks chunks of the recording processed
	 * @param processingNanos time spent processing them
	 * @param cpuSamplesByEndpoint CPU samples per endpoint (route template or job name),
	 * for at most 512 endpoints
	 * @param intervalsRebuilt span intervals rebuilt from the logs because the recording
	 * missed their span event
	 */
	public record Counts(long[] samples, long[] dropped, long chunks, long processingNanos,
			Map<String, Long> cpuSamplesByEndpoint, long intervalsRebuilt) {

		/** Samples read of one type. */
		public long samples(ProfileType type) {
			return this.samples[type.ordinal()];
		}

		/** Samples of one type that could not be stored. */
		public long dropped(ProfileType type) {
			return this.dropped[type.ordinal()];
		}

	}

	static final class Counters {

		/** Endpoints whose CPU time is counted at most; route templates are few. */
		static final int MAX_COUNTED_ENDPOINTS = 512;

		final long[] samplesByType = new long[ProfileType.values().length];

		final long[] droppedByType = new long[ProfileType.values().length];

		final Map<String, long[]> cpuByEndpoint = new HashMap<>();

		long chunksProcessed;

		long chunkProcessingNanos;

		long endpointsOverflowed;

		long requestsDropped;

		long samplesDropped;

		long samplesRead;

		long requestsRecorded;

		long windowsDropped;

		long tracesDropped;

		long scopesDropped;

		/**
		 * Span intervals rebuilt from the logs because the recording missed their event.
		 */
		long intervalsRebuilt;

	}

}

package dev.hotpath.profile;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * In how many profiled requests each function was seen, by frame id: an open-addressing
 * map while its window is open, two bit-packed columns sorted by frame once
 * {@linkplain #compact() compacted}, a framework-heavy endpoint's few hundred functions
 * then taking about 3 bytes each rather than 12 to 24.
 */
final class RequestsPerFrame {

	private static final PackedLongs NONE = PackedLongs.of(new int[0], 0, 0);

	private @Nullable LongIntMap counts = new LongIntMap(64);

	private PackedLongs frames = NONE;

	private PackedLongs requests = NONE;

	private int size;

	/**
	 * In how many requests a function was seen. Costs a probe of the map, or a binary
	 * search once compacted.
	 * @param frame the frame id
	 * @return the number of requests, 0 when none
	 */
	int get(int frame) {
		LongIntMap map = this.counts;
		if (map != null) {
			return Math.max(map.get(frame), 0);
		}
		int low = 0;
		int high = this.size - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			int found = this.frames.getInt(middle, 0);
			if (found < frame) {
				low = middle + 1;
			}
			else if (found > frame) {
				high = middle - 1;
			}
			else {
				return this.requests.getInt(middle, 0);
			}
		}
		return 0;
	}

	/**
	 * Adds requests to a function's count.
	 * @param frame the frame id
	 * @param requests how many
	 */
	void add(int frame, int requests) {
		LongIntMap map = writable();
		map.put(frame, Math.max(map.get(frame), 0) + requests);
	}

	/**
	 * Adds every count of another to this one, for windows merged together.
	 * @param other the counts to add
	 */
	void addAll(RequestsPerFrame other) {
		LongIntMap map = writable();
		other.forEach((frame, requests) -> map.put(frame, Math.max(map.get(frame), 0) + requests));
	}

	/**
	 * Packs the counts sorted by frame, for a window that has closed; the next count
	 * added unpacks them. Costs a sort of the counts.
	 */
	void compact() {
		LongIntMap map = this.counts;
		if (map == null) {
			return;
		}
		long[] entries = new long[map.size()];
		int[] next = { 0 };
		map.forEach((frame, requests) -> entries[next[0]++] = (frame << 32) | (requests & 0xFFFFFFFFL));
		Arrays.sort(entries);
		int[] sortedFrames = new int[entries.length];
		int[] sortedRequests = new int[entries.length];
		for (int i = 0; i < entries.length; i++) {
			sortedFrames[i] = (int) (entries[i] >>> 32);
			sortedRequests[i] = (int) entries[i];
		}
		this.size = entries.length;
		this.frames = PackedLongs.of(sortedFrames, this.size, 0);
		this.requests = PackedLongs.of(sortedRequests, this.size, 0);
		this.counts = null;
	}

	private void forEach(LongIntMap.Visitor visitor) {
		LongIntMap map = this.counts;
		if (map != null) {
			map.forEach(visitor);
			return;
		}
		for (int i = 0; i < this.size; i++) {
			visitor.entry(this.frames.getInt(i, 0), this.requests.getInt(i, 0));
		}
	}

	private LongIntMap writable() {
		LongIntMap map = this.counts;
		if (map == null) {
			map = new LongIntMap(this.size);
			for (int i = 0; i < this.size; i++) {
				map.put(this.frames.getInt(i, 0), this.requests.getInt(i, 0));
			}
			this.counts = map;
			this.frames = NONE;
			this.requests = NONE;
		}
		return map;
	}

}

package dev.hotpath.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges old windows into coarser ones to keep the store within its node bound without
 * losing time: an endpoint's stacks repeat from window to window, so the merged trees and
 * line tables hold about as many nodes as one of the windows merged. Every size is a
 * multiple of the one before, and windows start at multiples of their size, so a window
 * lies inside exactly one window of each coarser size.
 */
final class WindowMerger {

	private final long[] sizes;

	WindowMerger(List<Duration> coarserWindows) {
		this.sizes = coarserWindows.stream().mapToLong(Duration::toMillis).toArray();
	}

	/**
	 * Merges windows into one coarser window: first the oldest windows inside a coarser
	 * span that has ended, so that old data becomes coarse before recent data; when no
	 * such span holds two windows, the windows of the smallest span still open, which
	 * then takes the samples of the rest of its span. Costs a pass over the merged
	 * windows' trees and tables.
	 * @param windows the windows, oldest first, replaced by the merged one
	 * @param nowMillis the current time
	 * @return how many nodes the merge saved, or {@code -1} when no windows could merge
	 */
	long mergeOldest(List<Window> windows, long nowMillis) {
		for (int first = 0; first < windows.size(); first++) {
			for (long size : this.sizes) {
				long saved = mergeSpan(windows, first, size, nowMillis);
				if (saved >= 0) {
					return saved;
				}
			}
		}
		for (long size : this.sizes) {
			for (int first = 0; first < windows.size(); first++) {
				long saved = mergeSpan(windows, first, size, Long.MAX_VALUE);
				if (saved >= 0) {
					return saved;
				}
			}
		}
		return -1;
	}

	/**
	 * Merges a window with those after it inside the coarser span that holds it, if the
	 * span ends by a moment and holds another window.
	 */
	private long mergeSpan(List<Window> windows, int first, long size, long endedBy) {
		Window oldest = windows.get(first);
		long start = Math.floorDiv(oldest.startMillis(), size) * size;
		if (size <= oldest.endMillis() - oldest.startMillis() || start + size > endedBy) {
			return -1;
		}
		int last = first;
		while (last + 1 < windows.size() && windows.get(last + 1).endMillis() <= start + size) {
			last++;
		}
		return (last > first) ? merge(windows, first, last, oldest.widened(start, start + size)) : -1;
	}

	private static long merge(List<Window> windows, int first, int last, Window merged) {
		List<Window> group = new ArrayList<>(windows.subList(first, last + 1));
		long before = 0;
		for (Window window : group) {
			before += window.nodes();
			merged.addAll(window);
		}
		windows.subList(first, last + 1).clear();
		windows.add(first, merged);
		return before - merged.nodes();
	}

}

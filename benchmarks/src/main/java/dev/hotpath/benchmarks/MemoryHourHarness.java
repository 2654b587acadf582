package dev.hotpath.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.hotpath.profile.FrameworkTraffic;
import dev.hotpath.profile.ProfileLimits;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.Window;

/**
 * An hour of a framework-heavy application in a store with the default limits: 20
 * endpoints with 100-frame stacks, 200 CPU samples a second, read through the real chunk
 * processor on a simulated clock. Reports the time span kept, the windows by size, the
 * samples kept against those read, and live heap: heap used after three full collections,
 * less that before the store was made. All that Hotpath holds is the store and the chunk
 * processor that reads into it; it is split into the processor (what letting it go frees:
 * the span index and samples waiting for their request), the windows and the pages of
 * recent labeled samples (what an empty chunk two hours later frees by letting them
 * expire) and the rest, which stays. Run with {@code merge} (the default) or
 * {@code drop}, which turns merging off as before it existed.
 */
public final class MemoryHourHarness {

	private static final long START = 1_700_000_000_000L;

	private MemoryHourHarness() {
	}

	public static void main(String[] args) {
		boolean merge = args.length == 0 || !"drop".equals(args[0]);
		ProfileLimits defaults = ProfileLimits.DEFAULTS;
		ProfileLimits limits = new ProfileLimits(defaults.retention(), defaults.window(), defaults.maxFrames(),
				defaults.maxTreeNodes(), defaults.maxNodesPerTree(), defaults.slowestPerWindow(),
				defaults.maxPendingSamples(), defaults.traceRetention(), defaults.maxTraceSamples(),
				defaults.maxTraceStackNodes(), merge ? defaults.coarserWindows() : List.of());
		long baseline = liveHeap();
		ProfileStore store = new ProfileStore(limits);
		FrameworkTraffic traffic = new FrameworkTraffic(store, 20, 5, START, 42);
		long now = feed(traffic);
		long heap = liveHeap() - baseline;
		long nodes = store.read((view) -> view.windows().stream().mapToLong(MemoryHourHarness::nodes).sum());
		store.read((view) -> {
			List<Window> windows = view.windows();
			Map<Long, Integer> bySize = new TreeMap<>();
			long samples = 0;
			for (Window window : windows) {
				bySize.merge((window.endMillis() - window.startMillis()) / 1000, 1, Integer::sum);
				samples += window.samples(ProfileType.CPU);
			}
			long first = windows.get(0).startMillis();
			System.out.printf("mode %s, coarser windows %s, max tree nodes %,d%n", merge ? "merge" : "drop",
					limits.coarserWindows(), limits.maxTreeNodes());
			System.out.printf("kept %s of %s: from %s before now%n", Duration.ofMillis(now - Math.max(first, START)),
					Duration.ofMillis(now - START), Duration.ofMillis(now - first));
			System.out.printf("windows %d by size in seconds %s%n", windows.size(), bySize);
			System.out.printf("CPU samples kept %,d of %,d read%n", samples, view.counts().samples(ProfileType.CPU));
			System.out.printf("dropped windows %d, stacks cut %d, lines cut %d%n", view.dropped().windows(),
					view.dropped().stacks(), view.dropped().lines());
			return null;
		});
		System.out.printf("nodes and rows %,d%n", nodes);
		System.out.printf("live heap of the store and the chunk processor %.1f MB%n", heap / 1048576.0);
		Reference.reachabilityFence(traffic);
		traffic = null;
		long withoutProcessor = liveHeap() - baseline;
		// an empty chunk two hours later lets every window and labeled sample expire
		new FrameworkTraffic(store, 0, 0, now + Duration.ofHours(2).toMillis(), 1).nextChunk();
		long rest = liveHeap() - baseline;
		System.out.printf(
				"of which the chunk processor (span index, samples waiting) %.1f MB,%n"
						+ "  windows and the labeled samples' pages %.1f MB,%n"
						+ "  frame dictionary, stack trie, names and recent request latencies %.1f MB%n",
				(heap - withoutProcessor) / 1048576.0, (withoutProcessor - rest) / 1048576.0, rest / 1048576.0);
		Reference.reachabilityFence(store);
	}

	private static long feed(FrameworkTraffic traffic) {
		long started = System.nanoTime();
		for (int chunk = 0; chunk < 360; chunk++) {
			traffic.nextChunk();
		}
		System.out.printf("fed an hour in %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
		return traffic.nowMillis();
	}

	private static long nodes(Window window) {
		return FrameworkTraffic.nodes(window);
	}

	private static long liveHeap() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}

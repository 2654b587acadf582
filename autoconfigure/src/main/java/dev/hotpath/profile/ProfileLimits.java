package dev.hotpath.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounds that keep the profile's memory fixed whatever the traffic.
 *
 * @param retention how long windows are kept
 * @param window how much time one window aggregates
 * @param maxFrames distinct functions in the frame dictionary
 * @param maxTreeNodes call tree nodes over all windows; beyond it the oldest windows are
 * merged into {@code coarserWindows}, and dropped only once they are as coarse as those
 * allow
 * @param maxNodesPerTree nodes of one endpoint's tree in one window
 * @param slowestPerWindow slowest requests kept per endpoint and window
 * @param maxPendingSamples samples held while their request has not ended yet
 * @param traceRetention how long every sample is kept with its trace and span ids
 * @param maxTraceSamples how many such samples are kept at most
 * @param maxTraceStackNodes how many stack nodes one of their two stack tries holds
 * @param coarserWindows the sizes old windows are merged into, smallest first, each a
 * multiple of the one before and of {@code window}; empty to drop old windows rather than
 * merge them
 */
public record ProfileLimits(Duration retention, Duration window, int maxFrames, int maxTreeNodes, int maxNodesPerTree,
		int slowestPerWindow, int maxPendingSamples, Duration traceRetention, int maxTraceSamples,
		int maxTraceStackNodes, List<Duration> coarserWindows) {

	/** The sizes old windows are merged into by default. */
	public static final List<Duration> DEFAULT_COARSER_WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
			Duration.ofMinutes(15));

	/** Hotpath's defaults. */
	public static final ProfileLimits DEFAULTS = new ProfileLimits(Duration.ofHours(1), Duration.ofSeconds(10), 100_000,
			500_000, 50_000, 5, 200_000);

	/**
	 * Checks the coarser windows.
	 * @throws IllegalArgumentException when a coarser window is not a multiple of the one
	 * before it
	 */
	public ProfileLimits {
		coarserWindows = List.copyOf(coarserWindows);
		long previous = window.toMillis();
		for (Duration coarser : coarserWindows) {
			long size = coarser.toMillis();
			if (previous <= 0 || size <= previous || size % previous != 0) {
				throw new IllegalArgumentException("Coarser window " + coarser
						+ " is not a larger multiple of the window before it (" + Duration.ofMillis(previous) + ")");
			}
			previous = size;
		}
	}

	/**
	 * Limits with the default trace retention: 10 minutes, at most 262,144 samples and
	 * 262,144 stack nodes per trie, and the default coarser windows that fit the window.
	 */
	public ProfileLimits(Duration retention, Duration window, int maxFrames, int maxTreeNodes, int maxNodesPerTree,
			int slowestPerWindow, int maxPendingSamples) {
		this(retention, window, maxFrames, maxTreeNodes, maxNodesPerTree, slowestPerWindow, maxPendingSamples,
				Duration.ofMinutes(10), 262_144, 262_144);
	}

	/**
	 * Limits with the default coarser windows that fit the window: those of
	 * {@link #DEFAULT_COARSER_WINDOWS} that are multiples of it and of each other.
	 */
	public ProfileLimits(Duration retention, Duration window, int maxFrames, int maxTreeNodes, int maxNodesPerTree,
			int slowestPerWindow, int maxPendingSamples, Duration traceRetention, int maxTraceSamples,
			int maxTraceStackNodes) {
		this(retention, window, maxFrames, maxTreeNodes, maxNodesPerTree, slowestPerWindow, maxPendingSamples,
				traceRetention, maxTraceSamples, maxTraceStackNodes, fitting(window));
	}

	private static List<Duration> fitting(Duration window) {
		List<Duration> fitting = new ArrayList<>();
		long previous = window.toMillis();
		for (Duration coarser : DEFAULT_COARSER_WINDOWS) {
			if (previous > 0 && coarser.toMillis() > previous && coarser.toMillis() % previous == 0) {
				fitting.add(coarser);
				previous = coarser.toMillis();
			}
		}
		return fitting;
	}

}

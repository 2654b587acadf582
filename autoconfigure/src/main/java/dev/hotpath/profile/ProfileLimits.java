package dev.hotpath.profile;

import java.time.Duration;

/**
 * The bounds that keep the profile's memory fixed whatever the traffic.
 *
 * @param retention how long windows are kept
 * @param window how much time one window aggregates
 * @param maxFrames distinct functions in the frame dictionary
 * @param maxTreeNodes call tree nodes over all windows; the oldest windows are dropped
 * beyond it
 * @param maxNodesPerTree nodes of one endpoint's tree in one window
 * @param slowestPerWindow slowest requests kept per endpoint and window
 * @param maxPendingSamples samples held while their request has not ended yet
 * @param traceRetention how long every sample is kept with its trace and span ids
 * @param maxTraceSamples how many such samples are kept at most
 * @param maxTraceStackNodes how many stack nodes one of their two stack tries holds
 */
public record ProfileLimits(Duration retention, Duration window, int maxFrames, int maxTreeNodes, int maxNodesPerTree,
		int slowestPerWindow, int maxPendingSamples, Duration traceRetention, int maxTraceSamples,
		int maxTraceStackNodes) {

	/** Hotpath's defaults. */
	public static final ProfileLimits DEFAULTS = new ProfileLimits(Duration.ofHours(1), Duration.ofSeconds(10), 100_000,
			500_000, 50_000, 5, 200_000);

	/**
	 * Limits with the default trace retention: 10 minutes, at most 262,144 samples and
	 * 262,144 stack nodes per trie.
	 */
	public ProfileLimits(Duration retention, Duration window, int maxFrames, int maxTreeNodes, int maxNodesPerTree,
			int slowestPerWindow, int maxPendingSamples) {
		this(retention, window, maxFrames, maxTreeNodes, maxNodesPerTree, slowestPerWindow, maxPendingSamples,
				Duration.ofMinutes(10), 262_144, 262_144);
	}

}

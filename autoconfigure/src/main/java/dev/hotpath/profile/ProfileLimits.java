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
 */
public record ProfileLimits(Duration retention, Duration window, int maxFrames, int maxTreeNodes, int maxNodesPerTree,
		int slowestPerWindow, int maxPendingSamples) {

	/** Hotpath's defaults. */
	public static final ProfileLimits DEFAULTS = new ProfileLimits(Duration.ofHours(1), Duration.ofSeconds(10), 100_000,
			500_000, 50_000, 5, 200_000);

}

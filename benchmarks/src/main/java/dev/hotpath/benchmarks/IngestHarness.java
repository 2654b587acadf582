package dev.hotpath.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

import dev.hotpath.profile.FrameworkTraffic;
import dev.hotpath.profile.ProfileLimits;
import dev.hotpath.profile.ProfileStore;

/**
 * What adding a chunk to the profile costs the sampler thread, without async-profiler and
 * without reading a file: the traffic of {@link MemoryHourHarness} (20 endpoints, 5
 * requests a second each, 2 CPU samples a request, 100-frame stacks: 1,000 requests and
 * 2,000 samples a chunk) read through the real chunk processor into a store with the
 * default limits on a simulated clock, an hour of chunks a round, each round into a fresh
 * store. Reports the thread's CPU time per chunk of each round and the median of the
 * later half of the rounds (the earlier ones are the JIT's), and, over those later
 * rounds, the median per chunk in each of {@code segments} equal parts of the hour, which
 * shows whether a chunk costs more as the store fills (windows retained and merged,
 * traces kept).
 * <p>
 * Arguments: {@code rounds=8 chunks=360 segments=6}.
 */
public final class IngestHarness {

	private static final long START = 1_700_000_000_000L;

	private IngestHarness() {
	}

	public static void main(String[] args) {
		int rounds = 8;
		int chunks = 360;
		int segments = 6;
		for (String arg : args) {
			String[] option = arg.split("=", 2);
			switch (option[0]) {
				case "rounds" -> rounds = Integer.parseInt(option[1]);
				case "chunks" -> chunks = Integer.parseInt(option[1]);
				case "segments" -> segments = Integer.parseInt(option[1]);
				default -> throw new IllegalArgumentException("unknown option " + arg);
			}
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		double[] perChunk = new double[rounds];
		double[][] bySegment = new double[segments][rounds - rounds / 2];
		for (int round = 0; round < rounds; round++) {
			FrameworkTraffic traffic = new FrameworkTraffic(new ProfileStore(ProfileLimits.DEFAULTS), 20, 5, START, 42);
			long started = threads.getCurrentThreadCpuTime();
			long segmentStarted = started;
			for (int chunk = 0; chunk < chunks; chunk++) {
				traffic.nextChunk();
				int segment = chunk * segments / chunks;
				if ((chunk + 1) * segments / chunks != segment || chunk == chunks - 1) {
					long now = threads.getCurrentThreadCpuTime();
					int chunksInSegment = (segment + 1) * chunks / segments - segment * chunks / segments;
					if (round >= rounds / 2) {
						bySegment[segment][round - rounds / 2] = (now - segmentStarted) / 1e6 / chunksInSegment;
					}
					segmentStarted = now;
				}
			}
			perChunk[round] = (threads.getCurrentThreadCpuTime() - started) / 1e6 / chunks;
			System.out.printf("round %d: %.2f ms a chunk%n", round + 1, perChunk[round]);
		}
		for (int segment = 0; segment < segments; segment++) {
			double[] costs = bySegment[segment].clone();
			Arrays.sort(costs);
			System.out.printf(
					"chunks %d to %d of the hour, median of rounds %d to %d: %.2f ms a chunk (%.2f to %.2f)%n",
					segment * chunks / segments + 1, (segment + 1) * chunks / segments, rounds / 2 + 1, rounds,
					costs[costs.length / 2], costs[0], costs[costs.length - 1]);
		}
		double[] later = Arrays.copyOfRange(perChunk, rounds / 2, rounds);
		Arrays.sort(later);
		System.out.printf("median of rounds %d to %d: %.2f ms a chunk (%.2f to %.2f)%n", rounds / 2 + 1, rounds,
				later[later.length / 2], later[0], later[later.length - 1]);
	}

}

package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Gives back their stacks to CPU samples that async-profiler took at the very entry of
 * its own wall-clock signal handler.
 * <p>
 * When a thread's CPU timer signal and its wall-clock signal are pending at once (often
 * on a small machine, where async-profiler's wall-clock thread shares a core with the
 * thread it signals, so the thread resumes with both), the kernel sets up the wall-clock
 * handler's frame first and runs the CPU handler on top of it. The CPU sample then holds
 * only the signal trampoline and {@code WallClock::signalHandler}: the stack walk stops
 * at the signal frame. The CPU time was the interrupted code's, and the wall-clock
 * handler, which runs next, records that code's stack in a wall-clock sample of the same
 * thread a few microseconds later. Measured on the demo's {@code /bundles/{id}} with both
 * on one core: 53 % of the endpoint's CPU samples at a 20 ms wall-clock interval, 19 % at
 * 50 ms, as many CPU samples in all as without the coincidence.
 * <p>
 * A CPU sample whose stack goes deeper into async-profiler's code is its handler's own
 * work and stays as it is (the {@code profiler} component).
 */
final class WallSignalCoincidences {

	/** async-profiler's wall-clock signal handler, as the recording names it. */
	static final String WALL_CLOCK_HANDLER = "WallClock::signalHandler";

	/**
	 * How long after the CPU sample the wall-clock handler may take its sample: it runs
	 * as soon as the CPU handler returns. Measured on the demo with both on one core: 3
	 * to 53 µs over 672 coincidences (median 7 to 9 µs); five times that allows for a
	 * slower machine, and a sample delayed further (the thread preempted in between)
	 * stays as it is rather than take another moment's stack.
	 */
	static final long WINDOW_NANOS = 250_000;

	private WallSignalCoincidences() {
	}

	/**
	 * Replaces the stack of each CPU sample stranded at the wall-clock handler's entry
	 * with that of the first wall-clock sample of its thread taken at the same time or up
	 * to {@link #WINDOW_NANOS} later; keeps it when there is none.
	 * @param samples a chunk's samples, changed in place
	 * @param from the index of the first sample to look at
	 * @param frames the frames the stacks refer to
	 * @return how many samples got their stack back
	 */
	static int restore(List<Sample> samples, int from, Frames frames) {
		int handler = frames.find(WALL_CLOCK_HANDLER);
		if (handler < 0) {
			return 0;
		}
		List<Integer> stranded = new ArrayList<>();
		for (int i = from; i < samples.size(); i++) {
			Sample sample = samples.get(i);
			if (sample.type() == ProfileType.CPU && strandedAt(sample.stack(), handler, frames)) {
				stranded.add(i);
			}
		}
		if (stranded.isEmpty()) {
			return 0;
		}
		Map<Integer, List<Sample>> wallByThread = new HashMap<>();
		for (int index : stranded) {
			wallByThread.put(samples.get(index).tid(), new ArrayList<>());
		}
		for (int i = from; i < samples.size(); i++) {
			Sample sample = samples.get(i);
			List<Sample> wall = (sample.type() == ProfileType.WALL) ? wallByThread.get(sample.tid()) : null;
			if (wall != null) {
				wall.add(sample);
			}
		}
		wallByThread.values().forEach((wall) -> wall.sort(Comparator.comparingLong(Sample::timeNanos)));
		int restored = 0;
		for (int index : stranded) {
			Sample sample = samples.get(index);
			Sample wall = following(wallByThread.get(sample.tid()), sample.timeNanos());
			if (wall != null) {
				samples.set(index, new Sample(sample.timeNanos(), sample.tid(), wall.stack(), ProfileType.CPU,
						sample.weight(), wall.lines()));
				restored++;
			}
		}
		return restored;
	}

	/**
	 * Whether a stack is the wall-clock handler entered from native frames alone (the
	 * signal trampoline) and nothing deeper.
	 */
	private static boolean strandedAt(int[] stack, int handler, Frames frames) {
		if (stack.length == 0 || stack[stack.length - 1] != handler) {
			return false;
		}
		for (int i = 0; i < stack.length - 1; i++) {
			if (frames.kind(stack[i]) != FrameKind.NATIVE) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable Sample following(List<Sample> wall, long timeNanos) {
		int low = 0;
		int high = wall.size();
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (wall.get(middle).timeNanos() < timeNanos) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		if (low == wall.size() || wall.get(low).timeNanos() - timeNanos > WINDOW_NANOS) {
			return null;
		}
		return wall.get(low);
	}

}

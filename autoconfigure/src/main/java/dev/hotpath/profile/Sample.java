package dev.hotpath.profile;

/**
 * One stack seen by the sampler.
 *
 * @param timeNanos when, in epoch nanoseconds
 * @param tid the recording's thread id
 * @param stack frame ids, root first
 * @param type what the sample measures
 * @param weight how many samples it stands for
 * @param lines each frame's source line, parallel to {@code stack}; {@code 0} where the
 * line is unknown, and empty when no line is known
 */
record Sample(long timeNanos, int tid, int[] stack, ProfileType type, long weight, int[] lines) {

	/** The lines of a stack whose lines are unknown. */
	static final int[] NO_LINES = new int[0];

	/**
	 * A sample without line numbers.
	 */
	Sample(long timeNanos, int tid, int[] stack, ProfileType type, long weight) {
		this(timeNanos, tid, stack, type, weight, NO_LINES);
	}

	/**
	 * The same stack with another weight.
	 * @param weight the new weight
	 * @return the sample
	 */
	Sample withWeight(long weight) {
		return new Sample(this.timeNanos, this.tid, this.stack, this.type, weight, this.lines);
	}

}

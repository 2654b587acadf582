package dev.hotpath.profile;

/**
 * One stack seen by the sampler.
 *
 * @param timeNanos when, in epoch nanoseconds
 * @param tid the recording's thread id
 * @param stack frame ids, root first
 * @param type what the sample measures
 * @param weight how many samples it stands for
 */
record Sample(long timeNanos, int tid, int[] stack, ProfileType type, long weight) {

}

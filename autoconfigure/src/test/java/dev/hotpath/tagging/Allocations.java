package dev.hotpath.tagging;

import java.lang.management.ManagementFactory;

/**
 * What a piece of work allocates on the current thread once the JIT has compiled it: run
 * 20,000 times first, then measured by the JVM's count of the thread's allocated bytes.
 */
final class Allocations {

	private static final int WARM_UP = 20_000;

	private Allocations() {
	}

	/**
	 * Runs the work and says what it allocated.
	 * @param times how often the measured work runs
	 * @param work the work
	 * @return the bytes allocated by the measured runs
	 * @throws Exception what the work throws
	 */
	static long bytesAllocatedBy(int times, Work work) throws Exception {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		for (int i = 0; i < WARM_UP; i++) {
			work.run();
		}
		long thread = Thread.currentThread().getId();
		long before = threads.getThreadAllocatedBytes(thread);
		for (int i = 0; i < times; i++) {
			work.run();
		}
		return threads.getThreadAllocatedBytes(thread) - before;
	}

	/** Work that may throw. */
	@FunctionalInterface
	interface Work {

		void run() throws Exception;

	}

}

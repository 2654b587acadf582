package dev.hotpath.attribution;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * Burns CPU for the ground-truth applications.
 */
public final class Spin {

	private Spin() {
	}

	/**
	 * Burns CPU for {@code nanos} of the thread's CPU time, or of elapsed time on a
	 * virtual thread, which has no CPU clock of its own (its CPU time reads -1).
	 * @param nanos how long to burn
	 * @return a value computed on the way, so that the loop is not optimized away
	 */
	public static long forNanos(long nanos) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		boolean cpuClock = threads.getCurrentThreadCpuTime() >= 0;
		LongSupplier clock = cpuClock ? threads::getCurrentThreadCpuTime : System::nanoTime;
		long end = clock.getAsLong() + nanos;
		long value = 0;
		while (clock.getAsLong() < end) {
			for (int i = 0; i < 10_000; i++) {
				value += (value * 31) ^ i;
			}
		}
		return value;
	}

}

package dev.hotpath.it.app;

/**
 * CPU work in a function that tests look for.
 */
public final class Work {

	private Work() {
	}

	/** Burns CPU for about the given time; returns a value the JIT cannot drop. */
	public static long spin(int millis) {
		long end = System.nanoTime() + millis * 1_000_000L;
		long sum = 0;
		while (System.nanoTime() < end) {
			for (int i = 0; i < 1000; i++) {
				sum += (long) Math.sqrt(i + sum % 7);
			}
		}
		return sum;
	}

	/** Burns CPU like {@link #spin}, under another name, for work run on an executor. */
	public static long spinOnExecutor(int millis) {
		return spin(millis);
	}

}

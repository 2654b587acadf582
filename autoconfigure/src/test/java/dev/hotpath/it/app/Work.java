package dev.hotpath.it.app;

/**
 * CPU work and allocations in functions that tests look for.
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
				sum += (long) Math.sqrt(i + sum % 7); // the hot line
			}
		}
		return sum;
	}

	/** Burns CPU like {@link #spin}, under another name, for work run on an executor. */
	public static long spinOnExecutor(int millis) {
		return spin(millis);
	}

	/**
	 * Allocates about the given number of megabytes in 64 KB arrays; returns a value that
	 * depends on every array, so that none can be eliminated.
	 */
	public static long allocateMegabytes(int megabytes) {
		long sum = 0;
		for (int i = 0; i < megabytes * 16; i++) {
			byte[] chunk = new byte[64 * 1024];
			chunk[i % chunk.length] = (byte) i;
			sum += chunk[(i * 31) % chunk.length] + chunk.length;
		}
		return sum;
	}

}

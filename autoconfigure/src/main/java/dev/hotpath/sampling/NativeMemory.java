package dev.hotpath.sampling;

import org.jspecify.annotations.Nullable;

/**
 * What async-profiler holds outside the Java heap for its samples, as its {@code metrics}
 * command reports it. The symbol tables it reads from the process's native libraries and
 * the JVM's stubs (about 17 MB in a Spring Boot application, read once) are left out:
 * they do not grow with profiling, and async-profiler 4.6 once reported them as some
 * hundred terabytes on a machine of ours, which would drown the rest.
 *
 * @param bytes its stack storage, the recording's method and thread tables, its class
 * table and thread filter
 * @param sessionBytes the part that a session builds up and a new session starts afresh:
 * the stack storage, which keeps every distinct stack seen since the session began, and
 * the recording's tables
 * @param samplesWithoutStack samples of the session recorded without their stack because
 * the stack storage had reached its limit
 */
record NativeMemory(long bytes, long sessionBytes, long samplesWithoutStack) {

	private static final String STACK_STORAGE = "mem_calltracestorage_kb";

	private static final String RECORDING = "mem_flightrecorder_kb";

	private static final String CLASSES = "mem_classmap_kb";

	private static final String THREAD_FILTER = "mem_threadfilter_kb";

	private static final String OVERFLOWS = "calltracestorage_overflows_total";

	/**
	 * Reads the output of async-profiler's {@code metrics} command: one
	 * {@code name value} pair a line, Prometheus style, sizes in {@code mem_…_kb} lines.
	 * @param metrics the output
	 * @return the memory, or {@code null} when the output names no memory (an engine
	 * without the command)
	 */
	static @Nullable NativeMemory parse(String metrics) {
		long kilobytes = 0;
		long sessionKilobytes = 0;
		long overflows = 0;
		boolean memory = false;
		for (String line : metrics.split("\n")) {
			int space = line.indexOf(' ');
			if (space < 0) {
				continue;
			}
			String name = line.substring(0, space);
			long value;
			try {
				value = Long.parseLong(line.substring(space + 1).trim());
			}
			catch (NumberFormatException ex) {
				continue;
			}
			if (name.equals(STACK_STORAGE) || name.equals(RECORDING)) {
				memory = true;
				kilobytes += value;
				sessionKilobytes += value;
			}
			else if (name.equals(CLASSES) || name.equals(THREAD_FILTER)) {
				kilobytes += value;
			}
			else if (name.equals(OVERFLOWS)) {
				overflows = value;
			}
		}
		return memory ? new NativeMemory(kilobytes * 1024, sessionKilobytes * 1024, overflows) : null;
	}

}

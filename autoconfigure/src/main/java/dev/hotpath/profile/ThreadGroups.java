package dev.hotpath.profile;

/**
 * Groups threads by pool: the number that ends a thread's name goes, so that
 * {@code http-nio-8080-exec-3} and {@code http-nio-8080-exec-7} are one entry,
 * {@code http-nio-8080-exec-*}.
 */
public final class ThreadGroups {

	private static final String FRAME_PREFIX = "[thread] ";

	private ThreadGroups() {
	}

	/**
	 * The name of the frame that heads a thread's stacks in the background view.
	 * @param thread the thread's name
	 * @return the frame's name, such as {@code [thread] http-nio-8080-exec-*}
	 */
	public static String frame(String thread) {
		return FRAME_PREFIX + group(thread);
	}

	/**
	 * The pool a thread-group frame stands for.
	 * @param frame a frame's name, as {@link #frame} makes it
	 * @return the pool's name
	 */
	public static String groupOfFrame(String frame) {
		return frame.startsWith(FRAME_PREFIX) ? frame.substring(FRAME_PREFIX.length()) : frame;
	}

	/**
	 * A thread's pool.
	 * @param thread the thread's name
	 * @return its name without the number that ends it, {@code *} in its place
	 */
	public static String group(String thread) {
		int end = thread.length();
		int digits = end;
		while (digits > 0 && Character.isDigit(thread.charAt(digits - 1))) {
			digits--;
		}
		if (digits == end || digits == 0) {
			return thread;
		}
		return thread.substring(0, digits) + "*";
	}

}

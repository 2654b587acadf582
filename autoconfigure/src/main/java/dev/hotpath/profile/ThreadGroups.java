package dev.hotpath.profile;

/**
 * Groups threads by pool: the number that ends a thread's name goes, so that
 * {@code http-nio-8080-exec-3} and {@code http-nio-8080-exec-7} are one entry,
 * {@code http-nio-8080-exec-*}.
 */
final class ThreadGroups {

	private ThreadGroups() {
	}

	static String group(String thread) {
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

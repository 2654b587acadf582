package dev.hotpath.profile;

import java.util.Locale;

/**
 * What kind of code a frame runs, for colors and for folding library frames.
 */
public enum FrameKind {

	/** The synthetic root of a call tree. */
	ROOT,

	/** Code of the application, under its package. */
	APPLICATION,

	/** Java code of a library or framework. */
	LIBRARY,

	/** Java code of the JDK. */
	JDK,

	/** Native code outside the JVM, including the kernel. */
	NATIVE,

	/** The JVM's own code: compiler, garbage collector, interpreter. */
	JVM,

	/** A synthetic frame naming the thread of background samples. */
	THREAD;

	/** The kind's name as the API spells it. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}

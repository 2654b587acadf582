package dev.hotpath.profile;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Tells application code from libraries, the JDK, native code and the JVM. Application
 * code is any class under one of the application packages, except generated proxies,
 * which are framework plumbing even when they wrap an application class.
 */
public final class FrameClassifier {

	private static final byte FRAME_NATIVE = 3;

	private static final byte FRAME_CPP = 4;

	private static final byte FRAME_KERNEL = 5;

	private static final String[] JDK_PREFIXES = { "java.", "javax.", "jdk.", "sun.", "com.sun." };

	private final String[] applicationPrefixes;

	private final Components components;

	/**
	 * Creates a classifier with the built-in components.
	 * @param applicationPackages the packages whose classes are application code
	 */
	public FrameClassifier(List<String> applicationPackages) {
		this(applicationPackages, new Components());
	}

	/**
	 * Creates a classifier.
	 * @param applicationPackages the packages whose classes are application code
	 * @param components the components frames belong to
	 */
	public FrameClassifier(List<String> applicationPackages, Components components) {
		this.components = components;
		this.applicationPrefixes = applicationPackages.stream()
			.filter((name) -> !name.isBlank())
			.map((name) -> name.endsWith(".") ? name : name + ".")
			.toArray(String[]::new);
	}

	/**
	 * The kind of a Java method's frame.
	 * @param className the class name with dots
	 * @return the kind
	 */
	public FrameKind classify(String className) {
		if (className.contains("$$SpringCGLIB$$") || className.startsWith("jdk.proxy")
				|| className.contains("$Proxy")) {
			return FrameKind.LIBRARY;
		}
		for (String prefix : this.applicationPrefixes) {
			if (className.startsWith(prefix)) {
				return FrameKind.APPLICATION;
			}
		}
		for (String prefix : JDK_PREFIXES) {
			if (className.startsWith(prefix)) {
				return FrameKind.JDK;
			}
		}
		return FrameKind.LIBRARY;
	}

	/** The components frames belong to. */
	public Components components() {
		return this.components;
	}

	/**
	 * The kind of a frame that has no Java class, from the recording's frame type.
	 * @param frameType async-profiler's frame type
	 * @return the kind, or {@code null} when the frame is a Java frame
	 */
	static @Nullable FrameKind nativeKind(byte frameType) {
		return switch (frameType) {
			case FRAME_NATIVE, FRAME_KERNEL -> FrameKind.NATIVE;
			case FRAME_CPP -> FrameKind.JVM;
			default -> null;
		};
	}

}

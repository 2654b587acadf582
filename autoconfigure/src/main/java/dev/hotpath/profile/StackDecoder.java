package dev.hotpath.profile;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import one.jfr.ClassRef;
import one.jfr.JfrReader;
import one.jfr.MethodRef;
import one.jfr.StackTrace;

/**
 * Turns one chunk's stack trace ids into arrays of frame ids, root first, using the
 * chunk's own dictionaries, with a parallel array of each frame's source line. Each stack
 * and each method is decoded once per chunk. Generated class names (lambdas, hidden
 * classes, reflection accessors) lose their numeric suffixes so that they do not multiply
 * frames. Frames stay free of line numbers, so that a function is one frame however many
 * of its lines were sampled.
 */
final class StackDecoder {

	private static final Pattern GENERATED_SUFFIX = Pattern.compile(
			"(/0x[0-9a-fA-F]+|(?<=\\$\\$Lambda)\\$\\d+|(?<=GeneratedMethodAccessor)\\d+|(?<=GeneratedConstructorAccessor)\\d+)");

	private final JfrReader reader;

	private final Frames frames;

	private final FrameClassifier classifier;

	private final Map<Integer, Decoded> stacks = new HashMap<>();

	private final Map<Long, Integer> methods = new HashMap<>();

	StackDecoder(JfrReader reader, Frames frames, FrameClassifier classifier) {
		this.reader = reader;
		this.frames = frames;
		this.classifier = classifier;
	}

	/**
	 * The frames and lines of a stack trace, decoded on its first use in the chunk.
	 * @param stackTraceId the recording's stack trace id
	 * @return the stack, root first
	 */
	Decoded stack(int stackTraceId) {
		return this.stacks.computeIfAbsent(stackTraceId, this::decode);
	}

	private Decoded decode(int stackTraceId) {
		StackTrace trace = this.reader.stackTraces.get(stackTraceId);
		if (trace == null) {
			return new Decoded(new int[] { this.frames.intern("[unknown stack]", FrameKind.JVM) }, Sample.NO_LINES);
		}
		int depth = trace.methods.length;
		int[] stack = new int[depth];
		int[] lines = new int[depth];
		for (int i = 0; i < depth; i++) {
			// the recording lists the leaf first
			int frame = frame(trace.methods[i], trace.types[i]);
			stack[depth - 1 - i] = frame;
			lines[depth - 1 - i] = line(frame, trace, i);
		}
		return new Decoded(stack, lines);
	}

	/**
	 * A frame's line: async-profiler packs it into the high 16 bits of the location, the
	 * bytecode index into the low. Native and JVM frames (and the overflow frame) have
	 * none.
	 */
	private int line(int frame, StackTrace trace, int index) {
		FrameKind kind = this.frames.kind(frame);
		if (kind == FrameKind.NATIVE || kind == FrameKind.JVM || trace.locations == null
				|| index >= trace.locations.length) {
			return 0;
		}
		return trace.locations[index] >>> 16;
	}

	private int frame(long methodId, byte type) {
		long key = (methodId << 3) ^ type;
		Integer known = this.methods.get(key);
		if (known != null) {
			return known;
		}
		int frame = newFrame(methodId, type);
		this.methods.put(key, frame);
		return frame;
	}

	private int newFrame(long methodId, byte type) {
		MethodRef method = this.reader.methods.get(methodId);
		if (method == null) {
			return this.frames.intern("[unknown]", FrameKind.JVM);
		}
		String methodName = symbol(method.name);
		FrameKind nativeKind = FrameClassifier.nativeKind(type);
		ClassRef owner = this.reader.classes.get(method.cls);
		String className = (owner != null) ? symbol(owner.name).replace('/', '.') : "";
		if (nativeKind != null || className.isEmpty()) {
			FrameKind kind = (nativeKind != null) ? nativeKind : FrameKind.NATIVE;
			return this.frames.intern(methodName, kind, this.classifier.components().ofNative(methodName, kind));
		}
		className = GENERATED_SUFFIX.matcher(className).replaceAll("");
		FrameKind kind = this.classifier.classify(className);
		return this.frames.intern(className + "." + methodName, kind,
				this.classifier.components().ofJava(className, kind));
	}

	private String symbol(long id) {
		byte[] bytes = this.reader.symbols.get(id);
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : "[unknown]";
	}

	/**
	 * One decoded stack.
	 *
	 * @param frames frame ids, root first
	 * @param lines each frame's source line, {@code 0} where unknown
	 */
	record Decoded(int[] frames, int[] lines) {

	}

}

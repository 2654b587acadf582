package dev.hotpath.profile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

	/**
	 * The per-run parts of generated class names: a hidden class's address (JDK 17 and
	 * later write {@code Foo$$Lambda/0x0000...}, {@code Foo$$Lambda$14/0x0000...} on 17),
	 * a lambda's sequence number, a reflection accessor's.
	 */
	private static final Pattern GENERATED_SUFFIX = Pattern.compile(
			"([./+]0x[0-9a-fA-F]+|(?<=\\$\\$Lambda)\\$\\d+|(?<=GeneratedMethodAccessor)\\d+|(?<=GeneratedConstructorAccessor)\\d+)");

	private final JfrReader reader;

	private final Frames frames;

	private final FrameClassifier classifier;

	/**
	 * Stack trace id → index in {@link #decoded}; primitive, as it is asked per sample.
	 */
	private final LongIntMap stacks = new LongIntMap(1024);

	private final List<Decoded> decoded = new ArrayList<>();

	/** (method id, frame type) → frame id. */
	private final LongIntMap methods = new LongIntMap(1024);

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
		int index = this.stacks.get(stackTraceId);
		if (index >= 0) {
			return this.decoded.get(index);
		}
		Decoded stack = decode(stackTraceId);
		this.stacks.put(stackTraceId, this.decoded.size());
		this.decoded.add(stack);
		return stack;
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
		int known = this.methods.get(key);
		if (known >= 0) {
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
		String className = (owner != null) ? className(symbol(owner.name)) : "";
		if (nativeKind != null || className.isEmpty()) {
			FrameKind kind = (nativeKind != null) ? nativeKind : FrameKind.NATIVE;
			return this.frames.intern(methodName, kind, this.classifier.components().ofNative(methodName, kind));
		}
		FrameKind kind = this.classifier.classify(className);
		return this.frames.intern(className + "." + methodName, kind,
				this.classifier.components().ofJava(className, kind));
	}

	/**
	 * A class's name as frames show it: dotted, without the parts that differ from run to
	 * run, so that a lambda is the same frame after a restart (version comparisons, the
	 * saved history).
	 * @param internalName the recording's name, {@code com/example/Foo$$Lambda/0x0000...}
	 * @return {@code com.example.Foo$$Lambda}
	 */
	static String className(String internalName) {
		String className = internalName;
		// most names need no matcher, and the decoder asks for every method of a chunk
		if (className.contains("0x") || className.contains("$$Lambda") || className.contains("Generated")) {
			className = GENERATED_SUFFIX.matcher(className).replaceAll("");
		}
		return className.replace('/', '.');
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

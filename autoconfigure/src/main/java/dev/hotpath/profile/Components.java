package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What part of an application a frame belongs to: its own code, template rendering, the
 * database, serialization, an HTTP client, the web server and framework, logging,
 * reflection, the JVM itself. Java frames are matched by the longest package or class
 * prefix of a table of well-known libraries that users can extend; application frames (by
 * the application's packages) are the application's whatever framework prefix they sit
 * under. JDK and native frames have no component of their own: they work for the frame
 * that called them; plumbing (the web framework's utilities, reflection, the JVM's stubs)
 * works for its caller's component when that is not plumbing too.
 */
public final class Components {

	/** The component of frames that take their caller's: the JDK, native code. */
	public static final byte INHERIT = 0;

	/** The application's own code. */
	public static final byte APPLICATION = 1;

	/** Libraries that no prefix names. */
	public static final byte LIBRARIES = 2;

	/** Stacks of the JDK alone. */
	public static final byte JDK = 3;

	private static final byte GC = 4;

	private static final byte JIT = 5;

	private static final byte CLASS_LOADING = 6;

	private static final byte VM = 7;

	private static final byte PROFILER = 8;

	/**
	 * async-profiler's classes that run on a sampled thread: its signal handlers and what
	 * they call. A CPU sample taken inside them is the profiler's own cost on that
	 * thread, and the stack walk stops at the signal frame, so nothing of the thread's
	 * code is under it (those taken at the wall-clock handler's very entry get their
	 * stack back: {@link WallSignalCoincidences}). HotSpot has none of these names (its
	 * own are {@code os::}, {@code frame::}, {@code CodeCache::}, {@code Method::};
	 * async-profiler's {@code VMThread::} and {@code VMStructs::} share HotSpot's names
	 * and stay the JVM's).
	 */
	private static final List<String> PROFILER_CLASSES = List.of("WallClock::", "J9WallClock::", "CTimer::", "ITimer::",
			"PerfEvents::", "CpuEngine::", "Profiler::", "StackWalker::", "StackFrame::", "CallTraceStorage::",
			"ThreadFilter::", "LinearAllocator::", "SpinLock::", "SafeAccess::", "AllocTracer::", "LockTracer::",
			"NativeLockTracer::", "MallocTracer::", "ObjectSampler::", "FlightRecorder::", "Recording::", "Lookup::",
			"TSC::", "OS::", "VMMethod::", "VMKlass::", "VMSymbol::");

	private static final Map<String, String> BUILT_IN_LABELS = new LinkedHashMap<>();

	private static final Map<String, List<String>> BUILT_IN_PREFIXES = new LinkedHashMap<>();

	static {
		label("", "inherits its caller's");
		label("application", "your code");
		label("libraries", "other libraries");
		label("jdk", "JDK");
		label("gc", "JVM: garbage collection");
		label("jit", "JVM: JIT compiler");
		label("class-loading", "JVM: class loading");
		label("vm", "JVM");
		label("profiler", "profiler: async-profiler's own work on the thread");
		builtIn("templates", "template rendering", "org.thymeleaf.", "freemarker.", "org.apache.velocity.",
				"com.github.mustachejava.", "com.samskivert.mustache.", "gg.jte.", "groovy.text.", "org.apache.jasper.",
				"org.springframework.web.servlet.view.", "org.springframework.web.reactive.result.view.",
				"org.attoparser.", "org.unbescape.");
		builtIn("database", "ORM, JDBC and database", "org.hibernate.", "jakarta.persistence.", "javax.persistence.",
				"org.springframework.data.", "org.springframework.orm.", "org.springframework.jdbc.",
				"org.springframework.transaction.", "org.springframework.dao.", "org.springframework.r2dbc.",
				"com.zaxxer.hikari.", "org.h2.", "org.hsqldb.", "org.apache.derby.", "org.postgresql.", "com.mysql.",
				"org.mariadb.", "oracle.jdbc.", "com.microsoft.sqlserver.", "org.jooq.", "org.mybatis.",
				"org.apache.ibatis.", "org.eclipse.persistence.", "com.mongodb.", "org.bson.", "io.r2dbc.",
				"io.lettuce.", "redis.clients.", "com.datastax.", "org.flywaydb.", "liquibase.", "java.sql.",
				"javax.sql.");
		builtIn("serialization", "JSON and XML serialization", "com.fasterxml.jackson.", "tools.jackson.",
				"com.google.gson.", "jakarta.json.", "javax.json.", "org.eclipse.yasson.", "com.alibaba.fastjson",
				"org.springframework.http.converter.", "org.springframework.http.codec.", "jakarta.xml.bind.",
				"javax.xml.", "org.glassfish.jaxb.", "com.sun.xml.", "com.sun.org.apache.xerces.",
				"com.sun.org.apache.xml.", "org.apache.xerces.", "com.ctc.wstx.", "org.codehaus.stax2.",
				"com.google.protobuf.", "org.yaml.snakeyaml.");
		builtIn("http-client", "HTTP client", "org.apache.hc.", "org.apache.http.", "okhttp3.", "okio.",
				"java.net.http.", "jdk.internal.net.http.", "org.springframework.web.client.",
				"org.springframework.web.reactive.function.client.", "org.springframework.http.client.",
				"reactor.netty.http.client.", "feign.", "retrofit2.", "io.github.resilience4j.");
		builtIn("web", "web server and framework", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
				"org.eclipse.jetty.", "io.undertow.", "org.xnio.", "reactor.netty.", "io.netty.", "reactor.core.",
				"org.springframework.web.", "org.springframework.http.", "org.springframework.security.",
				"org.springframework.boot.", "org.springframework.context.", "org.springframework.beans.",
				"org.springframework.aop.", "org.springframework.core.", "org.springframework.util.",
				"org.springframework.validation.", "org.hibernate.validator.", "io.micrometer.", "io.opentelemetry.",
				"jakarta.servlet.", "javax.servlet.", "jakarta.validation.", "org.springframework.expression.",
				"dev.hotpath.");
		builtIn("logging", "logging", "ch.qos.logback.", "org.apache.logging.", "org.apache.log4j.", "org.slf4j.",
				"org.apache.commons.logging.", "java.util.logging.", "org.jboss.logging.");
		builtIn("reflection", "reflection and proxies", "java.lang.reflect.", "jdk.internal.reflect.", "sun.reflect.",
				"java.lang.invoke.", "jdk.proxy", "$$SpringCGLIB$$", "org.springframework.cglib.");
		builtIn("class-loading", "JVM: class loading", "java.lang.ClassLoader", "jdk.internal.loader.",
				"java.net.URLClassLoader", "org.springframework.boot.loader.");
	}

	private final List<String> names = new ArrayList<>();

	private final List<String> labels = new ArrayList<>();

	private final List<Prefix> prefixes = new ArrayList<>();

	/**
	 * The built-in table.
	 */
	public Components() {
		this(Map.of());
	}

	/**
	 * The built-in table with a user's additions.
	 * @param extra more prefixes per component: a built-in component's name
	 * ({@code database}, {@code templates}...) adds to it, another name makes a new
	 * component
	 */
	public Components(Map<String, List<String>> extra) {
		BUILT_IN_LABELS.forEach((name, label) -> {
			this.names.add(name);
			this.labels.add(label);
		});
		BUILT_IN_PREFIXES.forEach((name, prefixes) -> prefixes.forEach((prefix) -> add(name, prefix)));
		extra.forEach((name, prefixes) -> {
			String component = name.strip().toLowerCase(Locale.ROOT);
			if (component.isEmpty() || this.names.size() >= Byte.MAX_VALUE) {
				return;
			}
			if (!this.names.contains(component)) {
				this.names.add(component);
				this.labels.add(component);
			}
			prefixes.stream()
				.map(String::strip)
				.filter((prefix) -> !prefix.isEmpty())
				.forEach((prefix) -> add(component, prefix));
		});
		this.prefixes.sort(Comparator.comparingInt((Prefix prefix) -> prefix.text.length()).reversed());
	}

	/**
	 * The component of a Java method's frame.
	 * @param className the class name with dots
	 * @param kind the frame's kind
	 * @return the component's id
	 */
	public byte ofJava(String className, FrameKind kind) {
		if (kind == FrameKind.APPLICATION) {
			return APPLICATION;
		}
		for (Prefix prefix : this.prefixes) {
			if (className.startsWith(prefix.text)
					|| (prefix.text.startsWith("$$") && className.contains(prefix.text))) {
				return prefix.component;
			}
		}
		if (kind == FrameKind.JDK) {
			return INHERIT;
		}
		return LIBRARIES;
	}

	/**
	 * The component of a frame of the JVM or of native code, from its name.
	 * @param name the frame's name, such as {@code G1ParScanThreadState::trim_queue}
	 * @param kind the frame's kind
	 * @return the component's id
	 */
	public byte ofNative(String name, FrameKind kind) {
		if (kind != FrameKind.JVM) {
			return INHERIT;
		}
		for (String profilerClass : PROFILER_CLASSES) {
			if (name.startsWith(profilerClass)) {
				return PROFILER;
			}
		}
		if (name.startsWith("G1") || name.contains("GC") || name.startsWith("PS") || name.startsWith("Parallel")
				|| name.startsWith("Z") || name.startsWith("Shenandoah") || name.contains("Mark")
				|| name.contains("Scavenge") || name.contains("Evacuat")) {
			return GC;
		}
		if (name.startsWith("C2") || name.startsWith("C1") || name.contains("Compile") || name.startsWith("Phase")
				|| name.startsWith("Matcher") || name.contains("Parse::") || name.startsWith("GraphKit")
				|| name.startsWith("LIR") || name.startsWith("Node::")) {
			return JIT;
		}
		if (name.contains("ClassLoader") || name.contains("ClassFileParser") || name.contains("SystemDictionary")
				|| name.contains("Verifier") || name.contains("LinkResolver")) {
			return CLASS_LOADING;
		}
		return VM;
	}

	/**
	 * Whether a component is plumbing that works for whoever called it: the web
	 * framework's utilities (type conversion, expressions, interceptors), reflection and
	 * proxies, the JVM's stubs and runtime calls on a Java thread. Such frames belong to
	 * their caller's component when the caller has one that is not plumbing too, so that
	 * the expressions a template evaluates count as template rendering.
	 * @param id the component's id
	 * @return whether the component is plumbing
	 */
	public boolean plumbing(byte id) {
		String name = this.names.get(id);
		return "web".equals(name) || "reflection".equals(name) || "vm".equals(name);
	}

	/**
	 * A component's name as the API spells it.
	 * @param id the component's id
	 * @return the name, such as {@code database}
	 */
	public String name(byte id) {
		return this.names.get(id);
	}

	/**
	 * A component's name for people.
	 * @param id the component's id
	 * @return the label, such as {@code ORM, JDBC and database}
	 */
	public String label(byte id) {
		return this.labels.get(id);
	}

	/** How many components there are, built-in and added. */
	public int size() {
		return this.names.size();
	}

	private void add(String component, String prefix) {
		this.prefixes.add(new Prefix(prefix, (byte) this.names.indexOf(component)));
	}

	private static void label(String name, String label) {
		BUILT_IN_LABELS.put(name, label);
	}

	private static void builtIn(String name, String label, String... prefixes) {
		BUILT_IN_LABELS.putIfAbsent(name, label);
		BUILT_IN_PREFIXES.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(List.of(prefixes));
	}

	private record Prefix(String text, byte component) {

	}

}

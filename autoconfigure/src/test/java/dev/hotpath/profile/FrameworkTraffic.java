package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated traffic of a framework-heavy application, read into a store by a real
 * {@link ChunkProcessor} one 10 s chunk at a time on a simulated clock. Every stack is
 * 100 frames deep: a shared prefix of 46 Tomcat, servlet-filter and security-filter
 * frames, then per endpoint a controller and 10 proxy frames and one of 4 operations of
 * 10 frames, then a 32-frame library call ending in one of 300 distinct leaves, each on
 * one of 3 lines. Each request has 2 CPU samples: 20 endpoints serving 5 requests a
 * second each make 200 samples a second. Public, in the engine's package, for the
 * benchmarks' harness.
 */
public final class FrameworkTraffic {

	/** The stack depth of every sample. */
	public static final int DEPTH = 100;

	private static final long CHUNK_NANOS = 10_000_000_000L;

	private static final int OPERATIONS = 4;

	private static final int LIBRARIES = 12;

	private static final int LEAVES_PER_LIBRARY = 25;

	private final ProfileStore store;

	private final int endpoints;

	private final int requestsPerSecond;

	private final SplittableRandom random;

	private final ChunkProcessor processor;

	private final List<long[]> logged = new ArrayList<>();

	private final List<String> loggedEndpoints = new ArrayList<>();

	private final int[] prefix;

	private final int[][] endpointFrames;

	private final int[][][] operationFrames;

	private final int[][] libraryFrames;

	private final int[][] leaves;

	private long nowMillis;

	private long nextSpan = 1;

	/**
	 * Traffic that starts at a moment.
	 * @param store the store to read it into
	 * @param endpoints how many endpoints
	 * @param requestsPerSecond requests per endpoint and second, each with 2 CPU samples
	 * @param startMillis the simulated clock's start, epoch milliseconds
	 * @param seed the seed of its random choices
	 */
	public FrameworkTraffic(ProfileStore store, int endpoints, int requestsPerSecond, long startMillis, long seed) {
		this.store = store;
		this.endpoints = endpoints;
		this.requestsPerSecond = requestsPerSecond;
		this.nowMillis = startMillis;
		this.random = new SplittableRandom(seed);
		this.processor = new ChunkProcessor(store, new FrameClassifier(List.of("com.example")), (sink) -> {
			for (int i = 0; i < this.logged.size(); i++) {
				long[] row = this.logged.get(i);
				sink.request(this.loggedEndpoints.get(i), RequestSource.ROUTE, row[0], row[0] / 1_000_000, row[1],
						(row[2] == 0) ? 500 : 200, 1, row[3], row[3]);
			}
			this.logged.clear();
			this.loggedEndpoints.clear();
		}, () -> this.nowMillis);
		this.prefix = prefix();
		this.endpointFrames = new int[endpoints][];
		this.operationFrames = new int[endpoints][OPERATIONS][];
		for (int endpoint = 0; endpoint < endpoints; endpoint++) {
			this.endpointFrames[endpoint] = endpointFrames(endpoint);
			for (int operation = 0; operation < OPERATIONS; operation++) {
				String service = "com.example.shop.service.Service" + endpoint + ".op" + operation + "step";
				this.operationFrames[endpoint][operation] = frames(10, (k) -> service + k, FrameKind.APPLICATION);
			}
		}
		this.libraryFrames = new int[LIBRARIES][];
		this.leaves = new int[LIBRARIES][];
		for (int library = 0; library < LIBRARIES; library++) {
			String layer = "org.library" + library + ".Layer";
			String leaf = "org.library" + library + ".Leaf";
			this.libraryFrames[library] = frames(32, (k) -> layer + k + ".call", FrameKind.LIBRARY);
			this.leaves[library] = frames(LEAVES_PER_LIBRARY, (k) -> leaf + k + ".run", FrameKind.LIBRARY);
		}
	}

	/** The simulated clock, epoch milliseconds. */
	public long nowMillis() {
		return this.nowMillis;
	}

	/**
	 * What a window holds against the store's node bound.
	 * @param window the window
	 * @return its nodes and rows
	 */
	public static long nodes(Window window) {
		return window.nodes();
	}

	/**
	 * Reads the next 10 s of traffic into the store as one chunk, and moves the clock to
	 * its end.
	 * @return how many samples the chunk held
	 */
	public int nextChunk() {
		ChunkData chunk = new ChunkData();
		long chunkStart = this.nowMillis * 1_000_000;
		int tid = 1000;
		for (int endpoint = 0; endpoint < this.endpoints; endpoint++) {
			String name = "GET /shop/endpoint" + endpoint + "/{id}";
			for (int request = 0; request < this.requestsPerSecond * 10; request++) {
				long latency = (20 + this.random.nextInt(180)) * 1_000_000L;
				long start = chunkStart + this.random.nextLong(CHUNK_NANOS - latency);
				long span = this.nextSpan++;
				tid++;
				chunk.threadNames.put(tid, "http-nio-8080-exec-" + tid);
				chunk.spans.add(new SpanInterval(start, start, start + latency, tid, name));
				for (int sample = 1; sample <= 2; sample++) {
					long time = start + latency * sample / 3;
					int[][] stack = stack(endpoint);
					chunk.samples.add(new Sample(time, tid, stack[0], ProfileType.CPU, 1, stack[1]));
				}
				this.logged.add(new long[] { start, latency, this.random.nextInt(100), span });
				this.loggedEndpoints.add(name);
			}
		}
		this.nowMillis += CHUNK_NANOS / 1_000_000;
		this.store.write((store) -> {
			this.processor.ingest(chunk);
			return null;
		});
		return chunk.samples.size();
	}

	/** A stack and its lines: the operation and library skewed, the leaf uniform. */
	private int[][] stack(int endpoint) {
		int draw = this.random.nextInt(20);
		int operation = (draw < 10) ? 0 : (draw < 15) ? 1 : (draw < 18) ? 2 : 3;
		int library = (endpoint * 5 + operation * 3 + this.random.nextInt(3)) % LIBRARIES;
		int leaf = (endpoint + operation * 7 + this.random.nextInt(5)) % LEAVES_PER_LIBRARY;
		int[] stack = new int[DEPTH];
		int depth = 0;
		for (int[] part : new int[][] { this.prefix, this.endpointFrames[endpoint],
				this.operationFrames[endpoint][operation], this.libraryFrames[library] }) {
			System.arraycopy(part, 0, stack, depth, part.length);
			depth += part.length;
		}
		stack[depth] = this.leaves[library][leaf];
		int[] lines = new int[DEPTH];
		for (int i = 0; i < DEPTH - 1; i++) {
			lines[i] = 10 + Math.floorMod(stack[i] * 31 + i, 50);
		}
		lines[DEPTH - 1] = 100 + this.random.nextInt(3);
		return new int[][] { stack, lines };
	}

	private int[] prefix() {
		List<String> names = new ArrayList<>(List.of("java.lang.Thread.run",
				"org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run",
				"org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run",
				"org.apache.tomcat.util.threads.ThreadPoolExecutor.runWorker",
				"org.apache.tomcat.util.net.SocketProcessorBase.run",
				"org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun",
				"org.apache.coyote.AbstractProtocol$ConnectionHandler.process",
				"org.apache.coyote.AbstractProcessorLight.process", "org.apache.coyote.http11.Http11Processor.service",
				"org.apache.catalina.connector.CoyoteAdapter.service",
				"org.apache.catalina.core.StandardEngineValve.invoke",
				"org.apache.catalina.core.StandardHostValve.invoke",
				"org.apache.catalina.core.StandardContextValve.invoke",
				"org.apache.catalina.core.StandardWrapperValve.invoke"));
		while (names.size() < 39) {
			int filter = names.size();
			names.add("org.apache.catalina.core.ApplicationFilterChain.doFilter");
			names.add("org.springframework.security.web.Filter" + filter + ".doFilter");
		}
		names.addAll(List.of("jakarta.servlet.http.HttpServlet.service",
				"org.springframework.web.servlet.FrameworkServlet.service",
				"org.springframework.web.servlet.DispatcherServlet.doService",
				"org.springframework.web.servlet.DispatcherServlet.doDispatch",
				"org.springframework.web.method.support.InvocableHandlerMethod.invokeForRequest",
				"java.lang.reflect.Method.invoke"));
		return frames(names.size(), names::get, FrameKind.LIBRARY);
	}

	private int[] endpointFrames(int endpoint) {
		int[] frames = new int[11];
		frames[0] = intern("com.example.shop.web.Controller" + endpoint + ".handle", FrameKind.APPLICATION);
		int[] proxies = frames(10, (k) -> "org.springframework.aop.framework.Interceptor" + k + ".invoke",
				FrameKind.LIBRARY);
		System.arraycopy(proxies, 0, frames, 1, proxies.length);
		return frames;
	}

	private int[] frames(int count, java.util.function.IntFunction<String> name, FrameKind kind) {
		int[] ids = new int[count];
		for (int i = 0; i < count; i++) {
			ids[i] = intern(name.apply(i), kind);
		}
		return ids;
	}

	private int intern(String name, FrameKind kind) {
		return this.store.write((store) -> store.frames().intern(name, kind));
	}

}

package dev.hotpath.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic hour of a busy application, fed through the real {@link ChunkProcessor}:
 * every window gets requests and samples for every endpoint, with stacks drawn from a few
 * thousand functions under Tomcat and Spring frames, as deep as real Spring stacks. Lives
 * in the engine's package to build chunks the way the sampler's reader does.
 */
public final class BusyHour {

	/** The application package of the synthetic functions. */
	public static final String APPLICATION_PACKAGE = "com.example.shop";

	private BusyHour() {
	}

	/**
	 * Builds the store.
	 * @param endpoints how many endpoints
	 * @param windows how many 10 s windows, ending now
	 * @param requestsPerWindow requests per endpoint and window
	 * @param samplesPerRequest samples per request
	 * @param nowMillis the current time
	 * @return the filled store
	 */
	public static ProfileStore build(int endpoints, int windows, int requestsPerWindow, int samplesPerRequest,
			long nowMillis) {
		ProfileStore store = new ProfileStore(new ProfileLimits(Duration.ofHours(1), Duration.ofSeconds(10), 100_000,
				10_000_000, 50_000, 5, 200_000));
		List<long[]> logged = new ArrayList<>();
		List<String> loggedNames = new ArrayList<>();
		RequestSource requests = (sink) -> {
			for (int i = 0; i < logged.size(); i++) {
				long[] row = logged.get(i);
				sink.request(loggedNames.get(i), RequestSource.ROUTE, row[0], row[1], row[2], 200, row[3], row[4],
						row[5]);
			}
			logged.clear();
			loggedNames.clear();
		};
		ChunkProcessor processor = new ChunkProcessor(store, new FrameClassifier(List.of(APPLICATION_PACKAGE)),
				requests, () -> nowMillis);
		SplittableRandom random = new SplittableRandom(42);
		int[] plumbing = plumbing(store);
		int[] functions = functions(store, 3000);
		long start = nowMillis - windows * 10_000L;
		for (int window = 0; window < windows; window++) {
			ChunkData chunk = new ChunkData();
			long windowStart = (start + window * 10_000L) * 1_000_000L;
			for (int endpoint = 0; endpoint < endpoints; endpoint++) {
				String name = "GET /shop/endpoint" + endpoint + "/{id}";
				for (int request = 0; request < requestsPerWindow; request++) {
					long begin = windowStart + (long) request * 9_000_000_000L / requestsPerWindow;
					long duration = (20 + random.nextInt(200) + endpoint * 10L) * 1_000_000L;
					int tid = 1000 + endpoint * 16 + request % 16;
					chunk.spans.add(new SpanInterval(begin, begin, begin + duration, tid, name));
					for (int sample = 0; sample < samplesPerRequest; sample++) {
						long time = begin + duration * (sample + 1) / (samplesPerRequest + 1);
						chunk.samples.add(new Sample(time, tid, stack(random, plumbing, functions, endpoint),
								(sample % 3 == 0) ? ProfileType.WALL : ProfileType.CPU, 1));
					}
					logged.add(new long[] { begin, begin / 1_000_000L, duration, random.nextLong(), random.nextLong(),
							random.nextLong() });
					loggedNames.add(name);
				}
			}
			store.write((writable) -> {
				processor.ingest(chunk);
				return null;
			});
			processor.process(null);
		}
		return store;
	}

	private static int[] plumbing(ProfileStore store) {
		String[] names = { "java.lang.Thread.run", "org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run",
				"org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run",
				"org.apache.tomcat.util.net.SocketProcessorBase.run",
				"org.apache.coyote.AbstractProtocol$ConnectionHandler.process",
				"org.apache.coyote.http11.Http11Processor.service",
				"org.apache.catalina.connector.CoyoteAdapter.service",
				"org.apache.catalina.core.StandardEngineValve.invoke",
				"org.apache.catalina.core.ApplicationFilterChain.doFilter",
				"org.springframework.web.filter.OncePerRequestFilter.doFilter",
				"org.springframework.web.filter.ServerHttpObservationFilter.doFilterInternal",
				"jakarta.servlet.http.HttpServlet.service", "org.springframework.web.servlet.FrameworkServlet.service",
				"org.springframework.web.servlet.DispatcherServlet.doDispatch",
				"org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.handleInternal",
				"org.springframework.web.method.support.InvocableHandlerMethod.invokeForRequest",
				"jdk.internal.reflect.DirectMethodHandleAccessor.invoke", "java.lang.reflect.Method.invoke" };
		int[] ids = new int[names.length];
		for (int i = 0; i < names.length; i++) {
			int index = i;
			ids[i] = store.write((writable) -> writable.frames()
				.intern(names[index], names[index].startsWith("java") || names[index].startsWith("jdk") ? FrameKind.JDK
						: FrameKind.LIBRARY));
		}
		return ids;
	}

	private static int[] functions(ProfileStore store, int count) {
		int[] ids = new int[count];
		for (int i = 0; i < count; i++) {
			String name = (i % 4 == 0) ? "com.fasterxml.lib.Part" + (i % 97) + ".step" + i
					: APPLICATION_PACKAGE + ".module" + (i % 31) + ".Service" + (i % 211) + ".work" + i;
			ids[i] = store.write((writable) -> writable.frames()
				.intern(name, name.startsWith(APPLICATION_PACKAGE) ? FrameKind.APPLICATION : FrameKind.LIBRARY));
		}
		return ids;
	}

	private static int[] stack(SplittableRandom random, int[] plumbing, int[] functions, int endpoint) {
		int depth = 4 + random.nextInt(22);
		int[] stack = new int[plumbing.length + depth];
		System.arraycopy(plumbing, 0, stack, 0, plumbing.length);
		// each endpoint walks its own neighbourhood of functions, so trees branch like
		// real ones
		int base = endpoint * 97;
		for (int i = 0; i < depth; i++) {
			int spread = 2 + i;
			stack[plumbing.length + i] = functions[(base + i * 13 + random.nextInt(spread)) % functions.length];
		}
		return stack;
	}

}

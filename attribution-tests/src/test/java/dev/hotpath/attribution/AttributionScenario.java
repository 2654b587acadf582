package dev.hotpath.attribution;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.EndpointWindow;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.RequestSource;
import dev.hotpath.profile.Window;
import dev.hotpath.sampling.Sampler;
import dev.hotpath.sampling.SamplerState;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ground truth for attribution on every thread, with the real async-profiler and Spring
 * Boot's OpenTelemetry tracing: each burn method runs for exactly one endpoint, so every
 * one of its samples has one right endpoint and, for requests, one right trace. Each
 * subclass runs the scenario on one kind of threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AttributionScenario {

	private static final int REQUESTS = 30;

	private static final Map<String, String> ENDPOINT_OF_METHOD = Map.of("burnOnRequestThread", "GET /inline/{n}",
			"burnInAsync", "GET /async/{n}", "burnInCompletableFuture", "GET /future/{n}", "burnHalfOnRequestThread",
			"GET /half/{n}", "burnHalfOnExecutor", "GET /half/{n}");

	// HTTP/1.1 without an h2c upgrade attempt, and a bound on every exchange so that a
	// lost
	// response fails the test instead of hanging it
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final Map<String, List<long[]>> tracesOfEndpoint = new HashMap<>();

	@LocalServerPort
	int port;

	@Autowired
	Sampler sampler;

	@Autowired
	ProfileStore store;

	@Autowired
	InMemorySpanExporter spans;

	@Autowired
	SdkTracerProvider tracerProvider;

	@BeforeAll
	void runEveryKindOfWork() throws Exception {
		assertThat(this.sampler.status().state()).isEqualTo(SamplerState.RUNNING);
		for (int i = 0; i < REQUESTS; i++) {
			for (String path : List.of("inline", "async", "future", "half")) {
				long[] trace = { ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong() | 1 };
				this.tracesOfEndpoint.computeIfAbsent("GET /" + path + "/{n}", (key) -> new ArrayList<>()).add(trace);
				get("/" + path + "/" + i, trace);
			}
		}
		if (withJob()) {
			GroundTruthApplication.Jobs.runs.set(0);
			GroundTruthApplication.Jobs.burning = true;
			await().until(() -> GroundTruthApplication.Jobs.runs.get() >= REQUESTS);
			// a rotation now may close the chunk inside a run, whose samples so far then
			// have no interval: they wait for the next chunk
			this.sampler.rotateNow();
			GroundTruthApplication.Jobs.burning = false;
			long calls = GroundTruthApplication.Jobs.calls.get();
			// the next call begins only once the run in progress has ended
			await().until(() -> GroundTruthApplication.Jobs.calls.get() > calls);
		}
		this.sampler.rotateNow();
		this.tracerProvider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
	}

	@Test
	void attributesEachMethodsSamplesToItsEndpoint() {
		SoftAssertions softly = new SoftAssertions();
		for (Map.Entry<String, String> method : exactMethods().entrySet()) {
			Map<String, Long> where = samplesByEndpoint(method.getKey());
			long all = where.values().stream().mapToLong(Long::longValue).sum();
			// enough samples for the share to mean something: about one per request (a
			// method burns 20 to 40 ms per request, 2 to 4 samples at 10 ms, and a busy
			// machine loses some)
			softly.assertThat(all).as("samples of %s", method.getKey()).isGreaterThanOrEqualTo(REQUESTS);
			System.out.printf("attribution: %s: %d of %d samples in %s%n", method.getKey(),
					where.getOrDefault(method.getValue(), 0L), all, method.getValue());
			softly.assertThat((double) where.getOrDefault(method.getValue(), 0L) / all)
				.as("share of %s's samples in %s, of %s", method.getKey(), method.getValue(), where)
				.isGreaterThanOrEqualTo(0.99);
		}
		softly.assertAll();
	}

	/** Whether the scenario runs the scheduled job. */
	boolean withJob() {
		return true;
	}

	/** The burn methods whose every sample must be attributed, with their endpoints. */
	Map<String, String> exactMethods() {
		return ENDPOINT_OF_METHOD;
	}

	@Test
	void makesTheScheduledJobAnEndpointOfItsOwn() {
		org.junit.jupiter.api.Assumptions.assumeTrue(withJob());
		Map<String, Long> where = samplesByEndpoint("burnInScheduledJob");
		long all = where.values().stream().mapToLong(Long::longValue).sum();
		String job = this.store.read((view) -> {
			for (Window window : view.windows()) {
				for (EndpointWindow endpoint : window.endpoints()) {
					if (RequestSource.JOB.equals(endpoint.kind())) {
						return endpoint.endpoint();
					}
				}
			}
			return null;
		});
		assertThat(job).as("the job endpoint in %s", where).isNotNull();
		System.out.printf("attribution: burnInScheduledJob: %d of %d samples in %s%n", where.getOrDefault(job, 0L), all,
				job);
		System.out.printf("attribution: %d intervals rebuilt from the logs%n",
				this.store.<Long>read((view) -> view.counts().intervalsRebuilt()));
		assertThat((double) where.getOrDefault(job, 0L) / all).as("share of the job's samples in %s, of %s", job, where)
			.isGreaterThanOrEqualTo(0.99);
	}

	@Test
	void labelsEachMethodsSamplesWithTheTraceOfItsRequest() {
		SoftAssertions softly = new SoftAssertions();
		for (Map.Entry<String, String> method : exactMethods().entrySet()) {
			long all = samplesByEndpoint(method.getKey()).values().stream().mapToLong(Long::longValue).sum();
			long inTraces = 0;
			for (long[] trace : this.tracesOfEndpoint.get(method.getValue())) {
				inTraces += this.store.read((view) -> {
					long[] found = { 0 };
					view.traceSamples(trace[0], trace[1], System.currentTimeMillis(),
							(time, span, parent, name, thread, endpoint, type, stack, weight) -> {
								if (type == ProfileType.CPU && contains(view, stack, method.getKey())) {
									found[0] += weight;
								}
							});
					return found[0];
				});
			}
			System.out.printf("trace labels: %s: %d of %d samples in their request's trace%n", method.getKey(),
					inTraces, all);
			softly.assertThat((double) inTraces / all)
				.as("share of %s's %d samples labeled with their trace", method.getKey(), all)
				.isGreaterThanOrEqualTo(0.99);
		}
		softly.assertAll();
	}

	@Test
	void opensEveryRequestByItsTraceIdWithTheSpansThatHadSamples() throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		int notAmongTheSlowest = 0;
		for (long[] trace : this.tracesOfEndpoint.get("GET /async/{n}")) {
			String traceId = HexFormat.of().toHexDigits(trace[0]) + HexFormat.of().toHexDigits(trace[1]);
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/profiles/traces/" + traceId))
				.timeout(java.time.Duration.ofMinutes(1))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("trace %s", traceId).isEqualTo(200);
			JsonNode answer = json.readTree(response.body());
			assertThat(answer.at("/endpoint/name").asString()).isEqualTo("GET /async/{n}");
			if (answer.at("/spans").isEmpty()) {
				notAmongTheSlowest++;
			}
			List<String> frames = new ArrayList<>();
			answer.at("/flame/frames").forEach((frame) -> frames.add(frame.at("/name").asString()));
			// the request thread waits while the @Async method burns on the executor: the
			// request's own flame graph holds the executor's work
			assertThat(frames).as("frames of trace %s", traceId).anyMatch((name) -> name.endsWith("burnInAsync"));
			List<String> threads = new ArrayList<>();
			answer.at("/workingSpans")
				.forEach((span) -> span.at("/threads").forEach((thread) -> threads.add(thread.asString())));
			assertThat(threads).as("threads of trace %s", traceId).isNotEmpty();
		}
		// five per endpoint and window are kept as the slowest, and the requests span at
		// most two 10-second windows; the others open all the same
		assertThat(notAmongTheSlowest).isGreaterThanOrEqualTo(REQUESTS - 10);
	}

	@Test
	void labelsSamplesWithTheSpanIdsTheTracerCreated() {
		Map<String, Set<String>> exported = this.spans.getFinishedSpanItems()
			.stream()
			.collect(Collectors.groupingBy(SpanData::getTraceId,
					Collectors.mapping(SpanData::getSpanId, Collectors.toSet())));
		int checked = 0;
		for (List<long[]> traces : this.tracesOfEndpoint.values()) {
			for (long[] trace : traces) {
				String traceId = HexFormat.of().toHexDigits(trace[0]) + HexFormat.of().toHexDigits(trace[1]);
				List<String> labeled = this.store.read((view) -> {
					List<String> ids = new ArrayList<>();
					view.traceSamples(trace[0], trace[1], System.currentTimeMillis(), (time, span, parent, name, thread,
							endpoint, type, stack, weight) -> ids.add(HexFormat.of().toHexDigits(span)));
					return ids;
				});
				assertThat(exported.get(traceId)).as("spans exported for trace %s", traceId).isNotNull();
				assertThat(exported.get(traceId)).containsAll(labeled);
				checked += labeled.size();
			}
		}
		assertThat(checked).isGreaterThan(100);
	}

	private Map<String, Long> samplesByEndpoint(String method) {
		return this.store.read((view) -> {
			Map<String, Long> where = new HashMap<>();
			for (Window window : view.windows()) {
				for (EndpointWindow endpoint : window.endpoints()) {
					where.merge(endpoint.endpoint(), weightUnder(view, endpoint.tree(ProfileType.CPU), method),
							Long::sum);
				}
				where.merge(Window.BACKGROUND, weightUnder(view, window.background().tree(ProfileType.CPU), method),
						Long::sum);
			}
			where.values().removeIf((weight) -> weight == 0);
			return where;
		});
	}

	/** The weight of the stacks that run a method, counted once where it recurses. */
	private static long weightUnder(ProfileStore.View view, CallTree tree, String method) {
		long weight = 0;
		for (int node = 1; node < tree.size(); node++) {
			if (isMethod(view, tree.frame(node), method) && !hasAncestor(view, tree, node, method)) {
				weight += tree.total(node);
			}
		}
		return weight;
	}

	private static boolean hasAncestor(ProfileStore.View view, CallTree tree, int node, String method) {
		for (int parent = tree.parent(node); parent > 0; parent = tree.parent(parent)) {
			if (isMethod(view, tree.frame(parent), method)) {
				return true;
			}
		}
		return false;
	}

	private static boolean contains(ProfileStore.View view, int[] stack, String method) {
		for (int frame : stack) {
			if (isMethod(view, frame, method)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isMethod(ProfileStore.View view, int frame, String method) {
		return view.frames().name(frame).endsWith("Burner." + method);
	}

	private void get(String path, long[] trace) throws Exception {
		String traceparent = "00-" + HexFormat.of().toHexDigits(trace[0]) + HexFormat.of().toHexDigits(trace[1])
				+ "-00f067aa0ba902b7-01";
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("traceparent", traceparent)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Exporter {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}

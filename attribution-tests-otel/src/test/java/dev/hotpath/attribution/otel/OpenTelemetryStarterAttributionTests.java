package dev.hotpath.attribution.otel;

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
import dev.hotpath.profile.Window;
import dev.hotpath.sampling.Sampler;
import dev.hotpath.sampling.SamplerState;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ground truth for attribution on every thread, with the real async-profiler and the
 * OpenTelemetry instrumentation Spring Boot starter as the only tracer: Hotpath follows
 * scopes through its wrapper of OpenTelemetry's context storage. Each burn method runs
 * for exactly one endpoint, so every one of its samples has one right endpoint and one
 * right trace.
 */
@SpringBootTest(classes = { OtelGroundTruthApplication.class, OpenTelemetryStarterAttributionTests.Exporter.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenTelemetryStarterAttributionTests {

	private static final int REQUESTS = 30;

	private static final Map<String, String> ENDPOINT_OF_METHOD = Map.of("burnOnRequestThread", "GET /inline/{n}",
			"burnOnExecutor", "GET /executor/{n}", "burnHalfOnRequestThread", "GET /half/{n}", "burnHalfOnExecutor",
			"GET /half/{n}", "burnInAsync", "GET /async/{n}");

	private final HttpClient http = HttpClient.newHttpClient();

	private final Map<String, List<long[]>> tracesOfEndpoint = new HashMap<>();

	@LocalServerPort
	int port;

	@Autowired
	Sampler sampler;

	@Autowired
	ProfileStore store;

	@Autowired
	InMemorySpanExporter spans;

	@BeforeAll
	void runEveryKindOfWork() throws Exception {
		assertThat(this.sampler.status().state()).isEqualTo(SamplerState.RUNNING);
		for (int i = 0; i < REQUESTS; i++) {
			for (String path : List.of("inline", "executor", "half", "async")) {
				long[] trace = { ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong() | 1 };
				this.tracesOfEndpoint.computeIfAbsent("GET /" + path + "/{n}", (key) -> new ArrayList<>()).add(trace);
				assertThat(get("/" + path + "/" + i, trace).statusCode()).as(path).isEqualTo(200);
			}
		}
		this.sampler.rotateNow();
	}

	@Test
	void runsWithoutMicrometerTracing() {
		ClassLoader loader = getClass().getClassLoader();
		assertThat(ClassUtils.isPresent("io.micrometer.tracing.Tracer", loader)).isFalse();
		assertThat(ClassUtils.isPresent(
				"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
				loader))
			.isFalse();
	}

	@Test
	void reportsThatItFollowsTheContextStorage() throws Exception {
		HttpResponse<String> response = get("/actuator/profiles", null);
		JsonNode overview = JsonMapper.builder().build().readTree(response.body());
		assertThat(overview.at("/attribution/mode").asString()).as(response.body()).isEqualTo("context-storage");
	}

	@Test
	void tracesEachRequestOnceWithTheTraceItWasSent() {
		Set<String> serverTraces = this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.SERVER)
			.map(SpanData::getTraceId)
			.collect(Collectors.toSet());
		for (List<long[]> traces : this.tracesOfEndpoint.values()) {
			for (long[] trace : traces) {
				assertThat(serverTraces).contains(traceId(trace));
			}
		}
	}

	@Test
	void attributesEachMethodsSamplesToItsEndpoint() {
		SoftAssertions softly = new SoftAssertions();
		for (Map.Entry<String, String> method : ENDPOINT_OF_METHOD.entrySet()) {
			Map<String, Long> where = samplesByEndpoint(method.getKey());
			long all = where.values().stream().mapToLong(Long::longValue).sum();
			softly.assertThat(all).as("samples of %s", method.getKey()).isGreaterThan(25);
			System.out.printf("attribution: %s: %d of %d samples in %s%n", method.getKey(),
					where.getOrDefault(method.getValue(), 0L), all, method.getValue());
			softly.assertThat((double) where.getOrDefault(method.getValue(), 0L) / all)
				.as("share of %s's samples in %s, of %s", method.getKey(), method.getValue(), where)
				.isGreaterThanOrEqualTo(0.99);
		}
		softly.assertAll();
	}

	@Test
	void labelsEachMethodsSamplesWithTheTraceOfItsRequest() {
		SoftAssertions softly = new SoftAssertions();
		for (Map.Entry<String, String> method : ENDPOINT_OF_METHOD.entrySet()) {
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
	void labelsSamplesWithTheSpanIdsTheTracerCreated() {
		Map<String, Set<String>> exported = this.spans.getFinishedSpanItems()
			.stream()
			.collect(Collectors.groupingBy(SpanData::getTraceId,
					Collectors.mapping(SpanData::getSpanId, Collectors.toSet())));
		int checked = 0;
		for (List<long[]> traces : this.tracesOfEndpoint.values()) {
			for (long[] trace : traces) {
				List<String> labeled = this.store.read((view) -> {
					List<String> ids = new ArrayList<>();
					view.traceSamples(trace[0], trace[1], System.currentTimeMillis(), (time, span, parent, name, thread,
							endpoint, type, stack, weight) -> ids.add(HexFormat.of().toHexDigits(span)));
					return ids;
				});
				assertThat(exported.get(traceId(trace))).as("spans exported for trace %s", traceId(trace)).isNotNull();
				assertThat(exported.get(traceId(trace))).containsAll(labeled);
				checked += labeled.size();
			}
		}
		System.out.printf("span ids: %d labeled samples, every span id one the tracer exported%n", checked);
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

	private static String traceId(long[] trace) {
		return HexFormat.of().toHexDigits(trace[0]) + HexFormat.of().toHexDigits(trace[1]);
	}

	private HttpResponse<String> get(String path, long[] trace) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", "application/json");
		if (trace != null) {
			request.header("traceparent", "00-" + traceId(trace) + "-00f067aa0ba902b7-01");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Reads back every span the tracer ends, through the instrumentation starter's hook
	 * for customizing the SDK it builds.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Exporter {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		AutoConfigurationCustomizerProvider inMemorySpans(InMemorySpanExporter exporter) {
			return (customizer) -> customizer.addTracerProviderCustomizer(
					(tracerProvider, config) -> tracerProvider.addSpanProcessor(SimpleSpanProcessor.create(exporter)));
		}

	}

}

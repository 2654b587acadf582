package dev.hotpath.attribution.reactive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.EndpointWindow;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.Window;
import dev.hotpath.sampling.Sampler;
import dev.hotpath.sampling.SamplerState;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ground truth for WebFlux with Spring Boot's OpenTelemetry tracing and Reactor's
 * automatic context propagation: each handler's burn method runs for one endpoint and one
 * request.
 */
@SpringBootTest(classes = ReactiveGroundTruthApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.reactor.context-propagation=auto" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebFluxAttributionTests {

	private static final int REQUESTS = 30;

	private static final Map<String, String> ENDPOINT_OF_METHOD = Map.of("burnInWebFluxHandler", "GET /reactive/{n}",
			"burnAfterSchedulerHop", "GET /hop/{n}", "burnInRouterFunction", "GET /routed/{n}");

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

	@BeforeAll
	void sendRequests() throws Exception {
		assertThat(this.sampler.status().state()).isEqualTo(SamplerState.RUNNING);
		for (int i = 0; i < REQUESTS; i++) {
			for (String path : List.of("reactive", "hop", "routed")) {
				long[] trace = { ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong() | 1 };
				this.tracesOfEndpoint.computeIfAbsent("GET /" + path + "/{n}", (key) -> new ArrayList<>()).add(trace);
				get("/" + path + "/" + i, trace);
			}
		}
		this.sampler.rotateNow();
	}

	@Test
	void attributesEachHandlersSamplesToItsRouteAndTrace() {
		SoftAssertions softly = new SoftAssertions();
		for (Map.Entry<String, String> method : ENDPOINT_OF_METHOD.entrySet()) {
			Map<String, Long> where = samplesByEndpoint(method.getKey());
			long all = where.values().stream().mapToLong(Long::longValue).sum();
			long inTraces = 0;
			for (long[] trace : this.tracesOfEndpoint.get(method.getValue())) {
				inTraces += this.store.read((view) -> {
					long[] found = { 0 };
					view.traceSamples(trace[0], trace[1], System.currentTimeMillis(),
							(time, span, parent, name, thread, endpoint, type, stack, weight) -> {
								for (int frame : stack) {
									if (type == ProfileType.CPU
											&& view.frames().name(frame).endsWith(method.getKey())) {
										found[0] += weight;
										return;
									}
								}
							});
					return found[0];
				});
			}
			System.out.printf("webflux attribution: %s: %d of %d samples in %s, %d in their request's trace%n",
					method.getKey(), where.getOrDefault(method.getValue(), 0L), all, method.getValue(), inTraces);
			softly.assertThat(all).as("samples of %s", method.getKey()).isGreaterThan(50);
			softly.assertThat((double) where.getOrDefault(method.getValue(), 0L) / all)
				.as("share of %s's samples in %s, of %s", method.getKey(), method.getValue(), where)
				.isGreaterThanOrEqualTo(0.99);
			softly.assertThat((double) inTraces / all)
				.as("share of %s's samples in their trace", method.getKey())
				.isGreaterThanOrEqualTo(0.99);
		}
		softly.assertAll();
	}

	private Map<String, Long> samplesByEndpoint(String method) {
		return this.store.read((view) -> {
			Map<String, Long> where = new HashMap<>();
			for (Window window : view.windows()) {
				for (EndpointWindow endpoint : window.endpoints()) {
					where.merge(endpoint.endpoint(), weightOf(view, endpoint.tree(ProfileType.CPU), method), Long::sum);
				}
				where.merge(Window.BACKGROUND, weightOf(view, window.background().tree(ProfileType.CPU), method),
						Long::sum);
			}
			where.values().removeIf((weight) -> weight == 0);
			return where;
		});
	}

	private static long weightOf(ProfileStore.View view, CallTree tree, String method) {
		long weight = 0;
		for (int node = 1; node < tree.size(); node++) {
			if (view.frames().name(tree.frame(node)).endsWith(method)) {
				weight += tree.total(node);
			}
		}
		return weight;
	}

	private void get(String path, long[] trace) throws Exception {
		String traceparent = "00-" + HexFormat.of().toHexDigits(trace[0]) + HexFormat.of().toHexDigits(trace[1])
				+ "-00f067aa0ba902b7-01";
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.timeout(Duration.ofMinutes(1))
				.header("traceparent", traceparent)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
	}

}

package dev.hotpath.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.hotpath.it.app.WorkApplication;
import dev.hotpath.query.EndpointIds;
import dev.hotpath.sampling.Sampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path with the JDK Flight Recorder instead of async-profiler, as on a laptop
 * where async-profiler cannot load: requests to a small application, one rotation, then
 * the JSON API. The sampler is one per JVM, so this class runs in a surefire execution of
 * its own, where no other context has started it with async-profiler.
 */
@SpringBootTest(classes = WorkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiles", "hotpath.sampling.chunk=1h",
				"hotpath.sampling.idle-after=1h", "hotpath.sampling.engine=jfr",
				"spring.task.execution.propagate-context=true",
				"spring.autoconfigure.exclude=" + ProfilesEndpointIntegrationTests.NO_SECURITY + ","
						+ ProfilesEndpointIntegrationTests.NO_TRACING })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdkFlightRecorderIntegrationTests {

	private static final String SPIN = "GET /spin/{millis}";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Sampler sampler;

	@BeforeAll
	void sendRequestsAndReadTheChunk() throws Exception {
		for (int i = 0; i < 12; i++) {
			get("/spin/90");
			get("/handoff/30");
			get("/quick");
		}
		this.sampler.rotateNow();
	}

	@Test
	void saysTheJdkFlightRecorderSamplesJavaFramesOnly() throws Exception {
		JsonNode sampler = json(get("/actuator/profiles")).at("/sampler");
		assertThat(sampler.at("/state").asString()).isEqualTo("RUNNING");
		assertThat(sampler.at("/engine").asString()).isEqualTo("jdk-flight-recorder");
		assertThat(sampler.at("/mode").asString()).contains("JDK Flight Recorder method sampling")
			.contains("Java frames only")
			.contains("because hotpath.sampling.engine is jfr");
	}

	@Test
	void ranksTheBusyEndpointFirstWithItsHotFunction() throws Exception {
		// by CPU time per request: spin 90 ms, handoff 40 (10 on the request thread, 30
		// on an executor), far enough apart for sampling not to turn them round
		JsonNode overview = json(get("/actuator/profiles?sort=cpu"));
		JsonNode first = overview.at("/endpoints/0");
		assertThat(first.at("/name").asString()).isEqualTo(SPIN);
		assertThat(first.at("/requests").asLong()).isEqualTo(12);
		assertThat(first.at("/hottestFunction/name").asString()).isEqualTo("dev.hotpath.it.app.Work.spin");
	}

	@Test
	void showsTheBusyEndpointsFunctionsAndFollowsWorkOnAnExecutor() throws Exception {
		JsonNode endpoint = json(get("/actuator/profiles/endpoints/" + EndpointIds.id(SPIN) + "?scope=app"));
		assertThat(endpoint.at("/functions/0/name").asString()).isEqualTo("dev.hotpath.it.app.Work.spin");
		assertThat(endpoint.at("/sampling/types").toString()).contains("cpu").doesNotContain("wall");
		JsonNode handoff = json(
				get("/actuator/profiles/endpoints/" + EndpointIds.id("GET /handoff/{millis}") + "?scope=app"));
		// the executor's samples reach the request through the scope logged on the
		// executor's thread
		assertThat(handoff.at("/functions/0/name").asString()).isEqualTo("dev.hotpath.it.app.Work.spin");
		assertThat(handoff.at("/functions").toString()).contains("dev.hotpath.it.app.Work.spinOnExecutor");
	}

	private JsonNode json(String body) {
		return this.json.readTree(body);
	}

	private String get(String path) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}

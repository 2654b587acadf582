package dev.hotpath.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import dev.hotpath.it.app.WorkApplication;
import dev.hotpath.tagging.RequestLog;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reading the endpoint closes a running chunk older than
 * {@code hotpath.sampling.read-refresh} first, so that a user who opens the page, or
 * downloads a profile, right after some requests finds them without waiting for the
 * chunk. Here the chunk runs for an hour and nothing else rotates it.
 */
@SpringBootTest(classes = WorkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiles", "hotpath.sampling.chunk=1h",
				"hotpath.sampling.idle-after=1h", "hotpath.sampling.read-refresh=1ms",
				// the JVM's sampler runs with the first registered context's settings
				"hotpath.sampling.alloc-enabled=true", "hotpath.sampling.lock-enabled=true",
				"spring.autoconfigure.exclude=" + ProfilesEndpointIntegrationTests.NO_SECURITY + ","
						+ ProfilesEndpointIntegrationTests.NO_TRACING })
class ReadRefreshIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	RequestLog log;

	@Test
	void answersWithTheRequestsCompletedBeforeEachReadWithoutWaitingForTheChunk() throws Exception {
		long logged = this.log.recorded();
		for (int i = 0; i < 3; i++) {
			assertThat(send("/spin/90", "*/*").statusCode()).isEqualTo(200);
		}
		// a response can reach the client just before its request is logged
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.log.recorded() >= logged + 3);
		JsonNode overview = this.json.readTree(send("/actuator/profiles", "application/json").body());
		assertThat(overview.at("/endpoints").valueStream().map((endpoint) -> endpoint.at("/name").asString()))
			.contains("GET /spin/{millis}");
		assertThat(overview.at("/sampler/refreshSeconds").asLong()).isEqualTo(1);
		// the next read closes the chunk begun by the first one: a download too
		for (int i = 0; i < 5; i++) {
			assertThat(send("/handoff/30", "*/*").statusCode()).isEqualTo(200);
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.log.recorded() >= logged + 8);
		HttpResponse<String> collapsed = send("/actuator/profiles?format=collapsed&type=cpu", "*/*");
		assertThat(collapsed.statusCode()).isEqualTo(200);
		assertThat(collapsed.body()).contains("dev.hotpath.it.app.Work.spinOnExecutor");
	}

	private HttpResponse<String> send(String path, String accept) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", accept)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

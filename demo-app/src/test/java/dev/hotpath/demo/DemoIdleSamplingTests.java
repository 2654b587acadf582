package dev.hotpath.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hotpath.sampling.Sampler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo app idle, with the real async-profiler and OpenTelemetry: wall-clock sampling
 * pauses after a chunk without requests, and requests to the actuator (health checks,
 * also on the paths Spring Boot adds for Kubernetes, reading the profiles) leave it
 * paused, although each opens its server span's scope on the request thread before
 * Hotpath's request filter runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "demo.load.enabled=false", "hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h",
				"hotpath.sampling.read-refresh=0", "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.probes.add-additional-paths=true" })
@DirtiesContext
class DemoIdleSamplingTests {

	private static final String PAUSED = "wall-clock sampling paused";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Sampler sampler;

	@Test
	void probesLeaveWallClockSamplingOfAnIdleApplicationPausedAndARequestResumesItAtOnce() throws Exception {
		AtomicInteger chunks = new AtomicInteger();
		try (Sampler.Registration registration = this.sampler.register(this.sampler.status().settings(),
				(chunk) -> chunks.incrementAndGet())) {
			// the first rotation notes how many requests began, the second finds none
			// since
			this.sampler.rotateNow();
			this.sampler.rotateNow();
			assertThat(samplingMode()).contains(PAUSED);
			int before = chunks.get();
			// Kubernetes' probes, also on the paths Spring Boot adds on the application's
			// port
			for (String probe : List.of("/actuator/health", "/livez", "/readyz")) {
				assertThat(send(probe).statusCode()).as(probe).isEqualTo(200);
			}
			assertThat(samplingMode()).contains(PAUSED);
			// a resume would have been queued on the sampler's thread before this
			// rotation,
			// and closed a chunk of its own
			this.sampler.rotateNow();
			assertThat(chunks.get()).isEqualTo(before + 1);
			assertThat(samplingMode()).contains(PAUSED);
			assertThat(send("/calculate1/100").statusCode()).isEqualTo(200);
			this.sampler.rotateNow();
			assertThat(chunks.get()).as("a request resumes wall-clock sampling at once, closing a chunk")
				.isEqualTo(before + 3);
		}
	}

	private String samplingMode() throws Exception {
		HttpResponse<String> response = send("/actuator/profiles");
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body()).at("/sampler/mode").asString();
	}

	private HttpResponse<String> send(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "application/json")
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}

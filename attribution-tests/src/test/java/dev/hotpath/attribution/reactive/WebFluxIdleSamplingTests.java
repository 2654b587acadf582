package dev.hotpath.attribution.reactive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hotpath.sampling.Sampler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application idle, with Spring Boot's OpenTelemetry tracing and Reactor's
 * automatic context propagation: wall-clock sampling pauses after a chunk without
 * requests, and requests to the actuator leave it paused, although their server spans'
 * scopes open on event loop and bounded-elastic threads around all web filters, and some
 * reopen after the observation stopped.
 */
@SpringBootTest(classes = ReactiveGroundTruthApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.reactor.context-propagation=auto",
				"hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h", "hotpath.sampling.read-refresh=0" })
@DirtiesContext
class WebFluxIdleSamplingTests {

	private static final String PAUSED = "wall-clock sampling paused";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
			assertThat(this.sampler.status().mode()).contains(PAUSED);
			int before = chunks.get();
			for (int i = 0; i < 3; i++) {
				assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
			}
			HttpResponse<String> profiles = get("/actuator/profiles");
			assertThat(profiles.statusCode()).isEqualTo(200);
			assertThat(profiles.body()).contains(PAUSED);
			// a resume would have been queued on the sampler's thread before this
			// rotation,
			// and closed a chunk of its own
			this.sampler.rotateNow();
			assertThat(chunks.get()).isEqualTo(before + 1);
			assertThat(get("/reactive/1").statusCode()).isEqualTo(200);
			this.sampler.rotateNow();
			assertThat(chunks.get()).as("a request resumes wall-clock sampling at once, closing a chunk")
				.isEqualTo(before + 3);
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofMinutes(1))
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

package dev.hotpath.export.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import dev.hotpath.profile.ProfileType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class PyroscopeBackendTests {

	private static final long START = 1_700_000_000_000L;

	private final AtomicLong clock = new AtomicLong(START);

	@Test
	void postsPprofWithTraceAndSpanIdsToIngestUnderTheApplicationsLabels() throws Exception {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("env", "test");
		labels.put("region", "eu-west");
		PyroscopeBackend backend;
		try (BackendServer server = BackendServer.start()) {
			backend = PyroscopeBackend.builder(server.uri("/pyroscope"), "orders")
				.labels(labels)
				.basicAuth("123456", "s3cret")
				.tenantId("team-a")
				.build();
			try (ProfilePusher pusher = new ProfilePusher(
					(range) -> Optional.of(Profiles.profile(range.fromMillis(), range.toMillis(), ProfileType.CPU)),
					this.clock::get, List.of(backend), settings(), this.clock::get)) {
				this.clock.addAndGet(15_000);
				pusher.tick();
				await().untilAsserted(() -> assertThat(pusher.status("pyroscope").pushed()).isOne());
			}
			assertThat(server.received()).hasSize(1);
			BackendServer.Received request = server.received().get(0);
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.uri().getPath()).isEqualTo("/pyroscope/ingest");
			assertThat(request.query()).containsExactly(Map.entry("name", "orders{env=test,region=eu-west}"),
					Map.entry("from", "1700000000"), Map.entry("until", "1700000015"), Map.entry("format", "pprof"));
			assertThat(request.header("Content-Type")).isEqualTo("application/octet-stream");
			assertThat(request.header("Authorization")).isEqualTo(
					"Basic " + Base64.getEncoder().encodeToString("123456:s3cret".getBytes(StandardCharsets.UTF_8)));
			assertThat(request.header("X-Scope-OrgID")).isEqualTo("team-a");
			assertThat(Profiles.sampleTypes(request.body())).containsExactly("cpu");
			assertThat(Profiles.sampleLabels(request.body())).contains(
					Map.of("trace_id", Profiles.TRACE_ID, "span_id", Profiles.SPAN_ID, "span_name", "GET /orders/{id}",
							"endpoint", "GET /orders/{id}", "thread", "http-nio-8080-exec-*"),
					Map.of("thread", "scheduling-*"));
		}
	}

	@Test
	void sendsEachProfileTypeInItsOwnRequest() {
		PyroscopeBackend backend = PyroscopeBackend.builder(URI.create("http://pyroscope:4040"), "orders").build();
		List<PushRequest> requests = backend
			.requests(Profiles.profile(START, START + 10_000, ProfileType.CPU, ProfileType.WALL, ProfileType.LOCK));
		assertThat(requests).extracting((request) -> Profiles.sampleTypes(request.body()))
			.containsExactly(List.of("cpu"), List.of("wall"), List.of("lock_time", "lock_samples"));
		assertThat(requests).extracting(PushRequest::uri)
			.containsOnly(URI.create(
					"http://pyroscope:4040/ingest?name=orders%7B%7D&from=1700000000&until=1700000010&format=pprof"));
	}

	@Test
	void sendsNothingForAProfileWithoutSamples() {
		PyroscopeBackend backend = PyroscopeBackend.builder(URI.create("http://pyroscope:4040"), "orders").build();
		assertThat(backend.requests(Profiles.empty(START, START + 10_000))).isEmpty();
	}

	@Test
	void sendsABearerToken() {
		PyroscopeBackend backend = PyroscopeBackend.builder(URI.create("https://profiles.example.com/"), "orders")
			.bearerToken("glc_token")
			.build();
		PushRequest request = backend.requests(Profiles.profile(START, START + 10_000, ProfileType.CPU)).get(0);
		assertThat(request.uri().getPath()).isEqualTo("/ingest");
		assertThat(request.headers()).containsEntry("Authorization", "Bearer glc_token")
			.doesNotContainKey("X-Scope-OrgID");
	}

	@Test
	void refusesBasicAuthTogetherWithABearerToken() {
		PyroscopeBackend.Builder builder = PyroscopeBackend.builder(URI.create("http://pyroscope:4040"), "orders")
			.basicAuth("user", "password")
			.bearerToken("token");
		assertThatIllegalArgumentException().isThrownBy(builder::build).withMessageContaining("not both");
	}

	@Test
	void refusesLabelsPyroscopesSyntaxCannotHold() {
		PyroscopeBackend.Builder builder = PyroscopeBackend.builder(URI.create("http://pyroscope:4040"), "orders")
			.labels(Map.of("env", "test,region=eu"));
		assertThatIllegalArgumentException().isThrownBy(builder::build).withMessageContaining("env=test,region=eu");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PyroscopeBackend.builder(URI.create("http://pyroscope:4040"), "orders{x=y}").build());
	}

	@Test
	void refusesAUrlThatIsNotHttp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PyroscopeBackend.builder(URI.create("pyroscope:4040"), "orders").build());
	}

	private static PushSettings settings() {
		return new PushSettings(Duration.ofHours(1), Duration.ofSeconds(30), 0, Duration.ofMillis(1), 4,
				Duration.ofSeconds(1));
	}

}

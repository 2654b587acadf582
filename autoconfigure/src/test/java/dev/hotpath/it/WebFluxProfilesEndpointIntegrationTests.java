package dev.hotpath.it;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hotpath.actuate.ui.Browser;
import dev.hotpath.it.webflux.ReactiveApplication;
import dev.hotpath.query.EndpointIds;
import dev.hotpath.sampling.Sampler;
import dev.hotpath.tagging.RequestLog;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebFlux application with Spring Boot's OpenTelemetry tracing, end to end: requests to
 * an annotated controller and a router function, one rotation, then the JSON API and the
 * page. Reactor's automatic context propagation stays off, as it is by default.
 */
@SpringBootTest(classes = ReactiveApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"management.endpoints.web.exposure.include=profiles", "management.tracing.sampling.probability=1.0",
				"hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h",
				"logging.level.org.springframework.web.HttpLogging=off",
				"logging.level.org.springframework.boot.webflux.autoconfigure.error=off",
				"spring.autoconfigure.exclude=" + WebFluxProfilesEndpointIntegrationTests.NO_SECURITY })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebFluxProfilesEndpointIntegrationTests {

	/**
	 * Spring Security is on the test classpath for {@link SecuredProfilesEndpointTests}.
	 */
	static final String NO_SECURITY = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration";

	private static final String REACTIVE = "GET /reactive/{id}";

	private static final String ROUTED = "GET /routed/{name}";

	private static final String FAILING = "GET /failing/{id}";

	private static final String HELD = "GET /held/{id}";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Sampler sampler;

	@Autowired
	RequestLog log;

	@Autowired
	InMemorySpanExporter spans;

	@Autowired
	SdkTracerProvider tracerProvider;

	@BeforeAll
	void sendRequestsAndReadTheChunk() throws Exception {
		for (int i = 0; i < 7; i++) {
			assertThat(send("/reactive/" + i + "?token=secret" + i, "application/json").statusCode()).isEqualTo(200);
		}
		for (int i = 0; i < 5; i++) {
			assertThat(send("/routed/name-" + i, "application/json").statusCode()).isEqualTo(200);
		}
		for (int i = 0; i < 3; i++) {
			assertThat(send("/no/such/page-" + i, "application/json").statusCode()).isEqualTo(404);
			assertThat(send("/failing/" + i, "application/json").statusCode()).isEqualTo(500);
		}
		sendAndHangUp("/held/1");
		// a response can reach the client just before its request is logged
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.log.recorded() >= 19);
		this.sampler.rotateNow();
	}

	@Test
	void countsAnnotatedAndRoutedRequestsUnderTheirRouteTemplates() throws Exception {
		JsonNode overview = json(get("/actuator/profiles"));
		assertThat(names(overview.at("/endpoints"))).containsExactlyInAnyOrder(REACTIVE, ROUTED, FAILING, HELD,
				"NOT_FOUND");
		JsonNode reactive = endpoint(overview, REACTIVE);
		assertThat(reactive.at("/requests").asLong()).isEqualTo(7);
		assertThat(reactive.at("/errors").asLong()).isZero();
		assertThat(reactive.at("/latency/p50Ms").asDouble())
			.isGreaterThanOrEqualTo(ReactiveApplication.DELAY.toMillis());
		assertThat(endpoint(overview, ROUTED).at("/requests").asLong()).isEqualTo(5);
		assertThat(endpoint(overview, "NOT_FOUND").at("/requests").asLong()).isEqualTo(3);
		assertThat(endpoint(overview, FAILING).at("/errors").asLong()).isEqualTo(3);
	}

	@Test
	void logsARequestWhoseClientHungUpWithStatus499() throws Exception {
		JsonNode held = json(get("/actuator/profiles/endpoints/" + EndpointIds.id(HELD)));
		assertThat(held.at("/stats/requests").asLong()).isEqualTo(1);
		assertThat(held.at("/stats/errors").asLong()).isZero();
		assertThat(held.at("/slowest/0/status").asInt()).isEqualTo(499);
	}

	@Test
	void keepsNoRawPathOrQuery() throws Exception {
		String body = get("/actuator/profiles");
		assertThat(body).doesNotContain("secret").doesNotContain("page-").doesNotContain("name-");
		assertThat(body).doesNotContain("/reactive/1\"");
	}

	@Test
	void recordsTheTraceIdsOfTheServerSpansThatTracingCreated() throws Exception {
		JsonNode endpoint = json(get("/actuator/profiles/endpoints/" + EndpointIds.id(REACTIVE)));
		assertThat(endpoint.at("/name").asString()).isEqualTo(REACTIVE);
		JsonNode slowest = endpoint.at("/slowest");
		assertThat(slowest.size()).isPositive();
		List<String> serverSpans = serverSpans("/reactive/{id}");
		assertThat(serverSpans).hasSize(7);
		slowest.forEach((request) -> assertThat(serverSpans)
			.contains(request.at("/traceId").asString() + "/" + request.at("/spanId").asString()));
		JsonNode trace = json(get("/actuator/profiles/traces/" + slowest.at("/0/traceId").asString()));
		assertThat(trace.at("/endpoint/name").asString()).isEqualTo(REACTIVE);
		assertThat(trace.at("/spans/0/spanId").asString()).isEqualTo(slowest.at("/0/spanId").asString());
	}

	@Test
	void servesThePageToBrowsers() throws Exception {
		HttpResponse<String> page = send("/actuator/profiles", "text/html,*/*;q=0.8");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).startsWith("<!DOCTYPE html>").doesNotContain("/*HOTPATH_");
	}

	@Test
	void showsTheEndpointsAndASlowRequestInTheBrowser() throws Exception {
		Browser.requireInstalled();
		Browser browser = Browser.start();
		try {
			browser.open("http://127.0.0.1:" + this.port + "/actuator/profiles");
			browser.waitUntilReady("overview");
			List<String> rows = new ArrayList<>();
			browser.allByTestId("endpoint-row").forEach((row) -> rows.add(row.getAttribute("data-endpoint-name")));
			assertThat(rows).contains(REACTIVE, ROUTED, "NOT_FOUND");
			browser.open("http://127.0.0.1:" + this.port + "/actuator/profiles/endpoints/" + EndpointIds.id(REACTIVE));
			browser.waitUntilReady("endpoint");
			browser.screenshot("webflux-endpoint");
			assertThat(browser.pageErrors()).isEmpty();
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void servesDownloadsOnWebFluxToo() throws Exception {
		HttpResponse<byte[]> pprof = this.http
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/profiles/endpoints/"
						+ EndpointIds.id(REACTIVE) + "?format=pprof"))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(pprof.statusCode()).isEqualTo(200);
		// gzip's magic number: pprof downloads are gzipped protobuf
		assertThat(pprof.body()).startsWith((byte) 0x1f, (byte) 0x8b);
		HttpResponse<String> collapsed = send("/actuator/profiles?format=collapsed", "*/*");
		assertThat(collapsed.statusCode()).isEqualTo(200);
		assertThat(collapsed.body()).isNotBlank();
	}

	@Test
	void answersBadInputWithAStatusAndAMessage() throws Exception {
		HttpResponse<String> response = send("/actuator/profiles?sort=slowness", "application/json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response.body()).at("/message").asString()).contains("Unknown sort");
		HttpResponse<String> missing = send("/actuator/profiles/endpoints/R0VUIC9ub3doZXJl", "application/json");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(json(missing.body()).at("/status").asInt()).isEqualTo(404);
	}

	/**
	 * Sends a request that the application never answers and closes the connection once
	 * the controller has it.
	 */
	private void sendAndHangUp(String path) throws Exception {
		int before = ReactiveApplication.held.get();
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			await().atMost(10, TimeUnit.SECONDS).until(() -> ReactiveApplication.held.get() > before);
		}
	}

	private List<String> serverSpans(String route) {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		List<String> ids = new ArrayList<>();
		for (SpanData span : this.spans.getFinishedSpanItems()) {
			if (span.getKind() == SpanKind.SERVER && route
				.equals(span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("uri")))) {
				ids.add(span.getTraceId() + "/" + span.getSpanId());
			}
		}
		return ids;
	}

	private JsonNode endpoint(JsonNode overview, String name) {
		for (JsonNode endpoint : overview.at("/endpoints")) {
			if (endpoint.at("/name").asString().equals(name)) {
				return endpoint;
			}
		}
		throw new AssertionError("No endpoint " + name + " in " + overview);
	}

	private List<String> names(JsonNode endpoints) {
		List<String> names = new ArrayList<>();
		endpoints.forEach((endpoint) -> names.add(endpoint.at("/name").asString()));
		return names;
	}

	private JsonNode json(String body) {
		return this.json.readTree(body);
	}

	private String get(String path) throws Exception {
		return send(path, "application/json").body();
	}

	private HttpResponse<String> send(String path, String accept) throws Exception {
		// bounded, so that a lost response fails the test instead of hanging the build
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofMinutes(1))
			.header("Accept", accept)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

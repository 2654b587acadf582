package dev.hotpath.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.hotpath.it.app.WorkApplication;
import dev.hotpath.query.EndpointIds;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.sampling.Sampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path with the real async-profiler: requests to a small application, one
 * rotation, then the JSON API.
 */
@SpringBootTest(classes = WorkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiles", "hotpath.sampling.chunk=1h",
				"hotpath.sampling.idle-after=1h", "spring.task.execution.propagate-context=true",
				"hotpath.sampling.alloc-enabled=true", "hotpath.sampling.lock-enabled=true",
				"spring.autoconfigure.exclude=" + ProfilesEndpointIntegrationTests.NO_SECURITY + ","
						+ ProfilesEndpointIntegrationTests.NO_TRACING })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfilesEndpointIntegrationTests {

	/**
	 * Spring Security is on the test classpath for {@link SecuredProfilesEndpointTests}.
	 */
	static final String NO_SECURITY = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

	/**
	 * Boot's OpenTelemetry tracing is on the test classpath for the WebFlux tests; this
	 * application runs without a tracer, so Hotpath's own ids travel with context
	 * propagation.
	 */
	static final String NO_TRACING = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration,"
			+ "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration";

	private static final String SPIN = "GET /spin/{millis}";

	private static final String HANDOFF = "GET /handoff/{millis}";

	private static final String ALLOCATE = "GET /allocate/{megabytes}";

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
			if (i % 2 == 0) {
				// typical requests of the same endpoint, to tell the slow ones from
				get("/spin/1");
			}
			get("/handoff/30");
			get("/quick");
			get("/allocate/4");
		}
		for (int i = 0; i < 300; i++) {
			get("/no/such/page-" + i + "?token=secret" + i);
			get("/quick?session=secret" + i);
			get("/items/" + i);
		}
		this.sampler.rotateNow();
	}

	@Test
	void ranksTheBusyEndpointFirstWithItsHotFunction() throws Exception {
		// by CPU time per request: spin burns 60 ms on average (90 ms in twelve requests,
		// 1 ms in six), handoff at most 40 ms (10 on the request thread, 30 on an
		// executor). With 60 ms spins the two were 41 and 36 ms a request and sampling
		// on a loaded machine once put handoff first. By latency, a busy machine can keep
		// handoff's executor waiting long enough to pass spin
		JsonNode overview = json(get("/actuator/profiles?sort=cpu"));
		assertThat(overview.at("/sampler/state").asString()).isEqualTo("RUNNING");
		assertThat(overview.at("/applicationPackage").asString()).isEqualTo("dev.hotpath.it.app");
		JsonNode first = overview.at("/endpoints/0");
		assertThat(first.at("/name").asString()).isEqualTo(SPIN);
		assertThat(first.at("/requests").asLong()).isEqualTo(18);
		assertThat(first.at("/latency/p95Ms").asDouble()).isGreaterThanOrEqualTo(90);
		assertThat(first.at("/hottestFunction/name").asString()).isEqualTo("dev.hotpath.it.app.Work.spin");
		assertThat(names(overview.at("/endpoints"))).contains("GET /quick", "NOT_FOUND");
		assertThat(overview.at("/timeline").size()).isPositive();
	}

	@Test
	void groupsManyDistinctUrlsUnderTheirRouteAndKeepsNoRawUrlOrQuery() throws Exception {
		String body = get("/actuator/profiles");
		assertThat(names(json(body).at("/endpoints"))).containsExactlyInAnyOrder(SPIN, HANDOFF, ALLOCATE, "GET /quick",
				"GET /items/{id}", "NOT_FOUND");
		assertThat(body).doesNotContain("secret").doesNotContain("page-");
		assertThat(body).doesNotContain("/items/1\"");
	}

	@Test
	void showsAnEndpointsFlameGraphAndItsFunctionsWithMyCodeOnly() throws Exception {
		JsonNode endpoint = json(get("/actuator/profiles/endpoints/" + EndpointIds.id(SPIN) + "?scope=app"));
		assertThat(endpoint.at("/name").asString()).isEqualTo(SPIN);
		assertThat(endpoint.at("/flame/nodes/frame").size()).isGreaterThan(1);
		assertThat(endpoint.at("/functions/0/name").asString()).isEqualTo("dev.hotpath.it.app.Work.spin");
		assertThat(endpoint.at("/functions/0/requests").asLong()).isPositive();
		assertThat(endpoint.at("/sampling/cpuIntervalMs").asLong()).isEqualTo(10);
		JsonNode all = json(get("/actuator/profiles/endpoints/" + EndpointIds.id(SPIN) + "?type=wall&scope=all"));
		assertThat(all.at("/type").asString()).isEqualTo("wall");
		assertThat(all.at("/flame/nodes/total/0").asLong()).isPositive();
	}

	@Test
	void showsTheAllocatingFunctionOnTopOfAnEndpointsAllocationProfile() throws Exception {
		JsonNode endpoint = json(
				get("/actuator/profiles/endpoints/" + EndpointIds.id(ALLOCATE) + "?type=alloc&scope=app"));
		assertThat(endpoint.at("/type").asString()).isEqualTo("alloc");
		assertThat(endpoint.at("/functions/0/name").asString()).isEqualTo("dev.hotpath.it.app.Work.allocateMegabytes");
		assertThat(endpoint.at("/stats/samples/alloc").asLong()).isPositive();
		assertThat(endpoint.at("/stats/allocBytesPerRequest").asDouble()).isPositive();
		assertThat(endpoint.at("/sampling/types").toString()).contains("alloc", "lock");
		JsonNode overview = json(get("/actuator/profiles?sort=alloc"));
		assertThat(overview.at("/endpoints/0/name").asString()).isEqualTo(ALLOCATE);
		assertThat(overview.at("/endpoints/0/lockMsPerRequest").isNumber()).isTrue();
		assertThat(overview.at("/sampler/mode").asString()).contains("allocations every 512 KB");
	}

	@Test
	void showsTheSamplesOfOneSlowRequestByTraceId() throws Exception {
		JsonNode endpoint = json(get("/actuator/profiles/endpoints/" + EndpointIds.id(SPIN)));
		// the slowest request that was sampled: on a loaded machine a one-millisecond
		// spin
		// can wait longer than a sixty-millisecond one runs
		String traceId = null;
		for (JsonNode request : endpoint.at("/slowest")) {
			if (traceId == null && request.at("/samples/cpu").asLong() > 0) {
				traceId = request.at("/traceId").asString();
			}
		}
		assertThat(traceId).hasSize(32);
		JsonNode trace = json(get("/actuator/profiles/traces/" + traceId));
		assertThat(trace.at("/endpoint/name").asString()).isEqualTo(SPIN);
		assertThat(trace.at("/flame/nodes/total/0").asLong()).isPositive();
		assertThat(trace.at("/spans/0/thread").asString()).isNotBlank();
	}

	@Test
	void attributesWorkOnTheApplicationsExecutorToItsRequestWithoutATracer() throws Exception {
		JsonNode overview = json(get("/actuator/profiles"));
		assertThat(overview.at("/attribution/mode").asString()).isEqualTo("context-propagation");
		JsonNode handoff = json(get("/actuator/profiles/endpoints/" + EndpointIds.id(HANDOFF) + "?scope=app"));
		List<String> functions = new ArrayList<>();
		handoff.at("/functions").forEach((function) -> functions.add(function.at("/name").asString()));
		assertThat(functions).contains("dev.hotpath.it.app.Work.spinOnExecutor");
		JsonNode background = json(get("/actuator/profiles/endpoints/" + overview.at("/background/id").asString()));
		for (JsonNode frame : background.at("/flame/frames")) {
			assertThat(frame.at("/name").asString()).isNotEqualTo("dev.hotpath.it.app.Work.spinOnExecutor");
		}
		// each kept request's trace holds the executor's work; the request threads' own
		// work (10 ms, a CPU sample or so) shows in them too. Not asked of one trace: the
		// sampler runs with the settings of the first context that started it, so how a
		// short stretch of one thread is sampled is not this class's to choose
		JsonNode slowest = handoff.at("/slowest");
		List<String> threadsOfSlowest = new ArrayList<>();
		List<String> threadsOfAll = new ArrayList<>();
		for (int i = 0; i < slowest.size(); i++) {
			JsonNode trace = json(get("/actuator/profiles/traces/" + slowest.get(i).at("/traceId").asString()));
			List<String> threads = new ArrayList<>();
			trace.at("/workingSpans").forEach((span) -> span.at("/threads").forEach((t) -> threads.add(t.asString())));
			if (i == 0) {
				threadsOfSlowest.addAll(threads);
			}
			threadsOfAll.addAll(threads);
		}
		assertThat(threadsOfSlowest).anyMatch((thread) -> thread.startsWith("task-"));
		assertThat(threadsOfAll).anyMatch((thread) -> thread.startsWith("http-nio-"));
	}

	@Test
	void leavesTheActuatorsOwnRequestsOutOfTheRanking() throws Exception {
		for (int i = 0; i < 5; i++) {
			get("/actuator/profiles");
		}
		this.sampler.rotateNow();
		JsonNode overview = json(get("/actuator/profiles"));
		assertThat(names(overview.at("/endpoints"))).noneMatch((name) -> name.contains("/actuator"));
		assertThat(overview.at("/actuatorRequests").asLong()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void listsOnlyTheSlowRequestsThatRanAFunction() throws Exception {
		String path = "/actuator/profiles/endpoints/" + EndpointIds.id(SPIN) + "?function=";
		JsonNode ran = json(get(path + "dev.hotpath.it.app.Work.spin"));
		assertThat(ran.at("/slowest").size()).isPositive();
		JsonNode never = json(get(path + "com.example.Never.called"));
		assertThat(never.at("/slowest").size()).isZero();
		assertThat(never.at("/functions").size()).isPositive();
	}

	@Test
	void ranksWhatOnlyTheSlowRequestsOfAnEndpointRunFirst() throws Exception {
		JsonNode comparison = json(
				get("/actuator/profiles/comparisons/" + EndpointIds.id(SPIN) + "?by=slow&slowerThan=30&scope=app"));
		// the twelve 90 ms spins, and any 1 ms spin a loaded machine kept waiting past 30
		// ms
		assertThat(comparison.at("/target/requests").asLong()).isGreaterThanOrEqualTo(12);
		assertThat(comparison.at("/baseline/requests").asLong() + comparison.at("/target/requests").asLong())
			.isEqualTo(18);
		assertThat(comparison.at("/unit").asString()).isEqualTo("ms");
		assertThat(comparison.at("/functions/0/name").asString()).isEqualTo("dev.hotpath.it.app.Work.spin");
		assertThat(comparison.at("/functions/0/deltaSelf").asDouble()).isPositive();
		assertThat(comparison.at("/target/cpuMsPerRequest").asDouble())
			.isGreaterThan(comparison.at("/baseline/cpuMsPerRequest").asDouble());
		assertThat(comparison.at("/flame/nodes/target").size()).isEqualTo(comparison.at("/flame/nodes/frame").size());
		// whether it reads as computing or waiting depends on how busy the machine is
		assertThat(comparison.at("/verdict").asString()).contains("The most growth is in dev.hotpath.it.app.Work.spin");
	}

	@Test
	void comparesTheApplicationsRangeWithTheOneBeforeIt() throws Exception {
		long now = System.currentTimeMillis();
		JsonNode comparison = json(get("/actuator/profiles/comparisons/" + EndpointIds.id(ProfileQueries.APPLICATION)
				+ "?by=range&from=" + (now - 60_000) + "&to=" + now));
		assertThat(comparison.at("/by").asString()).isEqualTo("range");
		assertThat(comparison.at("/target/requests").asLong()).isPositive();
		assertThat(comparison.at("/baseline/label").asString()).startsWith("before (");
		assertThat(comparison.at("/functions").size()).isPositive();
	}

	@Test
	void findsTheSlowestEndpoint() throws Exception {
		JsonNode findings = json(get("/actuator/profiles/findings"));
		assertThat(findings.at("/findings/0/kind").asString()).isEqualTo("slowest");
		assertThat(findings.at("/findings/0/text").asString()).contains("is the slowest endpoint (p95 ");
		assertThat(findings.at("/findings/0/view").asString()).startsWith("endpoints/");
	}

	@Test
	void ranksTheHotLineOfTheBusyFunctionFirst() throws Exception {
		int hotLine = lineMarked("app/Work.java", "// the hot line");
		String path = "/actuator/profiles/lines/" + EndpointIds.id(SPIN) + "?function=dev.hotpath.it.app.Work.spin";
		JsonNode lines = json(get(path));
		assertThat(lines.at("/function").asString()).isEqualTo("dev.hotpath.it.app.Work.spin");
		assertThat(lines.at("/unit").asString()).isEqualTo("samples");
		assertThat(lines.at("/total").asLong()).isPositive();
		assertThat(lines.at("/lines/0/line").asInt()).isEqualTo(hotLine);
		assertThat(lines.at("/lines/0/totalShare").asDouble())
			.isEqualTo((double) lines.at("/lines/0/total").asLong() / lines.at("/total").asLong());
	}

	@ParameterizedTest
	@CsvSource({ "/actuator/profiles?sort=slowness, 400, Unknown sort",
			"/actuator/profiles?from=yesterday, 400, ISO-8601",
			"/actuator/profiles?from=2026-11-21T06:00:00Z&to=2026-11-21T05:00:00Z, 400, must not be after",
			"/actuator/profiles/endpoints/R0VUIC9zcGluL3ttaWxsaXN9?type=heap, 400, Unknown profile type",
			"/actuator/profiles/traces/4bf92f3577b34da6a3ce929d0e0e4736?type=locks, 400, Unknown profile type",
			"/actuator/profiles/endpoints/R0VUIC9zcGluL3ttaWxsaXN9?scope=mine, 400, Unknown scope",
			"/actuator/profiles/endpoints/R0VUIC9ub3doZXJl, 404, No endpoint",
			"/actuator/profiles/endpoints/%25%25%25, 404, No endpoint",
			"/actuator/profiles/traces/not-a-trace, 400, 32 hex digits",
			"/actuator/profiles/traces/00000000000000000000000000000001?span=xyz, 400, 16 hex digits",
			"/actuator/profiles/traces/00000000000000000000000000000001, 404, No sample of trace id",
			"/actuator/profiles/nothing/here, 404, No endpoint",
			"/actuator/profiles/comparisons/YXBwbGljYXRpb24?by=slow, 400, one endpoint's requests",
			"/actuator/profiles/comparisons/R0VUIC9zcGluL3ttaWxsaXN9?by=range, 400, needs 'from'",
			"/actuator/profiles/comparisons/R0VUIC9zcGluL3ttaWxsaXN9?by=range&from=0&baselineFrom=0, 400, both",
			"/actuator/profiles/comparisons/R0VUIC9zcGluL3ttaWxsaXN9?slowerThan=fast, 400, latency in milliseconds",
			"/actuator/profiles/comparisons/R0VUIC9zcGluL3ttaWxsaXN9?slowerThan=-5, 400, latency in milliseconds",
			"/actuator/profiles/comparisons/R0VUIC9zcGluL3ttaWxsaXN9?by=fast, 400, Unknown comparison",
			"/actuator/profiles/comparisons/R0VUIC9ub3doZXJl, 404, No endpoint",
			"/actuator/profiles/nothing, 404, No such view" })
	void answersBadInputWithAStatusAndAMessage(String path, int status, String message) throws Exception {
		HttpResponse<String> response = send(path, "application/json");
		assertThat(response.statusCode()).isEqualTo(status);
		JsonNode error = json(response.body());
		assertThat(error.at("/status").asInt()).isEqualTo(status);
		assertThat(error.at("/message").asString()).contains(message);
	}

	/**
	 * The number of the line of a test source that holds a marker, so that tests follow
	 * the source when it is edited.
	 */
	private static int lineMarked(String source, String marker) throws IOException {
		List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/hotpath/it", source));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(marker)) {
				return i + 1;
			}
		}
		throw new IllegalStateException("No line of " + source + " holds " + marker);
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
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", accept)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

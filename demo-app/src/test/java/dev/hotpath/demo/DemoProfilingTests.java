package dev.hotpath.demo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.hotpath.sampling.Sampler;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo app with the real async-profiler and OpenTelemetry: a burst of requests to
 * both calculations, one rotation of the recording, then the profiles endpoint. The
 * before-and-after comparison sends many calculate2 requests, half of them with the
 * bottleneck fixed, which changes what calculate2 costs per request and which of its
 * requests is the slowest: it runs last, and the context is closed after this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "demo.load.enabled=false", "hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h",
				"hotpath.profile.window=1s" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class DemoProfilingTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String BUNDLE_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CALC3 = "dev.hotpath.demo.Calculations.calc3";

	private static final String PRICE_CACHE_MISS = "dev.hotpath.demo.PriceBook.recompute";

	/**
	 * The timeline's window: range comparisons read whole windows.
	 */
	private static final Duration WINDOW = Duration.ofSeconds(1);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Sampler sampler;

	@BeforeAll
	void sendABurstOfRequests() throws Exception {
		// calc3 takes about half of calculate2's self time and the nextPermutation it
		// calls
		// a third: 30 requests (about 150 CPU samples) keep calc3 first, where 6 (about
		// 50)
		// put nextPermutation first in a few runs in a hundred
		for (int i = 0; i < 30; i++) {
			if (i < 6) {
				assertThat(send("/calculate1/1500", "application/json", null).statusCode()).isEqualTo(200);
			}
			assertThat(send("/calculate2/10", "application/json", null).statusCode()).isEqualTo(200);
		}
		// the framework-heavy page, by letter: all owners at once take seconds on a cold
		// JVM, slower than calculate2
		// (40 of them: on a cold JVM the first renders spend most of their CPU loading
		// classes, and the page's own cost must outweigh that one-time cost)
		for (int i = 0; i < 40; i++) {
			String letter = List.of("A", "B", "C", "D", "G", "H", "M", "S").get(i % 8);
			assertThat(send("/owners?lastName=" + letter, "text/html", null).statusCode()).isEqualTo(200);
		}
		// a request that continues a trace started elsewhere, as a W3C traceparent says
		send("/calculate2/11", "application/json", "00-" + TRACE_ID + "-b7ad6b7169203331-01");
		// bundles of product groups no other test asks for: each of their four lookups
		// misses the price cache and spends about 20 ms of CPU on the task executor
		for (int i = 0; i < 4; i++) {
			assertThat(send("/bundles/" + (201 + 20 * i), "application/json", null).statusCode()).isEqualTo(200);
		}
		assertThat(
				send("/bundles/301", "application/json", "00-" + BUNDLE_TRACE_ID + "-00f067aa0ba902b7-01").statusCode())
			.isEqualTo(200);
		this.sampler.rotateNow();
	}

	@Test
	void ranksCalculate2AboveCalculate1WithTheirHotFunctions() throws Exception {
		// by CPU time per request: a handful of requests' p95 can flip when a loaded
		// machine stalls one of them, their CPU time cannot
		JsonNode overview = get("/actuator/profiles?sort=cpu");
		assertThat(overview.at("/applicationPackage").asString()).isEqualTo("dev.hotpath.demo");
		// the owners page's first renders on a cold JVM (template parsing, the first
		// queries) may rank it anywhere: the calculations are ranked among themselves
		List<JsonNode> calculations = new ArrayList<>();
		overview.at("/endpoints").forEach((endpoint) -> {
			if (endpoint.at("/name").asString().startsWith("GET /calculate")) {
				calculations.add(endpoint);
			}
		});
		assertThat(calculations).hasSize(2);
		JsonNode first = calculations.get(0);
		JsonNode second = calculations.get(1);
		assertThat(first.at("/name").asString()).isEqualTo("GET /calculate2/{number}");
		assertThat(first.at("/hottestFunction/name").asString()).isEqualTo("dev.hotpath.demo.Calculations.calc3");
		assertThat(second.at("/name").asString()).isEqualTo("GET /calculate1/{number}");
		assertThat(second.at("/hottestFunction/name").asString()).isIn("dev.hotpath.demo.Calculations.calc1",
				"dev.hotpath.demo.Calculations.calc2");
	}

	@Test
	void namesTheComponentsOfAFrameworkHeavyEndpointAndTheFramesThatEnteredThem() throws Exception {
		JsonNode overview = get("/actuator/profiles");
		JsonNode owners = null;
		for (JsonNode endpoint : overview.at("/endpoints")) {
			if (endpoint.at("/name").asString().equals("GET /owners")) {
				owners = endpoint;
			}
		}
		assertThat(owners).as("GET /owners in the ranking").isNotNull();
		// the page's time is Thymeleaf's and Hibernate's, not the controller's
		assertThat(owners.at("/topComponent/name").asString()).isIn("templates", "database");
		assertThat(owners.at("/topComponent/share").asDouble())
			.isGreaterThan(owners.at("/hottestFunction/share").asDouble());
		JsonNode profile = get("/actuator/profiles/endpoints/" + id("GET /owners") + "?scope=app");
		List<String> components = new ArrayList<>();
		profile.at("/components").forEach((component) -> components.add(component.at("/name").asString()));
		System.out.printf("components of GET /owners: %s%n", profile.at("/components"));
		assertThat(components).contains("templates", "database");
		JsonNode top = profile.at("/functions/0");
		assertThat(top.at("/name").asString()).isNotEqualTo("[no application code]");
		assertThat(top.at("/component").asString()).isIn("templates", "database");
		assertThat(top.at("/enteredFrom").asString()).isNotBlank();
	}

	@Test
	void chargesWhatABundlesAsyncLookupsDoOnTheTaskExecutorToTheBundleRequest() throws Exception {
		JsonNode endpoint = get("/actuator/profiles/endpoints/" + id("GET /bundles/{id}"));
		// the request thread only waits: the CPU is the lookups', on other threads (and
		// a little of async-profiler's, sampling them)
		assertThat(hottestOfTheRequest(endpoint)).as("%s", endpoint.at("/functions")).isEqualTo(PRICE_CACHE_MISS);
		JsonNode trace = get("/actuator/profiles/traces/" + BUNDLE_TRACE_ID);
		assertThat(trace.at("/endpoint/name").asString()).isEqualTo("GET /bundles/{id}");
		List<String> threads = new ArrayList<>();
		trace.at("/workingSpans")
			.forEach((span) -> span.at("/threads").forEach((thread) -> threads.add(thread.asString())));
		System.out.printf("threads of the bundle request: %s%n", threads);
		assertThat(threads).anyMatch((thread) -> thread.startsWith("http-nio-"))
			.anyMatch((thread) -> thread.startsWith("task-"));
		assertThat(hottestOfTheRequest(trace)).as("%s", trace.at("/functions")).isEqualTo(PRICE_CACHE_MISS);
	}

	/**
	 * The hottest function of a view but async-profiler's own (the {@code profiler}
	 * component: its signal handlers' work on the sampled threads), which a trace of ten
	 * samples could rank first.
	 */
	private static String hottestOfTheRequest(JsonNode view) {
		for (JsonNode function : view.at("/functions")) {
			if (!"profiler".equals(function.at("/component").asString(""))) {
				return function.at("/name").asString();
			}
		}
		return "(none)";
	}

	@Test
	void opensTheProfileOfARequestByTheTraceIdItsCallerSent() throws Exception {
		JsonNode endpoint = get("/actuator/profiles/endpoints/" + id("GET /calculate2/{number}"));
		// among the slowest kept: a cold JVM's first calculate2 requests can outrun it
		List<String> slowest = new ArrayList<>();
		endpoint.at("/slowest").forEach((request) -> slowest.add(request.at("/traceId").asString()));
		assertThat(slowest).contains(TRACE_ID);
		JsonNode trace = get("/actuator/profiles/traces/" + TRACE_ID + "?scope=app");
		assertThat(trace.at("/endpoint/name").asString()).isEqualTo("GET /calculate2/{number}");
		assertThat(trace.at("/flame/nodes/frame").size()).isGreaterThan(1);
		// one request holds about 30 samples, split between calc3's loop and the
		// nextPermutation it calls as the JIT compiled them: calc3 is among the top two
		List<String> functions = new ArrayList<>();
		trace.at("/functions").forEach((function) -> functions.add(function.at("/name").asString()));
		assertThat(functions.subList(0, Math.min(2, functions.size()))).contains("dev.hotpath.demo.Calculations.calc3");
	}

	@ParameterizedTest
	@CsvSource({ "/actuator/profiles?sort=fastest, 400", "/actuator/profiles?from=noon, 400",
			"/actuator/profiles?from=2026-11-21T06:00:00Z&to=2026-11-21T05:00:00Z, 400",
			"/actuator/profiles/endpoints/R0VUIC9jYWxjdWxhdGUyL3tudW1iZXJ9?type=heap, 400",
			"/actuator/profiles/endpoints/R0VUIC9jYWxjdWxhdGUyL3tudW1iZXJ9?scope=mine, 400",
			"/actuator/profiles/endpoints/R0VUIC91bmtub3du, 404", "/actuator/profiles/traces/xyz, 400",
			"/actuator/profiles/traces/ffffffffffffffffffffffffffffffff, 404" })
	void answersBadInputWithAJsonError(String path, int status) throws Exception {
		HttpResponse<String> response = send(path, "application/json", null);
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(this.json.readTree(response.body()).at("/message").asString()).isNotBlank();
	}

	@Test
	void givesBrowsersThePageAndJsonClientsJsonFromTheSameUrl() throws Exception {
		HttpResponse<String> page = send("/actuator/profiles", "text/html,application/xhtml+xml,*/*;q=0.8", null);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<html");
		HttpResponse<String> data = send("/actuator/profiles", "application/json", null);
		assertThat(data.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
	}

	@Test
	void downloadsPprofThatGoToolPprofReadsWithTheTraceAndSpanIdsOfRequests(@TempDir Path directory) throws Exception {
		Path pprof = download("/actuator/profiles?format=pprof", directory.resolve("application.pb.gz"));
		String tags = goToolPprof("-tags", "-tagfocus=trace_id=" + TRACE_ID, pprof.toString());
		// the request sent with a traceparent: its samples carry its trace id and the
		// span
		// ids of the spans its work ran in, as the trace view lists them
		assertThat(tags).contains(TRACE_ID);
		JsonNode trace = get("/actuator/profiles/traces/" + TRACE_ID);
		List<String> spans = new ArrayList<>();
		trace.at("/workingSpans").forEach((span) -> spans.add(span.at("/span").asString()));
		assertThat(spans).isNotEmpty();
		for (String span : spans) {
			assertThat(tags).contains(span);
		}
		assertThat(tags).contains("GET /calculate2/{number}");
		// the build info's version
		assertThat(tags).contains("service_version");
	}

	@Test
	void countsSamplesAndEachEndpointsCpuTimeAsMicrometerMeters() throws Exception {
		JsonNode samples = get("/actuator/metrics/hotpath.samples?tag=type:cpu");
		assertThat(samples.at("/measurements/0/value").asDouble()).isPositive();
		JsonNode cpu = get("/actuator/metrics/hotpath.endpoint.cpu?tag=endpoint:"
				+ java.net.URLEncoder.encode("GET /calculate2/{number}", StandardCharsets.UTF_8));
		assertThat(cpu.at("/baseUnit").asString()).isEqualTo("seconds");
		assertThat(cpu.at("/measurements/0/value").asDouble()).isPositive();
		JsonNode state = get("/actuator/metrics/hotpath.sampler.state?tag=state:running");
		assertThat(state.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
		JsonNode processing = get("/actuator/metrics/hotpath.chunk.processing");
		assertThat(processing.at("/measurements/0/value").asDouble()).isPositive();
	}

	@Test
	void downloadsAnEndpointsPprofWhoseTopFunctionIsItsHotSpot(@TempDir Path directory) throws Exception {
		Path pprof = download("/actuator/profiles/endpoints/" + id("GET /calculate2/{number}") + "?format=pprof",
				directory.resolve("calculate2.pb.gz"));
		String top = goToolPprof("-top", "-sample_index=cpu", pprof.toString());
		String first = top.lines()
			.dropWhile((line) -> !line.strip().startsWith("flat"))
			.skip(1)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no function in\n" + top));
		assertThat(first).endsWith("dev.hotpath.demo.Calculations.calc3");
	}

	@Test
	void downloadsCollapsedStacksAndOtlpAndTheExportedSamplesAsJson() throws Exception {
		String endpoint = "/actuator/profiles/endpoints/" + id("GET /calculate2/{number}");
		HttpResponse<String> collapsed = send(endpoint + "?format=collapsed", "*/*", null);
		assertThat(collapsed.statusCode()).isEqualTo(200);
		assertThat(collapsed.body().lines()).anyMatch((line) -> line.matches(".*Calculations\\.calc3 \\d+"));
		HttpResponse<byte[]> otlp = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + endpoint + "?format=otlp")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(otlp.statusCode()).isEqualTo(200);
		assertThat(otlp.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
		assertThat(ExportProfilesServiceRequest.parseFrom(otlp.body()).getResourceProfilesCount()).isOne();
		// one request's OTLP download: every sample links to its trace
		HttpResponse<byte[]> traceOtlp = this.http.send(HttpRequest
			.newBuilder(URI
				.create("http://127.0.0.1:" + this.port + "/actuator/profiles/traces/" + TRACE_ID + "?format=otlp"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		ExportProfilesServiceRequest request = ExportProfilesServiceRequest.parseFrom(traceOtlp.body());
		var dictionary = request.getDictionary();
		List<String> linkedTraces = new ArrayList<>();
		request.getResourceProfiles(0)
			.getScopeProfiles(0)
			.getProfilesList()
			.forEach((profile) -> profile.getSamplesList()
				.forEach((sample) -> linkedTraces.add(java.util.HexFormat.of()
					.formatHex(dictionary.getLinkTable(sample.getLinkIndex()).getTraceId().toByteArray()))));
		assertThat(linkedTraces).isNotEmpty().containsOnly(TRACE_ID);
		JsonNode samples = get("/actuator/profiles/traces/" + TRACE_ID + "?format=json");
		assertThat(samples.at("/samples")).isNotEmpty()
			.allSatisfy((sample) -> assertThat(sample.at("/traceId").asString()).isEqualTo(TRACE_ID));
		HttpResponse<String> unknown = send(endpoint + "?format=svg", "*/*", null);
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(unknown.body()).at("/message").asString()).contains("pprof");
	}

	@Test
	void downloadsTheRecordingAsJfrThatTheJdkReadsWithSpanEvents(@TempDir Path directory) throws Exception {
		Path jfr = download("/actuator/profiles?format=jfr", directory.resolve("application.jfr"));
		Map<String, Integer> events = new HashMap<>();
		for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
			events.merge(event.getEventType().getName(), 1, Integer::sum);
		}
		assertThat(events).containsKeys("jdk.ExecutionSample", "profiler.Span");
		Path around = download("/actuator/profiles/traces/" + TRACE_ID + "?format=jfr", directory.resolve("trace.jfr"));
		assertThat(RecordingFile.readAllEvents(around)).isNotEmpty();
		HttpResponse<String> endpoint = send(
				"/actuator/profiles/endpoints/" + id("GET /calculate2/{number}") + "?format=jfr", "*/*", null);
		assertThat(endpoint.statusCode()).isEqualTo(400);
	}

	@Test
	void comparesSlowProductRequestsWithTypicalOnesAndNamesThePriceCacheMiss() throws Exception {
		// two warm-up requests keep the endpoint's first-call class loading out of the
		// compared range, and the rotation closes the chunk that holds them
		send("/products/1000", "application/json", null);
		send("/products/1000", "application/json", null);
		this.sampler.rotateNow();
		Instant from = Instant.now();
		int misses = 0;
		for (int i = 0; i < 100; i++) {
			// ten products no other test asks for: each misses the price cache on its
			// first request only
			HttpResponse<String> product = send("/products/" + (1001 + i % 10), "application/json", null);
			assertThat(product.statusCode()).isEqualTo(200);
			misses += this.json.readTree(product.body()).at("/offerCached").asBoolean() ? 0 : 1;
		}
		assertThat(misses).isEqualTo(10);
		this.sampler.rotateNow();
		JsonNode comparison = get("/actuator/profiles/comparisons/" + id("GET /products/{id}") + "?by=slow&from=" + from
				+ "&to=" + Instant.now());
		System.out.printf("slow vs typical GET /products/{id}: %s%n%s%n", comparison.at("/verdict"),
				comparison.at("/functions").valueStream().limit(5).toList());
		assertThat(comparison.at("/target/requests").asInt()).isPositive();
		assertThat(comparison.at("/functions/0/name").asString()).isEqualTo(PRICE_CACHE_MISS);
		assertThat(comparison.at("/functions/0/deltaSelf").asDouble()).isPositive();
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void comparesCalculate2BeforeAndAfterSwitchingToTheFixedImplementation() throws Exception {
		// a range comparison reads whole windows of the timeline, each on the side that
		// holds its middle: each side gets one window in which every request ran one
		// implementation, and a window of naive requests before the switch keeps any
		// request near it off the baseline whatever the test's and the recording's
		// clocks say
		Instant before = driveCalculate2ThroughWholeWindows("naive", 2);
		try {
			assertThat(post("/demo/implementation?use=fixed").statusCode()).isEqualTo(200);
			Instant after = driveCalculate2ThroughWholeWindows("fixed", 1);
			this.sampler.rotateNow();
			JsonNode comparison = get("/actuator/profiles/comparisons/" + id("GET /calculate2/{number}")
					+ "?by=range&baselineFrom=" + before + "&baselineTo=" + before.plus(WINDOW) + "&from=" + after
					+ "&to=" + after.plus(WINDOW));
			System.out.printf("GET /calculate2/{number} before vs after the fix: %s%n", comparison.at("/verdict"));
			assertThat(comparison.at("/baseline/requests").asInt()).isPositive();
			assertThat(comparison.at("/target/requests").asInt()).isPositive();
			assertThat(comparison.at("/target/cpuMsPerRequest").asDouble())
				.isLessThan(comparison.at("/baseline/cpuMsPerRequest").asDouble());
			JsonNode calc3 = comparison.at("/functions")
				.valueStream()
				.filter((function) -> function.at("/name").asString().equals(CALC3))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no calc3 among " + comparison.at("/functions")));
			assertThat(calc3.at("/baselineTotal").asDouble()).isPositive();
			assertThat(calc3.at("/targetTotal").asDouble()).isZero();
			assertThat(calc3.at("/deltaSelf").asDouble()).isNegative();
		}
		finally {
			// the other tests of this context expect calc3
			assertThat(post("/demo/implementation?use=naive").statusCode()).isEqualTo(200);
		}
	}

	/**
	 * Sends {@code /calculate2/10} requests one after another until the clock has passed
	 * {@code windows} whole windows after the current one. Requests of 10, not 11: the
	 * request sent with a traceparent must stay the slowest.
	 * @return the start of the first whole window
	 */
	private Instant driveCalculate2ThroughWholeWindows(String implementation, int windows) throws Exception {
		long window = WINDOW.toMillis();
		long firstWhole = (Math.floorDiv(System.currentTimeMillis(), window) + 1) * window;
		do {
			HttpResponse<String> response = send("/calculate2/10", "application/json", null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue(CalculationController.IMPLEMENTATION_HEADER))
				.hasValue(implementation);
		}
		while (System.currentTimeMillis() < firstWhole + windows * window);
		return Instant.ofEpochMilli(firstWhole);
	}

	private HttpResponse<String> post(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Path download(String path, Path file) throws Exception {
		HttpResponse<Path> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofFile(file));
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return file;
	}

	/** Runs the real {@code go tool pprof}, which CI installs. */
	private static String goToolPprof(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("go", "tool", "pprof", "-symbolize=none"));
		command.addAll(List.of(arguments));
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (java.io.IOException ex) {
			Assumptions.abort("go is not installed (.ci/run installs golang-go): " + ex.getMessage());
			throw ex;
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

	private static String id(String name) {
		return java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = send(path, "application/json", null);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> send(String path, String accept, String traceparent) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", accept);
		if (traceparent != null) {
			request.header("traceparent", traceparent);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}

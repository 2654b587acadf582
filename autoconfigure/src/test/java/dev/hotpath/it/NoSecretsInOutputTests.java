package dev.hotpath.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import dev.hotpath.it.app.WorkApplication;
import dev.hotpath.query.EndpointIds;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.sampling.Sampler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests carry secrets in query strings, path variables, headers and bodies, and the
 * JVM one on its command line (a system property given by the build); none of them
 * appears in anything the endpoint answers: JSON, the page, or any download, raw or
 * decompressed.
 */
@SpringBootTest(classes = WorkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiles", "hotpath.sampling.chunk=1h",
				"hotpath.sampling.idle-after=1h", "spring.task.execution.propagate-context=true",
				"hotpath.sampling.alloc-enabled=true", "hotpath.sampling.lock-enabled=true",
				"spring.application.name=secrets",
				"spring.autoconfigure.exclude=" + ProfilesEndpointIntegrationTests.NO_SECURITY + ","
						+ ProfilesEndpointIntegrationTests.NO_TRACING })
class NoSecretsInOutputTests {

	/** In every secret, and in nothing else the application or Hotpath writes. */
	private static final String MARK = "hunter2";

	private static final String ORDERS = "POST /orders";

	private static final String SPIN = "GET /spin/{millis}";

	private static final String[] FORMATS = { "pprof", "otlp", "collapsed", "json", "jfr" };

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Sampler sampler;

	@Test
	void keepsNoSecretOfAnyRequestInAnyOutput() throws Exception {
		assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).as("the JVM's arguments")
			.anySatisfy((argument) -> assertThat(argument).contains(MARK));
		for (int i = 0; i < 10; i++) {
			send(request("/orders?token=query-" + MARK + "-" + i)
				.POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"body-" + MARK + "-" + i + "\"}"))
				.header("Content-Type", "application/json"));
			send(request("/spin/30?api_key=query-" + MARK + "-" + i).GET());
			send(request("/items/path-" + MARK + "-" + i).GET());
			send(request("/no/such/page-" + MARK + "?session=" + MARK).GET());
		}
		this.sampler.rotateNow();
		Map<String, byte[]> outputs = new LinkedHashMap<>();
		JsonNode overview = this.json.readTree(fetch(outputs, "/actuator/profiles", 200));
		assertThat(names(overview.at("/endpoints"))).contains(ORDERS, SPIN, "GET /items/{id}", "NOT_FOUND");
		fetch(outputs, "/actuator/profiles?format=json", 200);
		String orders = "/actuator/profiles/endpoints/" + EndpointIds.id(ORDERS);
		JsonNode endpoint = this.json.readTree(fetch(outputs, orders, 200));
		String traceId = endpoint.at("/slowest/0/traceId").asString();
		assertThat(traceId).hasSize(32);
		String trace = "/actuator/profiles/traces/" + traceId;
		fetch(outputs, trace, 200);
		fetch(outputs, "/actuator/profiles/endpoints/" + EndpointIds.id("GET /items/{id}"), 200);
		fetch(outputs, "/actuator/profiles/endpoints/" + EndpointIds.id("NOT_FOUND"), 200);
		fetch(outputs, "/actuator/profiles/endpoints/" + overview.at("/background/id").asString(), 200);
		fetch(outputs, "/actuator/profiles/findings", 200);
		fetch(outputs, "/actuator/profiles/comparisons/" + EndpointIds.id(ORDERS) + "?by=slow&slowerThan=1", 200);
		fetch(outputs, "/actuator/profiles/comparisons/" + EndpointIds.id(SPIN) + "?by=slow", 200);
		fetch(outputs, "/actuator/profiles/lines/" + EndpointIds.id(SPIN) + "?function=dev.hotpath.it.app.Work.spin",
				200);
		assertThat(new String(fetchPage(outputs, "/actuator/profiles"), StandardCharsets.UTF_8)).contains("<html");
		fetchPage(outputs, orders);
		fetchPage(outputs, trace);
		String application = "/actuator/profiles/endpoints/" + EndpointIds.id(ProfileQueries.APPLICATION);
		for (String format : FORMATS) {
			fetch(outputs, "/actuator/profiles?format=" + format, 200);
			fetch(outputs, application + "?format=" + format, 200);
			fetch(outputs, orders + "?format=" + format, format.equals("jfr") ? 400 : 200);
			fetch(outputs, trace + "?format=" + format, 200);
		}
		// the search finds what is there: each download names the function that ran
		for (String format : FORMATS) {
			assertThat(readable(outputs.get("application/json /actuator/profiles?format=" + format)))
				.anySatisfy((content) -> assertThat(new String(content, StandardCharsets.ISO_8859_1)).contains("spin"));
		}
		// the sampler is the JVM's: read this context's last requests here, not in the
		// next test class's context
		this.sampler.rotateNow();
		for (Map.Entry<String, byte[]> output : outputs.entrySet()) {
			for (byte[] content : readable(output.getValue())) {
				assertThat(new String(content, StandardCharsets.ISO_8859_1)).as(output.getKey())
					.doesNotContain(MARK)
					.doesNotContain("Bearer")
					.doesNotContain("SESSION=");
				assertThat(new String(content, StandardCharsets.UTF_16BE)).as(output.getKey()).doesNotContain(MARK);
			}
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer auth-" + MARK)
			.header("Cookie", "SESSION=cookie-" + MARK)
			.header("X-Api-Key", "header-" + MARK);
	}

	private void send(HttpRequest.Builder request) throws Exception {
		this.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
	}

	private String fetch(Map<String, byte[]> outputs, String path, int status) throws Exception {
		return new String(fetch(outputs, path, "application/json", status), StandardCharsets.UTF_8);
	}

	private byte[] fetchPage(Map<String, byte[]> outputs, String path) throws Exception {
		return fetch(outputs, path, "text/html", 200);
	}

	private byte[] fetch(Map<String, byte[]> outputs, String path, String accept, int status) throws Exception {
		HttpResponse<byte[]> response = this.http.send(request(path).header("Accept", accept).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(path).isEqualTo(status);
		assertThat(response.headers().map().toString()).as(path).doesNotContain(MARK);
		outputs.put(accept + " " + path, response.body());
		return response.body();
	}

	/** The bytes as sent, and decompressed when they are gzipped. */
	private static List<byte[]> readable(byte[] body) throws IOException {
		List<byte[]> readable = new ArrayList<>(List.of(body));
		if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
			try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
				readable.add(gzip.readAllBytes());
			}
		}
		return readable;
	}

	private static List<String> names(JsonNode endpoints) {
		List<String> names = new ArrayList<>();
		endpoints.forEach((endpoint) -> names.add(endpoint.at("/name").asString()));
		return names;
	}

}

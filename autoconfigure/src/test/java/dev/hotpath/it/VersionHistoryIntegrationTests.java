package dev.hotpath.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.hotpath.it.app.WorkApplication;
import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.VersionProfile;
import dev.hotpath.query.EndpointIds;
import dev.hotpath.sampling.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One application run as version 1.0.0, stopped, and run again as 1.1.0 with the same
 * history directory, with the real async-profiler: the second run lists the first version
 * and holds its profile.
 */
class VersionHistoryIntegrationTests {

	private static final String SPIN = "GET /spin/{millis}";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path history;

	@Test
	void keepsTheProfileOfAStoppedVersionForTheNextOne() throws Exception {
		try (ConfigurableApplicationContext first = start("1.0.0")) {
			for (int i = 0; i < 12; i++) {
				get(first, "/spin/60");
			}
			first.getBean(Sampler.class).rotateNow();
			JsonNode overview = json(get(first, "/actuator/profiles"));
			assertThat(overview.at("/version").asString()).isEqualTo("1.0.0");
			assertThat(overview.at("/versions").size()).isZero();
			assertThat(overview.at("/history/state").asString()).isEqualTo("RUNNING");
		}
		assertThat(this.history.resolve("work@1.0.0.hotpath")).isRegularFile();

		try (ConfigurableApplicationContext second = start("1.1.0")) {
			try {
				compareWithTheFirst(second);
			}
			finally {
				// the sampler is the JVM's: read this context's last requests here, even
				// when an assertion failed, not in the next test class's context
				second.getBean(Sampler.class).rotateNow();
			}
		}
	}

	private void compareWithTheFirst(ConfigurableApplicationContext second) throws Exception {
		JsonNode overview = json(get(second, "/actuator/profiles"));
		assertThat(overview.at("/version").asString()).isEqualTo("1.1.0");
		assertThat(overview.at("/versions").size()).isEqualTo(1);
		assertThat(overview.at("/versions/0/version").asString()).isEqualTo("1.0.0");
		assertThat(overview.at("/versions/0/requests").asLong()).isEqualTo(12);
		assertThat(overview.at("/versions/0/from").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat(overview.at("/history/message").asString()).contains("1 earlier version loaded");
		List<String> leaves = second.getBean(ProfileStore.class).read((view) -> {
			VersionProfile earlier = view.version("1.0.0");
			assertThat(earlier).isNotNull();
			assertThat(earlier.requests(SPIN)).isEqualTo(12);
			assertThat(earlier.latency(SPIN).percentileMillis(0.5)).isGreaterThanOrEqualTo(60);
			CallTree tree = earlier.tree(SPIN, ProfileType.CPU);
			List<String> names = new ArrayList<>();
			for (int node = 1; node < tree.size(); node++) {
				names.add(view.frames().name(tree.frame(node)));
			}
			return names;
		});
		assertThat(leaves).contains("dev.hotpath.it.app.Work.spin");

		// the new version spins a third as long: its comparison with 1.0.0 says so
		for (int i = 0; i < 12; i++) {
			get(second, "/spin/20");
		}
		second.getBean(Sampler.class).rotateNow();
		JsonNode comparison = json(get(second, "/actuator/profiles/comparisons/" + EndpointIds.id(SPIN)
				+ "?by=version&baselineVersion=1.0.0&scope=app"));
		assertThat(comparison.at("/baseline/label").asString()).isEqualTo("version 1.0.0");
		assertThat(comparison.at("/baseline/version").asString()).isEqualTo("1.0.0");
		assertThat(comparison.at("/baseline/requests").asLong()).isEqualTo(12);
		assertThat(comparison.at("/target/label").asString()).isEqualTo("version 1.1.0");
		assertThat(comparison.at("/target/requests").asLong()).isEqualTo(12);
		JsonNode spin = null;
		for (JsonNode function : comparison.at("/functions")) {
			if (function.at("/name").asString().equals("dev.hotpath.it.app.Work.spin")) {
				spin = function;
			}
		}
		assertThat(spin).isNotNull();
		assertThat(spin.at("/targetTotal").asDouble()).isLessThan(spin.at("/baselineTotal").asDouble());
		assertThat(get(second,
				"/actuator/profiles/comparisons/" + EndpointIds.id(SPIN) + "?by=version&baselineVersion=0.9.0"))
			.contains("No profile of version '0.9.0' is kept; the kept versions are 1.0.0");
		// the sampler is the JVM's: read this context's last requests here, not in
		// the
		// next test class's context
		second.getBean(Sampler.class).rotateNow();
	}

	private ConfigurableApplicationContext start(String version) {
		// under surefire Spring Boot also sets spring.application.version, to the
		// launcher's manifest version: the version set here must win over it
		return new SpringApplicationBuilder(WorkApplication.class)
			.properties("server.port=0", "spring.application.name=work", "spring.application.version=" + version,
					"hotpath.history.directory=" + this.history, "management.endpoints.web.exposure.include=profiles",
					"hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h",
					"spring.task.execution.propagate-context=true",
					"spring.autoconfigure.exclude=" + ProfilesEndpointIntegrationTests.NO_SECURITY + ","
							+ ProfilesEndpointIntegrationTests.NO_TRACING)
			.run();
	}

	private JsonNode json(String body) {
		return this.json.readTree(body);
	}

	private String get(ConfigurableApplicationContext context, String path) throws Exception {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}

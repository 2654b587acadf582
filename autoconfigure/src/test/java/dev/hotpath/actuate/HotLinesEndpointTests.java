package dev.hotpath.actuate;

import java.time.Duration;
import java.util.List;

import dev.hotpath.profile.ChunkProcessor;
import dev.hotpath.profile.FrameClassifier;
import dev.hotpath.profile.ProfileLimits;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.RequestSource;
import dev.hotpath.query.EndpointIds;
import dev.hotpath.query.HotLines;
import dev.hotpath.query.ProfileQueries;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status codes and messages of {@code lines/{id}} through the web extension, over a
 * store with one endpoint that had a request and no sample.
 */
class HotLinesEndpointTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	private static final String FUNCTION = "com.example.Orders.total";

	private final ProfilesEndpointWebExtension extension;

	HotLinesEndpointTests() {
		ProfileStore store = new ProfileStore(ProfileLimits.DEFAULTS);
		new ChunkProcessor(store, new FrameClassifier(List.of("com.example")), (sink) -> sink.request("GET /orders",
				RequestSource.ROUTE, 0, NOW_MILLIS - 1000, 5_000_000, 200, 1, 2, 3), () -> NOW_MILLIS)
			.process(null);
		ProfileQueries queries = new ProfileQueries(store, Duration.ofMillis(10), Duration.ofMillis(20),
				Duration.ofSeconds(10), () -> NOW_MILLIS);
		ProfilesEndpoint endpoint = new ProfilesEndpoint(queries, () -> {
			throw new AssertionError("the lines do not read the sampler");
		}, List.of("com.example"));
		this.extension = new ProfilesEndpointWebExtension(endpoint, new ProfilesPage());
	}

	@Test
	void answersAKnownEndpointWithTheFunctionsLinesEvenWhenItHasNone() {
		WebEndpointResponse<Object> response = lines(EndpointIds.id("GET /orders"), FUNCTION, "wall");
		assertThat(response.getStatus()).isEqualTo(200);
		HotLines lines = (HotLines) response.getBody();
		assertThat(lines.name()).isEqualTo("GET /orders");
		assertThat(lines.function()).isEqualTo(FUNCTION);
		assertThat(lines.type()).isEqualTo("wall");
		assertThat(lines.lines()).isEmpty();
		assertThat(lines.total()).isZero();
	}

	@Test
	void answersTheApplicationAndTheBackgroundIds() {
		assertThat(lines(EndpointIds.id(ProfileQueries.APPLICATION), FUNCTION, null).getStatus()).isEqualTo(200);
		assertThat(lines(EndpointIds.id("background"), FUNCTION, null).getStatus()).isEqualTo(200);
	}

	@Test
	void answersAMissingFunctionWith400() {
		for (String function : new String[] { null, " " }) {
			WebEndpointResponse<Object> response = lines(EndpointIds.id("GET /orders"), function, null);
			assertThat(response.getStatus()).isEqualTo(400);
			assertThat(((ErrorMessage) response.getBody()).message()).contains("'function'");
		}
	}

	@Test
	void answersABadTypeWith400() {
		WebEndpointResponse<Object> response = lines(EndpointIds.id("GET /orders"), FUNCTION, "heap");
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(((ErrorMessage) response.getBody()).message()).contains("Unknown profile type");
	}

	@Test
	void answersAnUnknownEndpointWith404() {
		for (String id : new String[] { EndpointIds.id("GET /nowhere"), "%%%" }) {
			WebEndpointResponse<Object> response = lines(id, FUNCTION, null);
			assertThat(response.getStatus()).isEqualTo(404);
			assertThat(((ErrorMessage) response.getBody()).message()).startsWith("No endpoint with id");
		}
	}

	private WebEndpointResponse<Object> lines(String id, @Nullable String function, @Nullable String type) {
		return this.extension.detail(ProfilesFormat.JSON, ProfilesEndpoint.LINES, id, type, null, null, null, function,
				null, null, null, null, null, null, null);
	}

}

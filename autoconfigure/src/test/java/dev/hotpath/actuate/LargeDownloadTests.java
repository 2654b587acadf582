package dev.hotpath.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.hotpath.export.ProfileExports;
import dev.hotpath.profile.ProfileLimits;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.query.EndpointIds;
import dev.hotpath.query.ProfileQueries;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large downloads are built one at a time: a second one answers 429 while the first is
 * held inside its export by a latch.
 */
class LargeDownloadTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final CountDownLatch exporting = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final ProfilesEndpointWebExtension extension;

	LargeDownloadTests() {
		ProfileStore store = new ProfileStore(ProfileLimits.DEFAULTS);
		ProfileQueries queries = new ProfileQueries(store, Duration.ofMillis(10), Duration.ofMillis(20),
				Duration.ofSeconds(10), () -> NOW_MILLIS);
		ProfilesEndpoint endpoint = new ProfilesEndpoint(queries, () -> {
			throw new AssertionError("downloads do not read the sampler");
		}, List.of("com.example"));
		ProfileExports exports = new ProfileExports(store, Duration.ofMillis(10), Duration.ofMillis(20),
				Set.of(ProfileType.CPU), () -> NOW_MILLIS, Map.of());
		this.extension = new ProfilesEndpointWebExtension(endpoint, new ProfilesPage(), new BlockingDownloads(exports));
	}

	@AfterEach
	void release() {
		this.release.countDown();
	}

	@Test
	void answersTooManyRequestsToASecondApplicationDownloadWhileOneIsBuilt() throws Exception {
		CompletableFuture<WebEndpointResponse<Object>> first = CompletableFuture
			.supplyAsync(() -> applicationDownload("pprof"));
		this.exporting.await();
		WebEndpointResponse<Object> second = applicationDownload("collapsed");
		assertThat(second.getStatus()).isEqualTo(429);
		assertThat(second.getBody()).isInstanceOfSatisfying(ErrorMessage.class, (error) -> {
			assertThat(error.error()).isEqualTo("Too Many Requests");
			assertThat(error.message()).contains("Another large download");
		});
		assertThat(endpointDownload().getStatus()).isEqualTo(429);
		this.release.countDown();
		assertThat(first.get().getStatus()).isEqualTo(200);
		assertThat(applicationDownload("collapsed").getStatus()).isEqualTo(200);
	}

	@Test
	void answersOneTracesProfileWhileALargeDownloadIsBuilt() throws Exception {
		CompletableFuture<WebEndpointResponse<Object>> first = CompletableFuture
			.supplyAsync(() -> applicationDownload("json"));
		this.exporting.await();
		WebEndpointResponse<Object> trace = this.extension.detail(ProfilesFormat.JSON, ProfilesEndpoint.TRACES,
				TRACE_ID, null, null, null, null, null, null, "pprof", null, null, null, null, null);
		assertThat(trace.getStatus()).isEqualTo(404);
		this.release.countDown();
		assertThat(first.get().getStatus()).isEqualTo(200);
	}

	private WebEndpointResponse<Object> applicationDownload(String format) {
		return this.extension.overview(ProfilesFormat.JSON, null, null, null, format, null);
	}

	private WebEndpointResponse<Object> endpointDownload() {
		return this.extension.detail(ProfilesFormat.JSON, ProfilesEndpoint.ENDPOINTS, EndpointIds.id("GET /orders"),
				null, null, null, null, null, null, "pprof", null, null, null, null, null);
	}

	/**
	 * Downloads whose application export waits, the first time, until the test lets it
	 * go.
	 */
	private final class BlockingDownloads extends ProfilesDownloads {

		BlockingDownloads(ProfileExports exports) {
			super(exports, null);
		}

		@Override
		@Nullable Download application(String format, @Nullable String from, @Nullable String to, @Nullable String type) {
			if (LargeDownloadTests.this.exporting.getCount() > 0) {
				LargeDownloadTests.this.exporting.countDown();
				try {
					LargeDownloadTests.this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return new Download("profile".getBytes(StandardCharsets.UTF_8), "application/octet-stream");
		}

	}

}

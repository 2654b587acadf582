package dev.hotpath.export.push;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest;
import io.opentelemetry.proto.profiles.v1development.Link;
import io.opentelemetry.proto.profiles.v1development.Profile;
import io.opentelemetry.proto.profiles.v1development.Sample;
import org.junit.jupiter.api.Test;

import dev.hotpath.profile.ProfileType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class OtlpBackendTests {

	private static final long START = 1_700_000_000_000L;

	private final AtomicLong clock = new AtomicLong(START);

	@Test
	void postsAnExportRequestLinkingEachSampleToItsTraceAndSpan() throws Exception {
		try (BackendServer server = BackendServer.start()) {
			OtlpBackend backend = new OtlpBackend(server.uri("/v1development/profiles"),
					Map.of("Authorization", "Bearer collector-token"));
			try (ProfilePusher pusher = new ProfilePusher(
					(range) -> Optional.of(Profiles.profile(range.fromMillis(), range.toMillis())), this.clock::get,
					List.of(backend), settings(), this.clock::get)) {
				this.clock.addAndGet(15_000);
				pusher.tick();
				await().untilAsserted(() -> assertThat(pusher.status("otlp").pushed()).isOne());
			}
			assertThat(server.received()).hasSize(1);
			BackendServer.Received received = server.received().get(0);
			assertThat(received.uri().getPath()).isEqualTo("/v1development/profiles");
			assertThat(received.header("Content-Type")).isEqualTo("application/x-protobuf");
			assertThat(received.header("Authorization")).isEqualTo("Bearer collector-token");
			ExportProfilesServiceRequest request = ExportProfilesServiceRequest.parseFrom(received.body());
			assertThat(request.getResourceProfiles(0).getResource().getAttributesList())
				.anySatisfy((attribute) -> assertThat(attribute.getKey() + "=" + attribute.getValue().getStringValue())
					.isEqualTo("service.name=orders"));
			List<Profile> profiles = request.getResourceProfiles(0).getScopeProfiles(0).getProfilesList();
			assertThat(profiles).hasSize(2);
			for (Profile profile : profiles) {
				assertThat(profile.getTimeUnixNano()).isEqualTo(START * 1_000_000L);
				List<String> links = profile.getSamplesList()
					.stream()
					.map(Sample::getLinkIndex)
					.map((index) -> request.getDictionary().getLinkTable(index))
					.map(OtlpBackendTests::ids)
					.toList();
				assertThat(links).containsExactlyInAnyOrder(Profiles.TRACE_ID + "/" + Profiles.SPAN_ID,
						"00000000000000000000000000000000/0000000000000000");
			}
		}
	}

	@Test
	void sendsOneRequestPerProfile() {
		OtlpBackend backend = new OtlpBackend(URI.create(OtlpBackend.DEFAULT_ENDPOINT), Map.of());
		assertThat(backend.requests(Profiles.profile(START, START + 10_000, ProfileType.CPU, ProfileType.WALL)))
			.singleElement()
			.satisfies((request) -> assertThat(request.uri())
				.isEqualTo(URI.create("http://localhost:4318/v1development/profiles")));
	}

	@Test
	void refusesHeadersTheHttpClientCannotSend() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OtlpBackend(URI.create(OtlpBackend.DEFAULT_ENDPOINT), Map.of("Host", "collector")))
			.withMessageContaining("Host");
	}

	private static String ids(Link link) {
		HexFormat hex = HexFormat.of();
		return hex.formatHex(link.getTraceId().toByteArray()) + "/" + hex.formatHex(link.getSpanId().toByteArray());
	}

	private static PushSettings settings() {
		return new PushSettings(Duration.ofHours(1), Duration.ofSeconds(30), 0, Duration.ofMillis(1), 4,
				Duration.ofSeconds(1));
	}

}

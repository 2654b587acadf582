package dev.hotpath.export.push;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.hotpath.export.ExportedProfile;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.query.TimeRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProfilePusherTests {

	private static final long START = 1_700_000_000_000L;

	private final AtomicLong clock = new AtomicLong(START);

	private final List<TimeRange> asked = new CopyOnWriteArrayList<>();

	private final Function<TimeRange, Optional<ExportedProfile>> profiles = (range) -> {
		this.asked.add(range);
		return Optional.of(Profiles.profile(range.fromMillis(), range.toMillis(), ProfileType.CPU));
	};

	@Test
	void asksForEveryWindowOnceItIsWholeWithoutGapsOrOverlaps() {
		PushBackend silent = new SilentBackend();
		// 10 s windows; the profile is whole before what its reader says
		PushSettings settings = new PushSettings(Duration.ofHours(1), Duration.ofSeconds(30), 0, Duration.ofMillis(1),
				4, Duration.ofSeconds(10));
		AtomicLong wholeBefore = new AtomicLong(Long.MIN_VALUE);
		this.clock.set(START + 3_000);
		try (ProfilePusher pusher = new ProfilePusher(this.profiles, wholeBefore::get, List.of(silent), settings,
				this.clock::get)) {
			this.clock.set(START + 38_000);
			// nothing read yet, then the first window whole: one range either way
			pusher.tick();
			wholeBefore.set(START + 18_000);
			pusher.tick();
			pusher.tick();
			await().untilAsserted(() -> assertThat(this.asked).hasSize(1));
			wholeBefore.set(START + 33_000);
			pusher.tick();
			await().untilAsserted(() -> assertThat(this.asked).hasSize(2));
		}
		assertThat(this.asked).containsExactly(new TimeRange(START, START + 10_000),
				new TimeRange(START + 10_000, START + 30_000));
	}

	@Test
	void sendsNothingForAnEmptyProfile() throws Exception {
		AtomicInteger asked = new AtomicInteger();
		try (BackendServer server = BackendServer.start(); ProfilePusher pusher = pusher((range) -> {
			asked.incrementAndGet();
			return (asked.get() == 1) ? Optional.empty()
					: Optional.of(Profiles.empty(range.fromMillis(), range.toMillis()));
		}, server, settings(Duration.ofSeconds(30), 0, 4))) {
			tick(pusher);
			tick(pusher);
			await().untilAsserted(() -> assertThat(asked).hasValue(2));
			PushStatus status = pusher.status("pyroscope");
			assertThat(status.pushed() + status.failed() + status.pending()).isZero();
			assertThat(server.received()).isEmpty();
		}
	}

	@Test
	void givesUpOnASlowBackendAtTheTimeout() throws Exception {
		try (BackendServer server = BackendServer.start();
				ProfilePusher pusher = pusher(this.profiles, server, settings(Duration.ofMillis(200), 0, 4))) {
			server.hold();
			tick(pusher);
			PushStatus status = pusher.status("pyroscope");
			await().untilAsserted(() -> assertThat(status.failed()).isOne());
			assertThat(status.lastError()).contains("HttpTimeoutException");
			assertThat(status.pushed()).isZero();
			assertThat(status.retried()).isZero();
		}
	}

	@Test
	void keepsTakingProfilesWhileABackendHangsAndDropsTheOldestBeyondTheBuffer() throws Exception {
		try (BackendServer server = BackendServer.start();
				ProfilePusher pusher = pusher(this.profiles, server, settings(Duration.ofMinutes(5), 0, 2))) {
			server.hold();
			for (int i = 0; i < 6; i++) {
				tick(pusher);
			}
			PushStatus status = pusher.status("pyroscope");
			// the push thread took every profile while the first one's request hung
			await().untilAsserted(() -> {
				assertThat(this.asked).hasSize(6);
				assertThat(status.dropped()).isEqualTo(3);
				// the held request reaches the server on the client's own time
				assertThat(server.received()).hasSize(1);
			});
			assertThat(status.pending()).isEqualTo(2);
			assertThat(status.pushed()).isZero();
			server.release();
			await().untilAsserted(() -> assertThat(status.pushed()).isEqualTo(3));
			assertThat(status.pending()).isZero();
			assertThat(status.failed()).isZero();
			// the first profile was in flight; of the five behind it the two newest were
			// kept
			assertThat(server.received()).extracting((request) -> request.query().get("from"))
				.containsExactly(seconds(START), seconds(START + 4 * 15_000), seconds(START + 5 * 15_000));
		}
	}

	@Test
	void countsARefusedConnectionAsAFailureAfterItsRetries() throws Exception {
		PyroscopeBackend backend = PyroscopeBackend
			.builder(URI.create("http://127.0.0.1:" + BackendServer.closedPort()), "orders")
			.build();
		try (ProfilePusher pusher = new ProfilePusher(this.profiles, this.clock::get, List.of(backend),
				settings(Duration.ofSeconds(5), 2, 4), this.clock::get)) {
			tick(pusher);
			PushStatus status = pusher.status("pyroscope");
			await().untilAsserted(() -> assertThat(status.failed()).isOne());
			assertThat(status.retried()).isEqualTo(2);
			assertThat(status.lastError()).contains("ConnectException");
			tick(pusher);
			await().untilAsserted(() -> assertThat(status.failed()).isEqualTo(2));
			assertThat(status.retried()).isEqualTo(4);
			assertThat(this.asked).hasSize(2);
		}
	}

	@Test
	void retriesAServerErrorAndDelivers() throws Exception {
		try (BackendServer server = BackendServer.start();
				ProfilePusher pusher = pusher(this.profiles, server, settings(Duration.ofSeconds(30), 2, 4))) {
			server.respond(503, 429);
			tick(pusher);
			PushStatus status = pusher.status("pyroscope");
			await().untilAsserted(() -> assertThat(status.pushed()).isOne());
			assertThat(status.retried()).isEqualTo(2);
			assertThat(status.failed()).isZero();
			assertThat(server.received()).hasSize(3);
			assertThat(server.received()).extracting(BackendServer.Received::body)
				.allSatisfy((body) -> assertThat(body).isEqualTo(server.received().get(0).body()));
		}
	}

	@Test
	void givesUpAfterTheLastRetry() throws Exception {
		try (BackendServer server = BackendServer.start();
				ProfilePusher pusher = pusher(this.profiles, server, settings(Duration.ofSeconds(30), 1, 4))) {
			server.respond(500, 502);
			tick(pusher);
			PushStatus status = pusher.status("pyroscope");
			await().untilAsserted(() -> assertThat(status.failed()).isOne());
			assertThat(status.retried()).isOne();
			assertThat(status.lastError()).startsWith("HTTP 502");
			assertThat(server.received()).hasSize(2);
		}
	}

	@Test
	void doesNotRetryABadRequest() throws Exception {
		try (BackendServer server = BackendServer.start();
				ProfilePusher pusher = pusher(this.profiles, server, settings(Duration.ofSeconds(30), 2, 4))) {
			server.respond(400);
			tick(pusher);
			PushStatus status = pusher.status("pyroscope");
			await().untilAsserted(() -> assertThat(status.failed()).isOne());
			assertThat(status.retried()).isZero();
			assertThat(status.lastError()).startsWith("HTTP 400").contains("status 400 as told");
			assertThat(server.received()).hasSize(1);
			tick(pusher);
			await().untilAsserted(() -> assertThat(status.pushed()).isOne());
		}
	}

	@Test
	void deliversAProfileOnlyOnceEachOfItsRequestsWasAccepted() throws Exception {
		Function<TimeRange, Optional<ExportedProfile>> cpuAndWall = (range) -> Optional
			.of(Profiles.profile(range.fromMillis(), range.toMillis(), ProfileType.CPU, ProfileType.WALL));
		try (BackendServer server = BackendServer.start();
				ProfilePusher pusher = pusher(cpuAndWall, server, settings(Duration.ofSeconds(30), 1, 4))) {
			server.respond(200, 503);
			tick(pusher);
			PushStatus status = pusher.status("pyroscope");
			await().untilAsserted(() -> assertThat(status.pushed()).isOne());
			assertThat(server.received()).extracting((request) -> Profiles.sampleTypes(request.body()))
				.containsExactly(List.of("cpu"), List.of("wall"), List.of("wall"));
		}
	}

	@Test
	void keepsPushingAfterTheProfileCouldNotBeRead() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		try (BackendServer server = BackendServer.start(); ProfilePusher pusher = pusher((range) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("store closed");
			}
			return this.profiles.apply(range);
		}, server, settings(Duration.ofSeconds(30), 0, 4))) {
			tick(pusher);
			tick(pusher);
			await().untilAsserted(() -> assertThat(pusher.status("pyroscope").pushed()).isOne());
			assertThat(server.received()).singleElement()
				.satisfies((request) -> assertThat(request.query()).containsEntry("from", seconds(START + 15_000)));
		}
	}

	@Test
	void keepsOneBackendsFailuresFromTheOthers() throws Exception {
		try (BackendServer pyroscope = BackendServer.start(); BackendServer collector = BackendServer.start()) {
			pyroscope.hold();
			List<PushBackend> backends = List.of(PyroscopeBackend.builder(pyroscope.uri(""), "orders").build(),
					new OtlpBackend(collector.uri("/v1development/profiles"), Map.of()));
			try (ProfilePusher pusher = new ProfilePusher(this.profiles, this.clock::get, backends,
					settings(Duration.ofMinutes(5), 0, 4), this.clock::get)) {
				tick(pusher);
				tick(pusher);
				await().untilAsserted(() -> assertThat(pusher.status("otlp").pushed()).isEqualTo(2));
				assertThat(pusher.status("pyroscope").pushed()).isZero();
				assertThat(pusher.statuses()).containsOnlyKeys("pyroscope", "otlp");
			}
		}
	}

	private ProfilePusher pusher(Function<TimeRange, Optional<ExportedProfile>> source, BackendServer server,
			PushSettings settings) {
		return new ProfilePusher(source, this.clock::get,
				List.of(PyroscopeBackend.builder(server.uri(""), "orders").build()), settings, this.clock::get);
	}

	/** Lets a push period pass, and pushes. */
	private void tick(ProfilePusher pusher) {
		this.clock.addAndGet(15_000);
		pusher.tick();
	}

	private static PushSettings settings(Duration timeout, int maxRetries, int buffer) {
		return new PushSettings(Duration.ofHours(1), timeout, maxRetries, Duration.ofMillis(1), buffer,
				Duration.ofSeconds(1));
	}

	private static String seconds(long millis) {
		return Long.toString(millis / 1000);
	}

	/** A backend with nothing to send. */
	private static final class SilentBackend implements PushBackend {

		@Override
		public String name() {
			return "silent";
		}

		@Override
		public List<PushRequest> requests(ExportedProfile profile) {
			return List.of();
		}

	}

}

package dev.hotpath.query;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import dev.hotpath.profile.ChunkProcessor;
import dev.hotpath.profile.FrameClassifier;
import dev.hotpath.profile.ProfileLimits;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.RequestSource;
import dev.hotpath.query.Views.EndpointProfile;
import dev.hotpath.query.Views.EndpointSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the queries say about profile types that are and are not sampled, over requests
 * without samples.
 */
class ProfileQueriesTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	private static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

	private final ProfileStore store = new ProfileStore(ProfileLimits.DEFAULTS);

	ProfileQueriesTests() {
		new ChunkProcessor(this.store, new FrameClassifier(List.of("com.example")),
				(sink) -> sink.request("GET /a", RequestSource.ROUTE, 0, NOW_MILLIS - 1000, 5_000_000, 200, 1, 2, 3),
				() -> NOW_MILLIS)
			.process(null);
	}

	@Test
	void givesAllocationAndLockFiguresOnlyForTheTypesBeingSampled() {
		EndpointSummary cpuOnly = queries(EnumSet.of(ProfileType.CPU, ProfileType.WALL)).ranking(ALL, RankingOrder.P95)
			.endpoints()
			.get(0);
		assertThat(cpuOnly.allocBytesPerRequest()).isNull();
		assertThat(cpuOnly.lockMsPerRequest()).isNull();
		EndpointSummary all = queries(EnumSet.allOf(ProfileType.class)).ranking(ALL, RankingOrder.ALLOC)
			.endpoints()
			.get(0);
		assertThat(all.allocBytesPerRequest()).isZero();
		assertThat(all.lockMsPerRequest()).isZero();
	}

	@Test
	void answersAnEmptyProfileOfATypeThatHasNoSamples() {
		ProfileQueries queries = queries(EnumSet.of(ProfileType.CPU, ProfileType.WALL, ProfileType.LOCK));
		EndpointProfile profile = queries.endpoint("GET /a", ProfileType.ALLOC, Scope.ALL, ALL, null).orElseThrow();
		assertThat(profile.type()).isEqualTo("alloc");
		assertThat(profile.flame().nodes().total()).containsExactly(0);
		assertThat(profile.functions()).isEmpty();
		assertThat(profile.sampling().types()).containsExactly("cpu", "wall", "lock");
	}

	private ProfileQueries queries(EnumSet<ProfileType> types) {
		return new ProfileQueries(this.store, Duration.ofMillis(10), Duration.ofMillis(20), types,
				Duration.ofSeconds(10), () -> NOW_MILLIS, false);
	}

}

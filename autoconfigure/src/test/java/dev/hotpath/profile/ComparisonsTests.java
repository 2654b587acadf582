package dev.hotpath.profile;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import dev.hotpath.query.ComparisonViews.Comparison;
import dev.hotpath.query.ComparisonViews.Finding;
import dev.hotpath.query.ComparisonViews.FunctionDelta;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.query.Scope;
import dev.hotpath.query.TimeRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Comparisons and findings over hand-made requests whose every figure is known: slow
 * against typical requests, one range against another, per request.
 */
class ComparisonsTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	private static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

	private static final String ITEMS = "GET /items/{id}";

	private static final String GET = "java.lang.Thread.run;com.example.Items.get";

	private static final String RELOAD = "java.lang.Thread.run;com.example.Items.reload";

	private static final String COMPUTE = "java.lang.Thread.run;com.example.Items.get;com.example.Items.compute";

	private final ProfileStore store = new ProfileStore(ProfileLimits.DEFAULTS);

	private final HandMadeRequests requests = new HandMadeRequests(this.store, NOW_MILLIS);

	private final ProfileQueries queries = new ProfileQueries(this.store, Duration.ofMillis(10), Duration.ofMillis(20),
			EnumSet.of(ProfileType.CPU, ProfileType.WALL), Duration.ofSeconds(10), () -> NOW_MILLIS, false);

	@Test
	void ranksTheFunctionThatOnlySlowRequestsRunFirstPerRequest() {
		for (int i = 0; i < 40; i++) {
			this.requests.request(ITEMS, 5_000 + i, 10, GET);
		}
		for (int i = 0; i < 4; i++) {
			this.requests.request(ITEMS, 6_000 + i, 100, GET, RELOAD, RELOAD, RELOAD);
		}
		this.requests.ingest();
		Comparison comparison = this.queries.comparisons()
			.slowVsTypical(ITEMS, ProfileType.CPU, Scope.ALL, ALL, 50.0)
			.orElseThrow();
		assertThat(comparison.baseline().requests()).isEqualTo(40);
		assertThat(comparison.target().requests()).isEqualTo(4);
		assertThat(comparison.baseline().label()).isEqualTo("typical requests (50.0 ms or less)");
		assertThat(comparison.target().label()).isEqualTo("slow requests (over 50.0 ms)");
		assertThat(comparison.baseline().valuePerRequest()).isEqualTo(10.0);
		assertThat(comparison.target().valuePerRequest()).isEqualTo(40.0);
		assertThat(comparison.functions())
			.extracting(FunctionDelta::name, FunctionDelta::baselineSelf, FunctionDelta::targetSelf,
					FunctionDelta::deltaSelf, FunctionDelta::deltaTotal)
			.containsExactly(tuple("com.example.Items.reload", 0.0, 30.0, 30.0, 30.0),
					tuple("java.lang.Thread.run", 0.0, 0.0, 0.0, 30.0),
					tuple("com.example.Items.get", 10.0, 10.0, 0.0, 0.0));
		assertThat(comparison.flame().frames()).extracting("name")
			.containsExactly("all", "java.lang.Thread.run", "com.example.Items.get", "com.example.Items.reload");
		assertThat(comparison.flame().nodes().baseline()).containsExactly(10.0, 10.0, 10.0, 0.0);
		assertThat(comparison.flame().nodes().target()).containsExactly(40.0, 40.0, 10.0, 30.0);
		assertThat(comparison.verdict()).isEqualTo("Slow requests take 90.0 ms longer than typical ones but only "
				+ "30.0 ms more CPU time: most of the difference is waiting (I/O, locks, pools, downstream calls), "
				+ "not computing; the wall-clock profile shows where. The most growth is in com.example.Items.reload: "
				+ "+30.0 ms of CPU time per request.");
	}

	@Test
	void splitsAtTheEndpointsP95ByDefault() {
		for (int i = 0; i < 40; i++) {
			this.requests.request(ITEMS, 5_000 + i, 10, GET);
		}
		this.requests.request(ITEMS, 6_000, 100, RELOAD).request(ITEMS, 6_001, 120, RELOAD).ingest();
		Comparison comparison = this.queries.comparisons()
			.slowVsTypical(ITEMS, ProfileType.CPU, Scope.APP, ALL, null)
			.orElseThrow();
		assertThat(comparison.slowerThanMs()).isEqualTo(10.0);
		assertThat(comparison.target().requests()).isEqualTo(2);
		assertThat(comparison.target().label()).isEqualTo("slow requests (over 10.0 ms, the p95)");
		assertThat(comparison.target().latencyMs()).isEqualTo(110.0);
		assertThat(comparison.functions().get(0).name()).isEqualTo("com.example.Items.reload");
	}

	@Test
	void showsNoDifferenceWhenOnlyTheTrafficChanged() {
		for (int i = 0; i < 10; i++) {
			this.requests.request(ITEMS, 25_000 + i, 10, GET, COMPUTE);
		}
		for (int i = 0; i < 30; i++) {
			this.requests.request(ITEMS, 5_000 + i, 10, GET, COMPUTE);
		}
		this.requests.ingest();
		Comparison comparison = this.queries.comparisons()
			.ranges(ITEMS, ProfileType.CPU, Scope.ALL, new TimeRange(NOW_MILLIS - 10_000, NOW_MILLIS),
					new TimeRange(NOW_MILLIS - 30_000, NOW_MILLIS - 20_000))
			.orElseThrow();
		assertThat(comparison.baseline().requests()).isEqualTo(10);
		assertThat(comparison.target().requests()).isEqualTo(30);
		assertThat(comparison.target().valuePerRequest()).isEqualTo(comparison.baseline().valuePerRequest())
			.isEqualTo(20.0);
		assertThat(comparison.functions()).isNotEmpty()
			.allSatisfy((function) -> assertThat(function.deltaSelf()).isZero())
			.allSatisfy((function) -> assertThat(function.deltaTotal()).isZero());
		assertThat(comparison.flame().nodes().target()).containsExactly(comparison.flame().nodes().baseline());
		assertThat(comparison.verdict()).isEqualTo("Per request, CPU time went from 20.0 ms to 20.0 ms (+0%).");
	}

	@Test
	void comparesARangeWithTheRangeJustBeforeItByDefault() {
		for (int i = 0; i < 10; i++) {
			this.requests.request(ITEMS, 15_000 + i, 10, GET);
			this.requests.request(ITEMS, 5_000 + i, 10, GET, COMPUTE);
		}
		this.requests.ingest();
		Comparison comparison = this.queries.comparisons()
			.ranges(ProfileQueries.APPLICATION, ProfileType.CPU, Scope.ALL,
					new TimeRange(NOW_MILLIS - 10_000, NOW_MILLIS), null)
			.orElseThrow();
		assertThat(comparison.baseline().from().toEpochMilli()).isEqualTo(NOW_MILLIS - 20_000);
		assertThat(comparison.functions().get(0)).extracting(FunctionDelta::name, FunctionDelta::deltaSelf)
			.containsExactly("com.example.Items.compute", 10.0);
		assertThat(comparison.functions()).filteredOn((function) -> function.name().endsWith("get"))
			.singleElement()
			.satisfies((get) -> assertThat(get.deltaTotal()).isEqualTo(10.0));
	}

	@Test
	void saysWhatShrankAndLeavesGrowthInTheNoiseUnsaid() {
		for (int i = 0; i < 20; i++) {
			this.requests.request(ITEMS, 15_000 + i, 10, GET, COMPUTE);
			if (i == 0) {
				this.requests.request(ITEMS, 5_000 + i, 10, GET, RELOAD);
			}
			else {
				this.requests.request(ITEMS, 5_000 + i, 10, GET);
			}
		}
		this.requests.ingest();
		Comparison comparison = this.queries.comparisons()
			.ranges(ITEMS, ProfileType.CPU, Scope.ALL, new TimeRange(NOW_MILLIS - 10_000, NOW_MILLIS), null)
			.orElseThrow();
		assertThat(comparison.functions().get(0).name()).isEqualTo("com.example.Items.reload");
		// reload's one sample is noise; compute's fall of 20 samples stands out
		assertThat(comparison.verdict()).isEqualTo("Per request, CPU time went from 20.0 ms to 10.5 ms (-48%). "
				+ "The most shrinkage is in com.example.Items.compute: -10.0 ms per request.");
	}

	@Test
	void takesTheWindowInProgressIntoARangeThatReachesThePresent() {
		long[] ticks = { NOW_MILLIS + 2_000 };
		ProfileQueries ticking = new ProfileQueries(this.store, Duration.ofMillis(10), Duration.ofMillis(20),
				EnumSet.of(ProfileType.CPU, ProfileType.WALL), Duration.ofSeconds(10), () -> ticks[0]++, false);
		// the window in progress starts at NOW_MILLIS: its middle is still ahead of now
		this.requests.request(ITEMS, -1_000, 10, GET).ingest();
		Comparison comparison = ticking.comparisons()
			.ranges(ITEMS, ProfileType.CPU, Scope.ALL, new TimeRange(NOW_MILLIS - 10_000, Long.MAX_VALUE), null)
			.orElseThrow();
		assertThat(comparison.target().requests()).isEqualTo(1);
	}

	@Test
	void countsTheWindowInProgressByTheMiddleOfWhatItHoldsSoFar() {
		long[] ticks = { NOW_MILLIS + 2_000 };
		ProfileQueries ticking = new ProfileQueries(this.store, Duration.ofMillis(10), Duration.ofMillis(20),
				EnumSet.of(ProfileType.CPU, ProfileType.WALL), Duration.ofSeconds(10), () -> ticks[0], false);
		this.requests.request(ITEMS, -1_000, 10, GET).ingest();
		// a client's "now", a little behind the server's: the window began 2 s ago
		Comparison comparison = ticking.comparisons()
			.ranges(ITEMS, ProfileType.CPU, Scope.ALL, new TimeRange(NOW_MILLIS - 10_000, NOW_MILLIS + 1_900), null)
			.orElseThrow();
		assertThat(comparison.target().requests()).isEqualTo(1);
	}

	@Test
	void answersNothingForAnUnknownEndpoint() {
		this.requests.request(ITEMS, 5_000, 10, GET).ingest();
		assertThat(this.queries.comparisons().slowVsTypical("GET /nothing", ProfileType.CPU, Scope.ALL, ALL, null))
			.isEmpty();
		assertThat(this.queries.comparisons()
			.ranges("GET /nothing", ProfileType.CPU, Scope.ALL, new TimeRange(NOW_MILLIS - 10_000, NOW_MILLIS), null))
			.isEmpty();
	}

	@Test
	void findsTheSlowestEndpointWhatGrewAndWhereSlowRequestsDiffer() {
		for (int i = 0; i < 60; i++) {
			this.requests.request(ITEMS, 170_000 + i, 10, GET);
			this.requests.request(ITEMS, 60_000 + i, 10, GET, COMPUTE, COMPUTE);
		}
		for (int i = 0; i < 5; i++) {
			this.requests.request(ITEMS, 61_000 + i, 200, GET, RELOAD, RELOAD, RELOAD);
		}
		for (int i = 0; i < 10; i++) {
			this.requests.request("GET /health", 60_000 + i, 1);
		}
		this.requests.ingest();
		List<Finding> findings = this.queries.findings(ALL).findings();
		assertThat(findings).extracting(Finding::kind).containsExactly("slowest", "grew", "slow-differs");
		assertThat(findings.get(0).text()).startsWith("GET /items/{id} is the slowest endpoint (p95 ");
		assertThat(findings.get(1).text()).isEqualTo("com.example.Items.compute grew most in the last 90 seconds "
				+ "against the 90 seconds before: +16.0 ms of CPU time per request (0.00 ms → 16.0 ms).");
		assertThat(findings.get(1).view()).startsWith("comparisons/YXBwbGljYXRpb24?by=range&from=");
		assertThat(findings.get(2).text()).isEqualTo("Slow requests of GET /items/{id} (over 10.0 ms, the p95) "
				+ "spend 30.0 ms more CPU time per request in com.example.Items.reload than typical ones.");
		assertThat(findings.get(2).view()).isEqualTo("comparisons/R0VUIC9pdGVtcy97aWR9?by=slow");
	}

	@Test
	void findsNothingInTheNoiseOfASteadyApplication() {
		for (int i = 0; i < 60; i++) {
			this.requests.request(ITEMS, 180_000 + i, 10, (i % 2 == 0) ? GET : COMPUTE);
			this.requests.request(ITEMS, 60_000 + i, 10, (i % 2 == 1) ? GET : COMPUTE);
		}
		this.requests.ingest();
		assertThat(this.queries.findings(ALL).findings()).extracting(Finding::kind).containsExactly("slowest");
	}

}

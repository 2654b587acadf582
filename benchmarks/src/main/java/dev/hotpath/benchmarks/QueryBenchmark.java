package dev.hotpath.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.hotpath.profile.BusyHour;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.query.RankingOrder;
import dev.hotpath.query.Scope;
import dev.hotpath.query.TimeRange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The time to answer the overview and the slowest endpoint's view, as JSON bytes, over an
 * hour of retained data (360 windows) of a busy application.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QueryBenchmark {

	@Param({ "20" })
	public int endpoints;

	@Param({ "360" })
	public int windows;

	private ProfileQueries queries;

	private String slowest;

	private final JsonMapper json = JsonMapper.builder().build();

	@Setup
	public void fill() {
		long now = System.currentTimeMillis();
		ProfileStore store = BusyHour.build(this.endpoints, this.windows, 20, 5, now);
		this.queries = new ProfileQueries(store, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(10),
				() -> now);
		this.slowest = this.queries.ranking(TimeRange.ALL, RankingOrder.P95).endpoints().get(0).name();
	}

	@Benchmark
	public byte[] overview() {
		return this.json.writeValueAsBytes(this.queries.ranking(TimeRange.ALL, RankingOrder.P95));
	}

	@Benchmark
	public byte[] slowestEndpointMyCodeOnly() {
		return this.json.writeValueAsBytes(
				this.queries.endpoint(this.slowest, ProfileType.CPU, Scope.APP, TimeRange.ALL, null).orElseThrow());
	}

	@Benchmark
	public byte[] slowestEndpointAllFrames() {
		return this.json.writeValueAsBytes(
				this.queries.endpoint(this.slowest, ProfileType.CPU, Scope.ALL, TimeRange.ALL, null).orElseThrow());
	}

}

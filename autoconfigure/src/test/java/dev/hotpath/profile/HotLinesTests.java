package dev.hotpath.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.hotpath.query.EndpointIds;
import dev.hotpath.query.HotLines;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.query.TimeRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One function's hot lines asked of {@link ProfileQueries}, over hand-made chunks with
 * line numbers in two windows, an endpoint and the background.
 */
class HotLinesTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	private static final long BASE = NOW_MILLIS * 1_000_000;

	private static final long SECOND = 1_000_000_000L;

	private static final TimeRange ALL = TimeRange.ALL;

	private static final String ORDERS = "GET /orders";

	private static final String TOTAL = "com.example.Orders.total";

	private final ProfileStore store = new ProfileStore(
			new ProfileLimits(Duration.ofHours(1), Duration.ofSeconds(10), 1000, 100_000, 10_000, 5, 1000));

	/** The span starts of the requests logged since the last round. */
	private final List<Long> logged = new ArrayList<>();

	private final ChunkProcessor processor = new ChunkProcessor(this.store, new FrameClassifier(List.of("com.example")),
			(sink) -> {
				for (long spanStart : this.logged) {
					sink.request(ORDERS, RequestSource.ROUTE, spanStart, spanStart / 1_000_000, SECOND, 200, 1,
							spanStart, 7);
				}
				this.logged.clear();
			}, () -> NOW_MILLIS);

	private final ProfileQueries queries = new ProfileQueries(this.store, Duration.ofMillis(10), Duration.ofMillis(20),
			Duration.ofSeconds(10), () -> NOW_MILLIS);

	HotLinesTests() {
		ChunkData first = new ChunkData();
		request(first, BASE);
		for (int i = 0; i < 3; i++) {
			first.samples.add(sample(1, i, "com.example.Orders.handle:5", TOTAL + ":40"));
		}
		first.samples.add(sample(1, 3, "com.example.Orders.handle:5", TOTAL + ":41", "com.example.Tax.rate:7"));
		first.samples.add(sample(1, 4, "com.example.Orders.handle:5", TOTAL + ":42", "com.example.Tax.rate:7"));
		first.samples.add(sample(1, 5, "com.example.Orders.handle:5", TOTAL + ":42", "com.example.Tax.rate:8"));
		first.samples.add(sample(1, 6, "com.example.Orders.handle:5", TOTAL + ":0"));
		// outside any request: the background
		first.samples.add(sample(2, 7, "com.example.Orders.handle:5", TOTAL + ":40"));
		ingest(first);
		ChunkData second = new ChunkData();
		request(second, BASE + 10 * SECOND);
		for (int i = 0; i < 5; i++) {
			second.samples.add(sample(1, 10_000_000 + i, "com.example.Orders.handle:5", TOTAL + ":41"));
		}
		ingest(second);
	}

	@Test
	void ranksAFunctionsLinesByTotalWithSharesOverItsOwnTotal() {
		HotLines lines = this.queries.lines(ORDERS, TOTAL, ProfileType.CPU, ALL).orElseThrow();
		assertThat(lines.id()).isEqualTo(EndpointIds.id(ORDERS));
		assertThat(lines.name()).isEqualTo(ORDERS);
		assertThat(lines.function()).isEqualTo(TOTAL);
		assertThat(lines.type()).isEqualTo("cpu");
		assertThat(lines.unit()).isEqualTo("samples");
		assertThat(lines.total()).isEqualTo(12);
		assertThat(lines.self()).isEqualTo(9);
		assertThat(lines.unknownLine()).isEqualTo(1);
		assertThat(lines.lines()).containsExactly(new HotLines.Line(41, 5, 6, 5 / 12.0, 6 / 12.0),
				new HotLines.Line(40, 3, 3, 3 / 12.0, 3 / 12.0), new HotLines.Line(42, 0, 2, 0, 2 / 12.0));
		assertThat(lines.truncated()).isZero();
	}

	@Test
	void mergesOnlyTheWindowsOfTheRange() {
		HotLines lines = this.queries
			.lines(ORDERS, TOTAL, ProfileType.CPU, new TimeRange(NOW_MILLIS, NOW_MILLIS + 10_000))
			.orElseThrow();
		assertThat(lines.total()).isEqualTo(7);
		assertThat(lines.lines()).extracting(HotLines.Line::line).containsExactly(40, 42, 41);
	}

	@Test
	void givesTheLinesOfTheWholeApplicationAndOfTheBackground() {
		HotLines application = this.queries.lines(ProfileQueries.APPLICATION, TOTAL, ProfileType.CPU, ALL)
			.orElseThrow();
		assertThat(application.total()).isEqualTo(13);
		assertThat(application.lines().get(0)).isEqualTo(new HotLines.Line(41, 5, 6, 5 / 13.0, 6 / 13.0));
		assertThat(application.lines().get(1)).isEqualTo(new HotLines.Line(40, 4, 4, 4 / 13.0, 4 / 13.0));
		HotLines background = this.queries.lines(Window.BACKGROUND, TOTAL, ProfileType.CPU, ALL).orElseThrow();
		assertThat(background.id()).isEqualTo(EndpointIds.id(Window.BACKGROUND));
		assertThat(background.lines()).containsExactly(new HotLines.Line(40, 1, 1, 1, 1));
	}

	@Test
	void countsACallersLineOnceInTotalWhateverTheCalleesLine() {
		HotLines rate = this.queries.lines(ORDERS, "com.example.Tax.rate", ProfileType.CPU, ALL).orElseThrow();
		assertThat(rate.lines()).containsExactly(new HotLines.Line(7, 2, 2, 2 / 3.0, 2 / 3.0),
				new HotLines.Line(8, 1, 1, 1 / 3.0, 1 / 3.0));
		HotLines handle = this.queries.lines(ORDERS, "com.example.Orders.handle", ProfileType.CPU, ALL).orElseThrow();
		assertThat(handle.self()).isZero();
		assertThat(handle.lines()).containsExactly(new HotLines.Line(5, 0, 12, 0, 1));
	}

	@Test
	void answersNothingForAnUnknownEndpointAndNoLineForAFunctionNeverSampledThere() {
		assertThat(this.queries.lines("GET /nowhere", TOTAL, ProfileType.CPU, ALL)).isEmpty();
		HotLines never = this.queries.lines(ORDERS, "com.example.Never.called", ProfileType.CPU, ALL).orElseThrow();
		assertThat(never.lines()).isEmpty();
		assertThat(never.total()).isZero();
		assertThat(never.self()).isZero();
		assertThat(never.unknownLine()).isZero();
		HotLines wall = this.queries.lines(ORDERS, TOTAL, ProfileType.WALL, ALL).orElseThrow();
		assertThat(wall.lines()).isEmpty();
		assertThat(wall.total()).isZero();
	}

	@Test
	void namesTheUnitOfEachType() {
		assertThat(this.queries.lines(ORDERS, TOTAL, ProfileType.ALLOC, ALL).orElseThrow().unit()).isEqualTo("bytes");
		assertThat(this.queries.lines(ORDERS, TOTAL, ProfileType.LOCK, ALL).orElseThrow().unit()).isEqualTo("ns");
	}

	/** A one-second request of thread 1: its span event and its row in the log. */
	private void request(ChunkData chunk, long start) {
		chunk.spans.add(new SpanInterval(start, start, start + SECOND, 1, ORDERS));
		this.logged.add(start);
	}

	private void ingest(ChunkData chunk) {
		this.store.write((store) -> {
			this.processor.ingest(chunk);
			return null;
		});
	}

	/**
	 * A CPU sample.
	 * @param frames each frame as {@code function:line}, root first
	 */
	private Sample sample(int tid, long micros, String... frames) {
		int[] stack = new int[frames.length];
		int[] lines = new int[frames.length];
		for (int i = 0; i < frames.length; i++) {
			String[] parts = frames[i].split(":");
			stack[i] = this.store.write((store) -> store.frames().intern(parts[0], FrameKind.APPLICATION));
			lines[i] = Integer.parseInt(parts[1]);
		}
		return new Sample(BASE + micros * 1000, tid, stack, ProfileType.CPU, 1, lines);
	}

}

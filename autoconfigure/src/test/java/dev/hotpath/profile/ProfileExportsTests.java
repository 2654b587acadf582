package dev.hotpath.profile;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.hotpath.export.Collapsed;
import dev.hotpath.export.ExportedProfile;
import dev.hotpath.export.Pprof;
import dev.hotpath.export.ProfileExports;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.query.TimeRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports of hand-made chunks: every sample exported once, with its ids where it was
 * taken for a span, and the pprof encoding of it.
 */
class ProfileExportsTests {

	private static final long NOW_MILLIS = 1_800_000_000_000L;

	private static final long BASE = NOW_MILLIS * 1_000_000;

	private static final long TRACE_HIGH = 0x4bf92f3577b34da6L;

	private static final long TRACE_LOW = 0xa3ce929d0e0e4736L;

	private static final long SERVER_SPAN = 0x00f067aa0ba902b7L;

	private static final long CHILD_SPAN = 0x1111111111111111L;

	private static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

	private final ProfileStore store = new ProfileStore(new ProfileLimits(Duration.ofHours(1), Duration.ofMinutes(10),
			1000, 100_000, 10_000, 5, 1000, Duration.ofMinutes(10), 64, 1000));

	private final List<Runnable> pending = new ArrayList<>();

	private RequestSource.Sink sink;

	private RequestSource.ScopeSink scopeSink;

	private final ChunkProcessor processor = new ChunkProcessor(this.store, new FrameClassifier(List.of("com.example")),
			new RequestSource() {

				@Override
				public void drain(Sink sink) {
					if (ProfileExportsTests.this.sink == null) {
						sink.request("GET /report/{id}", RequestSource.ROUTE, BASE + 100, NOW_MILLIS, 1_000_000, 200,
								TRACE_HIGH, TRACE_LOW, SERVER_SPAN);
					}
					ProfileExportsTests.this.sink = sink;
				}

				@Override
				public void drainScopes(ScopeSink sink) {
					ProfileExportsTests.this.scopeSink = sink;
					ProfileExportsTests.this.pending.forEach(Runnable::run);
					ProfileExportsTests.this.pending.clear();
				}

			}, () -> NOW_MILLIS);

	private final ProfileExports exports = new ProfileExports(this.store, Duration.ofMillis(10), Duration.ofMillis(20),
			EnumSet.of(ProfileType.CPU, ProfileType.WALL), () -> NOW_MILLIS, Map.of("service.name", "reports"));

	ProfileExportsTests() {
		// a request served by thread 1 hands work to task-1 (thread 2); thread 3 works
		// for
		// nothing
		this.pending.add(() -> this.scopeSink.scope(BASE + 200, TRACE_HIGH, TRACE_LOW, CHILD_SPAN, SERVER_SPAN, null,
				false, false));
		ChunkData chunk = new ChunkData();
		chunk.threadNames.put(1, "http-nio-8080-exec-1");
		chunk.threadNames.put(2, "task-1");
		chunk.threadNames.put(3, "pool-3-thread-7");
		chunk.spans.add(new SpanInterval(BASE + 100, BASE + 100, BASE + 900, 1, "GET /report/{id}"));
		chunk.spans.add(new SpanInterval(BASE + 200, BASE + 200, BASE + 800, 2, SpanInterval.SCOPE_TAG));
		chunk.samples.add(sample(2, 500, "com.example.Report.render"));
		chunk.samples.add(sample(2, 510, "com.example.Report.render"));
		chunk.samples.add(sample(1, 150, "com.example.Report.load"));
		chunk.samples.add(sample(3, 300, "com.example.Cleanup.sweep"));
		this.store.write((store) -> {
			this.processor.ingest(chunk);
			return null;
		});
	}

	@Test
	void exportsEverySampleOnceWithItsTraceAndSpanWhereItHadOne() {
		ExportedProfile profile = this.exports.endpoint(ProfileQueries.APPLICATION, ALL, null).orElseThrow();
		List<String> samples = profile.samples()
			.stream()
			.filter((sample) -> sample.type() == ProfileType.CPU)
			.map((sample) -> leaf(profile, sample) + " " + sample.count() + " " + Long.toHexString(sample.spanId())
					+ " " + sample.endpoint() + " " + sample.thread())
			.toList();
		assertThat(samples).containsExactlyInAnyOrder(
				"com.example.Report.render 1 1111111111111111 GET /report/{id} task-1",
				"com.example.Report.render 1 1111111111111111 GET /report/{id} task-1",
				"com.example.Report.load 1 f067aa0ba902b7 GET /report/{id} http-nio-8080-exec-1",
				"com.example.Cleanup.sweep 1 0  pool-3-thread-*");
		assertThat(profile.samples()).allSatisfy((sample) -> assertThat(sample.value())
			.isEqualTo(sample.count() * ((sample.type() == ProfileType.CPU) ? 10_000_000L : 20_000_000L)));
	}

	@Test
	void addsUpTheSameStackOfSeveralWindowsIntoOneSample() {
		ChunkData later = new ChunkData();
		later.threadNames.put(4, "pool-3-thread-2");
		// eleven minutes earlier: another ten-minute window
		later.samples.add(sample(4, -660_000_000_000L, "com.example.Cleanup.sweep"));
		this.store.write((store) -> {
			this.processor.ingest(later);
			return null;
		});
		int windows = this.store.read((view) -> view.windows().size());
		assertThat(windows).isEqualTo(2);
		ExportedProfile profile = this.exports.endpoint(ProfileQueries.APPLICATION, ALL, ProfileType.CPU).orElseThrow();
		assertThat(profile.samples()).filteredOn((sample) -> sample.thread().equals("pool-3-thread-*"))
			.singleElement()
			.satisfies((sample) -> assertThat(sample.count()).isEqualTo(2));
	}

	@Test
	void knowsTheLocalRootOfEverySpanSoThatPyroscopeCanSelectAWholeRequestByItsServerSpan() throws Exception {
		ExportedProfile profile = this.exports.trace(TRACE_HIGH, TRACE_LOW, ProfileType.CPU).orElseThrow();
		assertThat(profile.samples()).extracting(ExportedProfile.Sample::rootSpanId)
			.containsOnly(SERVER_SPAN)
			.hasSize(3);
		UnknownFieldSet pprof = UnknownFieldSet
			.parseFrom(new GZIPInputStream(new ByteArrayInputStream(Pprof.encode(profile, true))));
		List<String> strings = pprof.getField(6)
			.getLengthDelimitedList()
			.stream()
			.map(ByteString::toStringUtf8)
			.toList();
		assertThat(strings).contains("00f067aa0ba902b7").doesNotContain("1111111111111111");
	}

	@Test
	void exportsOneEndpointAlone() {
		ExportedProfile profile = this.exports.endpoint("GET /report/{id}", ALL, ProfileType.CPU).orElseThrow();
		assertThat(profile.samples()).hasSize(3)
			.allSatisfy((sample) -> assertThat(sample.traceIdLow()).isEqualTo(TRACE_LOW));
		assertThat(this.exports.endpoint("GET /nothing", ALL, null)).isEmpty();
	}

	@Test
	void exportsOneTraceWithItsSpans() {
		ExportedProfile profile = this.exports.trace(TRACE_HIGH, TRACE_LOW, null).orElseThrow();
		assertThat(profile.samples()).extracting(ExportedProfile.Sample::spanId)
			.containsExactlyInAnyOrder(CHILD_SPAN, CHILD_SPAN, SERVER_SPAN);
		assertThat(this.exports.trace(1, 2, null)).isEmpty();
	}

	@Test
	void writesCollapsedStacksRootFirst() {
		ExportedProfile profile = this.exports.endpoint("GET /report/{id}", ALL, ProfileType.CPU).orElseThrow();
		assertThat(Collapsed.encode(profile, ProfileType.CPU).lines()).containsExactlyInAnyOrder(
				"java.lang.Thread.run;com.example.Report.render 2", "java.lang.Thread.run;com.example.Report.load 1");
	}

	@Test
	void writesPprofWithLabelsPyroscopeKeepsPerSample() throws Exception {
		ExportedProfile profile = this.exports.endpoint(ProfileQueries.APPLICATION, ALL, null).orElseThrow();
		UnknownFieldSet pprof = UnknownFieldSet
			.parseFrom(new GZIPInputStream(new ByteArrayInputStream(Pprof.encode(profile))));
		List<String> strings = pprof.getField(6)
			.getLengthDelimitedList()
			.stream()
			.map(ByteString::toStringUtf8)
			.toList();
		assertThat(strings.get(0)).isEmpty();
		List<String> sampleTypes = pprof.getField(1)
			.getLengthDelimitedList()
			.stream()
			.map((type) -> strings.get((int) fields(type).getField(1).getVarintList().get(0).longValue()))
			.toList();
		assertThat(sampleTypes).containsExactly("cpu", "wall");
		assertThat(strings.get((int) pprof.getField(14).getVarintList().get(0).longValue())).isEqualTo("cpu");
		List<Map<String, String>> labels = new ArrayList<>();
		for (ByteString sample : pprof.getField(2).getLengthDelimitedList()) {
			Map<String, String> sampleLabels = new HashMap<>();
			for (ByteString label : fields(sample).getField(3).getLengthDelimitedList()) {
				UnknownFieldSet fields = fields(label);
				sampleLabels.put(strings.get((int) fields.getField(1).getVarintList().get(0).longValue()),
						strings.get((int) fields.getField(2).getVarintList().get(0).longValue()));
			}
			labels.add(sampleLabels);
		}
		assertThat(labels)
			.contains(Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "span_id", "1111111111111111", "span_name",
					"GET /report/{id}", "endpoint", "GET /report/{id}", "thread", "task-1"));
		assertThat(labels).contains(Map.of("thread", "pool-3-thread-*"));
		// the two render samples of one span on one thread are one pprof sample
		assertThat(labels).hasSize(3);
	}

	private static UnknownFieldSet fields(ByteString message) {
		try {
			return UnknownFieldSet.parseFrom(message);
		}
		catch (com.google.protobuf.InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String leaf(ExportedProfile profile, ExportedProfile.Sample sample) {
		return profile.frames().get(sample.stack()[sample.stack().length - 1]);
	}

	private Sample sample(int tid, long time, String leaf) {
		int root = this.store.write((store) -> store.frames().intern("java.lang.Thread.run", FrameKind.JDK));
		int frame = this.store.write((store) -> store.frames().intern(leaf, FrameKind.APPLICATION));
		return new Sample(BASE + time, tid, new int[] { root, frame }, ProfileType.CPU, 1);
	}

}

package dev.hotpath.tagging;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work marks on any thread: what they log, and that they cost no allocation.
 */
class WorkTaggerTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final int SCOPES = 100_000;

	private final RequestLog requests = new RequestLog(16);

	private final ScopeLog scopes = new ScopeLog(1 << 18);

	private final List<String> threads = new ArrayList<>();

	private final WorkTagger tagger = new WorkTagger(this.scopes, this.requests, new RequestThreads() {

		@Override
		public void entered() {
			WorkTaggerTests.this.threads.add("entered");
		}

		@Override
		public void probeEntered() {
			WorkTaggerTests.this.threads.add("probe");
		}

		@Override
		public void exited() {
			WorkTaggerTests.this.threads.add("exited");
		}

	});

	private final Endpoints endpoints = new Endpoints(10);

	private final OpenTelemetryWork work = new OpenTelemetryWork(this.tagger, this.endpoints, new SpanNames(16), true);

	@BeforeEach
	void start() {
		this.tagger.start();
	}

	@AfterEach
	void stop() {
		this.tagger.stop();
	}

	@Test
	void followsScopesOnlyWhileStarted() {
		this.tagger.stop();
		this.work.span(span("00f067aa0ba902b7"));
		this.work.span(null);
		assertThat(this.threads).isEmpty();
		this.tagger.start();
	}

	@Test
	void putsAThreadIntoTheWallClockFilterOnceWhileItWorksForSpans() {
		this.work.span(span("00f067aa0ba902b7"));
		this.work.span(span("1111111111111111"));
		this.work.span(span("00f067aa0ba902b7"));
		this.work.span(null);
		assertThat(this.threads).containsExactly("entered", "exited");
	}

	@Test
	void putsAThreadThatWorksForAProbesTraceIntoTheFilterWithoutCountingItAsWork() {
		String probeTrace = "0af7651916cd43dd8448eb211c80319c";
		this.tagger.probeStarted(Long.parseUnsignedLong(probeTrace, 0, 16, 16),
				Long.parseUnsignedLong(probeTrace, 16, 32, 16));
		this.work.span(span(probeTrace, "00f067aa0ba902b7"));
		this.work.span(null);
		// and again after the probe's observation stopped, as Reactor's last signals do
		this.work.span(span(probeTrace, "1111111111111111"));
		// straight from the probe's work to a request's: that counts
		this.work.span(span("2222222222222222"));
		this.work.span(null);
		this.work.span(span("2222222222222222"));
		this.work.span(null);
		assertThat(this.threads).containsExactly("probe", "exited", "probe", "exited", "entered", "exited", "entered",
				"exited");
	}

	@Test
	void forgetsAProbesTraceOnceSixteenLaterProbesStarted() {
		String probeTrace = "0af7651916cd43dd8448eb211c80319c";
		this.tagger.probeStarted(Long.parseUnsignedLong(probeTrace, 0, 16, 16),
				Long.parseUnsignedLong(probeTrace, 16, 32, 16));
		for (int i = 1; i <= 16; i++) {
			this.tagger.probeStarted(i, i);
		}
		this.work.span(span(probeTrace, "00f067aa0ba902b7"));
		this.work.span(null);
		assertThat(this.threads).containsExactly("entered", "exited");
	}

	@Test
	void tellsContextPropagationWhichSpanTheThreadWorksFor() {
		long[] ids = new long[3];
		assertThat(this.tagger.current(ids)).isFalse();
		this.tagger.requestStarted(1, 2, 3);
		assertThat(this.tagger.current(ids)).isTrue();
		assertThat(ids).containsExactly(1, 2, 3);
		this.work.span(span("1111111111111111"));
		this.tagger.current(ids);
		assertThat(ids[2]).isEqualTo(0x1111111111111111L);
		this.work.span(null);
		this.tagger.requestEnded();
		assertThat(this.tagger.current(ids)).isFalse();
	}

	@Test
	void keepsATracersWorkWhenContextPropagationClearsItsOwn() {
		WorkAccessor accessor = new WorkAccessor(this.tagger, () -> true);
		this.work.span(span("00f067aa0ba902b7"));
		// Reactor clears every registered accessor around each operator
		accessor.setValue();
		accessor.restore();
		long[] ids = new long[3];
		assertThat(this.tagger.current(ids)).isTrue();
		assertThat(ids[2]).isEqualTo(0x00f067aa0ba902b7L);
		accessor.setValue(new WorkAccessor.Work(1, 2, 3));
		accessor.restore();
		assertThat(this.tagger.current(ids)).isFalse();
	}

	@Test
	void logsAJobWhenItsThreadStopsWorkingForIt() {
		this.tagger.enter(1, 2, 3, 0, 0, true, this.endpoints.job("task reports.refresh").id());
		this.tagger.enter(1, 2, 4, 3, 0, false, -1);
		this.tagger.leave();
		List<String> jobs = new ArrayList<>();
		this.requests.drain((endpointId, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow,
				spanId) -> jobs.add(this.endpoints.byId(endpointId).name() + " "
						+ this.endpoints.byId(endpointId).kind() + " " + spanId));
		assertThat(jobs).containsExactly("task reports.refresh JOB 3");
	}

	@Test
	void logsAScopesThreadAndItsEndInTheClockOfItsStart() {
		// run alone, no async-profiler session records and the interval lives in the
		// log only, as with the JDK Flight Recorder; in the whole suite the shared
		// sampler may record, and then the end is the recording's timestamp, which the
		// chunk processor needs when async-profiler drops the span event
		long before = System.nanoTime();
		this.tagger.enter(1, 2, 3, 0, 0, true, -1);
		this.tagger.leave();
		long after = System.nanoTime();
		List<long[]> rows = new ArrayList<>();
		this.scopes.drain(new ScopeLog.Visitor() {

			@Override
			public void scope(long spanStart, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId,
					int name, boolean root, boolean job) {
			}

			@Override
			public void scope(long spanStart, long traceIdHigh, long traceIdLow, long spanId, long parentSpanId,
					int name, boolean root, boolean job, long end, long threadId) {
				rows.add(new long[] { spanStart, spanId, end, threadId });
			}

		});
		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row[1]).isEqualTo(3);
			assertThat(row[3]).isEqualTo(Thread.currentThread().getId());
			if (Intervals.logged(row[0])) {
				long start = row[0] & Long.MAX_VALUE;
				assertThat(start).isBetween(before, row[2]);
				assertThat(row[2]).isLessThanOrEqualTo(after);
			}
			else {
				assertThat(row[2]).isGreaterThanOrEqualTo(row[0]);
			}
		});
	}

	@Test
	void followsScopesWithoutAllocating() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		WorkTagger tagger = new WorkTagger(this.scopes, this.requests, RequestThreads.NONE);
		tagger.start();
		// a probe's trace is known, so that each scope looks its trace up among them
		tagger.probeStarted(1, 1);
		OpenTelemetryWork work = new OpenTelemetryWork(tagger, this.endpoints, new SpanNames(16), true);
		Span server = span("00f067aa0ba902b7");
		Span child = span("1111111111111111");
		for (int i = 0; i < 20_000; i++) {
			followOneRequest(work, server, child);
		}
		this.scopes.drain((spanStart, high, low, spanId, parent, name, root, job) -> {
		});
		long thread = Thread.currentThread().getId();
		long before = threads.getThreadAllocatedBytes(thread);
		for (int i = 0; i < SCOPES; i++) {
			followOneRequest(work, server, child);
		}
		long allocated = threads.getThreadAllocatedBytes(thread) - before;
		tagger.stop();
		// one object per scope would be at least 16 bytes each; less than a byte per
		// scope leaves room only for one-off JVM work
		assertThat(allocated).as("bytes allocated by %d requests of four scope changes", SCOPES).isLessThan(SCOPES);
	}

	private static void followOneRequest(OpenTelemetryWork work, Span server, Span child) {
		work.span(server);
		work.span(child);
		work.span(server);
		work.span(null);
	}

	private static Span span(String spanId) {
		return span(TRACE_ID, spanId);
	}

	private static Span span(String traceId, String spanId) {
		return Span.wrap(SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()));
	}

}

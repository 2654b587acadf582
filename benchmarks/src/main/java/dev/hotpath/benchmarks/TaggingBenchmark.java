package dev.hotpath.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.OpenTelemetryTraceIds;
import dev.hotpath.tagging.OpenTelemetryWork;
import dev.hotpath.tagging.ProfilingFilter;
import dev.hotpath.tagging.RequestLog;
import dev.hotpath.tagging.RequestThreads;
import dev.hotpath.tagging.ScopeLog;
import dev.hotpath.tagging.SpanNames;
import dev.hotpath.tagging.WorkTagger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import one.profiler.AsyncProfiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What the profiling filter adds to one request: the filter around an empty chain,
 * against the empty chain alone, with async-profiler off (the filter's own work: clock
 * reads, endpoint lookup, trace id parsing, one ring write) and recording (adding the
 * span start and end and the wall-clock thread filter calls). And what following one
 * request's scopes costs on a thread: a server span made current, a child span, the
 * server span restored, then none, as Boot's scope events report them.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TaggingBenchmark {

	@Param({ "off", "recording" })
	public String profiler;

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/calculate2/10");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final FilterChain chain = (request, response) -> request
		.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/calculate2/{number}");

	private final RequestLog log = new RequestLog(1 << 16);

	private ProfilingFilter filter;

	private final ScopeLog scopes = new ScopeLog(1 << 16);

	private WorkTagger tagger;

	private OpenTelemetryWork work;

	private io.opentelemetry.api.trace.Span server;

	private io.opentelemetry.api.trace.Span child;

	private Scope scope;

	private Path chunk;

	@Setup
	public void start() throws Exception {
		RequestThreads threads = RequestThreads.NONE;
		if ("recording".equals(this.profiler)) {
			AsyncProfiler profiler = AsyncProfiler.getInstance();
			this.chunk = Files.createTempFile("hotpath-bench", ".jfr");
			profiler.execute("start,event=cpu,interval=10ms,wall=20ms,filter,jfr,file=" + this.chunk);
			threads = new RequestThreads() {

				@Override
				public void entered() {
					profiler.addThread(Thread.currentThread());
				}

				@Override
				public void exited() {
					profiler.removeThread(Thread.currentThread());
				}

			};
		}
		this.tagger = new WorkTagger(this.scopes, this.log, threads);
		this.tagger.start();
		Endpoints endpoints = new Endpoints(100);
		this.work = new OpenTelemetryWork(this.tagger, endpoints, new SpanNames(16), true);
		this.filter = new ProfilingFilter(endpoints, this.log, new OpenTelemetryTraceIds(), threads, this.tagger);
		this.server = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.getDefault()));
		this.child = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "1111111111111111",
				TraceFlags.getSampled(), TraceState.getDefault()));
		this.scope = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.getDefault()))
			.makeCurrent();
	}

	@TearDown
	public void close() throws Exception {
		this.tagger.stop();
		this.scope.close();
		if (this.chunk != null) {
			AsyncProfiler.getInstance().execute("stop");
			Files.deleteIfExists(this.chunk);
		}
	}

	@Benchmark
	public void chainAlone() throws IOException, ServletException {
		this.chain.doFilter(this.request, this.response);
	}

	@Benchmark
	public void chainWithProfilingFilter() throws IOException, ServletException {
		this.filter.doFilter(this.request, this.response, this.chain);
		// the sampler's thread drains the log every chunk; here the benchmark thread does
		if ((this.log.recorded() & 0xFFFF) == 0) {
			this.log.drain((endpointId, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow,
					spanId) -> {
			});
		}
	}

	@Benchmark
	public void followOneRequestsScopes() {
		this.work.span(this.server);
		this.work.span(this.child);
		this.work.span(this.server);
		this.work.span(null);
		// the sampler's thread drains the log every chunk; here the benchmark thread does
		if ((this.log.recorded() & 0xFFFF) == 0) {
			this.scopes.drain((spanStart, traceIdHigh, traceIdLow, spanId, parentSpanId, name, root, job) -> {
			});
		}
	}

}

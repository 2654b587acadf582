package dev.hotpath.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.OpenTelemetryTraceIds;
import dev.hotpath.tagging.ProfilingFilter;
import dev.hotpath.tagging.RequestLog;
import dev.hotpath.tagging.RequestThreads;
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
 * span start and end and the wall-clock thread filter calls).
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
		this.filter = new ProfilingFilter(new Endpoints(100), this.log, new OpenTelemetryTraceIds(), threads);
		this.scope = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.getDefault()))
			.makeCurrent();
	}

	@TearDown
	public void close() throws Exception {
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

}

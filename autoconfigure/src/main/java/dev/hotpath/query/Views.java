package dev.hotpath.query;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The shapes of the answers, as the JSON API documents them in {@code docs/api.md}.
 */
public final class Views {

	private Views() {
	}

	/**
	 * The time an answer covers.
	 *
	 * @param from its start
	 * @param to its end
	 * @param retentionSeconds how far back data is kept
	 */
	public record Range(Instant from, Instant to, long retentionSeconds) {

	}

	/**
	 * Request latencies of an endpoint.
	 *
	 * @param meanMs the mean
	 * @param p50Ms the median
	 * @param p95Ms the 95th percentile
	 * @param p99Ms the 99th percentile
	 * @param maxMs the maximum
	 */
	public record Latency(double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

	}

	/**
	 * Sample counts per profile type.
	 *
	 * @param cpu CPU samples
	 * @param wall wall-clock samples
	 * @param alloc allocation samples, each standing for about the allocation interval in
	 * bytes (not one object)
	 * @param lock contended lock samples
	 */
	public record SampleCounts(long cpu, long wall, long alloc, long lock) {

	}

	/**
	 * A function and its share of an endpoint's CPU samples.
	 *
	 * @param name the function
	 * @param kind its kind
	 * @param share its self weight over the endpoint's, between 0 and 1
	 */
	public record HotFunction(String name, String kind, double share) {

	}

	/**
	 * An endpoint's request statistics and sample counts.
	 *
	 * @param requests completed requests
	 * @param errors requests answered with a 5xx status
	 * @param latency their latencies
	 * @param cpuMsPerRequest CPU time sampled inside the endpoint's requests, per request
	 * @param wallMsPerRequest wall-clock time sampled, per request
	 * @param allocBytesPerRequest heap bytes allocated per request, estimated from the
	 * allocation samples, or {@code null} when allocations are not sampled
	 * @param lockMsPerRequest time spent waiting on contended locks per request,
	 * estimated from the lock samples, or {@code null} when locks are not sampled
	 * @param samples sample counts
	 */
	public record Stats(long requests, long errors, Latency latency, double cpuMsPerRequest, double wallMsPerRequest,
			@Nullable Double allocBytesPerRequest, @Nullable Double lockMsPerRequest, SampleCounts samples) {

	}

	/**
	 * One row of the endpoint ranking.
	 *
	 * @param id the endpoint's URL-safe id
	 * @param name the endpoint's name
	 * @param kind {@code route}, {@code job} (work in a root span outside HTTP requests)
	 * or {@code management} (the actuator's own routes, when they are ranked)
	 * @param requests completed requests
	 * @param errors 5xx answers
	 * @param latency latencies
	 * @param cpuMsPerRequest CPU time per request
	 * @param wallMsPerRequest wall-clock time per request
	 * @param allocBytesPerRequest heap bytes allocated per request, or {@code null} when
	 * allocations are not sampled
	 * @param lockMsPerRequest contended lock waiting per request, or {@code null} when
	 * locks are not sampled
	 * @param samples sample counts
	 * @param hottestFunction the application function with the most self CPU time once
	 * libraries are folded, or {@code null} when no sample fell into application code
	 * @param topComponent the component other than the application's own code with the
	 * most CPU time (wall-clock time when there is no CPU sample), or {@code null}
	 */
	public record EndpointSummary(String id, String name, String kind, long requests, long errors, Latency latency,
			double cpuMsPerRequest, double wallMsPerRequest, @Nullable Double allocBytesPerRequest,
			@Nullable Double lockMsPerRequest, SampleCounts samples, @Nullable HotFunction hottestFunction,
			@Nullable ComponentShare topComponent) {

	}

	/**
	 * Samples outside any request.
	 *
	 * @param id the URL-safe id of the background view, grouped by thread pool
	 * @param samples sample counts
	 */
	public record Background(String id, SampleCounts samples) {

	}

	/**
	 * One window of the timeline.
	 *
	 * @param start its start
	 * @param end its end
	 * @param requests requests completed in it
	 * @param errors 5xx answers in it
	 * @param cpuSamples CPU samples taken in it
	 * @param wallSamples wall-clock samples taken in it
	 */
	public record TimelinePoint(Instant start, Instant end, long requests, long errors, long cpuSamples,
			long wallSamples) {

	}

	/**
	 * What was dropped to keep memory bounded.
	 *
	 * @param endpoints requests sent to {@code OTHER} by the endpoint cap
	 * @param requests requests lost by the request log
	 * @param stacks sample weight cut from full call trees
	 * @param traces slow requests dropped with their windows
	 * @param samples samples that could not be stored
	 * @param windows windows dropped early to bound memory
	 * @param scopes scope intervals lost by the scope log, whose samples lost their
	 * request
	 * @param traceSamples labeled samples given up early because their stack store filled
	 */
	public record Dropped(long endpoints, long requests, long stacks, long traces, long samples, long windows,
			long scopes, long traceSamples) {

	}

	/**
	 * The endpoint ranking.
	 *
	 * @param range the time covered
	 * @param sort the ranking's key
	 * @param endpoints the endpoints, slowest first
	 * @param background samples outside requests
	 * @param applicationId the URL-safe id of the whole application's view
	 * @param actuatorRequests requests to the actuator's own endpoints, left out of the
	 * ranking
	 * @param timeline the windows, oldest first
	 * @param dropped what was dropped
	 * @param samplesRead samples read from the recording since the start
	 */
	public record Ranking(Range range, String sort, List<EndpointSummary> endpoints, Background background,
			String applicationId, long actuatorRequests, List<TimelinePoint> timeline, Dropped dropped,
			long samplesRead) {

	}

	/**
	 * A frame of a flame graph.
	 *
	 * @param name the function
	 * @param kind its kind
	 */
	public record FrameInfo(String name, String kind) {

	}

	/**
	 * A call tree as parallel arrays in pre-order; weights are samples for {@code cpu}
	 * and {@code wall}, bytes for {@code alloc} and nanoseconds for {@code lock}.
	 *
	 * @param frame each node's index into the frames
	 * @param depth each node's depth, the root at 0
	 * @param total each node's total weight
	 * @param self each node's self weight
	 */
	public record Nodes(int[] frame, int[] depth, long[] total, long[] self) {

	}

	/**
	 * A flame graph's data.
	 *
	 * @param frames the frames the nodes use
	 * @param nodes the nodes
	 */
	public record Flame(List<FrameInfo> frames, Nodes nodes) {

	}

	/**
	 * One function of a function table.
	 *
	 * @param name the function
	 * @param kind its kind
	 * @param self samples in which it was the leaf
	 * @param total samples in which it was on the stack
	 * @param selfShare self over all samples
	 * @param totalShare total over all samples
	 * @param requests profiled requests in which it was seen
	 * @param component the component it belongs to ({@code database}, {@code templates}
	 * ...), or {@code null} for JDK and native frames, which work for their caller's
	 * @param componentLabel the component's name for people
	 * @param enteredFrom for a frame outside the application, the function that called it
	 * most, or {@code null}
	 */
	public record FunctionRow(String name, String kind, long self, long total, double selfShare, double totalShare,
			long requests, @Nullable String component, @Nullable String componentLabel, @Nullable String enteredFrom) {

	}

	/**
	 * The share of a profile spent in one component.
	 *
	 * @param name the component ({@code application}, {@code database},
	 * {@code templates}, {@code serialization}, {@code http-client}, {@code web},
	 * {@code logging}, {@code reflection}, {@code gc}, {@code jit},
	 * {@code class-loading}, {@code vm}, {@code profiler}, {@code jdk}, {@code libraries}
	 * or one the application added)
	 * @param label its name for people
	 * @param weight its samples (bytes or nanoseconds for alloc and lock)
	 * @param share its weight over the profile's, between 0 and 1
	 */
	public record ComponentShare(String name, String label, long weight, double share) {

	}

	/**
	 * One of the slowest requests.
	 *
	 * @param traceId its trace id, 32 hex digits
	 * @param spanId its span id, 16 hex digits
	 * @param start when it began
	 * @param latencyMs how long it took
	 * @param status its response status
	 * @param samples samples taken inside it
	 * @param thread the thread that served it, when a sample fell inside
	 */
	public record SlowRequestSummary(String traceId, String spanId, Instant start, double latencyMs, int status,
			SampleCounts samples, @Nullable String thread) {

	}

	/**
	 * How the samples of an answer were taken, to turn sample counts into time.
	 * Allocation and lock weights are already bytes and nanoseconds.
	 *
	 * @param cpuIntervalMs the time one CPU sample stands for
	 * @param wallIntervalMs the time one wall-clock sample stands for
	 * @param chunkSeconds how often new data arrives
	 * @param types the profile types being sampled, such as {@code cpu} and {@code wall}
	 */
	public record Sampling(long cpuIntervalMs, long wallIntervalMs, long chunkSeconds, List<String> types) {

	}

	/**
	 * One endpoint's profile.
	 *
	 * @param id its id
	 * @param name its name
	 * @param type the profile type shown
	 * @param scope the frames shown
	 * @param range the time covered
	 * @param stats its request statistics
	 * @param components its weight by component, heaviest first
	 * @param flame its flame graph
	 * @param functions its functions, by self weight
	 * @param slowest its slowest requests, slowest first
	 * @param sampling how the samples were taken
	 */
	public record EndpointProfile(String id, String name, String type, String scope, Range range, Stats stats,
			List<ComponentShare> components, Flame flame, List<FunctionRow> functions, List<SlowRequestSummary> slowest,
			Sampling sampling) {

	}

	/**
	 * An endpoint's id and name.
	 *
	 * @param id its id
	 * @param name its name
	 */
	public record EndpointRef(String id, String name) {

	}

	/**
	 * One span of a trace that had samples.
	 *
	 * @param spanId the span id
	 * @param parentSpanId its parent's id, when the tracer says
	 * @param name its name, when the tracer says
	 * @param threads the threads that worked for it
	 * @param samples its samples
	 */
	public record SpanSamples(String spanId, @Nullable String parentSpanId, @Nullable String name, List<String> threads,
			SampleCounts samples) {

	}

	/**
	 * One request's profile.
	 *
	 * @param traceId the trace id
	 * @param endpoint the request's endpoint, when known
	 * @param spans the request's server spans kept among the slowest
	 * @param workingSpans the trace's spans that had samples, on any thread
	 * @param span the span the flame graph is narrowed to, with its descendants
	 * @param type the profile type shown
	 * @param scope the frames shown
	 * @param components its weight by component, heaviest first
	 * @param flame its flame graph
	 * @param functions its functions, by self weight
	 * @param sampling how the samples were taken
	 */
	public record TraceProfile(String traceId, @Nullable EndpointRef endpoint, List<SlowRequestSummary> spans,
			List<SpanSamples> workingSpans, @Nullable String span, String type, String scope,
			List<ComponentShare> components, Flame flame, List<FunctionRow> functions, Sampling sampling) {

	}

}

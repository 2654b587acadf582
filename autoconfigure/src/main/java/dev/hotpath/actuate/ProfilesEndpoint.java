package dev.hotpath.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.hotpath.history.HistoryStatus;
import dev.hotpath.history.VersionHistory;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.VersionSummary;
import dev.hotpath.query.Comparisons;
import dev.hotpath.query.EndpointIds;
import dev.hotpath.query.HexIds;
import dev.hotpath.query.HotLines;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.query.Scope;
import dev.hotpath.query.TimeRange;
import dev.hotpath.query.Views;
import dev.hotpath.query.Views.Ranking;
import dev.hotpath.sampling.SamplerStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code profiles} endpoint: the endpoints of the application ranked slowest first,
 * one endpoint's flame graph and hot functions, and one request's samples by trace id.
 * Bad input raises
 * {@link org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException}; an
 * unknown endpoint or trace answers {@code null}.
 */
@Endpoint(id = "profiles")
public class ProfilesEndpoint {

	/** The path segment of one endpoint's profile. */
	public static final String ENDPOINTS = "endpoints";

	/** The path segment of one request's profile. */
	public static final String TRACES = "traces";

	/** The path segment of one endpoint's comparisons. */
	public static final String COMPARISONS = "comparisons";

	/** The path of the findings. */
	public static final String FINDINGS = "findings";

	/** The path segment of one function's source lines. */
	public static final String LINES = "lines";

	private final ProfileQueries queries;

	private final Supplier<SamplerStatus> sampler;

	private final List<String> applicationPackages;

	private final Attribution attribution;

	private final @Nullable VersionHistory history;

	private final Refresh refresh;

	/**
	 * Creates the endpoint.
	 * @param queries answers the questions
	 * @param sampler the sampler's status
	 * @param applicationPackages the packages of application code
	 */
	public ProfilesEndpoint(ProfileQueries queries, Supplier<SamplerStatus> sampler, List<String> applicationPackages) {
		this(queries, sampler, applicationPackages, Attribution.REQUEST_THREAD_ONLY);
	}

	/**
	 * Creates the endpoint.
	 * @param queries answers the questions
	 * @param sampler the sampler's status
	 * @param applicationPackages the packages of application code
	 * @param attribution how work on other threads is attributed
	 */
	public ProfilesEndpoint(ProfileQueries queries, Supplier<SamplerStatus> sampler, List<String> applicationPackages,
			Attribution attribution) {
		this(queries, sampler, applicationPackages, attribution, null);
	}

	/**
	 * Creates the endpoint.
	 * @param queries answers the questions
	 * @param sampler the sampler's status
	 * @param applicationPackages the packages of application code
	 * @param attribution how work on other threads is attributed
	 * @param history the running version and the earlier versions kept, or {@code null}
	 * when there is no version history
	 */
	public ProfilesEndpoint(ProfileQueries queries, Supplier<SamplerStatus> sampler, List<String> applicationPackages,
			Attribution attribution, @Nullable VersionHistory history) {
		this(queries, sampler, applicationPackages, attribution, history, Refresh.NONE);
	}

	/**
	 * Creates the endpoint.
	 * @param queries answers the questions
	 * @param sampler the sampler's status
	 * @param applicationPackages the packages of application code
	 * @param attribution how work on other threads is attributed
	 * @param history the running version and the earlier versions kept, or {@code null}
	 * when there is no version history
	 * @param refresh how each read first brings the profile up to date
	 */
	public ProfilesEndpoint(ProfileQueries queries, Supplier<SamplerStatus> sampler, List<String> applicationPackages,
			Attribution attribution, @Nullable VersionHistory history, Refresh refresh) {
		this.refresh = refresh;
		this.queries = queries;
		this.sampler = sampler;
		this.applicationPackages = List.copyOf(applicationPackages);
		this.attribution = attribution;
		this.history = history;
	}

	/**
	 * The overview.
	 * @param from start of the time range (ISO-8601 or epoch milliseconds)
	 * @param to end of the time range
	 * @param sort the ranking key
	 * @return the overview
	 */
	@ReadOperation(producesFrom = ProfilesFormat.class)
	public Overview overview(@Nullable String from, @Nullable String to, @Nullable String sort) {
		refresh();
		Ranking ranking = this.queries.ranking(ProfilesRequest.range(from, to), ProfilesRequest.sort(sort));
		SamplerStatus status = this.sampler.get();
		SamplerDescriptor sampler = new SamplerDescriptor(status.engine(), status.version(), status.state().name(),
				status.mode(), status.settings().cpuInterval().toMillis(), status.settings().wallInterval().toMillis(),
				status.settings().allocIntervalBytes(), status.settings().lockInterval().toNanos() / 1e6,
				status.settings().chunkDuration().toSeconds(),
				this.refresh.secondsWithin(status.settings().chunkDuration()), status.since(), status.samples(),
				ranking.dropped().samples(), status.message(), status.problem(), status.unreadableChunks(),
				status.nativeMemoryBytes(), status.samplesWithoutStack());
		VersionHistory history = this.history;
		return new Overview(sampler, this.attribution, String.join(",", this.applicationPackages), ranking.range(),
				ranking.sort(), ranking.endpoints(), ranking.background(), ranking.applicationId(),
				ranking.actuatorRequests(), ranking.timeline(), ranking.dropped(),
				(history != null) ? history.version() : null, (history != null) ? history.versions() : List.of(),
				(history != null) ? history.status() : null);
	}

	/**
	 * The findings of a range ({@code findings}): the few facts that matter most, in
	 * plain sentences.
	 * @param name {@code findings}
	 * @param from start of the time range
	 * @param to end of the time range
	 * @return the findings, or {@code null} for another name
	 */
	@ReadOperation(producesFrom = ProfilesFormat.class)
	public @Nullable Object named(@Selector String name, @Nullable String from, @Nullable String to) {
		if (FINDINGS.equals(name)) {
			refresh();
			return this.queries.findings(ProfilesRequest.range(from, to));
		}
		return null;
	}

	/**
	 * One endpoint ({@code endpoints/{id}}), one request ({@code traces/{traceId}}), a
	 * comparison of two profiles of one endpoint ({@code comparisons/{id}}) or one
	 * function's source lines in an endpoint ({@code lines/{id}?function=}).
	 * @param kind {@code endpoints}, {@code traces}, {@code comparisons} or {@code lines}
	 * @param id the endpoint's id or the trace id
	 * @param type the profile type
	 * @param scope the frames shown
	 * @param from start of the time range, for endpoints, comparisons and lines
	 * @param to end of the time range, for endpoints, comparisons and lines
	 * @param function for endpoints, list only the slowest requests that ran this
	 * function; for lines, the function whose lines to give (required)
	 * @param span for traces, show only this span (16 hex digits) and its descendants
	 * @param by for comparisons, {@code slow} (the default), {@code range} or
	 * {@code version}
	 * @param slowerThan for {@code by=slow}, the latency in milliseconds from which a
	 * request is slow; the endpoint's p95 when absent
	 * @param baselineFrom for {@code by=range}, the start of the range compared against
	 * @param baselineTo for {@code by=range}, its end
	 * @param baselineVersion for {@code by=version}, the version compared against
	 * @return the profile, or {@code null} when there is none
	 */
	@ReadOperation(producesFrom = ProfilesFormat.class)
	public @Nullable Object detail(@Selector String kind, @Selector String id, @Nullable String type,
			@Nullable String scope, @Nullable String from, @Nullable String to, @Nullable String function,
			@Nullable String span, @Nullable String by, @Nullable String slowerThan, @Nullable String baselineFrom,
			@Nullable String baselineTo, @Nullable String baselineVersion) {
		ProfileType profileType = ProfilesRequest.type(type);
		Scope frames = ProfilesRequest.scope(scope);
		refresh();
		if (COMPARISONS.equals(kind)) {
			String name = EndpointIds.name(id);
			if (name == null) {
				return null;
			}
			return compare(name, profileType, frames, from, to, by, slowerThan, baselineFrom, baselineTo,
					baselineVersion);
		}
		if (ENDPOINTS.equals(kind)) {
			String name = EndpointIds.name(id);
			if (name == null) {
				return null;
			}
			return this.queries
				.endpoint(name, profileType, frames, ProfilesRequest.range(from, to),
						(function != null && !function.isBlank()) ? function : null)
				.orElse(null);
		}
		if (TRACES.equals(kind)) {
			long[] traceId = HexIds.parseTraceId(id.strip());
			if (traceId == null) {
				throw ProfilesRequest
					.invalid("A trace id is 32 hex digits, such as 4bf92f3577b34da6a3ce929d0e0e4736; got '"
							+ ProfilesRequest.abbreviate(id) + "'");
			}
			Long spanId = null;
			if (span != null && !span.isBlank()) {
				spanId = HexIds.parseSpanId(span.strip());
				if (spanId == null) {
					throw ProfilesRequest.invalid("A span id is 16 hex digits, such as 00f067aa0ba902b7; got '"
							+ ProfilesRequest.abbreviate(span) + "'");
				}
			}
			return this.queries.trace(traceId[0], traceId[1], profileType, frames, spanId).orElse(null);
		}
		if (LINES.equals(kind)) {
			return lines(id, function, profileType, ProfilesRequest.range(from, to));
		}
		return null;
	}

	private @Nullable Object compare(String name, ProfileType type, Scope scope, @Nullable String from,
			@Nullable String to, @Nullable String by, @Nullable String slowerThan, @Nullable String baselineFrom,
			@Nullable String baselineTo, @Nullable String baselineVersion) {
		String comparison = (by == null || by.isBlank()) ? "slow" : by.strip();
		TimeRange range = ProfilesRequest.range(from, to);
		Comparisons comparisons = this.queries.comparisons();
		switch (comparison) {
			case "slow" -> {
				if (ProfileQueries.APPLICATION.equals(name)) {
					throw ProfilesRequest.invalid("Slow against typical requests compares one endpoint's requests; "
							+ "pick an endpoint, or compare the application's ranges with by=range");
				}
				return comparisons
					.slowVsTypical(name, type, scope, range, ProfilesRequest.millis("slowerThan", slowerThan))
					.orElse(null);
			}
			case "range" -> {
				if (range.fromMillis() == Long.MIN_VALUE) {
					throw ProfilesRequest.invalid("by=range needs 'from' (and 'to', now by default): the range in "
							+ "question; 'baselineFrom' and 'baselineTo' give the range it is compared against");
				}
				boolean baseline = (baselineFrom != null && !baselineFrom.isBlank())
						|| (baselineTo != null && !baselineTo.isBlank());
				if (baseline && (baselineFrom == null || baselineFrom.isBlank() || baselineTo == null
						|| baselineTo.isBlank())) {
					throw ProfilesRequest.invalid("Give both 'baselineFrom' and 'baselineTo', or neither for the "
							+ "range of the same length just before 'from'");
				}
				TimeRange before = baseline ? ProfilesRequest.range(baselineFrom, baselineTo) : null;
				return comparisons.ranges(name, type, scope, range, before).orElse(null);
			}
			case "version" -> {
				return compareVersions(name, type, scope, range, baselineVersion);
			}
			default -> throw ProfilesRequest.invalid(
					"Unknown comparison '" + ProfilesRequest.abbreviate(comparison) + "'; use slow, range or version");
		}
	}

	private @Nullable HotLines lines(String id, @Nullable String function, ProfileType type, TimeRange range) {
		if (function == null || function.isBlank()) {
			throw ProfilesRequest.invalid("Hot lines need 'function': a function's full name as the functions table "
					+ "lists it, such as com.example.Orders.total");
		}
		String name = EndpointIds.name(id);
		return (name != null) ? this.queries.lines(name, function.strip(), type, range).orElse(null) : null;
	}

	private @Nullable Object compareVersions(String name, ProfileType type, Scope scope, TimeRange range,
			@Nullable String baselineVersion) {
		VersionHistory history = this.history;
		List<VersionSummary> kept = (history != null) ? history.versions() : List.of();
		if (baselineVersion == null || baselineVersion.isBlank()) {
			throw ProfilesRequest.invalid("by=version needs 'baselineVersion', one of the versions the overview lists"
					+ (kept.isEmpty() ? "; none is kept: set hotpath.history.directory to keep each version's profile "
							+ "across restarts" : ": " + versionNames(kept)));
		}
		String version = baselineVersion.strip();
		if (kept.stream().noneMatch((summary) -> summary.version().equals(version))) {
			throw ProfilesRequest.invalid("No profile of version '" + ProfilesRequest.abbreviate(version) + "' is kept"
					+ (kept.isEmpty()
							? "; set hotpath.history.directory to keep each version's profile across " + "restarts"
							: "; the kept versions are " + versionNames(kept)));
		}
		try {
			return this.queries.comparisons()
				.versions(name, type, scope, range, version, (history != null) ? history.version() : null)
				.orElse(null);
		}
		catch (IllegalArgumentException ex) {
			throw ProfilesRequest.invalid(ex.getMessage());
		}
	}

	private static String versionNames(List<VersionSummary> versions) {
		return String.join(", ", versions.stream().map(VersionSummary::version).toList());
	}

	/**
	 * Brings the profile up to date before the data of a read is taken from it; the page
	 * itself and bad requests take nothing from it.
	 */
	public void refresh() {
		this.refresh.catchUp().run();
	}

	/**
	 * How reads bring the profile up to date: when the recording's running chunk began
	 * longer ago than {@code within}, {@code catchUp} closes and reads it first.
	 *
	 * @param within how old a running chunk may be before a read closes it, zero when
	 * reads never do
	 * @param catchUp closes and reads the running chunk when it is older than
	 * {@code within}, returning once it is read
	 */
	public record Refresh(Duration within, Runnable catchUp) {

		/** Reads take the profile as the last chunk left it. */
		public static final Refresh NONE = new Refresh(Duration.ZERO, () -> {
		});

		/** Whole seconds, rounded up: a refresh within half a second says 1. */
		long secondsWithin(Duration chunk) {
			Duration age = (this.within.isZero() || this.within.compareTo(chunk) >= 0) ? chunk : this.within;
			return (age.toMillis() + 999) / 1000;
		}

	}

	/**
	 * The sampler's status as the overview shows it.
	 *
	 * @param engine the sampling engine
	 * @param version its version, when loaded
	 * @param state {@code RUNNING}, {@code UNAVAILABLE} or {@code STOPPED}
	 * @param mode what is sampled, in words
	 * @param cpuIntervalMs time between CPU samples
	 * @param wallIntervalMs time between wall-clock samples of request threads
	 * @param allocIntervalBytes bytes allocated between allocation samples, {@code 0}
	 * when allocations are not sampled
	 * @param lockIntervalMs contended lock waiting between lock samples, {@code 0} when
	 * locks are not sampled
	 * @param chunkSeconds how often the recording is read at most
	 * @param refreshSeconds how long after a request completed an answer holds it at
	 * most: the chunk's length, or less when reads close an older chunk first
	 * @param since when the state began
	 * @param samples samples the engine took
	 * @param samplesDropped samples that could not be stored
	 * @param message one sentence on what is going on, with the last problem
	 * @param problem the last problem while running, such as a chunk that could not be
	 * read, or {@code null}
	 * @param unreadableChunks chunks of the recording that could not be read
	 * @param nativeMemoryBytes what async-profiler holds outside the Java heap for its
	 * samples, or {@code null} when the engine cannot say
	 * @param samplesWithoutStack samples recorded without their stack because
	 * async-profiler's stack storage was full
	 */
	public record SamplerDescriptor(String engine, @Nullable String version, String state, String mode,
			long cpuIntervalMs, long wallIntervalMs, long allocIntervalBytes, double lockIntervalMs, long chunkSeconds,
			long refreshSeconds, Instant since, long samples, long samplesDropped, String message,
			@Nullable String problem, long unreadableChunks, @Nullable Long nativeMemoryBytes,
			long samplesWithoutStack) {

	}

	/**
	 * The overview: the sampler's status and the endpoint ranking.
	 *
	 * @param sampler the sampler's status
	 * @param attribution how work on other threads is attributed to its request
	 * @param applicationPackage the packages of application code, comma-separated
	 * @param range the time covered
	 * @param sort the ranking key
	 * @param endpoints the endpoints, ranked
	 * @param background samples outside requests
	 * @param applicationId the id of the whole application's view
	 * @param actuatorRequests requests to the actuator's own endpoints, not ranked
	 * @param timeline one point per window
	 * @param dropped what was dropped to bound memory
	 * @param version the running version, or {@code null} when the application has none
	 * @param versions the earlier versions whose profiles were kept, newest first
	 * @param history what the version history does, or {@code null} when there is none
	 */
	public record Overview(SamplerDescriptor sampler, Attribution attribution, String applicationPackage,
			Views.Range range, String sort, List<Views.EndpointSummary> endpoints, Views.Background background,
			String applicationId, long actuatorRequests, List<Views.TimelinePoint> timeline, Views.Dropped dropped,
			@Nullable String version, List<VersionSummary> versions, @Nullable HistoryStatus history) {

	}

	/**
	 * How work on threads other than the request's is attributed to the request.
	 *
	 * @param mode {@code scope-events}, {@code context-storage},
	 * {@code context-propagation} or {@code request-thread-only}
	 * @param message what works and what does not, in one sentence
	 */
	public record Attribution(String mode, String message) {

		/** Where nothing follows a request's work onto other threads. */
		public static final Attribution REQUEST_THREAD_ONLY = new Attribution("request-thread-only",
				"Samples are attributed on request threads only.");

	}

}

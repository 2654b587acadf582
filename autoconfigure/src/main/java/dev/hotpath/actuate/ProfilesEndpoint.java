package dev.hotpath.actuate;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.hotpath.history.HistoryStatus;
import dev.hotpath.history.VersionHistory;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.VersionSummary;
import dev.hotpath.query.EndpointIds;
import dev.hotpath.query.HexIds;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.query.Scope;
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

	private final ProfileQueries queries;

	private final Supplier<SamplerStatus> sampler;

	private final List<String> applicationPackages;

	private final Attribution attribution;

	private final @Nullable VersionHistory history;

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
		Ranking ranking = this.queries.ranking(ProfilesRequest.range(from, to), ProfilesRequest.sort(sort));
		SamplerStatus status = this.sampler.get();
		SamplerDescriptor sampler = new SamplerDescriptor(status.engine(), status.version(), status.state().name(),
				status.mode(), status.settings().cpuInterval().toMillis(), status.settings().wallInterval().toMillis(),
				status.settings().allocIntervalBytes(), status.settings().lockInterval().toNanos() / 1e6,
				status.settings().chunkDuration().toSeconds(), status.since(), status.samples(),
				ranking.dropped().samples(), status.message());
		VersionHistory history = this.history;
		return new Overview(sampler, this.attribution, String.join(",", this.applicationPackages), ranking.range(),
				ranking.sort(), ranking.endpoints(), ranking.background(), ranking.applicationId(),
				ranking.actuatorRequests(), ranking.timeline(), ranking.dropped(),
				(history != null) ? history.version() : null, (history != null) ? history.versions() : List.of(),
				(history != null) ? history.status() : null);
	}

	/**
	 * One endpoint ({@code endpoints/{id}}) or one request ({@code traces/{traceId}}).
	 * @param kind {@code endpoints} or {@code traces}
	 * @param id the endpoint's id or the trace id
	 * @param type the profile type
	 * @param scope the frames shown
	 * @param from start of the time range, for endpoints
	 * @param to end of the time range, for endpoints
	 * @param function for endpoints, list only the slowest requests that ran this
	 * function
	 * @param span for traces, show only this span (16 hex digits) and its descendants
	 * @return the profile, or {@code null} when there is none
	 */
	@ReadOperation(producesFrom = ProfilesFormat.class)
	public @Nullable Object detail(@Selector String kind, @Selector String id, @Nullable String type,
			@Nullable String scope, @Nullable String from, @Nullable String to, @Nullable String function,
			@Nullable String span) {
		ProfileType profileType = ProfilesRequest.type(type);
		Scope frames = ProfilesRequest.scope(scope);
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
		return null;
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
	 * @param chunkSeconds how often the recording is read
	 * @param since when the state began
	 * @param samples samples the engine took
	 * @param samplesDropped samples that could not be stored
	 * @param message one sentence on what is going on
	 */
	public record SamplerDescriptor(String engine, @Nullable String version, String state, String mode,
			long cpuIntervalMs, long wallIntervalMs, long allocIntervalBytes, double lockIntervalMs, long chunkSeconds,
			Instant since, long samples, long samplesDropped, String message) {

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

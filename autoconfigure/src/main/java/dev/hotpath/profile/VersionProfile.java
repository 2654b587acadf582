package dev.hotpath.profile;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The profile of one version of the application over the time it ran, kept on disk across
 * restarts so that a later version can be compared with it: per endpoint (and the
 * {@linkplain Window#BACKGROUND background}) its requests, errors, latency histogram and
 * one call tree per profile type, every window merged. Frame ids are those of the store's
 * {@link Frames}. Read-only once made: queries read it under the store's read lock like
 * the windows.
 */
public final class VersionProfile {

	private static final LatencyHistogram NO_LATENCY = new LatencyHistogram();

	private final String version;

	private final Instant from;

	private final Instant to;

	private final Map<String, Endpoint> endpoints;

	/**
	 * Creates a version's profile.
	 * @param version the version
	 * @param from when its oldest data began
	 * @param to when its newest data ended
	 * @param endpoints each endpoint's data, by endpoint name
	 */
	public VersionProfile(String version, Instant from, Instant to, Map<String, Endpoint> endpoints) {
		this.version = version;
		this.from = from;
		this.to = to;
		this.endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
	}

	public String version() {
		return this.version;
	}

	public Instant from() {
		return this.from;
	}

	public Instant to() {
		return this.to;
	}

	/**
	 * The names of the endpoints that had requests or samples, the background among them.
	 */
	public Set<String> endpoints() {
		return this.endpoints.keySet();
	}

	/**
	 * An endpoint's requests.
	 * @param endpoint the endpoint's name
	 * @return the count, 0 for an unknown endpoint
	 */
	public long requests(String endpoint) {
		Endpoint data = this.endpoints.get(endpoint);
		return (data != null) ? data.requests() : 0;
	}

	/**
	 * An endpoint's requests answered with a 5xx status.
	 * @param endpoint the endpoint's name
	 * @return the count, 0 for an unknown endpoint
	 */
	public long errors(String endpoint) {
		Endpoint data = this.endpoints.get(endpoint);
		return (data != null) ? data.errors() : 0;
	}

	/**
	 * An endpoint's kind: {@link RequestSource#ROUTE}, {@link RequestSource#MANAGEMENT}
	 * or {@link RequestSource#JOB}.
	 * @param endpoint the endpoint's name
	 * @return the kind, {@code route} for an unknown endpoint
	 */
	public String kind(String endpoint) {
		Endpoint data = this.endpoints.get(endpoint);
		return (data != null) ? data.kind() : RequestSource.ROUTE;
	}

	/**
	 * An endpoint's request latencies. Do not record into it.
	 * @param endpoint the endpoint's name
	 * @return the histogram, empty for an unknown endpoint
	 */
	public LatencyHistogram latency(String endpoint) {
		Endpoint data = this.endpoints.get(endpoint);
		return (data != null) ? data.latency() : NO_LATENCY;
	}

	/**
	 * An endpoint's call tree of one profile type, every window merged. Do not add to it.
	 * @param endpoint the endpoint's name
	 * @param type the profile type
	 * @return the tree, empty when the endpoint had no sample of the type
	 */
	public CallTree tree(String endpoint, ProfileType type) {
		Endpoint data = this.endpoints.get(endpoint);
		CallTree tree = (data != null) ? data.trees().get(type) : null;
		return (tree != null) ? tree : new CallTree(1);
	}

	/** The requests of every endpoint but the actuator's own. */
	public long requests() {
		long requests = 0;
		for (Endpoint endpoint : this.endpoints.values()) {
			if (!RequestSource.MANAGEMENT.equals(endpoint.kind())) {
				requests += endpoint.requests();
			}
		}
		return requests;
	}

	/** The nodes of every call tree, roots included: what the profile costs in memory. */
	public long nodes() {
		long nodes = 0;
		for (Endpoint endpoint : this.endpoints.values()) {
			for (CallTree tree : endpoint.trees().values()) {
				nodes += tree.size();
			}
		}
		return nodes;
	}

	/** The version as the overview lists it. */
	public VersionSummary summary() {
		return new VersionSummary(this.version, this.from, this.to, requests());
	}

	/**
	 * One endpoint's data in a version's profile.
	 *
	 * @param kind {@link RequestSource#ROUTE}, {@link RequestSource#MANAGEMENT} or
	 * {@link RequestSource#JOB}
	 * @param requests its requests
	 * @param errors its requests answered with a 5xx status
	 * @param latency its request latencies
	 * @param trees its call tree per profile type, for the types that had samples
	 */
	public record Endpoint(String kind, long requests, long errors, LatencyHistogram latency,
			Map<ProfileType, CallTree> trees) {

		public Endpoint {
			Map<ProfileType, CallTree> copy = new EnumMap<>(ProfileType.class);
			copy.putAll(trees);
			trees = Collections.unmodifiableMap(copy);
		}

		/**
		 * The tree of a type.
		 * @param type the profile type
		 * @return the tree, or {@code null} when the type had no sample
		 */
		public @Nullable CallTree tree(ProfileType type) {
			return this.trees.get(type);
		}

	}

}

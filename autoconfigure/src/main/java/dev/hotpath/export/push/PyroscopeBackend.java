package dev.hotpath.export.push;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hotpath.export.ExportedProfile;
import dev.hotpath.export.Pprof;
import dev.hotpath.profile.ProfileType;
import org.jspecify.annotations.Nullable;

/**
 * Pushes profiles to Grafana Pyroscope through its HTTP ingest API: {@code POST
 * {url}/ingest?name=<app>{labels}&from=<s>&until=<s>&format=pprof}, with the gzipped
 * pprof as the raw body ({@code application/octet-stream}), the form Pyroscope reads when
 * {@code format=pprof} is given.
 * <p>
 * Each profile type goes in its own request: Pyroscope names all series of one request
 * after one profile type ({@code wall} when there is one), so cpu samples sent with wall
 * samples would not show as {@code process_cpu}. Samples keep their {@code span_id},
 * {@code trace_id}, {@code span_name}, {@code endpoint} and {@code thread} labels;
 * Pyroscope keeps {@code span_id} and, since it stopped promoting it to a series label,
 * {@code trace_id} per sample, and makes the others series labels. {@code span_id} is the
 * local root of the sample's span (the request's server span) where it is known, as
 * Grafana's span profiles expect: a root span's "profiles for this span" then holds the
 * whole request, its child spans' samples included, on every thread.
 */
public final class PyroscopeBackend implements PushBackend {

	private final URI ingest;

	private final String name;

	private final Map<String, String> headers;

	private PyroscopeBackend(Builder builder) {
		String base = HttpTargets.requireHttp(builder.url).toString();
		this.ingest = URI.create((base.endsWith("/") ? base : base + "/") + "ingest");
		this.name = labelSet(builder.applicationName, builder.labels);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/octet-stream");
		if (builder.bearerToken != null && builder.basicAuthUser != null) {
			throw new IllegalArgumentException("Pyroscope takes either basic auth or a bearer token, not both");
		}
		if (builder.bearerToken != null) {
			headers.put("Authorization", "Bearer " + builder.bearerToken);
		}
		if (builder.basicAuthUser != null) {
			String credentials = builder.basicAuthUser + ":"
					+ ((builder.basicAuthPassword != null) ? builder.basicAuthPassword : "");
			headers.put("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		if (builder.tenantId != null) {
			headers.put("X-Scope-OrgID", builder.tenantId);
		}
		this.headers = HttpTargets.requireValidHeaders(this.ingest, headers);
	}

	/**
	 * Starts a backend's configuration.
	 * @param url Pyroscope's base URL, such as {@code http://localhost:4040}
	 * @param applicationName the application's name in Pyroscope, its
	 * {@code service_name}
	 * @return the builder
	 */
	public static Builder builder(URI url, String applicationName) {
		return new Builder(url, applicationName);
	}

	@Override
	public String name() {
		return "pyroscope";
	}

	@Override
	public List<PushRequest> requests(ExportedProfile profile) {
		URI uri = URI.create(this.ingest + "?name=" + URLEncoder.encode(this.name, StandardCharsets.UTF_8) + "&from="
				+ Math.floorDiv(profile.startMillis(), 1000) + "&until=" + -Math.floorDiv(-profile.endMillis(), 1000)
				+ "&format=pprof");
		List<PushRequest> requests = new ArrayList<>();
		for (ProfileType type : sampledTypes(profile)) {
			requests.add(new PushRequest(uri, this.headers, Pprof.encode(only(profile, type), true)));
		}
		return requests;
	}

	/**
	 * The {@code name} parameter: the application's name and the static labels.
	 * @return the label set, such as {@code orders{env=prod,region=eu}}
	 */
	public String labelSet() {
		return this.name;
	}

	private static Set<ProfileType> sampledTypes(ExportedProfile profile) {
		Set<ProfileType> types = EnumSet.noneOf(ProfileType.class);
		for (ExportedProfile.Sample sample : profile.samples()) {
			types.add(sample.type());
		}
		return types;
	}

	private static ExportedProfile only(ExportedProfile profile, ProfileType type) {
		List<ExportedProfile.Sample> samples = new ArrayList<>();
		for (ExportedProfile.Sample sample : profile.samples()) {
			if (sample.type() == type) {
				samples.add(sample);
			}
		}
		return new ExportedProfile(profile.startMillis(), profile.endMillis(), profile.cpuIntervalNanos(),
				profile.wallIntervalNanos(), EnumSet.of(type), profile.frames(), samples, profile.attributes());
	}

	/**
	 * Pyroscope's label set syntax has no escapes: these characters would cut a name, key
	 * or value short, so they fail the configuration instead.
	 */
	private static String labelSet(String applicationName, Map<String, String> labels) {
		if (applicationName.isBlank() || applicationName.contains("{")) {
			throw new IllegalArgumentException("'" + applicationName + "' is not a valid Pyroscope application name");
		}
		StringBuilder name = new StringBuilder(applicationName).append('{');
		labels.forEach((key, value) -> {
			if (key.isBlank() || containsAny(key, "{}=,") || containsAny(value, "{},")) {
				throw new IllegalArgumentException("Pyroscope label " + key + "=" + value
						+ " is not valid: neither key nor value may hold braces or commas");
			}
			name.append((name.charAt(name.length() - 1) != '{') ? "," : "").append(key).append('=').append(value);
		});
		return name.append('}').toString();
	}

	private static boolean containsAny(String string, String characters) {
		for (int i = 0; i < characters.length(); i++) {
			if (string.indexOf(characters.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Configures a {@link PyroscopeBackend}.
	 */
	public static final class Builder {

		private final URI url;

		private final String applicationName;

		private Map<String, String> labels = Map.of();

		private @Nullable String basicAuthUser;

		private @Nullable String basicAuthPassword;

		private @Nullable String bearerToken;

		private @Nullable String tenantId;

		private Builder(URI url, String applicationName) {
			this.url = url;
			this.applicationName = applicationName;
		}

		/**
		 * Sets labels added to every profile, such as {@code env} or {@code region}.
		 * @param labels the labels, in the order they are sent
		 * @return this builder
		 */
		public Builder labels(Map<String, String> labels) {
			this.labels = new LinkedHashMap<>(labels);
			return this;
		}

		/**
		 * Authenticates with basic auth, as Grafana Cloud expects (its user is the
		 * stack's Pyroscope user id, its password an access token).
		 * @param user the user
		 * @param password the password
		 * @return this builder
		 */
		public Builder basicAuth(String user, @Nullable String password) {
			this.basicAuthUser = user;
			this.basicAuthPassword = password;
			return this;
		}

		/**
		 * Authenticates with a bearer token.
		 * @param token the token
		 * @return this builder
		 */
		public Builder bearerToken(String token) {
			this.bearerToken = token;
			return this;
		}

		/**
		 * Sets the tenant of a multi-tenant Pyroscope, sent as {@code X-Scope-OrgID}.
		 * @param tenantId the tenant
		 * @return this builder
		 */
		public Builder tenantId(String tenantId) {
			this.tenantId = tenantId;
			return this;
		}

		/**
		 * Builds the backend.
		 * @return the backend
		 * @throws IllegalArgumentException when the URL is not http(s), a label cannot be
		 * written in Pyroscope's syntax, or both basic auth and a token are set
		 */
		public PyroscopeBackend build() {
			return new PyroscopeBackend(this);
		}

	}

}

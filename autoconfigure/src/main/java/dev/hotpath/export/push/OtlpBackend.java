package dev.hotpath.export.push;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hotpath.export.ExportedProfile;
import dev.hotpath.export.OtlpProfiles;

/**
 * Pushes profiles to an OpenTelemetry collector, or any OTLP/HTTP receiver of profiles:
 * one {@code ExportProfilesServiceRequest} per push, as {@code application/x-protobuf},
 * to the full endpoint URL ({@code http://localhost:4318/v1development/profiles} by
 * default).
 */
public final class OtlpBackend implements PushBackend {

	/** The default endpoint: a local collector's OTLP/HTTP receiver. */
	public static final String DEFAULT_ENDPOINT = "http://localhost:4318/v1development/profiles";

	private final URI endpoint;

	private final Map<String, String> headers;

	/**
	 * Creates the backend.
	 * @param endpoint the full URL requests are posted to
	 * @param headers headers sent with every request, such as {@code Authorization}
	 * @throws IllegalArgumentException when the URL is not http(s) or a header may not be
	 * set
	 */
	public OtlpBackend(URI endpoint, Map<String, String> headers) {
		this.endpoint = HttpTargets.requireHttp(endpoint);
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.put("Content-Type", "application/x-protobuf");
		this.headers = HttpTargets.requireValidHeaders(endpoint, all);
	}

	@Override
	public String name() {
		return "otlp";
	}

	@Override
	public List<PushRequest> requests(ExportedProfile profile) {
		return List.of(new PushRequest(this.endpoint, this.headers, OtlpProfiles.encode(profile)));
	}

	/**
	 * Where requests go.
	 * @return the endpoint
	 */
	public URI endpoint() {
		return this.endpoint;
	}

}

package dev.hotpath.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the pushes of the profile to Grafana Pyroscope or an OpenTelemetry
 * collector.
 */
@ConfigurationProperties("hotpath.export")
public class HotpathExportProperties {

	/**
	 * Longest time between two looks for windows to push. Hotpath also looks each time it
	 * has read a recording chunk, which is when windows become whole.
	 */
	private Duration period = Duration.ofSeconds(15);

	/**
	 * Time to connect to a backend, and to wait for its response, per request.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * How often a request is repeated after HTTP 429, a 5xx status or an I/O error, with
	 * a backoff from 1 second that doubles each time. Other 4xx are not retried.
	 */
	private int maxRetries = 2;

	/**
	 * Profiles waiting for one backend at most while it is slow or down; the oldest is
	 * dropped beyond it.
	 */
	private int buffer = 4;

	private final Pyroscope pyroscope = new Pyroscope();

	private final Otlp otlp = new Otlp();

	public Duration getPeriod() {
		return this.period;
	}

	public void setPeriod(Duration period) {
		this.period = period;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getMaxRetries() {
		return this.maxRetries;
	}

	public void setMaxRetries(int maxRetries) {
		this.maxRetries = maxRetries;
	}

	public int getBuffer() {
		return this.buffer;
	}

	public void setBuffer(int buffer) {
		this.buffer = buffer;
	}

	public Pyroscope getPyroscope() {
		return this.pyroscope;
	}

	public Otlp getOtlp() {
		return this.otlp;
	}

	/**
	 * Pushes to Grafana Pyroscope's ingest API.
	 */
	public static class Pyroscope {

		/**
		 * Whether profiles are pushed to Grafana Pyroscope.
		 */
		private boolean enabled;

		/**
		 * Base URL of Pyroscope (or of Grafana Cloud Profiles, or of an Alloy
		 * pyroscope.receive_http); profiles are posted to its /ingest.
		 */
		private String url = "http://localhost:4040";

		/**
		 * Name of the application in Pyroscope, its service_name. Defaults to
		 * spring.application.name.
		 */
		private @Nullable String applicationName;

		/**
		 * Labels added to every profile, such as env or region.
		 */
		private Map<String, String> labels = new LinkedHashMap<>();

		/**
		 * User for basic auth; on Grafana Cloud, the stack's Profiles user id.
		 */
		private @Nullable String basicAuthUser;

		/**
		 * Password for basic auth; on Grafana Cloud, an access policy token.
		 */
		private @Nullable String basicAuthPassword;

		/**
		 * Token sent as "Authorization: Bearer"; not together with basic auth.
		 */
		private @Nullable String bearerToken;

		/**
		 * Tenant of a multi-tenant Pyroscope, sent as the X-Scope-OrgID header.
		 */
		private @Nullable String tenantId;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public @Nullable String getApplicationName() {
			return this.applicationName;
		}

		public void setApplicationName(@Nullable String applicationName) {
			this.applicationName = applicationName;
		}

		public Map<String, String> getLabels() {
			return this.labels;
		}

		public void setLabels(Map<String, String> labels) {
			this.labels = labels;
		}

		public @Nullable String getBasicAuthUser() {
			return this.basicAuthUser;
		}

		public void setBasicAuthUser(@Nullable String basicAuthUser) {
			this.basicAuthUser = basicAuthUser;
		}

		public @Nullable String getBasicAuthPassword() {
			return this.basicAuthPassword;
		}

		public void setBasicAuthPassword(@Nullable String basicAuthPassword) {
			this.basicAuthPassword = basicAuthPassword;
		}

		public @Nullable String getBearerToken() {
			return this.bearerToken;
		}

		public void setBearerToken(@Nullable String bearerToken) {
			this.bearerToken = bearerToken;
		}

		public @Nullable String getTenantId() {
			return this.tenantId;
		}

		public void setTenantId(@Nullable String tenantId) {
			this.tenantId = tenantId;
		}

	}

	/**
	 * Pushes to an OpenTelemetry collector over OTLP/HTTP.
	 */
	public static class Otlp {

		/**
		 * Whether profiles are pushed over OTLP/HTTP, to an OpenTelemetry collector with
		 * profiles support.
		 */
		private boolean enabled;

		/**
		 * Full URL profiles are posted to.
		 */
		private String endpoint = "http://localhost:4318/v1development/profiles";

		/**
		 * Headers sent with every request, such as Authorization.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(String endpoint) {
			this.endpoint = endpoint;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

	}

}

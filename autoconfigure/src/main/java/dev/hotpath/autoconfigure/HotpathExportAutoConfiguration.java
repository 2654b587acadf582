package dev.hotpath.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.function.LongSupplier;

import dev.hotpath.export.ProfileExports;
import dev.hotpath.export.push.OtlpBackend;
import dev.hotpath.export.push.ProfileIdSpanProcessor;
import dev.hotpath.export.push.ProfilePusher;
import dev.hotpath.export.push.PushBackend;
import dev.hotpath.export.push.PushSettings;
import dev.hotpath.export.push.PyroscopeBackend;
import dev.hotpath.profile.ChunkProcessor;
import dev.hotpath.profile.ProfileLimits;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.sampling.Sampler;
import dev.hotpath.sampling.SamplerSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the pushes of the whole application's profile to Grafana
 * Pyroscope ({@code hotpath.export.pyroscope.enabled}) or an OpenTelemetry collector
 * ({@code hotpath.export.otlp.enabled}), and of the span attribute that links Grafana's
 * traces to the pushed profiles.
 */
@AutoConfiguration(after = HotpathAutoConfiguration.class)
@ConditionalOnBean(ProfileExports.class)
@Conditional(HotpathExportAutoConfiguration.OnAnyPush.class)
@EnableConfigurationProperties(HotpathExportProperties.class)
public final class HotpathExportAutoConfiguration {

	private static final String PYROSCOPE_ENABLED = "hotpath.export.pyroscope.enabled";

	private static final String OTLP_ENABLED = "hotpath.export.otlp.enabled";

	/** Until a first retry; it doubles for each further one. */
	private static final Duration BACKOFF = Duration.ofSeconds(1);

	private static final Duration DEFAULT_WINDOW = ProfileLimits.DEFAULTS.window();

	private static final Duration DEFAULT_CHUNK = SamplerSettings.DEFAULTS.chunkDuration();

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(PYROSCOPE_ENABLED)
	PyroscopeBackend hotpathPyroscopeBackend(HotpathExportProperties properties, Environment environment) {
		HotpathExportProperties.Pyroscope pyroscope = properties.getPyroscope();
		String name = (pyroscope.getApplicationName() != null) ? pyroscope.getApplicationName()
				: environment.getProperty("spring.application.name", "unknown_service");
		PyroscopeBackend.Builder builder = PyroscopeBackend.builder(URI.create(pyroscope.getUrl()), name)
			.labels(pyroscope.getLabels());
		if (pyroscope.getBasicAuthUser() != null) {
			builder.basicAuth(pyroscope.getBasicAuthUser(), pyroscope.getBasicAuthPassword());
		}
		if (pyroscope.getBearerToken() != null) {
			builder.bearerToken(pyroscope.getBearerToken());
		}
		if (pyroscope.getTenantId() != null) {
			builder.tenantId(pyroscope.getTenantId());
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(OTLP_ENABLED)
	OtlpBackend hotpathOtlpBackend(HotpathExportProperties properties) {
		HotpathExportProperties.Otlp otlp = properties.getOtlp();
		return new OtlpBackend(URI.create(otlp.getEndpoint()), otlp.getHeaders());
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnMissingBean
	ProfilePusher hotpathProfilePusher(ProfileExports exports, ObjectProvider<PushBackend> backends,
			HotpathExportProperties properties, ObjectProvider<ProfileStore> store, ObjectProvider<Sampler> sampler,
			ObjectProvider<ChunkProcessor> processor) {
		ProfileStore profile = store.getIfAvailable();
		Duration window = (profile != null) ? profile.limits().window() : DEFAULT_WINDOW;
		PushSettings settings = new PushSettings(properties.getPeriod(), properties.getTimeout(),
				properties.getMaxRetries(), BACKOFF, properties.getBuffer(), window);
		ChunkProcessor reader = processor.getIfAvailable();
		LongSupplier wholeBefore = (reader != null) ? reader::wholeBefore : guessedWholeBefore(sampler);
		ProfilePusher pusher = new ProfilePusher((range) -> exports.endpoint(ProfileQueries.APPLICATION, range, null),
				wholeBefore, backends.orderedStream().toList(), settings);
		if (reader != null) {
			// push as soon as a chunk made more windows whole, not up to a period later
			reader.afterEachChunk(pusher::tick);
		}
		return pusher;
	}

	/**
	 * Without Hotpath's own reader, a window is taken as whole two chunks after it ends:
	 * one for the chunk holding its last samples to close, one more for the reading.
	 */
	private static LongSupplier guessedWholeBefore(ObjectProvider<Sampler> sampler) {
		Sampler running = sampler.getIfAvailable();
		long chunk = ((running != null) ? running.status().settings().chunkDuration() : DEFAULT_CHUNK).toMillis();
		return () -> System.currentTimeMillis() - 2 * chunk;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.opentelemetry.sdk.trace.SpanProcessor")
	@ConditionalOnBooleanProperty(PYROSCOPE_ENABLED)
	static class ProfileIdConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ProfileIdSpanProcessor hotpathProfileIdSpanProcessor() {
			return new ProfileIdSpanProcessor();
		}

	}

	/**
	 * Matches when any push is enabled, so that nothing is set up without one.
	 */
	static final class OnAnyPush extends AnyNestedCondition {

		OnAnyPush() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnBooleanProperty(PYROSCOPE_ENABLED)
		static final class Pyroscope {

		}

		@ConditionalOnBooleanProperty(OTLP_ENABLED)
		static final class Otlp {

		}

	}

}

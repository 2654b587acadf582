package dev.hotpath.autoconfigure;

import java.time.Duration;

import dev.hotpath.actuate.ProfilesEndpoint;
import dev.hotpath.actuate.ProfilesDownloads;
import dev.hotpath.actuate.ProfilesEndpointWebExtension;
import dev.hotpath.actuate.ProfilesPage;
import dev.hotpath.export.ProfileExports;
import dev.hotpath.history.VersionHistory;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.sampling.Sampler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code profiles} actuator endpoint. It follows Spring Boot's
 * exposure and access rules like any other endpoint: nothing is served until the
 * application exposes {@code profiles}.
 */
@AutoConfiguration(after = { HotpathAutoConfiguration.class, HotpathWorkAutoConfiguration.class,
		HotpathHistoryAutoConfiguration.class })
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(ProfileQueries.class)
@ConditionalOnAvailableEndpoint(ProfilesEndpoint.class)
public final class HotpathEndpointAutoConfiguration {

	/** How long a read waits at most for the chunk it closed to be read. */
	private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean
	ProfilesEndpoint profilesEndpoint(ProfileQueries queries, Sampler sampler, ApplicationPackages packages,
			ObjectProvider<WorkAttribution> attribution, ObjectProvider<VersionHistory> history,
			HotpathProperties properties) {
		WorkAttribution work = attribution.getIfAvailable();
		ProfilesEndpoint.Attribution mode = (work != null)
				? new ProfilesEndpoint.Attribution(work.mode(), work.message())
				: ProfilesEndpoint.Attribution.REQUEST_THREAD_ONLY;
		Duration within = properties.getSampling().getReadRefresh();
		ProfilesEndpoint.Refresh refresh = (within.isNegative() || within.isZero()) ? ProfilesEndpoint.Refresh.NONE
				: new ProfilesEndpoint.Refresh(within, () -> sampler.catchUp(within, CATCH_UP_WAIT));
		return new ProfilesEndpoint(queries, sampler::status, packages.names(), mode, history.getIfAvailable(),
				refresh);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	ProfilesEndpointWebExtension profilesEndpointWebExtension(ProfilesEndpoint endpoint,
			ObjectProvider<ProfileExports> exports, Sampler sampler) {
		ProfileExports available = exports.getIfAvailable();
		return new ProfilesEndpointWebExtension(endpoint, new ProfilesPage(),
				(available != null) ? new ProfilesDownloads(available, sampler.recordings()) : null);
	}

}

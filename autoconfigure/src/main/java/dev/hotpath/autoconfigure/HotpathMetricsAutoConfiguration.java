package dev.hotpath.autoconfigure;

import dev.hotpath.export.push.ProfilePusher;
import dev.hotpath.profile.ChunkProcessor;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.sampling.Sampler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Hotpath's Micrometer meters, bound to the application's meter registry where there is
 * one.
 */
@AutoConfiguration(after = { HotpathAutoConfiguration.class, HotpathExportAutoConfiguration.class })
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean({ ProfileStore.class, ChunkProcessor.class })
public final class HotpathMetricsAutoConfiguration {

	@Bean
	HotpathMeters hotpathMeters(ProfileStore store, Sampler sampler, ChunkProcessor processor,
			Sampler.Registration registration, ObjectProvider<ProfilePusher> pusher) {
		// the registration starts the sampler, so its settings are the ones in force
		return new HotpathMeters(store, sampler, processor, sampler.status().settings().cpuInterval(),
				pusher.getIfAvailable());
	}

}

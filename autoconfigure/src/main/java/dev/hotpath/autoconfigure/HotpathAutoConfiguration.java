package dev.hotpath.autoconfigure;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.hotpath.profile.ChunkProcessor;
import dev.hotpath.profile.FrameClassifier;
import dev.hotpath.profile.ProfileLimits;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.RequestSource;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.sampling.Sampler;
import dev.hotpath.sampling.SamplerSettings;
import dev.hotpath.tagging.Endpoint;
import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.RequestLog;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Hotpath's engine: the shared sampler, the request log, and the
 * profile that each closed chunk is read into.
 */
@AutoConfiguration
@ConditionalOnClass(name = { "one.profiler.AsyncProfiler", "one.jfr.JfrReader" })
@ConditionalOnBooleanProperty(name = "hotpath.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HotpathProperties.class)
public final class HotpathAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Endpoints hotpathEndpoints(HotpathProperties properties) {
		return new Endpoints(properties.getProfile().getMaxEndpoints());
	}

	@Bean
	@ConditionalOnMissingBean
	RequestLog hotpathRequestLog(HotpathProperties properties) {
		return new RequestLog(properties.getRequests().getLogCapacity());
	}

	@Bean
	@ConditionalOnMissingBean
	ProfileStore hotpathProfileStore(HotpathProperties properties) {
		HotpathProperties.Profile profile = properties.getProfile();
		return new ProfileStore(new ProfileLimits(profile.getRetention(), profile.getWindow(), profile.getMaxFrames(),
				profile.getMaxTreeNodes(), profile.getMaxNodesPerTree(), profile.getSlowestPerWindow(),
				profile.getMaxPendingSamples()));
	}

	@Bean
	@ConditionalOnMissingBean
	ApplicationPackages hotpathApplicationPackages(HotpathProperties properties, BeanFactory beanFactory) {
		if (!properties.getApplicationPackages().isEmpty()) {
			return new ApplicationPackages(properties.getApplicationPackages());
		}
		return new ApplicationPackages(
				AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of());
	}

	@Bean
	@ConditionalOnMissingBean
	ChunkProcessor hotpathChunkProcessor(ProfileStore store, ApplicationPackages packages, Endpoints endpoints,
			RequestLog log) {
		return new ChunkProcessor(store, new FrameClassifier(packages.names()), requestSource(endpoints, log),
				System::currentTimeMillis);
	}

	@Bean
	@ConditionalOnMissingBean
	Sampler hotpathSampler() {
		return Sampler.shared();
	}

	@Bean(destroyMethod = "close")
	Sampler.Registration hotpathSamplerRegistration(Sampler sampler, ChunkProcessor processor,
			HotpathProperties properties) {
		HotpathProperties.Sampling sampling = properties.getSampling();
		long allocInterval = sampling.isAllocEnabled() ? Math.max(sampling.getAllocInterval().toBytes(), 1) : 0;
		Duration lockInterval = sampling.isLockEnabled() ? max(sampling.getLockInterval(), Duration.ofNanos(1))
				: Duration.ZERO;
		SamplerSettings settings = new SamplerSettings(sampling.getCpuInterval(), sampling.getCpuEngine(),
				sampling.getWallInterval(), allocInterval, lockInterval, sampling.getChunk(), sampling.getDirectory());
		return sampler.register(settings, (chunk) -> processor.process(chunk.file()));
	}

	@Bean
	@ConditionalOnMissingBean
	ProfileQueries hotpathProfileQueries(ProfileStore store, Sampler sampler, Sampler.Registration registration) {
		// the registration starts the sampler, so its settings are the ones in force
		SamplerSettings settings = sampler.status().settings();
		Set<ProfileType> types = EnumSet.of(ProfileType.CPU, ProfileType.WALL);
		if (settings.allocEnabled()) {
			types.add(ProfileType.ALLOC);
		}
		if (settings.lockEnabled()) {
			types.add(ProfileType.LOCK);
		}
		return new ProfileQueries(store, settings.cpuInterval(), settings.wallInterval(), types,
				settings.chunkDuration(), System::currentTimeMillis);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private static RequestSource requestSource(Endpoints endpoints, RequestLog log) {
		return new RequestSource() {

			@Override
			public void drain(Sink sink) {
				log.drain((endpointId, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow,
						spanId) -> {
					Endpoint endpoint = endpoints.byId(endpointId);
					sink.request((endpoint != null) ? endpoint.name() : Endpoints.OTHER, spanStart, startEpochMillis,
							durationNanos, status, traceIdHigh, traceIdLow, spanId);
				});
			}

			@Override
			public long dropped() {
				return log.dropped();
			}

			@Override
			public long endpointsOverflowed() {
				return endpoints.overflowed();
			}

		};
	}

}

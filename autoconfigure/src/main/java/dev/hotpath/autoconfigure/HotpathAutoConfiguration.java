package dev.hotpath.autoconfigure;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.hotpath.profile.ChunkProcessor;
import dev.hotpath.profile.Components;
import dev.hotpath.profile.FrameClassifier;
import dev.hotpath.profile.ProfileLimits;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.export.ProfileExports;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.sampling.Sampler;
import dev.hotpath.sampling.SamplerSettings;
import dev.hotpath.sampling.SamplerStatus;
import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.RequestLog;
import dev.hotpath.tagging.RequestThreads;
import dev.hotpath.tagging.ScopeLog;
import dev.hotpath.tagging.SpanNames;
import dev.hotpath.tagging.WorkTagger;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

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
	Endpoints hotpathEndpoints(HotpathProperties properties, Environment environment) {
		return new Endpoints(properties.getProfile().getMaxEndpoints(),
				environment.getProperty("management.endpoints.web.base-path", "/actuator"),
				ProbePaths.of(properties, environment));
	}

	@Bean
	@ConditionalOnMissingBean
	RequestLog hotpathRequestLog(HotpathProperties properties) {
		return new RequestLog(properties.getRequests().getLogCapacity());
	}

	@Bean
	@ConditionalOnMissingBean
	ScopeLog hotpathScopeLog(HotpathProperties properties) {
		return new ScopeLog(properties.getRequests().getScopeLogCapacity());
	}

	@Bean
	@ConditionalOnMissingBean
	SpanNames hotpathSpanNames(HotpathProperties properties) {
		return new SpanNames(properties.getTraces().getMaxSpanNames());
	}

	@Bean
	@ConditionalOnMissingBean
	RequestThreads hotpathRequestThreads(Sampler sampler) {
		return new RequestThreads() {

			@Override
			public void entered() {
				sampler.requestStarted();
			}

			@Override
			public void probeEntered() {
				sampler.probeStarted();
			}

			@Override
			public void exited() {
				sampler.requestEnded();
			}

		};
	}

	@Bean(initMethod = "start", destroyMethod = "stop")
	@ConditionalOnMissingBean
	WorkTagger hotpathWorkTagger(ScopeLog scopes, RequestLog requests, RequestThreads threads) {
		return new WorkTagger(scopes, requests, threads);
	}

	@Bean
	@ConditionalOnMissingBean
	ProfileStore hotpathProfileStore(HotpathProperties properties) {
		HotpathProperties.Profile profile = properties.getProfile();
		HotpathProperties.Traces traces = properties.getTraces();
		return new ProfileStore(new ProfileLimits(profile.getRetention(), profile.getWindow(), profile.getMaxFrames(),
				profile.getMaxTreeNodes(), profile.getMaxNodesPerTree(), profile.getSlowestPerWindow(),
				profile.getMaxPendingSamples(), traces.getRetention(), traces.getMaxSamples(),
				traces.getMaxStackNodes(), profile.getCoarserWindows()));
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
	Components hotpathComponents(HotpathProperties properties) {
		return new Components(properties.getComponents());
	}

	@Bean
	@ConditionalOnMissingBean
	ChunkProcessor hotpathChunkProcessor(ProfileStore store, ApplicationPackages packages, Components components,
			Endpoints endpoints, RequestLog log, ScopeLog scopes, SpanNames names) {
		return new ChunkProcessor(store, new FrameClassifier(packages.names(), components),
				new LoggedWork(endpoints, log, scopes, names), System::currentTimeMillis);
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
		SamplerSettings settings = SamplerSettings.builder()
			.cpu(sampling.getCpuInterval(), sampling.getCpuEngine())
			.wallInterval(sampling.getWallInterval())
			.allocIntervalBytes(allocInterval)
			.lockInterval(lockInterval)
			.chunkDuration(sampling.getChunk())
			.directory(sampling.getDirectory())
			.engine(sampling.getEngine())
			.wallPausedWhenIdle(sampling.isWallPausedWhenIdle())
			.nativeMemoryLimitBytes(sampling.getNativeMemoryLimit().toBytes())
			.idleAfter(sampling.getIdleAfter())
			.build();
		HotpathProperties.Recordings recordings = properties.getRecordings();
		sampler.recordings().bound(recordings.getMaxSize().toBytes(), recordings.getMaxAge());
		return sampler.register(settings,
				(chunk) -> processor.process(chunk.file(), chunk.jdkRecording(), chunk.start().toEpochMilli()));
	}

	@Bean
	@ConditionalOnMissingBean
	ProfileQueries hotpathProfileQueries(ProfileStore store, Sampler sampler, Sampler.Registration registration,
			HotpathProperties properties, Components components) {
		// the registration starts the sampler, so its settings are the ones in force
		SamplerStatus status = sampler.status();
		SamplerSettings settings = status.settings();
		return new ProfileQueries(store, settings.cpuInterval(), settings.wallInterval(), types(status),
				settings.chunkDuration(), System::currentTimeMillis, properties.getRequests().isIncludeActuator(),
				components);
	}

	@Bean
	@ConditionalOnMissingBean
	ProfileExports hotpathProfileExports(ProfileStore store, Sampler sampler, Sampler.Registration registration,
			Environment environment, ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git) {
		SamplerStatus status = sampler.status();
		SamplerSettings settings = status.settings();
		return new ProfileExports(store, settings.cpuInterval(), settings.wallInterval(), types(status),
				System::currentTimeMillis,
				ApplicationAttributes.of(environment, build.getIfAvailable(), git.getIfAvailable()));
	}

	private static Set<ProfileType> types(SamplerStatus status) {
		if (SamplerStatus.JDK_FLIGHT_RECORDER.equals(status.engine())) {
			// the JDK's method sampling takes CPU samples of Java code only
			return EnumSet.of(ProfileType.CPU);
		}
		SamplerSettings settings = status.settings();
		Set<ProfileType> types = EnumSet.of(ProfileType.CPU, ProfileType.WALL);
		if (settings.allocEnabled()) {
			types.add(ProfileType.ALLOC);
		}
		if (settings.lockEnabled()) {
			types.add(ProfileType.LOCK);
		}
		return types;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}

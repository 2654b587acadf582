package dev.hotpath.autoconfigure;

import java.util.Map;

import dev.hotpath.history.HistorySettings;
import dev.hotpath.history.VersionHistory;
import dev.hotpath.profile.ChunkProcessor;
import dev.hotpath.profile.Components;
import dev.hotpath.profile.FrameClassifier;
import dev.hotpath.profile.ProfileStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the version history: each version's profile kept on disk across
 * restarts under {@code hotpath.history.*}. The history always exists, to name the
 * running version; it keeps nothing until {@code hotpath.history.directory} is set.
 */
@AutoConfiguration(after = HotpathAutoConfiguration.class)
@ConditionalOnBean({ ProfileStore.class, ChunkProcessor.class })
public final class HotpathHistoryAutoConfiguration {

	@Bean(initMethod = "start", destroyMethod = "stop")
	@ConditionalOnMissingBean
	VersionHistory hotpathVersionHistory(HotpathProperties properties, ProfileStore store, ChunkProcessor processor,
			ApplicationPackages packages, Components components, Environment environment,
			ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git) {
		Map<String, String> application = ApplicationAttributes.of(environment, build.getIfAvailable(),
				git.getIfAvailable());
		HotpathProperties.History history = properties.getHistory();
		HistorySettings settings = new HistorySettings(history.getDirectory(),
				application.getOrDefault("service.name", "unknown_service:java"), application.get("service.version"),
				history.getMaxVersions(), history.getSaveInterval(), history.getMaxNodes(),
				history.getMaxFileSize().toBytes());
		VersionHistory versions = new VersionHistory(settings, store, new FrameClassifier(packages.names(), components),
				System::currentTimeMillis);
		processor.afterEachChunk(versions::saveIfDue);
		return versions;
	}

}

package dev.hotpath.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * What describes the application in exported profiles and names its version in the
 * version history, named as OpenTelemetry's resource attributes: {@code service.name}
 * from {@code spring.application.name}, {@code service.version} (see {@link #version}),
 * {@code vcs.ref.head.revision} from the git properties, where the application has them.
 */
final class ApplicationAttributes {

	private static final String VERSION = "spring.application.version";

	/**
	 * The property source in which Spring Boot puts the launching class's manifest
	 * version as {@value #VERSION}.
	 */
	private static final String MANIFEST_SOURCE = "applicationInfo";

	private ApplicationAttributes() {
	}

	static Map<String, String> of(Environment environment, @Nullable BuildProperties build,
			@Nullable GitProperties git) {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("service.name", environment.getProperty("spring.application.name", "unknown_service:java"));
		String version = version(environment, build);
		if (version != null) {
			attributes.put("service.version", version);
		}
		if (git != null && git.getCommitId() != null) {
			attributes.put("vcs.ref.head.revision", git.getCommitId());
		}
		return attributes;
	}

	/**
	 * The application's version: {@code spring.application.version} where the application
	 * sets it (to name a release candidate or a deploy, say), else the build info's, else
	 * the {@code Implementation-Version} of the launching class's jar manifest, which
	 * Spring Boot puts into {@code spring.application.version} itself. The build info
	 * goes before the manifest because the launching class is not always the
	 * application's: under a test runner it is the runner's.
	 * @param environment the application's environment
	 * @param build its build info, if any
	 * @return the version, or {@code null} when none is known
	 */
	static @Nullable String version(Environment environment, @Nullable BuildProperties build) {
		String version = setVersion(environment);
		if (version == null && build != null) {
			version = build.getVersion();
		}
		if (version == null) {
			version = environment.getProperty(VERSION);
		}
		return (version != null && !version.isBlank()) ? version.strip() : null;
	}

	private static @Nullable String setVersion(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return environment.getProperty(VERSION);
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (MANIFEST_SOURCE.equals(source.getName())
					|| ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				continue;
			}
			Object value = source.getProperty(VERSION);
			if (value != null) {
				return environment.resolvePlaceholders(value.toString());
			}
		}
		return null;
	}

}

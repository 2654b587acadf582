package dev.hotpath.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.core.env.Environment;

/**
 * What describes the application in exported profiles and names its version in the
 * version history, named as OpenTelemetry's resource attributes: {@code service.name}
 * from {@code spring.application.name}, {@code service.version} from
 * {@code spring.application.version} (which Spring Boot takes from the jar manifest's
 * {@code Implementation-Version}, and which a user may set to override it) or else the
 * build info, {@code vcs.ref.head.revision} from the git properties, where the
 * application has them.
 */
final class ApplicationAttributes {

	private ApplicationAttributes() {
	}

	static Map<String, String> of(Environment environment, @Nullable BuildProperties build,
			@Nullable GitProperties git) {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("service.name", environment.getProperty("spring.application.name", "unknown_service:java"));
		String version = environment.getProperty("spring.application.version");
		if (version == null || version.isBlank()) {
			version = (build != null) ? build.getVersion() : null;
		}
		if (version != null && !version.isBlank()) {
			attributes.put("service.version", version.strip());
		}
		if (git != null && git.getCommitId() != null) {
			attributes.put("vcs.ref.head.revision", git.getCommitId());
		}
		return attributes;
	}

}

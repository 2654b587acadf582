package dev.hotpath.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The paths on the application's port, outside the actuator's base path, that serve
 * probes: those listed in {@code hotpath.requests.probe-paths}, and the additional paths
 * of Spring Boot's health groups on the application's server
 * ({@code management.endpoint.health.probes.add-additional-paths} gives the liveness and
 * readiness groups {@code /livez} and {@code /readyz};
 * {@code management.endpoint.health.group.<name>.additional-path=server:/path} any group
 * its own).
 */
final class ProbePaths {

	private static final String SERVER_NAMESPACE = "server:";

	private ProbePaths() {
	}

	static List<String> of(HotpathProperties properties, Environment environment) {
		List<String> paths = new ArrayList<>(properties.getRequests().getProbePaths());
		Binder binder = Binder.get(environment);
		if (binder.bind("management.endpoint.health.probes.add-additional-paths", Boolean.class).orElse(false)) {
			paths.add("/livez");
			paths.add("/readyz");
		}
		Map<String, HealthGroup> groups = binder
			.bind("management.endpoint.health.group", Bindable.mapOf(String.class, HealthGroup.class))
			.orElseGet(LinkedHashMap::new);
		for (HealthGroup group : groups.values()) {
			String path = group.additionalPath();
			if (path != null && path.startsWith(SERVER_NAMESPACE)) {
				paths.add(path.substring(SERVER_NAMESPACE.length()));
			}
		}
		return paths;
	}

	/**
	 * What Hotpath reads of a health group's settings.
	 *
	 * @param additionalPath where the group is also served, such as {@code server:/livez}
	 */
	record HealthGroup(@Nullable String additionalPath) {
	}

}

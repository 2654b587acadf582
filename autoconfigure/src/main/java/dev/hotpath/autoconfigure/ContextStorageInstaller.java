package dev.hotpath.autoconfigure;

import dev.hotpath.tagging.OpenTelemetryScopes;

import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.ClassUtils;

/**
 * Wraps OpenTelemetry's context storage as the application starts, before anything made a
 * context current (OpenTelemetry ignores wrappers added later), unless Spring Boot's own
 * scope events will tell Hotpath about scopes. Registered in {@code spring.factories}; it
 * only installs the wrapper, which does nothing until an application context of Hotpath
 * forwards it somewhere.
 */
public final class ContextStorageInstaller implements ApplicationListener<ApplicationStartingEvent> {

	@Override
	public void onApplicationEvent(ApplicationStartingEvent event) {
		ClassLoader loader = getClass().getClassLoader();
		if (ClassUtils.isPresent("io.opentelemetry.context.ContextStorage", loader)
				&& !ClassUtils.isPresent(HotpathWorkAutoConfiguration.BOOT_SCOPE_EVENTS, loader)
				&& !Boolean.FALSE.toString().equals(System.getProperty("hotpath.enabled"))) {
			OpenTelemetryScopes.install();
		}
	}

}

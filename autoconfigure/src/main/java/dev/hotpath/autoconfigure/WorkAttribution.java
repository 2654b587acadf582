package dev.hotpath.autoconfigure;

import java.util.function.BooleanSupplier;

import dev.hotpath.tagging.OpenTelemetryScopes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.TracerProvider;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * How work on other threads is attributed to its request in this application, in one
 * sentence for the status.
 *
 * @param mode {@code scope-events}, {@code context-storage}, {@code context-propagation}
 * or {@code request-thread-only}
 * @param message what works and what does not
 */
public record WorkAttribution(String mode, String message) {

	private static final String AGENT = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

	static WorkAttribution detect(ListableBeanFactory beans) {
		ClassLoader loader = WorkAttribution.class.getClassLoader();
		// a no-op Micrometer tracer makes no spans, so only an OpenTelemetry one counts
		boolean tracer = hasBean(beans, "io.micrometer.tracing.otel.bridge.OtelTracer", loader)
				|| (hasBean(beans, "io.opentelemetry.api.OpenTelemetry", loader) && OpenTelemetrySpans.made(beans));
		boolean bootTracer = hasBean(beans, "io.micrometer.tracing.otel.bridge.OtelTracer", loader);
		if (isAgentPresent()) {
			return new WorkAttribution("request-thread-only",
					"The OpenTelemetry Java agent manages the context and calls no application hook: samples are "
							+ "attributed on request threads only, work on other threads is background.");
		}
		if (bootTracer && ClassUtils.isPresent(HotpathWorkAutoConfiguration.BOOT_SCOPE_EVENTS, loader)
				&& ClassUtils.isPresent("io.micrometer.tracing.otel.bridge.EventListener", loader)) {
			return new WorkAttribution("scope-events",
					"Following Spring Boot's OpenTelemetry scope events: work is attributed to its request on "
							+ "every thread the request's context reaches.");
		}
		if (tracer && ClassUtils.isPresent("io.opentelemetry.context.ContextStorage", loader)
				&& OpenTelemetryScopes.active()) {
			return new WorkAttribution("context-storage",
					"Following every OpenTelemetry scope through a context storage wrapper: work is attributed "
							+ "to its request on every thread the request's context reaches.");
		}
		if (ClassUtils.isPresent("io.micrometer.context.ContextRegistry", loader)) {
			return new WorkAttribution("context-propagation",
					"Without a tracer hook, Hotpath's request ids travel with Micrometer context propagation: "
							+ "work on executors that propagate context is attributed, other threads are background.");
		}
		return new WorkAttribution("request-thread-only",
				"No tracer hook and no context propagation on the classpath: samples are attributed on request "
						+ "threads only.");
	}

	/** Whether a tracer's span is current on the calling thread; allocation-free. */
	static BooleanSupplier tracing() {
		if (!ClassUtils.isPresent("io.opentelemetry.api.trace.Span", WorkAttribution.class.getClassLoader())) {
			return () -> false;
		}
		return OpenTelemetrySpans::current;
	}

	private static boolean hasBean(ListableBeanFactory beans, String type, ClassLoader loader) {
		return ClassUtils.isPresent(type, loader)
				&& beans.getBeanNamesForType(ClassUtils.resolveClassName(type, loader), false, false).length > 0;
	}

	private static boolean isAgentPresent() {
		try {
			Class.forName(AGENT, false, null);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private static final class OpenTelemetrySpans {

		static boolean current() {
			return Span.current().getSpanContext().isValid();
		}

		/**
		 * Whether the application's OpenTelemetry makes spans: with
		 * {@code otel.sdk.disabled=true} the instrumentation starter's has a no-op tracer
		 * provider, and no scope then has a span to follow.
		 */
		static boolean made(ListableBeanFactory beans) {
			OpenTelemetry openTelemetry = beans.getBeanProvider(OpenTelemetry.class).getIfUnique();
			return openTelemetry == null || openTelemetry.getTracerProvider() != TracerProvider.noop();
		}

	}

}

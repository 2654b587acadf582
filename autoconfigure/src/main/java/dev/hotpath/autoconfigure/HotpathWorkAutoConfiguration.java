package dev.hotpath.autoconfigure;

import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.OpenTelemetryScopes;
import dev.hotpath.tagging.OpenTelemetryWork;
import dev.hotpath.tagging.SpanNames;
import dev.hotpath.tagging.WorkAccessor;
import dev.hotpath.tagging.WorkTagger;
import io.micrometer.context.ContextRegistry;
import io.opentelemetry.api.trace.Span;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.otel.bridge.EventListener;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeAttachedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeClosedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeRestoredEvent;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of attribution on every thread: whenever a request's context becomes
 * current on a thread, the thread works for that request. With Spring Boot's
 * OpenTelemetry tracing, Boot's scope events say so; with another OpenTelemetry SDK
 * setup, a wrapper of OpenTelemetry's context storage does; without a tracer, a
 * context-propagation accessor carries Hotpath's own request ids into tasks.
 */
@AutoConfiguration(after = HotpathAutoConfiguration.class)
@ConditionalOnBean(WorkTagger.class)
public final class HotpathWorkAutoConfiguration {

	static final String BOOT_SCOPE_EVENTS = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryEventPublisherBeansApplicationListener";

	@Bean
	@ConditionalOnMissingBean
	WorkAttribution hotpathWorkAttribution(ListableBeanFactory beans) {
		return WorkAttribution.detect(beans);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { BOOT_SCOPE_EVENTS, "io.micrometer.tracing.otel.bridge.EventListener",
			"io.micrometer.tracing.handler.TracingObservationHandler" })
	static class BootScopeEventsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OpenTelemetryWork hotpathOpenTelemetryWork(WorkTagger tagger, Endpoints endpoints, SpanNames names) {
			return new OpenTelemetryWork(tagger, endpoints, names, false);
		}

		@Bean
		ObservationHandler<Observation.Context> hotpathObservedSpans(WorkTagger tagger, Endpoints endpoints,
				SpanNames names) {
			return new ObservedSpans(tagger, endpoints, names);
		}

		@Bean
		EventListener hotpathScopeEventListener(OpenTelemetryWork work) {
			// the storage has changed when an event arrives: its current span is the
			// truth,
			// also where scopes close out of order (Reactor's context propagation does)
			// and
			// an event's own context no longer is current
			return (event) -> {
				if (event instanceof ScopeAttachedEvent || event instanceof ScopeClosedEvent
						|| event instanceof ScopeRestoredEvent) {
					work.span(Span.current());
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.opentelemetry.context.ContextStorage")
	@ConditionalOnMissingClass(BOOT_SCOPE_EVENTS)
	static class ContextStorageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OpenTelemetryWork hotpathOpenTelemetryWork(WorkTagger tagger, Endpoints endpoints, SpanNames names) {
			return new OpenTelemetryWork(tagger, endpoints, names, true);
		}

		@Bean
		ScopeForwarding hotpathScopeForwarding(OpenTelemetryWork work) {
			OpenTelemetryScopes.forwardTo(work);
			return new ScopeForwarding(work);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.context.ContextRegistry")
	static class ContextPropagationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WorkAccessorRegistration hotpathWorkAccessor(WorkTagger tagger) {
			WorkAccessor accessor = new WorkAccessor(tagger, WorkAttribution.tracing());
			ContextRegistry.getInstance().registerThreadLocalAccessor(accessor);
			return new WorkAccessorRegistration();
		}

	}

	/**
	 * Stops forwarding OpenTelemetry's scopes to this context's work when the context
	 * closes.
	 */
	static final class ScopeForwarding implements DisposableBean {

		private final OpenTelemetryWork work;

		ScopeForwarding(OpenTelemetryWork work) {
			this.work = work;
		}

		@Override
		public void destroy() {
			OpenTelemetryScopes.stopForwardingTo(this.work);
		}

	}

	/**
	 * Takes Hotpath's accessor out of the JVM's context registry when the context closes.
	 */
	static final class WorkAccessorRegistration implements DisposableBean {

		@Override
		public void destroy() {
			ContextRegistry.getInstance().removeThreadLocalAccessor(WorkAccessor.KEY);
		}

	}

}

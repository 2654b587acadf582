package dev.hotpath.autoconfigure;

import dev.hotpath.tagging.OpenTelemetryTraceIds;
import dev.hotpath.tagging.TraceIds;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link TraceIds} of the current span, shared by the servlet and the reactive
 * request tagging: OpenTelemetry's when its API is present, generated ids otherwise.
 */
@Configuration(proxyBeanMethods = false)
final class TraceIdsConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.opentelemetry.api.trace.Span")
	static class OpenTelemetryTraceIdsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceIds hotpathTraceIds() {
			return new OpenTelemetryTraceIds();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.opentelemetry.api.trace.Span")
	static class GeneratedTraceIdsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceIds hotpathTraceIds() {
			return TraceIds.generated();
		}

	}

}

package dev.hotpath.autoconfigure;

import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.RequestLog;
import dev.hotpath.tagging.TraceIds;
import dev.hotpath.tagging.WorkTagger;
import dev.hotpath.autoconfigure.reactive.ExchangeTraceIds;
import dev.hotpath.autoconfigure.reactive.ObservationTraceIds;
import dev.hotpath.autoconfigure.reactive.ProbeTraces;
import dev.hotpath.autoconfigure.reactive.ProfilingWebFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Auto-configuration of request statistics for reactive (WebFlux) web applications: a web
 * filter that logs every request with its route template, latency, status and trace ids.
 * Unlike the servlet filter it marks no async-profiler span: a request's samples are
 * attributed through the scopes of its server span on each thread
 * ({@link HotpathWorkAutoConfiguration}), which takes a tracer and Reactor's automatic
 * context propagation; without them WebFlux endpoints have statistics and slowest
 * requests but no flame graphs of their own.
 */
@AutoConfiguration(after = HotpathAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(
		name = { "org.springframework.web.server.WebFilter", "org.springframework.web.reactive.HandlerMapping" })
@ConditionalOnBean(RequestLog.class)
@Import(TraceIdsConfiguration.class)
public final class HotpathWebFluxAutoConfiguration {

	/**
	 * Where the servlet filter runs. Spring's {@code HttpWebHandlerAdapter} observes each
	 * exchange around all web filters, so any order is inside the server observation;
	 * this one also stays inside a web filter that an application placed first to observe
	 * requests, and outside Spring Security's, so that its answers are counted.
	 */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	@Bean
	@ConditionalOnMissingBean
	ProfilingWebFilter hotpathProfilingWebFilter(Endpoints endpoints, RequestLog log, ExchangeTraceIds traceIds) {
		return new ProfilingWebFilter(endpoints, log, traceIds, FILTER_ORDER);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.tracing.handler.TracingObservationHandler")
	static class ObservationTraceIdsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ExchangeTraceIds hotpathExchangeTraceIds(TraceIds traceIds) {
			return new ObservationTraceIds(traceIds);
		}

		@Bean
		@ConditionalOnMissingBean
		ProbeTraces hotpathProbeTraces(Endpoints endpoints, WorkTagger tagger) {
			return new ProbeTraces(endpoints, tagger);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.micrometer.tracing.handler.TracingObservationHandler")
	static class CurrentTraceIdsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ExchangeTraceIds hotpathExchangeTraceIds(TraceIds traceIds) {
			return ExchangeTraceIds.current(traceIds);
		}

	}

}

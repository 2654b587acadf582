package dev.hotpath.autoconfigure;

import dev.hotpath.tagging.Endpoints;
import dev.hotpath.tagging.ProbeFilter;
import dev.hotpath.tagging.ProfilingFilter;
import dev.hotpath.tagging.RequestLog;
import dev.hotpath.tagging.RequestThreads;
import dev.hotpath.tagging.TraceIds;
import dev.hotpath.tagging.WorkTagger;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Auto-configuration of request tagging for servlet web applications: a filter that marks
 * every request in the recording, inside the tracing filter so that it sees the request's
 * span, and one outside it that marks requests to the actuator as probes before their
 * span's scope opens.
 */
@AutoConfiguration(after = HotpathAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnBean(RequestLog.class)
@Import(TraceIdsConfiguration.class)
public final class HotpathWebMvcAutoConfiguration {

	/**
	 * Right inside Spring Boot's observation filter, which runs at highest precedence +
	 * 1.
	 */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	/** Outside Spring Boot's observation filter. */
	static final int PROBE_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;

	@Bean
	@ConditionalOnMissingBean(name = "hotpathProfilingFilter")
	FilterRegistrationBean<ProfilingFilter> hotpathProfilingFilter(Endpoints endpoints, RequestLog log,
			TraceIds traceIds, RequestThreads threads, WorkTagger work) {
		FilterRegistrationBean<ProfilingFilter> registration = new FilterRegistrationBean<>(
				new ProfilingFilter(endpoints, log, traceIds, threads, work));
		registration.setName("hotpathProfilingFilter");
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean(name = "hotpathProbeFilter")
	FilterRegistrationBean<ProbeFilter> hotpathProbeFilter(Endpoints endpoints, RequestThreads threads) {
		FilterRegistrationBean<ProbeFilter> registration = new FilterRegistrationBean<>(
				new ProbeFilter(endpoints, threads));
		registration.setName("hotpathProbeFilter");
		registration.setOrder(PROBE_FILTER_ORDER);
		return registration;
	}

}

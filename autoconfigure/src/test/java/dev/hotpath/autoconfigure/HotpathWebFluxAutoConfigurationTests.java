package dev.hotpath.autoconfigure;

import dev.hotpath.autoconfigure.reactive.ExchangeTraceIds;
import dev.hotpath.autoconfigure.reactive.ObservationTraceIds;
import dev.hotpath.autoconfigure.reactive.ProbeTraces;
import dev.hotpath.autoconfigure.reactive.ProfilingWebFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

class HotpathWebFluxAutoConfigurationTests {

	private static final AutoConfigurations HOTPATH = AutoConfigurations.of(HotpathAutoConfiguration.class,
			HotpathWebMvcAutoConfiguration.class, HotpathWebFluxAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(HOTPATH)
		.withPropertyValues("hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h",
				"hotpath.application-packages=com.example");

	@Test
	void runWhenReactiveShouldLogRequestsWithAWebFilter() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ProfilingWebFilter.class);
			assertThat(context).doesNotHaveBean("hotpathProfilingFilter");
			assertThat(context.getBean(ProfilingWebFilter.class).getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 2);
			assertThat(context).hasSingleBean(ProbeTraces.class);
		});
	}

	@Test
	void runWhenServletShouldNotAddTheWebFilter() {
		new WebApplicationContextRunner().withConfiguration(HOTPATH)
			.withPropertyValues("hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h")
			.run((context) -> {
				assertThat(context).hasBean("hotpathProfilingFilter");
				assertThat(context).doesNotHaveBean(ProfilingWebFilter.class);
			});
	}

	@Test
	void runWhenDisabledShouldNotAddTheWebFilter() {
		this.runner.withPropertyValues("hotpath.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProfilingWebFilter.class));
	}

	@Test
	void runWithoutWebFluxShouldBackOff() {
		this.runner.withClassLoader(new FilteredClassLoader(HandlerMapping.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ProfilingWebFilter.class);
		});
	}

	@Test
	void runWithMicrometerTracingShouldReadTheServerObservationsSpan() {
		this.runner.run((context) -> assertThat(context.getBean(ExchangeTraceIds.class))
			.isInstanceOf(ObservationTraceIds.class));
	}

	@Test
	void runWithoutMicrometerTracingShouldReadTheCurrentSpan() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.tracing"))
			.run((context) -> assertThat(context.getBean(ExchangeTraceIds.class))
				.isNotInstanceOf(ObservationTraceIds.class));
	}

	@Test
	void runWithAnExchangeTraceIdsBeanShouldUseIt() {
		ExchangeTraceIds own = (exchange, ids) -> ids[0] = 1;
		this.runner.withBean(ExchangeTraceIds.class, () -> own)
			.run((context) -> assertThat(context.getBean(ExchangeTraceIds.class)).isSameAs(own));
	}

}

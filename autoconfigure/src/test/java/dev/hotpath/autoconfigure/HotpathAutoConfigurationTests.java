package dev.hotpath.autoconfigure;

import dev.hotpath.actuate.ProfilesEndpoint;
import dev.hotpath.actuate.ProfilesEndpointWebExtension;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.sampling.Sampler;
import dev.hotpath.tagging.OpenTelemetryTraceIds;
import dev.hotpath.tagging.TraceIds;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

class HotpathAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HotpathAutoConfiguration.class, HotpathWebMvcAutoConfiguration.class,
				HotpathEndpointAutoConfiguration.class, EndpointAutoConfiguration.class,
				WebEndpointAutoConfiguration.class))
		.withPropertyValues("hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h",
				"hotpath.application-packages=com.example");

	@Test
	void runWhenExposedShouldServeProfilesOverTheWeb() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=profiles").run((context) -> {
			assertThat(context).hasSingleBean(ProfilesEndpoint.class);
			assertThat(context).hasSingleBean(ProfilesEndpointWebExtension.class);
			assertThat(context).hasSingleBean(ProfileStore.class);
			assertThat(context.getBean(Sampler.class)).isSameAs(Sampler.shared());
		});
	}

	@Test
	void runWhenNotExposedShouldProfileButServeNothing() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(ProfilesEndpoint.class);
			assertThat(context).doesNotHaveBean(ProfilesEndpointWebExtension.class);
			assertThat(context).hasBean("hotpathProfilingFilter");
			assertThat(context).hasBean("hotpathProbeFilter");
		});
	}

	@Test
	void runWhenDisabledShouldNotProfile() {
		this.runner.withPropertyValues("hotpath.enabled=false", "management.endpoints.web.exposure.include=profiles")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ProfileStore.class);
				assertThat(context).doesNotHaveBean(ProfilesEndpoint.class);
				assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
			});
	}

	@Test
	void runWithoutAsyncProfilerShouldBackOff() {
		this.runner.withClassLoader(new FilteredClassLoader("one.profiler"))
			.withPropertyValues("management.endpoints.web.exposure.include=profiles")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ProfileStore.class);
				assertThat(context).doesNotHaveBean(ProfilesEndpoint.class);
			});
	}

	@Test
	void runWithOpenTelemetryShouldUseItsSpanIds() {
		this.runner
			.run((context) -> assertThat(context.getBean(TraceIds.class)).isInstanceOf(OpenTelemetryTraceIds.class));
	}

	@Test
	void runWithoutOpenTelemetryShouldGenerateIds() {
		this.runner.withClassLoader(new FilteredClassLoader("io.opentelemetry"))
			.run((context) -> assertThat(context.getBean(TraceIds.class)).isSameAs(TraceIds.generated()));
	}

	@Test
	void runWithoutApplicationPackagesShouldUseTheAutoConfigurationPackage() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(HotpathAutoConfiguration.class))
			.withPropertyValues("hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h")
			.withBean(String.class, () -> "marker")
			.withInitializer((context) -> org.springframework.boot.autoconfigure.AutoConfigurationPackages
				.register(context
					.getBeanFactory() instanceof org.springframework.beans.factory.support.BeanDefinitionRegistry registry
							? registry : null,
						"com.example.shop"))
			.run((context) -> assertThat(context.getBean(ApplicationPackages.class).names())
				.containsExactly("com.example.shop"));
	}

	@Test
	void runWithApplicationPackagesShouldUseThem() {
		this.runner.run((context) -> assertThat(context.getBean(ApplicationPackages.class).names())
			.containsExactly("com.example"));
	}

}

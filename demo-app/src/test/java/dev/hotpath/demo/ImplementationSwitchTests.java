package dev.hotpath.demo;

import dev.hotpath.demo.Calculations.Implementation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ImplementationSwitch} bound from {@code demo.calculations.*}.
 *
 * @author Hotpath contributors
 */
class ImplementationSwitchTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(SwitchConfiguration.class);

	@Test
	void runWithoutPropertyShouldStartWithTheNaiveImplementation() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ImplementationSwitch.class).current())
			.isEqualTo(Implementation.NAIVE));
	}

	@Test
	void runWhenImplementationIsFixedShouldStartWithTheFixedImplementation() {
		this.contextRunner.withPropertyValues("demo.calculations.implementation=fixed")
			.run((context) -> assertThat(context.getBean(ImplementationSwitch.class).current())
				.isEqualTo(Implementation.FIXED));
	}

	@Test
	void runWhenImplementationIsUnknownShouldFailToStart() {
		this.contextRunner.withPropertyValues("demo.calculations.implementation=clever")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("clever"));
	}

	@Test
	void useShouldSwitchTheImplementationOfLaterRequests() {
		ImplementationSwitch implementationSwitch = new ImplementationSwitch(
				new CalculationsProperties(Implementation.NAIVE));
		implementationSwitch.use(Implementation.FIXED);
		assertThat(implementationSwitch.current()).isEqualTo(Implementation.FIXED);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CalculationsProperties.class)
	@Import(ImplementationSwitch.class)
	static class SwitchConfiguration {

	}

}

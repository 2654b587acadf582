package dev.hotpath.autoconfigure;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import dev.hotpath.history.HistoryStatus;
import dev.hotpath.history.VersionHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class HotpathHistoryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HotpathAutoConfiguration.class, HotpathHistoryAutoConfiguration.class))
		.withPropertyValues("hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h",
				"hotpath.application-packages=com.example");

	@TempDir
	Path directory;

	@Test
	void runWithoutDirectoryShouldNameTheVersionAndKeepNothing() {
		this.runner.withPropertyValues("spring.application.version=1.2.3").run((context) -> {
			VersionHistory history = context.getBean(VersionHistory.class);
			assertThat(history.version()).isEqualTo("1.2.3");
			assertThat(history.status().state()).isEqualTo(HistoryStatus.State.OFF);
			assertThat(history.versions()).isEmpty();
		});
	}

	@Test
	void runWithBuildInfoShouldTakeItsVersionUnlessTheApplicationVersionIsSet() {
		ApplicationContextRunner built = this.runner.withBean(BuildProperties.class, () -> build("2.0.0"))
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("applicationInfo", Map.of("spring.application.version", "3.2.5"))));
		built.run((context) -> assertThat(context.getBean(VersionHistory.class).version()).isEqualTo("2.0.0"));
		built.withPropertyValues("spring.application.version=2.0.0-rc1")
			.run((context) -> assertThat(context.getBean(VersionHistory.class).version()).isEqualTo("2.0.0-rc1"));
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("applicationInfo", Map.of("spring.application.version", "1.4.0"))))
			.run((context) -> assertThat(context.getBean(VersionHistory.class).version()).isEqualTo("1.4.0"));
	}

	@Test
	void runWithDirectoryShouldKeepHistoryThere() {
		this.runner
			.withPropertyValues("spring.application.version=1.2.3", "spring.application.name=shop",
					"hotpath.history.directory=" + this.directory, "hotpath.history.max-versions=3")
			.run((context) -> {
				HistoryStatus status = context.getBean(VersionHistory.class).status();
				assertThat(status.state()).isEqualTo(HistoryStatus.State.RUNNING);
				assertThat(status.message()).contains("version 1.2.3", this.directory.toString());
			});
	}

	@Test
	void runWithDirectoryButNoVersionShouldSayWhyItKeepsNothing() {
		this.runner.withPropertyValues("hotpath.history.directory=" + this.directory).run((context) -> {
			VersionHistory history = context.getBean(VersionHistory.class);
			assertThat(history.version()).isNull();
			assertThat(history.status().state()).isEqualTo(HistoryStatus.State.UNAVAILABLE);
			assertThat(history.status().message()).contains("no version");
		});
	}

	@Test
	void runWhenDisabledShouldKeepNoHistory() {
		this.runner.withPropertyValues("hotpath.enabled=false", "hotpath.history.directory=" + this.directory)
			.run((context) -> assertThat(context).doesNotHaveBean(VersionHistory.class));
	}

	private static BuildProperties build(String version) {
		Properties properties = new Properties();
		properties.setProperty("version", version);
		return new BuildProperties(properties);
	}

}

package dev.hotpath.autoconfigure;

import java.util.concurrent.TimeUnit;

import dev.hotpath.sampling.Sampler;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which meters Hotpath binds, with and without pushes.
 */
class HotpathMetersTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HotpathAutoConfiguration.class, HotpathExportAutoConfiguration.class,
				HotpathMetricsAutoConfiguration.class))
		.withPropertyValues("hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h",
				"hotpath.application-packages=com.example");

	@Test
	void bindsSamplerAndSampleMetersAndOnePushMeterPerBackendAndOutcome() {
		this.runner.withPropertyValues("hotpath.export.otlp.enabled=true").run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(HotpathMeters.class).bindTo(registry);
			assertThat(registry.find("hotpath.samples").tag("type", "cpu").functionCounter()).isNotNull();
			assertThat(registry.find("hotpath.samples.dropped").tag("type", "lock").functionCounter()).isNotNull();
			assertThat(registry.find("hotpath.chunk.processing").functionTimer()).isNotNull();
			assertThat(registry.find("hotpath.intervals.rebuilt").functionCounter()).isNotNull();
			assertThat(registry.find("hotpath.sampler.state").tag("state", "running").gauge()).isNotNull();
			// async-profiler's native memory, read at each rotation; while a request
			// runs, the rotation dumps the chunk and the session goes on
			Sampler sampler = context.getBean(Sampler.class);
			FunctionTimer dump = registry.find("hotpath.chunk.dump").functionTimer();
			double dumpsBefore = dump.count();
			double dumpMillisBefore = dump.totalTime(TimeUnit.MILLISECONDS);
			sampler.requestStarted();
			try {
				sampler.rotateNow();
			}
			finally {
				sampler.requestEnded();
			}
			assertThat(dump.count()).isEqualTo(dumpsBefore + 1);
			assertThat(dump.totalTime(TimeUnit.MILLISECONDS)).isGreaterThan(dumpMillisBefore);
			// the JVM's sampler is shared by every test context: whether it restarted its
			// session meanwhile (wall-clock sampling resumed) is not this test's to know
			assertThat(registry.find("hotpath.profiler.sessions").functionCounter().count()).isPositive();
			assertThat(sampler.status().engine()).isEqualTo("async-profiler");
			assertThat(registry.find("hotpath.profiler.native.memory").gauge().value()).isGreaterThan(1024 * 1024);
			assertThat(registry.find("hotpath.pushes").tag("backend", "otlp").functionCounters()).hasSize(3);
			assertThat(registry.find("hotpath.pushes")
				.tag("backend", "otlp")
				.tag("outcome", "success")
				.functionCounter()
				.count()).isZero();
			assertThat(registry.find("hotpath.pushes.pending").tag("backend", "otlp").gauge()).isNotNull();
		});
	}

	@Test
	void bindsNoPushMeterWithoutPushes() {
		this.runner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(HotpathMeters.class).bindTo(registry);
			assertThat(registry.find("hotpath.pushes").functionCounters()).isEmpty();
			assertThat(registry.find("hotpath.samples").functionCounters()).hasSize(4);
		});
	}

}

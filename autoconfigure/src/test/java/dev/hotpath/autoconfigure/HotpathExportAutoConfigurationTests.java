package dev.hotpath.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.hotpath.export.ProfileExports;
import dev.hotpath.export.push.OtlpBackend;
import dev.hotpath.export.push.ProfileIdSpanProcessor;
import dev.hotpath.export.push.ProfilePusher;
import dev.hotpath.export.push.PushBackend;
import dev.hotpath.export.push.PyroscopeBackend;
import dev.hotpath.profile.ProfileLimits;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class HotpathExportAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HotpathExportAutoConfiguration.class))
		.withBean(ProfileExports.class, HotpathExportAutoConfigurationTests::exports)
		.withPropertyValues("spring.application.name=orders");

	@Test
	void runWhenNoPushIsEnabledShouldSetUpNothing() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ProfilePusher.class);
			assertThat(context).doesNotHaveBean(PushBackend.class);
			assertThat(context).doesNotHaveBean(SpanProcessor.class);
			assertThat(context).doesNotHaveBean(HotpathExportProperties.class);
		});
	}

	@Test
	void runWhenPyroscopeIsEnabledShouldPushToItAndMarkRootSpans() {
		this.runner
			.withPropertyValues("hotpath.export.pyroscope.enabled=true", "hotpath.export.pyroscope.labels.env=test",
					"hotpath.export.pyroscope.labels.region=eu")
			.run((context) -> {
				assertThat(context.getBean(ProfilePusher.class).statuses()).containsOnlyKeys("pyroscope");
				assertThat(context.getBean(PyroscopeBackend.class).labelSet()).isEqualTo("orders{env=test,region=eu}");
				assertThat(context).hasSingleBean(ProfileIdSpanProcessor.class);
				assertThat(context).doesNotHaveBean(OtlpBackend.class);
			});
	}

	@Test
	void runWhenPyroscopeHasItsOwnApplicationNameShouldUseIt() {
		this.runner
			.withPropertyValues("hotpath.export.pyroscope.enabled=true",
					"hotpath.export.pyroscope.application-name=orders-eu")
			.run((context) -> assertThat(context.getBean(PyroscopeBackend.class).labelSet()).isEqualTo("orders-eu{}"));
	}

	@Test
	void runWhenOtlpIsEnabledShouldPushToTheCollector() {
		this.runner.withPropertyValues("hotpath.export.otlp.enabled=true").run((context) -> {
			assertThat(context.getBean(ProfilePusher.class).statuses()).containsOnlyKeys("otlp");
			assertThat(context.getBean(OtlpBackend.class).endpoint())
				.isEqualTo(URI.create("http://localhost:4318/v1development/profiles"));
			assertThat(context).doesNotHaveBean(SpanProcessor.class);
		});
	}

	@Test
	void runWhenBothAreEnabledShouldPushToBothFromOnePusher() {
		this.runner
			.withPropertyValues("hotpath.export.pyroscope.enabled=true", "hotpath.export.otlp.enabled=true",
					"hotpath.export.otlp.endpoint=https://collector.example.com/v1development/profiles")
			.run((context) -> {
				assertThat(context).hasSingleBean(ProfilePusher.class);
				assertThat(context.getBean(ProfilePusher.class).statuses()).containsOnlyKeys("pyroscope", "otlp");
			});
	}

	@Test
	void runWithHotpathsEngineShouldPushTheApplicationsProfile() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HotpathAutoConfiguration.class, HotpathExportAutoConfiguration.class))
			.withPropertyValues("hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h",
					"hotpath.application-packages=com.example", "hotpath.export.otlp.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ProfilePusher.class).statuses()).containsOnlyKeys("otlp");
			});
	}

	@Test
	void runWithoutProfilesShouldBackOff() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HotpathExportAutoConfiguration.class))
			.withPropertyValues("hotpath.export.pyroscope.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ProfilePusher.class);
				assertThat(context).doesNotHaveBean(SpanProcessor.class);
			});
	}

	@Test
	void runWithoutTheOpenTelemetrySdkShouldPushWithoutMarkingSpans() {
		this.runner.withClassLoader(new FilteredClassLoader("io.opentelemetry.sdk"))
			.withPropertyValues("hotpath.export.pyroscope.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(ProfilePusher.class);
				assertThat(context).doesNotHaveBean(ProfileIdSpanProcessor.class);
			});
	}

	@Test
	void runWithConfigurationPyroscopeCannotTakeShouldFailToStart() {
		this.runner
			.withPropertyValues("hotpath.export.pyroscope.enabled=true",
					"hotpath.export.pyroscope.basic-auth-user=123456", "hotpath.export.pyroscope.bearer-token=token")
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseMessage("Pyroscope takes either basic auth or a bearer token, not both"));
	}

	@Test
	void runWithBootsOpenTelemetryShouldMarkLocalRootSpansOnly() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		this.runner
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class))
			.withBean(InMemorySpanExporter.class, () -> exporter)
			.withPropertyValues("hotpath.export.pyroscope.enabled=true", "management.tracing.sampling.probability=1.0")
			.run((context) -> {
				Tracer tracer = context.getBean(Tracer.class);
				Span root = tracer.spanBuilder("GET /orders/{id}").startSpan();
				try (Scope scope = root.makeCurrent()) {
					tracer.spanBuilder("SELECT orders").startSpan().end();
				}
				root.end();
				context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
				List<SpanData> spans = exporter.getFinishedSpanItems();
				assertThat(spans).hasSize(2);
				SpanData rootData = spans.stream()
					.filter((span) -> span.getName().equals("GET /orders/{id}"))
					.findFirst()
					.orElseThrow();
				SpanData childData = spans.stream()
					.filter((span) -> span.getName().equals("SELECT orders"))
					.findFirst()
					.orElseThrow();
				assertThat(rootData.getAttributes().get(ProfileIdSpanProcessor.PROFILE_ID))
					.isEqualTo(rootData.getSpanId());
				assertThat(childData.getAttributes().get(ProfileIdSpanProcessor.PROFILE_ID)).isNull();
			});
	}

	private static ProfileExports exports() {
		return new ProfileExports(new ProfileStore(ProfileLimits.DEFAULTS), Duration.ofMillis(10),
				Duration.ofMillis(20), EnumSet.of(ProfileType.CPU), System::currentTimeMillis,
				Map.of("service.name", "orders"));
	}

}

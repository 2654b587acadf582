package dev.hotpath.attribution.otel;

import dev.hotpath.autoconfigure.WorkAttribution;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instrumentation starter with its SDK switched off: its OpenTelemetry makes no
 * spans, so no scope says which request a thread works for, and the status must not claim
 * that work is followed on every thread.
 */
@SpringBootTest(classes = OtelGroundTruthApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "otel.sdk.disabled=true")
class DisabledOpenTelemetrySdkTests {

	@Autowired
	WorkAttribution attribution;

	@Test
	void reportsRequestThreadsOnlyWhenTheSdkIsDisabled() {
		assertThat(this.attribution.mode()).isEqualTo("request-thread-only");
	}

}

package dev.hotpath.tagging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which application context the JVM-wide context storage wrapper forwards scopes to.
 */
class OpenTelemetryScopesTests {

	private final OpenTelemetryWork older = work();

	private final OpenTelemetryWork newer = work();

	@AfterEach
	void stopForwarding() {
		OpenTelemetryScopes.stopForwardingTo(this.older);
		OpenTelemetryScopes.stopForwardingTo(this.newer);
	}

	@Test
	void keepsForwardingToANewerContextWhenAnOlderOneCloses() {
		OpenTelemetryScopes.forwardTo(this.older);
		OpenTelemetryScopes.forwardTo(this.newer);
		OpenTelemetryScopes.stopForwardingTo(this.older);
		assertThat(OpenTelemetryScopes.forwarding()).isSameAs(this.newer);
	}

	@Test
	void stopsForwardingWhenTheContextItForwardsToCloses() {
		OpenTelemetryScopes.forwardTo(this.older);
		OpenTelemetryScopes.stopForwardingTo(this.older);
		assertThat(OpenTelemetryScopes.forwarding()).isNull();
	}

	private static OpenTelemetryWork work() {
		WorkTagger tagger = new WorkTagger(new ScopeLog(16), new RequestLog(16), RequestThreads.NONE);
		return new OpenTelemetryWork(tagger, new Endpoints(10), new SpanNames(16), true);
	}

}

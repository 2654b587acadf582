package dev.hotpath.export.push;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileIdSpanProcessorTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(new ProfileIdSpanProcessor())
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final Tracer tracer = this.provider.get("test");

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void marksALocalRootSpanWithItsOwnSpanId() {
		Span root = this.tracer.spanBuilder("GET /orders/{id}").startSpan();
		try (Scope scope = root.makeCurrent()) {
			this.tracer.spanBuilder("SELECT orders").startSpan().end();
		}
		root.end();
		SpanData rootData = span("GET /orders/{id}");
		assertThat(rootData.getAttributes().get(ProfileIdSpanProcessor.PROFILE_ID)).isEqualTo(rootData.getSpanId())
			.hasSize(16);
		assertThat(span("SELECT orders").getAttributes().get(ProfileIdSpanProcessor.PROFILE_ID)).isNull();
	}

	@Test
	void marksASpanWhoseParentIsRemote() {
		SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getSampled(), TraceState.getDefault());
		this.tracer.spanBuilder("GET /orders/{id}").setParent(Context.root().with(Span.wrap(remote))).startSpan().end();
		SpanData server = span("GET /orders/{id}");
		assertThat(server.getAttributes().get(ProfileIdSpanProcessor.PROFILE_ID)).isEqualTo(server.getSpanId());
	}

	private SpanData span(String name) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

}

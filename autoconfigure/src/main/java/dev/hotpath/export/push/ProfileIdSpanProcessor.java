package dev.hotpath.export.push;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Marks each local root span (one whose parent is absent or comes from another process)
 * with {@code pyroscope.profile.id}, set to its own span id: Grafana shows "Profiles for
 * this span" on spans with that attribute, and asks Pyroscope for the samples labeled
 * {@code span_id} with its value.
 * <p>
 * Costs one attribute on one span per request; the span id string already exists.
 */
public final class ProfileIdSpanProcessor implements SpanProcessor {

	/** The span attribute Grafana's traces to profiles looks for. */
	public static final AttributeKey<String> PROFILE_ID = AttributeKey.stringKey("pyroscope.profile.id");

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		SpanContext parent = span.getParentSpanContext();
		if (!parent.isValid() || parent.isRemote()) {
			span.setAttribute(PROFILE_ID, span.getSpanContext().getSpanId());
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

}

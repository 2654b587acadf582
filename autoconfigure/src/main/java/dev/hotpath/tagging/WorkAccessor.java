package dev.hotpath.tagging;

import java.util.function.BooleanSupplier;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Carries the request a thread works for into the tasks it hands to other threads, for
 * applications without a tracer: Micrometer's context propagation (Spring's
 * {@code ContextPropagatingTaskDecorator}, {@code ContextExecutorService}, Reactor's
 * automatic context propagation) captures {@link #getValue()} where a task is submitted
 * and calls {@link #setValue(Work)} and {@link #restore} on the thread that runs it. When
 * a tracer's span is current, the tracer's own scopes carry the work and this accessor
 * captures nothing.
 * <p>
 * Clearing and restoring end only work that this accessor began: Reactor's automatic
 * context propagation clears every registered accessor around each operator, also while a
 * tracer's scope is current, and that scope is not the accessor's to end.
 * <p>
 * Capturing allocates one small {@link Work}; setting and restoring allocate nothing.
 */
public final class WorkAccessor implements ThreadLocalAccessor<WorkAccessor.Work> {

	/** The key under which the accessor is registered. */
	public static final String KEY = "dev.hotpath.work";

	private static final ThreadLocal<long[]> scratch = ThreadLocal.withInitial(() -> new long[3]);

	private final WorkTagger tagger;

	private final BooleanSupplier tracing;

	/**
	 * Creates the accessor.
	 * @param tagger the work marks
	 * @param tracing whether a tracer's span is current on this thread, in which case the
	 * tracer propagates the work
	 */
	public WorkAccessor(WorkTagger tagger, BooleanSupplier tracing) {
		this.tagger = tagger;
		this.tracing = tracing;
	}

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable Work getValue() {
		long[] ids = scratch.get();
		if (this.tracing.getAsBoolean() || !this.tagger.current(ids)) {
			return null;
		}
		return new Work(ids[0], ids[1], ids[2]);
	}

	@Override
	public void setValue(Work work) {
		this.tagger.enterPropagated(work.traceIdHigh(), work.traceIdLow(), work.spanId());
	}

	@Override
	public void setValue() {
		this.tagger.leavePropagated();
	}

	@Override
	public void restore(Work previous) {
		setValue(previous);
	}

	@Override
	public void restore() {
		this.tagger.leavePropagated();
	}

	/**
	 * The span a task works for.
	 *
	 * @param traceIdHigh the trace id's high 64 bits
	 * @param traceIdLow the trace id's low 64 bits
	 * @param spanId the span id
	 */
	public record Work(long traceIdHigh, long traceIdLow, long spanId) {

	}

}

package dev.hotpath.tagging;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * Follows every OpenTelemetry scope of the JVM through a {@link ContextStorage} wrapper,
 * for applications whose tracer has no Micrometer bridge (the OpenTelemetry
 * instrumentation Spring Boot starter). OpenTelemetry takes wrappers only before its
 * storage is first used, so {@link #install} runs when the application starts; whether it
 * took effect shows in {@link #active}. The wrapper is JVM-wide and forwards to the
 * {@link OpenTelemetryWork} of the application context that started last and is still
 * running, if any.
 * <p>
 * Each attached scope costs one small object (the scope handed back to the caller, as
 * OpenTelemetry's own storage also allocates) and two work marks.
 */
public final class OpenTelemetryScopes {

	private static final AtomicBoolean installed = new AtomicBoolean();

	private static final AtomicBoolean wrapped = new AtomicBoolean();

	private static final AtomicReference<@Nullable OpenTelemetryWork> target = new AtomicReference<>();

	private OpenTelemetryScopes() {
	}

	/**
	 * Adds the wrapper to OpenTelemetry's storage, once per JVM. Has no effect when the
	 * storage was already used.
	 */
	public static void install() {
		if (installed.compareAndSet(false, true)) {
			ContextStorage.addWrapper((storage) -> {
				wrapped.set(true);
				return new Storage(storage);
			});
		}
	}

	/**
	 * Whether the wrapper follows the JVM's scopes. Asks OpenTelemetry for its storage,
	 * which settles its wrappers.
	 */
	public static boolean active() {
		ContextStorage.get();
		return wrapped.get();
	}

	/**
	 * Sends scopes to this work from now on.
	 * @param work the work marks of the application context that starts
	 */
	public static void forwardTo(OpenTelemetryWork work) {
		target.set(work);
	}

	/**
	 * Stops sending scopes to this work, unless another application context started since
	 * and took them over, so that closing an older context leaves a newer one attributed.
	 * @param work the work marks of the application context that closes
	 */
	public static void stopForwardingTo(OpenTelemetryWork work) {
		target.compareAndSet(work, null);
	}

	/** The work that scopes go to, if any. */
	static @Nullable OpenTelemetryWork forwarding() {
		return target.get();
	}

	private static final class Storage implements ContextStorage {

		private final ContextStorage delegate;

		Storage(ContextStorage delegate) {
			this.delegate = delegate;
		}

		@Override
		public Scope attach(Context toAttach) {
			Context before = this.delegate.current();
			Scope scope = this.delegate.attach(toAttach);
			OpenTelemetryWork work = target.get();
			if (work == null || scope == Scope.noop()) {
				return scope;
			}
			work.current(toAttach);
			return () -> {
				scope.close();
				OpenTelemetryWork current = target.get();
				if (current != null) {
					current.current(before);
				}
			};
		}

		@Override
		public @Nullable Context current() {
			return this.delegate.current();
		}

		@Override
		public Context root() {
			return this.delegate.root();
		}

	}

}

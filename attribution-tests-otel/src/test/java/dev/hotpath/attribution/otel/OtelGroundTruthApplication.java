package dev.hotpath.attribution.otel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.context.Context;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application traced by the OpenTelemetry instrumentation Spring Boot starter alone,
 * whose endpoints burn CPU in uniquely named methods: on the request thread, on an
 * executor whose tasks carry the OpenTelemetry context, half on each, and in an
 * {@code @Async} method on Boot's task executor. Every sample of a method belongs to one
 * endpoint, so the share that Hotpath attributes to it is a measure of its accuracy.
 */
@SpringBootApplication
@EnableAsync
public class OtelGroundTruthApplication {

	/** CPU time each unit of work burns. */
	static final long BURN_NANOS = 40_000_000;

	@Bean
	Burner burner() {
		return new Burner();
	}

	/**
	 * Runs the tasks of Boot's task executor, and so {@code @Async} methods, in the
	 * context of the thread that submitted them: Boot's own context propagation carries
	 * Micrometer's context, which this application does not have, and Boot decorates its
	 * executor with a unique {@code TaskDecorator} bean.
	 */
	@Bean
	TaskDecorator openTelemetryContextDecorator() {
		return (task) -> Context.current().wrap(task);
	}

	@RestController
	static class WorkController implements DisposableBean {

		private final Burner burner;

		private final AsyncWork async;

		/**
		 * A pool whose tasks run in the context of the thread that submitted them, as the
		 * instrumentation starter does not instrument executors without the Java agent.
		 * Not a bean, which would take the place of Boot's task executor.
		 */
		private final ExecutorService executor;

		WorkController(Burner burner, AsyncWork async) {
			this.burner = burner;
			this.async = async;
			AtomicInteger threads = new AtomicInteger();
			this.executor = Context.taskWrapping(
					Executors.newFixedThreadPool(2, (task) -> new Thread(task, "work-" + threads.incrementAndGet())));
		}

		@GetMapping("/inline/{n}")
		long inline(@PathVariable int n) {
			return this.burner.burnOnRequestThread(BURN_NANOS);
		}

		@GetMapping("/executor/{n}")
		long executor(@PathVariable int n) {
			return CompletableFuture.supplyAsync(() -> this.burner.burnOnExecutor(BURN_NANOS), this.executor).join();
		}

		@GetMapping("/half/{n}")
		long half(@PathVariable int n) {
			CompletableFuture<Long> elsewhere = CompletableFuture
				.supplyAsync(() -> this.burner.burnHalfOnExecutor(BURN_NANOS / 2), this.executor);
			long here = this.burner.burnHalfOnRequestThread(BURN_NANOS / 2);
			return here + elsewhere.join();
		}

		@GetMapping("/async/{n}")
		long async(@PathVariable int n) {
			return this.async.burnInAsyncMethod(BURN_NANOS).join();
		}

		@Override
		public void destroy() {
			this.executor.shutdownNow();
		}

	}

	@Service
	static class AsyncWork {

		private final Burner burner;

		AsyncWork(Burner burner) {
			this.burner = burner;
		}

		@Async
		public CompletableFuture<Long> burnInAsyncMethod(long nanos) {
			return CompletableFuture.completedFuture(this.burner.burnInAsync(nanos));
		}

	}

	/**
	 * Burns CPU in one method per way of running, so that each method's samples have one
	 * right endpoint.
	 */
	static class Burner {

		long burnOnRequestThread(long nanos) {
			return spin(nanos);
		}

		long burnOnExecutor(long nanos) {
			return spin(nanos);
		}

		long burnHalfOnRequestThread(long nanos) {
			return spin(nanos);
		}

		long burnHalfOnExecutor(long nanos) {
			return spin(nanos);
		}

		long burnInAsync(long nanos) {
			return spin(nanos);
		}

		/** Burns CPU for {@code nanos} of the calling thread's CPU time. */
		private static long spin(long nanos) {
			java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
			long end = threads.getCurrentThreadCpuTime() + nanos;
			long value = 0;
			while (threads.getCurrentThreadCpuTime() < end) {
				for (int i = 0; i < 10_000; i++) {
					value += (value * 31) ^ i;
				}
			}
			return value;
		}

	}

}

package dev.hotpath.attribution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application whose endpoints burn CPU in uniquely named methods, each run in another
 * way: on the request thread, in an {@code @Async} method, in a {@code CompletableFuture}
 * on the application's executor, half on each, and in a scheduled job. Every sample of a
 * method belongs to one endpoint, so the share that Hotpath attributes to it is a measure
 * of its accuracy.
 */
@SpringBootApplication
@EnableAsync
@EnableScheduling
public class GroundTruthApplication {

	/** CPU time each unit of work burns. */
	static final long BURN_NANOS = 40_000_000;

	@Bean
	Burner burner() {
		return new Burner();
	}

	@RestController
	static class WorkController {

		private final Burner burner;

		private final AsyncWork async;

		private final AsyncTaskExecutor executor;

		WorkController(Burner burner, AsyncWork async,
				@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
			this.burner = burner;
			this.async = async;
			this.executor = executor;
		}

		@GetMapping("/inline/{n}")
		long inline(@PathVariable int n) {
			return this.burner.burnOnRequestThread(BURN_NANOS);
		}

		@GetMapping("/async/{n}")
		long async(@PathVariable int n) {
			return this.async.burnInAsyncMethod(BURN_NANOS).join();
		}

		@GetMapping("/future/{n}")
		long future(@PathVariable int n) {
			return CompletableFuture.supplyAsync(() -> this.burner.burnInCompletableFuture(BURN_NANOS), this.executor)
				.join();
		}

		@GetMapping("/half/{n}")
		long half(@PathVariable int n) {
			CompletableFuture<Long> elsewhere = CompletableFuture
				.supplyAsync(() -> this.burner.burnHalfOnExecutor(BURN_NANOS / 2), this.executor);
			long here = this.burner.burnHalfOnRequestThread(BURN_NANOS / 2);
			return here + elsewhere.join();
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

	@Service
	static class Jobs {

		static final AtomicLong runs = new AtomicLong();

		/** How often the job was called, burning or not. */
		static final AtomicLong calls = new AtomicLong();

		/** Whether the job burns; a test switches it on once the application is ready. */
		static volatile boolean burning;

		private final Burner burner;

		Jobs(Burner burner) {
			this.burner = burner;
		}

		@Scheduled(fixedDelay = 50)
		void refresh() {
			calls.incrementAndGet();
			if (burning) {
				this.burner.burnInScheduledJob(BURN_NANOS);
				runs.incrementAndGet();
			}
		}

	}

	/**
	 * Burns CPU in one method per way of running, so that each method's samples have one
	 * right endpoint.
	 */
	static class Burner {

		long burnOnRequestThread(long nanos) {
			return Spin.forNanos(nanos);
		}

		long burnInAsync(long nanos) {
			return Spin.forNanos(nanos);
		}

		long burnInCompletableFuture(long nanos) {
			return Spin.forNanos(nanos);
		}

		long burnHalfOnRequestThread(long nanos) {
			return Spin.forNanos(nanos);
		}

		long burnHalfOnExecutor(long nanos) {
			return Spin.forNanos(nanos);
		}

		long burnInScheduledJob(long nanos) {
			return Spin.forNanos(nanos);
		}

	}

}

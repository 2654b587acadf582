package dev.hotpath.it.app;

import java.util.concurrent.CompletableFuture;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small application for end-to-end tests: one endpoint that burns CPU in a known
 * function, one that hands the same work to the application's executor, one that
 * allocates in another function, one that reads a POST body, and quick ones.
 */
@SpringBootApplication
@RestController
public class WorkApplication {

	private final AsyncTaskExecutor executor;

	public WorkApplication(@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		this.executor = executor;
	}

	@GetMapping("/spin/{millis}")
	public String spin(@PathVariable int millis) {
		return Long.toString(Work.spin(millis));
	}

	@GetMapping("/allocate/{megabytes}")
	public String allocate(@PathVariable int megabytes) {
		return Long.toString(Work.allocateMegabytes(megabytes));
	}

	@GetMapping("/items/{id}")
	public String item(@PathVariable String id) {
		return id;
	}

	/**
	 * Prepares on the request thread for a third of the time, then hands the work off.
	 */
	@GetMapping("/handoff/{millis}")
	public String handoff(@PathVariable int millis) {
		long prepared = Work.spin(millis / 3);
		return Long.toString(
				prepared + CompletableFuture.supplyAsync(() -> Work.spinOnExecutor(millis), this.executor).join());
	}

	@PostMapping("/orders")
	public String order(@RequestBody String body) {
		return Long.toString(Work.spin(20) + body.length());
	}

	@GetMapping("/quick")
	public String quick() {
		return "ok";
	}

}

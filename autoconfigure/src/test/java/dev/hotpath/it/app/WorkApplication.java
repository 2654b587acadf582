package dev.hotpath.it.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small application for end-to-end tests: one endpoint that burns CPU in a known
 * function, one that allocates in another, and quick ones.
 */
@SpringBootApplication
@RestController
public class WorkApplication {

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

	@GetMapping("/quick")
	public String quick() {
		return "ok";
	}

}

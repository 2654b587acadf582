package dev.hotpath.demo;

import dev.hotpath.demo.Calculations.Implementation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's switch between the naive and the fixed bottleneck:
 * {@code GET /demo/implementation} says which one {@code GET /calculate2/{number}} uses,
 * {@code POST /demo/implementation?use=naive|fixed} changes it for the requests that
 * follow. An admin route of the demo, not part of the shop: it costs nothing a profile
 * would show.
 *
 * @author Hotpath contributors
 */
@RestController
@RequestMapping("/demo/implementation")
final class ImplementationController {

	private final ImplementationSwitch implementationSwitch;

	ImplementationController(ImplementationSwitch implementationSwitch) {
		this.implementationSwitch = implementationSwitch;
	}

	@GetMapping
	Status current() {
		return Status.of(this.implementationSwitch.current());
	}

	@PostMapping
	Status use(@RequestParam(name = "use", defaultValue = "") String use) {
		Implementation implementation = Implementation.named(use)
			.orElseThrow(() -> ClientErrorException.badRequest("use must be naive or fixed"));
		this.implementationSwitch.use(implementation);
		return Status.of(implementation);
	}

	/**
	 * The JSON response.
	 *
	 * @param implementation {@code naive} or {@code fixed}
	 * @param function the function that computes the bottleneck's term, as profiles name
	 * it
	 */
	record Status(String implementation, String function) {

		static Status of(Implementation implementation) {
			return new Status(implementation.displayName(), implementation.function());
		}

	}

}

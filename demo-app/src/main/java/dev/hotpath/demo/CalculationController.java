package dev.hotpath.demo;

import dev.hotpath.demo.Calculations.Implementation;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The classic profiling demo endpoints. {@code /calculate1/{number}} is quadratic and
 * accepts 0 to 20000 (about 2 s of CPU at the top); {@code /calculate2/{number}} adds a
 * factorial term and accepts 0 to 11 (about 0.3 s), since every step beyond multiplies
 * the cost by more than 12. Anything else gets a 400 JSON error. {@code /calculate2} runs
 * the implementation of its bottleneck that {@link ImplementationSwitch} holds and names
 * it in the {@value #IMPLEMENTATION_HEADER} response header.
 *
 * @author Hotpath contributors
 */
@RestController
final class CalculationController {

	static final int CALCULATE1_MAX = 20000;

	static final int CALCULATE2_MAX = 11;

	static final String IMPLEMENTATION_HEADER = "X-Demo-Implementation";

	private final Calculations calculations;

	private final ImplementationSwitch implementationSwitch;

	CalculationController(Calculations calculations, ImplementationSwitch implementationSwitch) {
		this.calculations = calculations;
		this.implementationSwitch = implementationSwitch;
	}

	@GetMapping("/calculate1/{number}")
	Result calculate1(@PathVariable String number) {
		int n = NumberParameter.parse("number", number, 0, CALCULATE1_MAX);
		return new Result(this.calculations.efficient(n));
	}

	@GetMapping("/calculate2/{number}")
	ResponseEntity<Result> calculate2(@PathVariable String number) {
		int n = NumberParameter.parse("number", number, 0, CALCULATE2_MAX);
		Implementation implementation = this.implementationSwitch.current();
		return ResponseEntity.ok()
			.header(IMPLEMENTATION_HEADER, implementation.displayName())
			.body(new Result(this.calculations.withBottleneck(n, implementation)));
	}

	/**
	 * The JSON response.
	 *
	 * @param value the result of the calculation
	 */
	record Result(double value) {

	}

}

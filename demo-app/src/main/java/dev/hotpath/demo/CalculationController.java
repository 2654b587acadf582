package dev.hotpath.demo;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The classic profiling demo endpoints. {@code /calculate1/{number}} is quadratic and
 * accepts 0 to 20000 (about 2 s of CPU at the top); {@code /calculate2/{number}} adds a
 * factorial term and accepts 0 to 11 (about 0.3 s), since every step beyond multiplies
 * the cost by more than 12. Anything else gets a 400 JSON error.
 *
 * @author Hotpath contributors
 */
@RestController
final class CalculationController {

	static final int CALCULATE1_MAX = 20000;

	static final int CALCULATE2_MAX = 11;

	private final Calculations calculations;

	CalculationController(Calculations calculations) {
		this.calculations = calculations;
	}

	@GetMapping("/calculate1/{number}")
	Result calculate1(@PathVariable String number) {
		int n = NumberParameter.parse("number", number, 0, CALCULATE1_MAX);
		return new Result(this.calculations.efficient(n));
	}

	@GetMapping("/calculate2/{number}")
	Result calculate2(@PathVariable String number) {
		int n = NumberParameter.parse("number", number, 0, CALCULATE2_MAX);
		return new Result(this.calculations.withBottleneck(n));
	}

	/**
	 * The JSON response.
	 *
	 * @param value the result of the calculation
	 */
	record Result(double value) {

	}

}

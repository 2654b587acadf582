package dev.hotpath.demo;

import dev.hotpath.demo.Calculations.Implementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ImplementationController}: switching {@code GET /calculate2/{number}}
 * between its naive and its fixed bottleneck at run time.
 *
 * @author Hotpath contributors
 */
@WebMvcTest({ ImplementationController.class, CalculationController.class })
@Import({ Calculations.class, ImplementationSwitch.class })
@EnableConfigurationProperties(CalculationsProperties.class)
class ImplementationControllerTests {

	private final Calculations calculations = new Calculations();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ImplementationSwitch implementationSwitch;

	@AfterEach
	void useTheNaiveImplementationAgain() {
		// the switch lives in the context that the tests share
		this.implementationSwitch.use(Implementation.NAIVE);
	}

	@Test
	void saysWhichImplementationAndFunctionRunNow() {
		assertThat(this.mvc.get().uri("/demo/implementation")).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("{\"implementation\":\"naive\",\"function\":\"dev.hotpath.demo.Calculations.calc3\"}");
	}

	@Test
	void switchingToFixedMakesCalculate2RunTheFixedImplementationWithTheSameAnswer() {
		assertThat(this.mvc.post().uri("/demo/implementation").param("use", "fixed")).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo(
					"{\"implementation\":\"fixed\",\"function\":\"dev.hotpath.demo.Calculations.calc3Fixed\"}");
		assertThat(this.mvc.get().uri("/calculate2/{number}", 8)).hasStatusOk()
			.hasHeader(CalculationController.IMPLEMENTATION_HEADER, "fixed")
			.bodyJson()
			.extractingPath("$.value")
			.isEqualTo(this.calculations.withBottleneck(8, Implementation.NAIVE));
		assertThat(this.mvc.get().uri("/demo/implementation")).bodyJson()
			.extractingPath("$.implementation")
			.isEqualTo("fixed");
	}

	@Test
	void switchingBackToNaiveMakesCalculate2RunCalc3Again() {
		assertThat(this.mvc.post().uri("/demo/implementation").param("use", "fixed")).hasStatusOk();
		assertThat(this.mvc.post().uri("/demo/implementation").param("use", "naive")).hasStatusOk();
		assertThat(this.mvc.get().uri("/calculate2/{number}", 4)).hasStatusOk()
			.hasHeader(CalculationController.IMPLEMENTATION_HEADER, "naive");
	}

	@Test
	void rejectsAnUnknownImplementationAndKeepsTheCurrentOne() {
		assertThat(this.mvc.post().uri("/demo/implementation").param("use", "clever")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\":\"use must be naive or fixed\",\"path\":\"/demo/implementation\"}");
		assertThat(this.mvc.post().uri("/demo/implementation")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/calculate2/{number}", 4)).hasHeader(CalculationController.IMPLEMENTATION_HEADER,
				"naive");
	}

}

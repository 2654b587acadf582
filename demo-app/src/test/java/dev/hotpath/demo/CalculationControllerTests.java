package dev.hotpath.demo;

import dev.hotpath.demo.Calculations.Implementation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CalculationController}.
 *
 * @author Hotpath contributors
 */
@WebMvcTest(CalculationController.class)
@Import({ Calculations.class, ImplementationSwitch.class })
@EnableConfigurationProperties(CalculationsProperties.class)
class CalculationControllerTests {

	private final Calculations calculations = new Calculations();

	@Autowired
	private MockMvcTester mvc;

	@Test
	void calculate1ReturnsTheEfficientCalculation() {
		assertThat(this.mvc.get().uri("/calculate1/{number}", 40)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.value")
			.isEqualTo(this.calculations.efficient(40));
	}

	@Test
	void calculate2ReturnsTheCalculationWithTheBottleneck() {
		assertThat(this.mvc.get().uri("/calculate2/{number}", 5)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.value")
			.isEqualTo(this.calculations.withBottleneck(5, Implementation.NAIVE));
	}

	@Test
	void calculate2SaysItRunsTheNaiveImplementationByDefault() {
		assertThat(this.mvc.get().uri("/calculate2/{number}", 5)).hasStatusOk()
			.hasHeader(CalculationController.IMPLEMENTATION_HEADER, "naive");
	}

	@Test
	void acceptsZero() {
		assertThat(this.mvc.get().uri("/calculate2/0")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.value")
			.isEqualTo(0.0);
	}

	@Test
	void rejectsNumbersThatWouldRunForMinutes() {
		assertRejected("/calculate2/12", "number must be between 0 and 11");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "abc", "1.5", "99999999999" })
	void rejectsWhatIsNotANumberInRange(String number) {
		assertRejected("/calculate2/" + number, "number must be between 0 and 11");
	}

	@Test
	void rejectsCalculate1NumbersAboveItsLimit() {
		assertRejected("/calculate1/20001", "number must be between 0 and 20000");
	}

	@Test
	void rejectsNonNumericCalculate1Numbers() {
		assertRejected("/calculate1/abc", "number must be between 0 and 20000");
	}

	private void assertRejected(String path, String error) {
		assertThat(this.mvc.get().uri(path)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\":\"" + error + "\",\"path\":\"" + path + "\"}");
	}

}

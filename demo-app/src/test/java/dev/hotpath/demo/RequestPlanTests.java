package dev.hotpath.demo;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequestPlan}.
 *
 * @author Hotpath contributors
 */
class RequestPlanTests {

	@Test
	void everySixRequestsCoverAllSixEndpoints() {
		RequestPlan plan = new RequestPlan(new SplittableRandom(42), 0);
		for (int round = 0; round < 5; round++) {
			List<String> paths = Stream.generate(plan::next).limit(6).toList();
			assertThat(paths).satisfiesExactlyInAnyOrder((path) -> assertThat(path).startsWith("/calculate1/"),
					(path) -> assertThat(path).startsWith("/calculate2/"),
					(path) -> assertThat(path).startsWith("/products/"),
					(path) -> assertThat(path).startsWith("/search?q="),
					(path) -> assertThat(path).startsWith("/owners?lastName="),
					(path) -> assertThat(path).startsWith("/api/owners?lastName="));
		}
	}

	@Test
	void theCalculationsComeFirstInTheRotation() {
		List<String> paths = Stream.generate(new RequestPlan(new SplittableRandom(42), 0)::next).limit(2).toList();
		assertThat(paths).satisfiesExactly((path) -> assertThat(path).startsWith("/calculate1/"),
				(path) -> assertThat(path).startsWith("/calculate2/"));
	}

	@Test
	void eighteenRequestsCoverEveryCalculationSize() {
		List<String> paths = Stream.generate(new RequestPlan(new SplittableRandom(42), 1)::next).limit(18).toList();
		assertThat(paths).contains("/calculate1/500", "/calculate1/1000", "/calculate1/2000", "/calculate2/9",
				"/calculate2/10", "/calculate2/11");
	}

	@Test
	void productIdsExistAndQueriesAreEncoded() {
		RequestPlan plan = new RequestPlan(new SplittableRandom(7), 0);
		Stream.generate(plan::next).limit(400).forEach((path) -> {
			if (path.startsWith("/products/")) {
				assertThat(Integer.parseInt(path.substring("/products/".length()))).isBetween(1, Catalog.SIZE);
			}
			if (path.startsWith("/search?q=")) {
				assertThat(path).doesNotContain(" ").hasSizeLessThanOrEqualTo(110);
			}
		});
	}

	@Test
	void ownerSearchesOftenListAllOwnersAndStayWithinTheAcceptedLength() {
		RequestPlan plan = new RequestPlan(new SplittableRandom(7), 0);
		List<String> lastNames = Stream.generate(plan::next)
			.limit(600)
			.filter((path) -> path.contains("owners?lastName="))
			.map((path) -> path.substring(path.indexOf('=') + 1))
			.toList();
		assertThat(lastNames).hasSize(200).contains("").anyMatch((lastName) -> !lastName.isEmpty());
		assertThat(lastNames).allMatch((lastName) -> lastName.length() <= OwnerController.MAX_LAST_NAME_LENGTH);
		// the owners page has a few hundred rows only for an empty last name
		assertThat(lastNames.stream().filter(String::isEmpty).count()).isGreaterThan(lastNames.size() / 4);
	}

	@Test
	void calculationsStayWithinTheAcceptedRange() {
		assertThat(RequestPlan.CALCULATE1_NUMBERS).allMatch((n) -> n <= CalculationController.CALCULATE1_MAX);
		assertThat(RequestPlan.CALCULATE2_NUMBERS).allMatch((n) -> n <= CalculationController.CALCULATE2_MAX);
	}

}

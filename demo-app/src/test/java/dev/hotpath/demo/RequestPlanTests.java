package dev.hotpath.demo;

import java.util.ArrayList;
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
	void everySevenRequestsCoverAllSevenEndpoints() {
		RequestPlan plan = new RequestPlan(new SplittableRandom(42), 0);
		for (int round = 0; round < 5; round++) {
			List<String> paths = Stream.generate(plan::next).limit(7).toList();
			assertThat(paths).satisfiesExactlyInAnyOrder((path) -> assertThat(path).startsWith("/calculate1/"),
					(path) -> assertThat(path).startsWith("/calculate2/"),
					(path) -> assertThat(path).startsWith("/products/"),
					(path) -> assertThat(path).startsWith("/search?q="),
					(path) -> assertThat(path).startsWith("/owners?lastName="),
					(path) -> assertThat(path).startsWith("/api/owners?lastName="),
					(path) -> assertThat(path).startsWith("/bundles/"));
		}
	}

	@Test
	void theCalculationsComeFirstInTheRotation() {
		List<String> paths = Stream.generate(new RequestPlan(new SplittableRandom(42), 0)::next).limit(2).toList();
		assertThat(paths).satisfiesExactly((path) -> assertThat(path).startsWith("/calculate1/"),
				(path) -> assertThat(path).startsWith("/calculate2/"));
	}

	@Test
	void twentyOneRequestsCoverEveryCalculationSize() {
		List<String> paths = Stream.generate(new RequestPlan(new SplittableRandom(42), 1)::next).limit(21).toList();
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
			if (path.startsWith("/bundles/")) {
				assertThat(Integer.parseInt(path.substring("/bundles/".length()))).isBetween(1, Catalog.SIZE);
			}
			if (path.startsWith("/search?q=")) {
				assertThat(path).doesNotContain(" ").hasSizeLessThanOrEqualTo(110);
			}
		});
	}

	@Test
	void oneProductRequestInTenMissesThePriceCacheOnceEachPopularProductWasAskedFor() {
		RequestPlan plan = new RequestPlan(new SplittableRandom(7), 2);
		// the product requests and the bundles' lookups share one price book
		PriceBook priceBook = new PriceBook();
		List<Boolean> misses = new ArrayList<>();
		Stream.generate(plan::next).limit(RequestPlan.ENDPOINTS * 500L).forEach((path) -> {
			if (path.startsWith("/products/")) {
				misses.add(!offer(priceBook, Integer.parseInt(path.substring("/products/".length()))).cached());
			}
			else if (path.startsWith("/bundles/")) {
				for (int member : BundleController.members(Integer.parseInt(path.substring("/bundles/".length())))) {
					offer(priceBook, member);
				}
			}
		});
		assertThat(misses).hasSize(500);
		// the first hundred include each product's first request; after them every
		// hundred product requests hold about ten misses
		for (int from = 100; from < misses.size(); from += 100) {
			long missed = misses.subList(from, from + 100).stream().filter(Boolean::booleanValue).count();
			assertThat(missed).as("misses among product requests %d to %d", from, from + 99).isBetween(5L, 15L);
		}
	}

	private static PriceBook.Offer offer(PriceBook priceBook, int id) {
		return priceBook.offer(new Catalog.Product(id, "Product " + id, 1000));
	}

	@Test
	void aThirdOfTheOwnerSearchesListAllOwnersAfterTheWarmUp() {
		RequestPlan plan = new RequestPlan(new SplittableRandom(7), 1);
		List<String> lastNames = Stream.generate(plan::next)
			.limit(RequestPlan.ENDPOINTS * 100L)
			.filter((path) -> path.startsWith("/owners?lastName="))
			.map((path) -> path.substring(path.indexOf('=') + 1))
			.toList();
		assertThat(lastNames).hasSize(100);
		assertThat(lastNames).allMatch((lastName) -> lastName.length() <= OwnerController.MAX_LAST_NAME_LENGTH);
		// a cold JVM renders small pages first
		List<String> warmUp = lastNames.subList(0, RequestPlan.WARM_UP_ROUNDS);
		assertThat(warmUp).noneMatch(String::isEmpty);
		List<String> warm = lastNames.subList(RequestPlan.WARM_UP_ROUNDS, lastNames.size());
		assertThat(warm).contains("b", "m", "s", "w");
		assertThat(warm.stream().filter(String::isEmpty).count()).isBetween(warm.size() / 3L - 1, warm.size() / 3L + 1);
	}

	@Test
	void thePageAndTheJsonApiSearchTheSameOwnersInARound() {
		int endpoints = RequestPlan.ENDPOINTS;
		List<String> paths = Stream.generate(new RequestPlan(new SplittableRandom(7), 0)::next)
			.limit(6L * endpoints)
			.toList();
		for (int round = 0; round < 6; round++) {
			String page = paths.get(round * endpoints + 4);
			String json = paths.get(round * endpoints + 5);
			assertThat(json).isEqualTo("/api" + page);
		}
	}

	@Test
	void calculationsStayWithinTheAcceptedRange() {
		assertThat(RequestPlan.CALCULATE1_NUMBERS).allMatch((n) -> n <= CalculationController.CALCULATE1_MAX);
		assertThat(RequestPlan.CALCULATE2_NUMBERS).allMatch((n) -> n <= CalculationController.CALCULATE2_MAX);
	}

}

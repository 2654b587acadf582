package dev.hotpath.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The paths one load generator worker calls, in rotation: {@code /calculate1/{n}},
 * {@code /calculate2/{n}}, {@code /products/{id}}, {@code /search?q=},
 * {@code /owners?lastName=}, {@code /api/owners?lastName=} and {@code /bundles/{id}},
 * cycling through three sizes of each calculation so the profile shows how the cost
 * grows. The calculations come first and stay the slowest: {@code /calculate2/11} takes
 * longer than any other request. Products and bundles are picked among the
 * {@value #POPULAR_PRODUCTS} most popular products, all of which the {@link PriceBook}
 * holds, so that after their first requests one offer in ten steadily misses its cache
 * and takes the slow path (on the request thread for a product, on the task executor for
 * a bundle's lookups). After the first {@value #WARM_UP_ROUNDS} rounds, a third of the
 * owner searches have an empty last name, which lists all {@value ClinicData#OWNERS}
 * owners, so that the database, the page template and the JSON serialization have a few
 * hundred rows to work on; the others search for a letter. In the first rounds all of
 * them search for a letter: a cold JVM takes seconds to render all owners, longer than
 * {@code /calculate2/11}, and small pages warm it up first. Every {@value #ENDPOINTS}
 * consecutive paths cover all {@value #ENDPOINTS} endpoints, every three times as many
 * cover all sizes. Not thread-safe: each worker owns its plan.
 *
 * @author Hotpath contributors
 */
final class RequestPlan {

	static final List<Integer> CALCULATE1_NUMBERS = List.of(500, 1000, 2000);

	static final List<Integer> CALCULATE2_NUMBERS = List.of(9, 10, 11);

	static final List<String> SEARCH_QUERIES = List.of("oak", "lamp", "steel desk", "nordic wool", "vintage");

	static final List<String> OWNER_LAST_NAMES = List.of("b", "m", "", "s", "w", "");

	static final List<String> WARM_UP_LAST_NAMES = List.of("b", "m", "s", "w");

	static final int WARM_UP_ROUNDS = 12;

	static final int POPULAR_PRODUCTS = 20;

	static final int ENDPOINTS = 7;

	private final RandomGenerator random;

	private long step;

	/**
	 * Create a plan.
	 * @param random the source of product ids and search words
	 * @param firstStep where in the rotation to start, so that workers do not all call
	 * the same endpoint at the same time
	 */
	RequestPlan(RandomGenerator random, int firstStep) {
		this.random = random;
		this.step = firstStep;
	}

	/**
	 * Return the next path to call, with its query string.
	 * @return the path
	 */
	String next() {
		long current = this.step++;
		long round = current / ENDPOINTS;
		int size = (int) (round % CALCULATE1_NUMBERS.size());
		List<String> lastNames = (round < WARM_UP_ROUNDS) ? WARM_UP_LAST_NAMES : OWNER_LAST_NAMES;
		String lastName = lastNames.get((int) (round % lastNames.size()));
		return switch ((int) (current % ENDPOINTS)) {
			case 0 -> "/calculate1/" + CALCULATE1_NUMBERS.get(size);
			case 1 -> "/calculate2/" + CALCULATE2_NUMBERS.get(size);
			case 2 -> "/products/" + this.random.nextInt(1, POPULAR_PRODUCTS + 1);
			case 3 -> "/search?q=" + URLEncoder.encode(pick(SEARCH_QUERIES), StandardCharsets.UTF_8);
			case 4 -> "/owners?lastName=" + URLEncoder.encode(lastName, StandardCharsets.UTF_8);
			case 5 -> "/api/owners?lastName=" + URLEncoder.encode(lastName, StandardCharsets.UTF_8);
			default -> "/bundles/" + this.random.nextInt(1, POPULAR_PRODUCTS + 1);
		};
	}

	private String pick(List<String> choices) {
		return choices.get(this.random.nextInt(choices.size()));
	}

}

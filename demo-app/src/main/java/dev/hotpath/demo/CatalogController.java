package dev.hotpath.demo;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two endpoints that look like a real shop: {@code /products/{id}} spends most of its 30
 * to 60 ms waiting on a (simulated) downstream service, except that one request in ten
 * misses the price cache and spends about 20 ms of CPU more, which is what sets its slow
 * requests apart from the typical ones; {@code /search?q=} spends its time on string and
 * regex work. Together with the calculations they make the endpoint table show the
 * difference between wall-clock and CPU time.
 *
 * @author Hotpath contributors
 */
@RestController
final class CatalogController {

	static final int MAX_QUERY_LENGTH = 100;

	static final int MAX_RESULTS = 10;

	private final Catalog catalog;

	CatalogController(Catalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/products/{id}")
	Catalog.ProductDetails product(@PathVariable String id) {
		int productId = NumberParameter.parse("id", id, 1, Integer.MAX_VALUE);
		return this.catalog.find(productId).orElseThrow(() -> ClientErrorException.notFound("no such product"));
	}

	@GetMapping("/search")
	SearchResult search(@RequestParam(name = "q", defaultValue = "") String query) {
		String words = query.strip();
		if (query.length() > MAX_QUERY_LENGTH || words.isEmpty()) {
			throw ClientErrorException.badRequest("q must be between 1 and " + MAX_QUERY_LENGTH + " characters");
		}
		return new SearchResult(this.catalog.search(words, MAX_RESULTS));
	}

	/**
	 * The JSON response of a search.
	 *
	 * @param results the best matches, at most {@value CatalogController#MAX_RESULTS}
	 */
	record SearchResult(List<Catalog.Product> results) {

	}

}

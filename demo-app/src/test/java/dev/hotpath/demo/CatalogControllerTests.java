package dev.hotpath.demo;

import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CatalogController}.
 *
 * @author Hotpath contributors
 */
@WebMvcTest(CatalogController.class)
@Import({ Catalog.class, PriceBook.class })
class CatalogControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void searchReturnsTheTenBestMatchesBestFirst() {
		assertThat(this.mvc.get().uri("/search").param("q", "steel desk")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.results", (results) -> results.assertThat().asArray().hasSize(10))
			.extractingPath("$.results[0].name")
			.asString()
			.contains("Steel Desk");
	}

	@Test
	void searchWithoutMatchesReturnsNoResults() {
		assertThat(this.mvc.get().uri("/search").param("q", "spaceship")).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("{\"results\":[]}");
	}

	@Test
	void searchTreatsTheQueryAsTextNotAsARegex() {
		assertThat(this.mvc.get().uri("/search").param("q", "(a+)+$ [")).hasStatusOk();
	}

	@Test
	void rejectsQueriesLongerThan100Characters() {
		assertThat(this.mvc.get().uri("/search").param("q", "a".repeat(101))).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\":\"q must be between 1 and 100 characters\",\"path\":\"/search\"}");
	}

	@Test
	void rejectsMissingQueries() {
		assertThat(this.mvc.get().uri("/search")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void productReturnsTheProductWithItsStock() {
		assertThat(this.mvc.get().uri("/products/42")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.id", (id) -> id.assertThat().isEqualTo(42))
			.hasPathSatisfying("$.available", (available) -> available.assertThat().isNotNull());
	}

	@Test
	void productMissesThePriceCacheOnItsFirstRequestAndAfterEveryTenth() throws Exception {
		// a product no other test asks for: the price book lives in the shared context
		List<Boolean> cached = new ArrayList<>();
		List<Integer> offers = new ArrayList<>();
		for (int i = 0; i < 2 * PriceBook.USES_PER_OFFER + 1; i++) {
			MvcTestResult result = this.mvc.get().uri("/products/1234").exchange();
			assertThat(result).hasStatusOk();
			DocumentContext product = JsonPath.parse(result.getResponse().getContentAsString());
			cached.add(product.read("$.offerCached"));
			offers.add(product.read("$.offerCents"));
		}
		assertThat(cached).containsExactly(false, true, true, true, true, true, true, true, true, true, false, true,
				true, true, true, true, true, true, true, true, false);
		assertThat(offers).containsOnly(offers.get(0));
	}

	@Test
	void unknownProductIsNotFound() {
		assertThat(this.mvc.get().uri("/products/2001")).hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\":\"no such product\",\"path\":\"/products/2001\"}");
	}

	@Test
	void rejectsNonNumericProductIds() {
		assertThat(this.mvc.get().uri("/products/abc")).hasStatus(HttpStatus.BAD_REQUEST);
	}

}

package dev.hotpath.demo;

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
 * Tests for {@link BundleController}.
 *
 * @author Hotpath contributors
 */
@WebMvcTest(BundleController.class)
@Import({ ProductLookups.class, Catalog.class, PriceBook.class })
class BundleControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void bundleHoldsTheProductAndTheNextThreeOfItsGroupPricedTogether() throws Exception {
		MvcTestResult result = this.mvc.get().uri("/bundles/42").exchange();
		assertThat(result).hasStatusOk();
		DocumentContext bundle = JsonPath.parse(result.getResponse().getContentAsString());
		assertThat(bundle.read("$.id", Integer.class)).isEqualTo(42);
		assertThat(bundle.read("$.products[*].id", List.class)).containsExactly(42, 43, 44, 45);
		assertThat(bundle.read("$.products[*].available", List.class)).hasSize(4).doesNotContainNull();
		List<Integer> prices = bundle.read("$.products[*].priceCents");
		List<Integer> offers = bundle.read("$.products[*].offerCents");
		assertThat(bundle.read("$.priceCents", Integer.class))
			.isEqualTo(prices.stream().mapToInt(Integer::intValue).sum());
		assertThat(bundle.read("$.offerCents", Integer.class))
			.isEqualTo(offers.stream().mapToInt(Integer::intValue).sum());
	}

	@Test
	void companionsWrapAroundWithinTheProductsGroup() {
		assertThat(BundleController.members(1)).containsExactly(1, 2, 3, 4);
		assertThat(BundleController.members(19)).containsExactly(19, 20, 1, 2);
		assertThat(BundleController.members(40)).containsExactly(40, 21, 22, 23);
		assertThat(BundleController.members(Catalog.SIZE)).containsExactly(2000, 1981, 1982, 1983);
	}

	@Test
	void unknownProductIsNotFound() {
		assertThat(this.mvc.get().uri("/bundles/2001")).hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\":\"no such product\",\"path\":\"/bundles/2001\"}");
	}

	@Test
	void rejectsNonNumericProductIds() {
		assertThat(this.mvc.get().uri("/bundles/abc")).hasStatus(HttpStatus.BAD_REQUEST);
	}

}

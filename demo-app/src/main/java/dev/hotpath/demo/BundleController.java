package dev.hotpath.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /bundles/{id}}: a product and the {@value #COMPANIONS} products bought with it
 * most often, priced together. The request thread starts the four lookups on the task
 * executor at once ({@link ProductLookups}) and waits for them, as a page that aggregates
 * several downstream calls would: its own thread spends the request parked in
 * {@code CompletableFuture}, while the executor's threads wait on the inventory service
 * and, when an offer price is not cached, spend the CPU. It is the demo's endpoint whose
 * time is spent on threads other than its own.
 *
 * @author Hotpath contributors
 */
@RestController
final class BundleController {

	static final int COMPANIONS = 3;

	/**
	 * Products are bought together within groups of this many consecutive ids.
	 */
	static final int GROUP_SIZE = 20;

	private final ProductLookups lookups;

	BundleController(ProductLookups lookups) {
		this.lookups = lookups;
	}

	@GetMapping("/bundles/{id}")
	Bundle bundle(@PathVariable String id) {
		int productId = NumberParameter.parse("id", id, 1, Integer.MAX_VALUE);
		if (productId > Catalog.SIZE) {
			throw ClientErrorException.notFound("no such product");
		}
		List<CompletableFuture<Optional<Catalog.ProductDetails>>> lookups = new ArrayList<>();
		for (int member : members(productId)) {
			lookups.add(this.lookups.find(member));
		}
		List<Catalog.ProductDetails> products = new ArrayList<>();
		int priceCents = 0;
		int offerCents = 0;
		for (CompletableFuture<Optional<Catalog.ProductDetails>> lookup : lookups) {
			Catalog.ProductDetails product = lookup.join().orElseThrow();
			products.add(product);
			priceCents += product.priceCents();
			offerCents += product.offerCents();
		}
		return new Bundle(productId, products, priceCents, offerCents);
	}

	/**
	 * Return {@code productId} followed by its companions: the next {@value #COMPANIONS}
	 * ids of its group of {@value #GROUP_SIZE}, wrapping around within the group.
	 * @param productId a product id, 1 to {@value Catalog#SIZE}
	 * @return the ids of the bundle's products, {@code productId} first
	 */
	static int[] members(int productId) {
		int groupStart = (productId - 1) / GROUP_SIZE * GROUP_SIZE;
		int[] members = new int[COMPANIONS + 1];
		for (int i = 0; i <= COMPANIONS; i++) {
			members[i] = groupStart + (productId - 1 - groupStart + i) % GROUP_SIZE + 1;
		}
		return members;
	}

	/**
	 * The JSON response of a bundle.
	 *
	 * @param id the product the bundle was asked for
	 * @param products that product and its companions, with their offers and stock
	 * @param priceCents the sum of their list prices
	 * @param offerCents the sum of their offer prices
	 */
	record Bundle(int id, List<Catalog.ProductDetails> products, int priceCents, int offerCents) {

	}

}

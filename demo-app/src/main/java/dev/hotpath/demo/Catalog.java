package dev.hotpath.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * An in-memory catalog of {@value #SIZE} generated products with ids 1 to {@value #SIZE}.
 * {@link #find} pretends to ask a slow inventory service (30 to 60 ms of waiting, little
 * CPU) and takes the offer price from the {@link PriceBook}, whose cache misses one
 * request in ten (then about 20 ms of CPU); {@link #search} scores every product name
 * with regular expressions (CPU, no waiting). Thread-safe: the product list never changes
 * after construction.
 *
 * @author Hotpath contributors
 */
@Component
final class Catalog {

	static final int SIZE = 2000;

	private static final List<String> ADJECTIVES = List.of("Classic", "Compact", "Modern", "Rustic", "Sleek", "Sturdy",
			"Vintage", "Deluxe", "Nordic", "Urban");

	private static final List<String> MATERIALS = List.of("Oak", "Walnut", "Steel", "Bamboo", "Glass", "Leather",
			"Linen", "Marble", "Copper", "Wool");

	private static final List<String> ITEMS = List.of("Chair", "Desk", "Lamp", "Shelf", "Table", "Stool", "Bench",
			"Sofa", "Cabinet", "Dresser", "Mirror", "Rug", "Clock", "Vase", "Bed", "Wardrobe", "Ottoman", "Sideboard",
			"Bookcase", "Nightstand");

	private static final Comparator<Scored> BEST_FIRST = Comparator.comparingInt(Scored::score)
		.reversed()
		.thenComparing((scored) -> scored.product().name());

	private final List<Product> products;

	private final JsonMapper jsonMapper;

	private final PriceBook priceBook;

	Catalog(JsonMapper jsonMapper, PriceBook priceBook) {
		this.jsonMapper = jsonMapper;
		this.priceBook = priceBook;
		this.products = generateProducts();
	}

	private static List<Product> generateProducts() {
		List<Product> products = new ArrayList<>(SIZE);
		for (String item : ITEMS) {
			for (String material : MATERIALS) {
				for (String adjective : ADJECTIVES) {
					int id = products.size() + 1;
					// a fixed spread of prices, so responses are the same on every run
					int priceCents = 999 + (id * 7919) % 50000;
					products.add(new Product(id, adjective + " " + material + " " + item, priceCents));
				}
			}
		}
		return List.copyOf(products);
	}

	/**
	 * Look a product up, price it and ask the (simulated) inventory service how many are
	 * in stock. Blocks the calling thread for 30 to 60 ms; when the offer price is not
	 * cached, first spends about 20 ms of CPU recomputing it.
	 * @param id the product id
	 * @return the product with its offer price and stock level, or empty if there is no
	 * such product
	 */
	Optional<ProductDetails> find(int id) {
		if (id < 1 || id > this.products.size()) {
			return Optional.empty();
		}
		Product product = this.products.get(id - 1);
		PriceBook.Offer offer = this.priceBook.offer(product);
		Stock stock = this.jsonMapper.readValue(callInventoryService(id), Stock.class);
		return Optional.of(new ProductDetails(product.id(), product.name(), product.priceCents(), offer.cents(),
				offer.cached(), stock.available(), stock.warehouse()));
	}

	private static String callInventoryService(int id) {
		try {
			// stands in for a remote call: wall-clock time without CPU time, which is
			// what a wall-clock profile shows and a CPU profile does not
			Thread.sleep(ThreadLocalRandom.current().nextLong(30, 61));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the inventory service", ex);
		}
		String warehouse = (id % 2 == 0) ? "north" : "south";
		return "{\"productId\":" + id + ",\"available\":" + (id * 31) % 97 + ",\"warehouse\":\"" + warehouse + "\"}";
	}

	/**
	 * Return the products whose names best match the words of {@code query}: a word that
	 * starts a word of the name scores, a whole-word match scores more. Costs a few
	 * regular expression searches per product.
	 * @param query words separated by white space
	 * @param limit the maximum number of results
	 * @return the best matches, best first, ties by name
	 */
	List<Product> search(String query, int limit) {
		List<Pattern[]> patterns = new ArrayList<>();
		for (String word : query.toLowerCase(Locale.ROOT).split("\\s+")) {
			if (!word.isEmpty()) {
				// quoted, so the query is matched literally and cannot be a costly regex
				String literal = Pattern.quote(word);
				patterns.add(new Pattern[] { Pattern.compile("\\b" + literal, Pattern.CASE_INSENSITIVE),
						Pattern.compile("\\b" + literal + "\\b", Pattern.CASE_INSENSITIVE) });
			}
		}
		return this.products.stream()
			.map((product) -> new Scored(product, score(product.name(), patterns)))
			.filter((scored) -> scored.score() > 0)
			.sorted(BEST_FIRST)
			.limit(limit)
			.map(Scored::product)
			.toList();
	}

	private static int score(String name, List<Pattern[]> patterns) {
		int score = 0;
		for (Pattern[] pattern : patterns) {
			if (pattern[0].matcher(name).find()) {
				score += pattern[1].matcher(name).find() ? 2 : 1;
			}
		}
		return score;
	}

	/**
	 * A catalog entry.
	 *
	 * @param id the id, 1 to {@value Catalog#SIZE}
	 * @param name the display name
	 * @param priceCents the price in cents
	 */
	record Product(int id, String name, int priceCents) {

	}

	/**
	 * A catalog entry with its stock level.
	 *
	 * @param id the id
	 * @param name the display name
	 * @param priceCents the list price in cents
	 * @param offerCents today's offer price in cents
	 * @param offerCached whether the offer came from the price cache (a miss recomputes
	 * it, the slow path)
	 * @param available how many are in stock
	 * @param warehouse where they are stocked
	 */
	record ProductDetails(int id, String name, int priceCents, int offerCents, boolean offerCached, int available,
			String warehouse) {

	}

	/**
	 * The inventory service's answer.
	 *
	 * @param productId the product asked about
	 * @param available how many are in stock
	 * @param warehouse where they are stocked
	 */
	record Stock(int productId, int available, String warehouse) {

	}

	private record Scored(Product product, int score) {

	}

}

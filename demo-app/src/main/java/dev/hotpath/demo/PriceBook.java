package dev.hotpath.demo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Today's offer price of each product, behind a small cache: the path that only some
 * requests to {@code GET /products/{id}} take. A cached offer serves
 * {@value #USES_PER_OFFER} requests; the request after that misses and recomputes it in
 * {@link #recompute}, about 20 ms of CPU, while a hit costs a map lookup. Counting uses
 * rather than a time to live keeps the miss rate at one request in ten on a fast or a
 * slow machine, as long as the products asked for fit in the cache: it holds
 * {@value #CAPACITY} offers by default and drops the least recently used. Thread-safe; as
 * a loading cache does, a request that misses a product whose offer another request is
 * already recomputing waits for that offer and takes one of its uses rather than
 * recomputing it too, so the CPU a request costs does not depend on how requests overlap
 * (which Hotpath's overhead benchmark relies on: otherwise anything that slowed one
 * recomputation down would make the next requests recompute more).
 *
 * @author Hotpath contributors
 */
@Component
final class PriceBook {

	static final int USES_PER_OFFER = 10;

	static final int CAPACITY = 128;

	/**
	 * Rounds of the pricing model: about 20 ms of CPU on a small cloud VM.
	 */
	private static final int MODEL_ROUNDS = 14_000_000;

	private final Map<Integer, CachedOffer> offers;

	/** The recomputations under way, by product. */
	private final Map<Integer, CompletableFuture<Void>> recomputing = new HashMap<>();

	PriceBook() {
		this(CAPACITY);
	}

	/**
	 * Create a price book that holds {@code capacity} offers.
	 * @param capacity the most offers to keep
	 */
	PriceBook(int capacity) {
		this.offers = new LinkedHashMap<>(capacity, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Integer, CachedOffer> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * Return today's offer price of {@code product}, from the cache or recomputed.
	 * @param product the product
	 * @return the offer
	 */
	Offer offer(Catalog.Product product) {
		while (true) {
			CompletableFuture<Void> pending;
			CompletableFuture<Void> mine = null;
			synchronized (this) {
				Integer cached = take(product.id());
				if (cached != null) {
					return new Offer(cached, true);
				}
				pending = this.recomputing.get(product.id());
				if (pending == null) {
					mine = new CompletableFuture<>();
					this.recomputing.put(product.id(), mine);
				}
			}
			if (mine != null) {
				return recomputeAndStore(product, mine);
			}
			// another request is recomputing this offer: take one of its uses once stored
			pending.join();
		}
	}

	private Offer recomputeAndStore(Catalog.Product product, CompletableFuture<Void> mine) {
		try {
			int offerCents = recompute(product);
			synchronized (this) {
				// this request was the offer's first use
				this.offers.put(product.id(), new CachedOffer(offerCents, USES_PER_OFFER - 1));
				this.recomputing.remove(product.id());
			}
			mine.complete(null);
			return new Offer(offerCents, false);
		}
		catch (RuntimeException | Error ex) {
			synchronized (this) {
				this.recomputing.remove(product.id());
			}
			mine.completeExceptionally(ex);
			throw ex;
		}
	}

	/** Takes one use of a product's cached offer; the caller holds this book's lock. */
	private @Nullable Integer take(int productId) {
		CachedOffer cached = this.offers.get(productId);
		if (cached == null) {
			return null;
		}
		cached.usesLeft--;
		if (cached.usesLeft == 0) {
			this.offers.remove(productId);
		}
		return cached.offerCents;
	}

	/**
	 * Run the (simulated) pricing model for {@code product}: a discount of 0 to 15 % from
	 * a year of generated demand. All its work is in this method's own loop, so that a
	 * CPU profile charges it here rather than to a library.
	 * @param product the product
	 * @return the offer price in cents
	 */
	static int recompute(Catalog.Product product) {
		long state = 0x9E3779B97F4A7C15L * product.id() + 1;
		long demand = 0;
		for (int round = 0; round < MODEL_ROUNDS; round++) {
			// xorshift: each round depends on the last, so the JIT cannot skip any
			state ^= state << 13;
			state ^= state >>> 7;
			state ^= state << 17;
			demand += state & 0xFF;
		}
		int discountPercent = (int) Long.remainderUnsigned(demand, 16);
		return product.priceCents() * (100 - discountPercent) / 100;
	}

	/**
	 * An offer price.
	 *
	 * @param cents the price in cents
	 * @param cached whether it came from the cache rather than the pricing model
	 */
	record Offer(int cents, boolean cached) {

	}

	private static final class CachedOffer {

		private final int offerCents;

		private int usesLeft;

		CachedOffer(int offerCents, int usesLeft) {
			this.offerCents = offerCents;
			this.usesLeft = usesLeft;
		}

	}

}

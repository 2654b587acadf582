package dev.hotpath.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PriceBook}.
 *
 * @author Hotpath contributors
 */
class PriceBookTests {

	private static final Catalog.Product LAMP = new Catalog.Product(3, "Classic Oak Lamp", 10000);

	private static final Catalog.Product DESK = new Catalog.Product(4, "Sleek Steel Desk", 25000);

	private static final Catalog.Product RUG = new Catalog.Product(5, "Nordic Wool Rug", 8000);

	@Test
	void theFirstRequestMissesAndTheOfferServesTenRequestsBeforeTheNextMiss() {
		PriceBook priceBook = new PriceBook();
		List<Boolean> cached = IntStream.range(0, 21).mapToObj((i) -> priceBook.offer(LAMP).cached()).toList();
		assertThat(cached).containsExactly(false, true, true, true, true, true, true, true, true, true, false, true,
				true, true, true, true, true, true, true, true, false);
	}

	@Test
	void requestsThatMissWhileAnOfferIsRecomputedWaitForItInsteadOfRecomputingIt() throws Exception {
		PriceBook priceBook = new PriceBook();
		int requests = PriceBook.USES_PER_OFFER;
		CyclicBarrier together = new CyclicBarrier(requests);
		ExecutorService executor = Executors.newFixedThreadPool(requests);
		try {
			List<Future<PriceBook.Offer>> offers = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				offers.add(executor.submit(() -> {
					together.await();
					return priceBook.offer(DESK);
				}));
			}
			List<PriceBook.Offer> served = new ArrayList<>();
			for (Future<PriceBook.Offer> offer : offers) {
				served.add(offer.get());
			}
			// one recomputation serves all of them, and its offer is used up
			assertThat(served).filteredOn((offer) -> !offer.cached()).hasSize(1);
			assertThat(served).extracting(PriceBook.Offer::cents).containsOnly(PriceBook.recompute(DESK));
			assertThat(priceBook.offer(DESK).cached()).isFalse();
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aHitServesTheOfferTheMissComputed() {
		PriceBook priceBook = new PriceBook();
		PriceBook.Offer computed = priceBook.offer(DESK);
		PriceBook.Offer served = priceBook.offer(DESK);
		assertThat(served).isEqualTo(new PriceBook.Offer(computed.cents(), true));
		assertThat(computed.cents()).isEqualTo(PriceBook.recompute(DESK));
	}

	@Test
	void eachProductHasItsOwnOffer() {
		PriceBook priceBook = new PriceBook();
		assertThat(priceBook.offer(LAMP).cached()).isFalse();
		assertThat(priceBook.offer(DESK).cached()).isFalse();
		assertThat(priceBook.offer(LAMP).cached()).isTrue();
	}

	@Test
	void theOfferIsTheListPriceLessAtMostFifteenPercent() {
		for (Catalog.Product product : List.of(LAMP, DESK, RUG)) {
			assertThat(PriceBook.recompute(product)).isBetween(product.priceCents() * 85 / 100, product.priceCents());
		}
	}

	@Test
	void whenFullDropsTheLeastRecentlyUsedOffer() {
		PriceBook priceBook = new PriceBook(2);
		priceBook.offer(LAMP);
		priceBook.offer(DESK);
		priceBook.offer(LAMP);
		// the desk was used least recently: the rug takes its place
		priceBook.offer(RUG);
		assertThat(priceBook.offer(LAMP).cached()).isTrue();
		assertThat(priceBook.offer(RUG).cached()).isTrue();
		assertThat(priceBook.offer(DESK).cached()).isFalse();
	}

}

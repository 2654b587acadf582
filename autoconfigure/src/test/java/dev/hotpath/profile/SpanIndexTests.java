package dev.hotpath.profile;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the processor knows of recent spans: a span's endpoint is found through its
 * ancestry for the rounds it is remembered, and forgotten after them or once the capacity
 * has been used up by newer spans.
 */
class SpanIndexTests {

	@Test
	void keyTableFindsEveryKeyAddedThroughGrowth() {
		KeyTable table = new KeyTable(16);
		Map<Long, Integer> model = new HashMap<>();
		Random random = new Random(3);
		for (int i = 0; i < 50_000; i++) {
			long key = random.nextInt(100_000);
			if (table.find(key >>> 3, key) == KeyTable.MISSING) {
				model.put(key, table.add(key >>> 3, key));
			}
		}
		for (long key = 0; key < 100_000; key++) {
			int row = table.find(key >>> 3, key);
			assertThat((row == KeyTable.MISSING) ? null : row).isEqualTo(model.get(key));
		}
		assertThat(table.size()).isEqualTo(model.size());
	}

	@Test
	void findsASpansEndpointThroughItsAncestryForTheRoundsItIsRemembered() {
		SpanIndex index = new SpanIndex(1000, 3);
		index.parent(2, 1, false, false);
		index.parent(3, 2, false, false);
		index.nextRound();
		index.parent(1, 0, true, false);
		index.endpoint(1, "GET /owners");
		index.parent(4, 0, false, true);
		index.parent(5, 4, false, false);
		assertThat(index.endpointOf(3, 0, 9, 64)).isEqualTo("GET /owners");
		assertThat(index.rootOf(3, 64)).isEqualTo(1);
		assertThat(index.endpointOf(5, 0, 9, 64)).as("a job still running").isNull();
		assertThat(index.rootOf(5, 64)).isEqualTo(4);
		index.traceEndpoint(0, 9, "GET /vets");
		assertThat(index.endpointOf(77, 0, 9, 64)).as("a span never seen, of a known trace").isEqualTo("GET /vets");
		index.nextRound();
		assertThat(index.endpointOf(3, 0, 8, 64)).isEqualTo("GET /owners");
		index.nextRound();
		assertThat(index.endpointOf(3, 0, 8, 64)).as("its parents were forgotten with their round").isNull();
		assertThat(index.rootOf(3, 64)).isZero();
		assertThat(index.endpointOf(1, 0, 9, 64)).isEqualTo("GET /owners");
		index.nextRound();
		assertThat(index.endpointOf(1, 0, 9, 64)).isNull();
	}

	@Test
	void forgetsTheOldestSpansOnceNewerOnesFillItsCapacity() {
		SpanIndex index = new SpanIndex(300, 3);
		index.parent(1, 0, true, false);
		index.endpoint(1, "GET /owners");
		for (long span = 100; span < 400; span++) {
			index.parent(span, 1, false, false);
		}
		assertThat(index.endpointOf(399, 0, 9, 64)).as("the parent went with the oldest spans").isNull();
		assertThat(index.endpointOf(1, 0, 9, 64)).isNull();
		index.parent(1, 0, true, false);
		index.endpoint(1, "GET /owners");
		assertThat(index.endpointOf(399, 0, 9, 64)).isEqualTo("GET /owners");
	}

}

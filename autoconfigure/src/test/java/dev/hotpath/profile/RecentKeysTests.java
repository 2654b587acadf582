package dev.hotpath.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recent keys behind the span index: they answer like a map that forgets its oldest
 * entries, across growth and many evictions, and a span's endpoint is found through its
 * ancestry for as long as its spans are among the recent ones.
 */
class RecentKeysTests {

	@Test
	void answersLikeAMapThatForgetsItsOldestKeysThroughGrowthAndEvictions() {
		int capacity = 3000;
		RecentKeys keys = new RecentKeys(capacity);
		long[] values = new long[capacity];
		Map<Long, Long> model = new LinkedHashMap<>() {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
				return size() > capacity;
			}

		};
		Random random = new Random(3);
		// few distinct keys, so that keys come back after being forgotten and probe runs
		// are long enough for removals to shift entries back
		for (int step = 0; step < 200_000; step++) {
			long key = random.nextInt(5000);
			int slot = keys.find(key >>> 3, key);
			if (slot == RecentKeys.MISSING) {
				slot = keys.add(key >>> 3, key);
			}
			values[slot] = step;
			model.put(key, (long) step);
			if (step % 1000 == 0) {
				for (long probe = 0; probe < 5000; probe++) {
					int found = keys.find(probe >>> 3, probe);
					assertThat((found == RecentKeys.MISSING) ? null : values[found]).isEqualTo(model.get(probe));
				}
			}
		}
		assertThat(keys.size()).isEqualTo(capacity);
	}

	@Test
	void findsASpansEndpointThroughItsAncestryUntilItsSpansAreForgotten() {
		SpanIndex index = new SpanIndex(1000);
		index.parent(1, 0, true, false);
		index.endpoint(1, "GET /owners");
		index.parent(2, 1, false, false);
		index.parent(3, 2, false, false);
		index.parent(4, 0, false, true);
		index.parent(5, 4, false, false);
		assertThat(index.endpointOf(3, 0, 9, 64)).isEqualTo("GET /owners");
		assertThat(index.rootOf(3, 64)).isEqualTo(1);
		assertThat(index.endpointOf(5, 0, 9, 64)).as("a job still running").isNull();
		assertThat(index.rootOf(5, 64)).isEqualTo(4);
		index.traceEndpoint(0, 9, "GET /vets");
		assertThat(index.endpointOf(77, 0, 9, 64)).as("a span never seen, of a known trace").isEqualTo("GET /vets");
		for (long span = 100; span < 1100; span++) {
			index.parent(span, 0, true, false);
		}
		assertThat(index.endpointOf(3, 0, 8, 64)).isNull();
		assertThat(index.rootOf(3, 64)).isZero();
	}

}

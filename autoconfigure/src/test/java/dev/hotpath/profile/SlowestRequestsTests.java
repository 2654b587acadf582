package dev.hotpath.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlowestRequestsTests {

	private static final int[] STACK = { 1, 2, 3 };

	@Test
	void aRequestThatASlowerOneDisplacesKeepsNoMoreSamples() {
		EndpointWindow endpoint = new EndpointWindow("GET /owners", 1000, 1);
		SlowRequest first = endpoint.recordRequest(request(1, 5_000_000), false);
		assertThat(first).isNotNull();
		first.add(ProfileType.CPU, STACK, 1, 1000);
		SlowRequest slower = endpoint.recordRequest(request(2, 9_000_000), false);
		assertThat(endpoint.slowest()).containsExactly(slower);
		first.add(ProfileType.CPU, STACK, 1, 1000);
		assertThat(first.tree(ProfileType.CPU)).isNull();
		assertThat(first.samples(ProfileType.CPU)).isZero();
		slower.add(ProfileType.CPU, STACK, 1, 1000);
		assertThat(slower.samples(ProfileType.CPU)).isEqualTo(1);
	}

	@Test
	void mergingWindowsLetsTheRequestsGoThatNoLongerRankAmongTheSlowest() {
		EndpointWindow older = new EndpointWindow("GET /owners", 1000, 1);
		SlowRequest slow = older.recordRequest(request(1, 5_000_000), false);
		slow.add(ProfileType.CPU, STACK, 1, 1000);
		EndpointWindow newer = new EndpointWindow("GET /owners", 1000, 1);
		SlowRequest slowest = newer.recordRequest(request(2, 9_000_000), false);
		slowest.add(ProfileType.CPU, STACK, 1, 1000);
		EndpointWindow merged = new EndpointWindow("GET /owners", 1000, 1);
		merged.addAll(older);
		merged.addAll(newer);
		assertThat(merged.slowest()).containsExactly(slowest);
		assertThat(slowest.samples(ProfileType.CPU)).isEqualTo(1);
		assertThat(slow.tree(ProfileType.CPU)).isNull();
	}

	private static SlowRequest request(long spanId, long durationNanos) {
		return new SlowRequest("GET /owners", 7, 8, spanId, spanId, 1_700_000_000_000L, durationNanos, 200);
	}

}

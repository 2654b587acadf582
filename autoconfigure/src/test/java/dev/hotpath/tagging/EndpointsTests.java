package dev.hotpath.tagging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointsTests {

	@Test
	void namesARequestByMethodAndRouteTemplate() {
		Endpoints endpoints = new Endpoints(10);
		Endpoint get = endpoints.resolve("GET", "/calculate2/{number}", 200);
		assertThat(get.name()).isEqualTo("GET /calculate2/{number}");
		assertThat(endpoints.resolve("GET", "/calculate2/{number}", 500)).isSameAs(get);
		assertThat(endpoints.resolve("POST", "/calculate2/{number}", 200).name())
			.isEqualTo("POST /calculate2/{number}");
		assertThat(endpoints.byId(get.id())).isSameAs(get);
	}

	@Test
	void putsRequestsWithoutARouteIntoNotFoundOrUnmatched() {
		Endpoints endpoints = new Endpoints(10);
		assertThat(endpoints.resolve("GET", null, 404).name()).isEqualTo(Endpoints.NOT_FOUND);
		assertThat(endpoints.resolve("GET", "/**", 404).name()).isEqualTo(Endpoints.NOT_FOUND);
		assertThat(endpoints.resolve("GET", null, 401).name()).isEqualTo(Endpoints.UNMATCHED);
		assertThat(endpoints.resolve("GET", "/**", 200).name()).isEqualTo("GET /**");
	}

	@Test
	void sendsRoutesBeyondTheCapToOtherAndCountsThem() {
		Endpoints endpoints = new Endpoints(2);
		for (int i = 0; i < 1000; i++) {
			endpoints.resolve("GET", "/route" + i, 200);
		}
		assertThat(endpoints.resolve("GET", "/route0", 200).name()).isEqualTo("GET /route0");
		assertThat(endpoints.resolve("GET", "/route999", 200).name()).isEqualTo(Endpoints.OTHER);
		assertThat(endpoints.overflowed()).isEqualTo(999);
		assertThat(endpoints.byId(5)).isNull();
	}

	@Test
	void namesUnusualMethodsOther() {
		Endpoints endpoints = new Endpoints(10);
		assertThat(endpoints.resolve("PROPFIND", "/dav", 200).name()).isEqualTo("OTHER /dav");
	}

}

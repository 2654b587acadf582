package dev.hotpath.tagging;

import java.util.List;

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
	void takesTheProbePathsAsTheActuatorsExactlyAndBelowTheContextPath() {
		Endpoints endpoints = new Endpoints(10, "/actuator", List.of("/livez", "/readyz", "relative", "/"));
		assertThat(endpoints.isManagementPath("/shop/livez", 5)).isTrue();
		assertThat(endpoints.isManagementPath("/readyz", 0)).isTrue();
		assertThat(endpoints.isManagementPath("/shop/livez2", 5)).isFalse();
		assertThat(endpoints.isManagementPath("/shop/livez/x", 5)).isFalse();
		assertThat(endpoints.isManagementPath("/livez", 5)).isFalse();
		assertThat(endpoints.isManagementPath("/relative", 0)).isFalse();
		assertThat(endpoints.isManagementPath("/", 0)).isFalse();
		assertThat(endpoints.isManagementPath("/actuator/health", 0)).isTrue();
		assertThat(endpoints.resolve("GET", "/livez", 200).kind()).isEqualTo(Endpoint.Kind.MANAGEMENT);
		assertThat(endpoints.resolve("GET", "/owners", 200).kind()).isEqualTo(Endpoint.Kind.ROUTE);
	}

	@Test
	void namesUnusualMethodsOther() {
		Endpoints endpoints = new Endpoints(10);
		assertThat(endpoints.resolve("PROPFIND", "/dav", 200).name()).isEqualTo("OTHER /dav");
	}

}

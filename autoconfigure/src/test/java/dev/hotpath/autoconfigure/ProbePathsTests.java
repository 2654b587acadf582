package dev.hotpath.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ProbePathsTests {

	@Test
	void findsNoProbePathsWhereNothingAddsThem() {
		assertThat(ProbePaths.of(new HotpathProperties(), new MockEnvironment())).isEmpty();
	}

	@Test
	void takesTheListedPathsAndTheHealthGroupsAdditionalPathsOnTheApplicationsServer() {
		HotpathProperties properties = new HotpathProperties();
		properties.getRequests().getProbePaths().add("/ping");
		MockEnvironment environment = new MockEnvironment()
			.withProperty("management.endpoint.health.probes.add-additional-paths", "true")
			.withProperty("management.endpoint.health.group.custom.include", "db")
			.withProperty("management.endpoint.health.group.custom.additional-path", "server:/healthz")
			.withProperty("management.endpoint.health.group.internal.additional-path", "management:/internal");
		assertThat(ProbePaths.of(properties, environment)).containsExactlyInAnyOrder("/ping", "/livez", "/readyz",
				"/healthz");
	}

}

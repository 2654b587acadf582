package dev.hotpath.tagging;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ProbeFilterTests {

	private static final int REQUESTS = 100_000;

	private final List<String> calls = new ArrayList<>();

	private final RequestThreads threads = new RequestThreads() {

		@Override
		public void entered() {
			ProbeFilterTests.this.calls.add("entered");
		}

		@Override
		public void probeEntered() {
			ProbeFilterTests.this.calls.add("probe");
		}

		@Override
		public void exited() {
			ProbeFilterTests.this.calls.add("exited");
		}

	};

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void marksARequestToTheActuatorAsAProbeBeforeTheRestOfTheChainSaysItsThreadWorks() throws Exception {
		ProbeFilter filter = new ProbeFilter(new Endpoints(10, "/actuator"), this.threads);
		// the rest of the chain opens the request's scope, as the tracing filter does
		FilterChain chain = (request, response) -> {
			this.threads.entered();
			this.threads.exited();
		};
		for (String uri : List.of("/shop/actuator/health", "/shop/actuator", "/shop/actuatorx", "/shop/owners")) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
			request.setContextPath("/shop");
			filter.doFilter(request, this.response, chain);
		}
		assertThat(this.calls).containsExactly("probe", "entered", "exited", "exited", "probe", "entered", "exited",
				"exited", "entered", "exited", "entered", "exited");
	}

	@Test
	void endsTheProbeWhenTheChainFails() {
		ProbeFilter filter = new ProbeFilter(new Endpoints(10, "/actuator"), this.threads);
		assertThatIllegalStateException().isThrownBy(() -> filter
			.doFilter(new MockHttpServletRequest("GET", "/actuator/health"), this.response, (request, response) -> {
				throw new IllegalStateException("failed");
			}));
		assertThat(this.calls).containsExactly("probe", "exited");
	}

	@Test
	void marksAProbeWithoutAllocating() throws Exception {
		ProbeFilter filter = new ProbeFilter(new Endpoints(10, "/actuator"), RequestThreads.NONE);
		MockHttpServletRequest probe = new MockHttpServletRequest("GET", "/actuator/health");
		FilterChain chain = (request, response) -> {
		};
		long allocated = Allocations.bytesAllocatedBy(REQUESTS, () -> filter.doFilter(probe, this.response, chain));
		assertThat(allocated).as("bytes allocated by %d probes", REQUESTS).isLessThan(REQUESTS);
	}

}

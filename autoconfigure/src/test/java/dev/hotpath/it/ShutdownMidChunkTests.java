package dev.hotpath.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.hotpath.sampling.Sampler;
import dev.hotpath.sampling.SamplerState;
import one.profiler.AsyncProfiler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application shuts down while a request runs inside an open chunk: the request is
 * answered, the close throws nothing, and the profiler session ends with the last
 * registration.
 */
class ShutdownMidChunkTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void answersTheRequestInFlightAndStopsCleanlyWhenTheContextCloses() throws Exception {
		boolean sessionBefore = active();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(GatedApplication.class)
			.properties("server.port=0", "management.endpoints.web.exposure.include=profiles",
					"hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h",
					"spring.autoconfigure.exclude=" + ProfilesEndpointIntegrationTests.NO_SECURITY + ","
							+ ProfilesEndpointIntegrationTests.NO_TRACING)
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		GatedApplication application = context.getBean(GatedApplication.class);
		CompletableFuture<HttpResponse<String>> inFlight = this.http.sendAsync(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/gate")).build(),
				HttpResponse.BodyHandlers.ofString());
		application.entered.await();
		assertThat(active()).isTrue();
		Sampler sampler = context.getBean(Sampler.class);
		// the gate opens once the close has begun, so the request ends during shutdown
		context.close();
		HttpResponse<String> response = inFlight.get();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("done");
		assertThat(context.isActive()).isFalse();
		if (!sessionBefore) {
			// when other tests' contexts hold the shared sampler, it rightly keeps
			// running
			assertThat(active()).isFalse();
		}
	}

	private static boolean active() throws Exception {
		return !AsyncProfiler.getInstance().execute("status").contains("not active");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@RestController
	static class GatedApplication {

		final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		@GetMapping("/gate")
		String gate() throws InterruptedException {
			this.entered.countDown();
			this.release.await();
			return "done";
		}

		@EventListener
		void closing(ContextClosedEvent event) {
			this.release.countDown();
		}

	}

}

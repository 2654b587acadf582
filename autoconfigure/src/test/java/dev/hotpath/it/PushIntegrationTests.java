package dev.hotpath.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hotpath.it.app.WorkApplication;
import dev.hotpath.sampling.Sampler;
import dev.hotpath.tagging.RequestLog;
import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A push goes out as soon as the chunks after a window have been read, not a guessed
 * delay later: here chunks run for an hour and the push period is an hour, so only the
 * reads this test makes can push, and the collector receives the requests' profile.
 */
@SpringBootTest(classes = WorkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h", "hotpath.profile.window=1s",
				"hotpath.export.otlp.enabled=true", "hotpath.export.period=1h",
				// the JVM's sampler runs with the first registered context's settings
				"hotpath.sampling.alloc-enabled=true", "hotpath.sampling.lock-enabled=true",
				"spring.autoconfigure.exclude=" + ProfilesEndpointIntegrationTests.NO_SECURITY + ","
						+ ProfilesEndpointIntegrationTests.NO_TRACING })
class PushIntegrationTests {

	private static final Collector collector = Collector.start();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	RequestLog log;

	@Autowired
	Sampler sampler;

	@DynamicPropertySource
	static void collectorEndpoint(DynamicPropertyRegistry registry) {
		registry.add("hotpath.export.otlp.endpoint", () -> collector.uri() + "/v1development/profiles");
	}

	@AfterAll
	static void stopCollector() {
		collector.close();
	}

	@Test
	void pushesARequestsProfileOnceTheChunkAfterItWasRead() throws Exception {
		long logged = this.log.recorded();
		for (int i = 0; i < 3; i++) {
			HttpResponse<Void> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/spin/90")).build(),
					HttpResponse.BodyHandlers.discarding());
			assertThat(response.statusCode()).isEqualTo(200);
		}
		// a response can reach the client just before its request is logged
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.log.recorded() >= logged + 3);
		// each read closes a chunk: the requests' window is pushed once a chunk begun
		// after it ended has been read
		await().atMost(30, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() -> {
			this.sampler.rotateNow();
			assertThat(collector.functionNames()).anyMatch((name) -> name.contains("dev.hotpath.it.app.Work.spin"));
		});
	}

	/**
	 * A collector on the loopback interface that keeps what it receives.
	 */
	private static final class Collector implements AutoCloseable {

		private final HttpServer server;

		private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

		private Collector(HttpServer server) {
			this.server = server;
		}

		static Collector start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
				Collector collector = new Collector(server);
				server.createContext("/", collector::receive);
				server.start();
				return collector;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		String uri() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		/** The names of the functions in every request received so far. */
		List<String> functionNames() throws IOException {
			List<String> names = new CopyOnWriteArrayList<>();
			for (byte[] body : this.bodies) {
				ExportProfilesServiceRequest request = ExportProfilesServiceRequest.parseFrom(body);
				request.getDictionary()
					.getFunctionTableList()
					.forEach((function) -> names
						.add(request.getDictionary().getStringTable((int) function.getNameStrindex())));
			}
			return names;
		}

		private void receive(HttpExchange exchange) throws IOException {
			try (exchange; InputStream body = exchange.getRequestBody()) {
				this.bodies.add(body.readAllBytes());
				exchange.sendResponseHeaders(200, -1);
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}

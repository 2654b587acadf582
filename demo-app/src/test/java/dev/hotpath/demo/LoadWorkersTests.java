package dev.hotpath.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoadWorkers}, against a stub server on the loopback address.
 *
 * @author Hotpath contributors
 */
class LoadWorkersTests {

	private static final int EXPECTED_REQUESTS = 8;

	private final CountDownLatch requestsReceived = new CountDownLatch(EXPECTED_REQUESTS);

	private final Queue<String> paths = new ConcurrentLinkedQueue<>();

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			this.paths.add(path);
			// the search endpoint "fails", so that failures are counted
			exchange.sendResponseHeaders(path.equals("/search") ? 500 : 200, -1);
			exchange.close();
			this.requestsReceived.countDown();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void callsAllEndpointsCountsFailuresAndStopsItsThreads() throws InterruptedException {
		URI baseUri = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		LoadWorkers workers = new LoadWorkers(baseUri, 1, Duration.ofMillis(1));
		workers.start();
		assertThat(this.requestsReceived.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(workers.stop(Duration.ofSeconds(10))).isTrue();
		assertThat(this.paths).anyMatch((path) -> path.startsWith("/calculate1/"))
			.anyMatch((path) -> path.startsWith("/calculate2/"))
			.anyMatch((path) -> path.startsWith("/products/"))
			.anyMatch((path) -> path.equals("/search"))
			.anyMatch((path) -> path.equals("/owners"))
			.anyMatch((path) -> path.equals("/api/owners"));
		// one worker sends a request only after the previous answer, so by the eighth
		// request at least one search has come back with an error
		assertThat(workers.requestsSent()).isGreaterThanOrEqualTo(EXPECTED_REQUESTS);
		assertThat(workers.failures()).isPositive();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().startsWith(LoadWorkers.THREAD_NAME_PREFIX) && thread.isAlive());
	}

}

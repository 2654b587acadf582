package dev.hotpath.export.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A backend on the loopback interface that records what it receives, answers with the
 * statuses it is given (200 once they run out), and can hold requests until released.
 */
final class BackendServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	private BackendServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static BackendServer start() throws IOException {
		return new BackendServer();
	}

	/**
	 * A port nothing listens on: a server's that was started, then stopped.
	 */
	static int closedPort() throws IOException {
		try (BackendServer server = start()) {
			return server.port();
		}
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port() + path);
	}

	void respond(int... statuses) {
		for (int status : statuses) {
			this.statuses.add(status);
		}
	}

	/** Requests that arrive from now on wait until {@link #release()}. */
	void hold() {
		this.gate = new CountDownLatch(1);
	}

	void release() {
		this.gate.countDown();
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		release();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
			this.received
				.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body.readAllBytes()));
			this.gate.await();
			Integer status = this.statuses.poll();
			byte[] answer = (status == null || status < 300) ? new byte[0]
					: ("status " + status + " as told").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders((status != null) ? status : 200, (answer.length > 0) ? answer.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One request as the backend saw it.
	 */
	record Received(String method, URI uri, Map<String, String> headers, byte[] body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase());
		}

		Map<String, String> query() {
			Map<String, String> query = new LinkedHashMap<>();
			for (String pair : this.uri.getRawQuery().split("&")) {
				int equals = pair.indexOf('=');
				query.put(pair.substring(0, equals),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
			return query;
		}

	}

}

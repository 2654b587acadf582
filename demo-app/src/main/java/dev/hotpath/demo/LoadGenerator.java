package dev.hotpath.demo;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends a steady trickle of requests to the demo's own endpoints on
 * {@code http://127.0.0.1:{port}}, so that a newcomer sees profiling data within a minute
 * of starting the demo. On by default; {@code demo.load.enabled=false} turns it off.
 * Costs about {@code demo.load.concurrency} busy request threads on the server side.
 * <p>
 * Starts after the web server (it is a {@link SmartLifecycle} in the last phase, and the
 * web server publishes its port before that phase starts) and stops before the web
 * server, so shutting down does not turn in-flight requests into failures.
 *
 * @author Hotpath contributors
 */
@Component
final class LoadGenerator implements SmartLifecycle, ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(LoadGenerator.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private final LoadProperties properties;

	private volatile int port = -1;

	private @Nullable LoadWorkers workers;

	LoadGenerator(LoadProperties properties) {
		this.properties = properties;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		// a management server on its own port has a namespace; we want the main one
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.port = event.getWebServer().getPort();
		}
	}

	@Override
	public synchronized void start() {
		if (!this.properties.enabled() || this.workers != null) {
			return;
		}
		if (this.port <= 0) {
			logger.info("Demo load generator not started: no web server port known");
			return;
		}
		URI baseUri = URI.create("http://127.0.0.1:" + this.port);
		LoadWorkers workers = new LoadWorkers(baseUri, this.properties.concurrency(), this.properties.pause());
		workers.start();
		this.workers = workers;
		logger.info("Demo load generator started: " + this.properties.concurrency() + " thread(s) calling " + baseUri
				+ "/calculate1/" + alternatives(RequestPlan.CALCULATE1_NUMBERS) + ", /calculate2/"
				+ alternatives(RequestPlan.CALCULATE2_NUMBERS) + ", /products/{1.." + RequestPlan.POPULAR_PRODUCTS
				+ "}, /search?q=..., /owners?lastName=... and /api/owners?lastName=... in turn, "
				+ this.properties.pause().toMillis() + " ms apart; set demo.load.enabled=false to turn it off");
	}

	@Override
	public synchronized void stop() {
		LoadWorkers workers = this.workers;
		if (workers == null) {
			return;
		}
		this.workers = null;
		boolean ended = workers.stop(STOP_TIMEOUT);
		logger.info("Demo load generator stopped after " + workers.requestsSent() + " request(s), " + workers.failures()
				+ " failed");
		if (!ended) {
			logger.warn("Demo load generator threads did not end within " + STOP_TIMEOUT.toSeconds()
					+ " s; they are daemon threads and will not keep the JVM alive");
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.workers != null;
	}

	private static String alternatives(List<Integer> numbers) {
		return numbers.stream().map(String::valueOf).collect(Collectors.joining("|", "{", "}"));
	}

}

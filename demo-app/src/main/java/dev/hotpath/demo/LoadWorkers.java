package dev.hotpath.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Daemon threads that call a server in a loop, one request at a time each, following a
 * {@link RequestPlan} and pausing between requests. Failures are counted and logged,
 * never thrown. Can be started and stopped once.
 *
 * @author Hotpath contributors
 */
final class LoadWorkers {

	static final String THREAD_NAME_PREFIX = "demo-load-";

	private static final Log logger = LogFactory.getLog(LoadWorkers.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	// generous: calculate2/10 takes well under a second, but a profiled and busy demo
	// on a small machine can be much slower
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final URI baseUri;

	private final int concurrency;

	private final Duration pause;

	private final AtomicLong requestsSent = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final List<Thread> threads = new ArrayList<>();

	private final ExecutorService httpExecutor;

	/**
	 * The HTTP client's threads: a pool counts as terminated a moment before they end.
	 */
	private final Queue<Thread> httpThreads = new ConcurrentLinkedQueue<>();

	private final HttpClient httpClient;

	private volatile boolean running;

	LoadWorkers(URI baseUri, int concurrency, Duration pause) {
		this.baseUri = baseUri;
		this.concurrency = concurrency;
		this.pause = pause;
		// our own executor for the client's internal tasks, so that stop() can end those
		// threads instead of leaving them to idle out
		ThreadFactory httpThreadFactory = daemonThreads(THREAD_NAME_PREFIX + "http-");
		this.httpExecutor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = httpThreadFactory.newThread(runnable);
			this.httpThreads.add(thread);
			return thread;
		});
		this.httpClient = HttpClient.newBuilder()
			.executor(this.httpExecutor)
			.connectTimeout(CONNECT_TIMEOUT)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Start the worker threads and return at once.
	 */
	synchronized void start() {
		if (!this.threads.isEmpty()) {
			throw new IllegalStateException("Load workers were already started");
		}
		this.running = true;
		ThreadFactory threadFactory = daemonThreads(THREAD_NAME_PREFIX);
		for (int i = 0; i < this.concurrency; i++) {
			RequestPlan plan = new RequestPlan(new SplittableRandom(), i);
			Thread thread = threadFactory.newThread(() -> run(plan));
			this.threads.add(thread);
			thread.start();
		}
	}

	/**
	 * Interrupt the workers and wait for them to end. Requests in flight are abandoned.
	 * @param timeout how long to wait for all workers together
	 * @return whether all workers ended in time
	 */
	synchronized boolean stop(Duration timeout) {
		this.running = false;
		this.threads.forEach(Thread::interrupt);
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			for (Thread thread : this.threads) {
				thread.join(remainingMillis(deadline));
			}
			this.httpExecutor.shutdownNow();
			this.httpExecutor.awaitTermination(remainingMillis(deadline), TimeUnit.MILLISECONDS);
			for (Thread thread : this.httpThreads) {
				thread.join(remainingMillis(deadline));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.threads.stream().noneMatch(Thread::isAlive) && this.httpExecutor.isTerminated()
				&& this.httpThreads.stream().noneMatch(Thread::isAlive);
	}

	private static long remainingMillis(long deadline) {
		// at least 1, since join(0) would wait forever
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
	}

	long requestsSent() {
		return this.requestsSent.get();
	}

	long failures() {
		return this.failures.get();
	}

	private void run(RequestPlan plan) {
		while (this.running && !Thread.currentThread().isInterrupted()) {
			send(plan.next());
			if (!pause()) {
				return;
			}
		}
	}

	private void send(String path) {
		HttpRequest request = HttpRequest.newBuilder(this.baseUri.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build();
		this.requestsSent.incrementAndGet();
		try {
			HttpResponse<Void> response = this.httpClient.send(request, HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() >= 400) {
				failed(path, "HTTP " + response.statusCode(), null);
			}
		}
		catch (InterruptedException ex) {
			// being stopped: keep the flag so the loop ends
			Thread.currentThread().interrupt();
		}
		catch (IOException | RuntimeException ex) {
			if (this.running) {
				failed(path, ex.toString(), ex);
			}
		}
	}

	private void failed(String path, String reason, @Nullable Throwable ex) {
		// the first failure is worth a warning (the endpoint is probably broken or
		// missing), the rest would drown the log
		if (this.failures.incrementAndGet() == 1) {
			logger.warn("Load generator request to " + path + " failed (" + reason
					+ "); further failures are logged at debug level", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Load generator request to " + path + " failed (" + reason + ")", ex);
		}
	}

	private boolean pause() {
		if (this.pause.isZero()) {
			return true;
		}
		try {
			Thread.sleep(this.pause.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static ThreadFactory daemonThreads(String namePrefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, namePrefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}

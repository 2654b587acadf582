package dev.hotpath.sampling;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closes a sampler's registration while a request thread is inside a request, then lets
 * the request end: what an application shutting down mid-request does to the sampler.
 */
final class RequestDuringClose {

	private RequestDuringClose() {
	}

	/**
	 * Runs the scenario.
	 * @param sampler the sampler
	 * @param registration its registration, closed while the request runs
	 * @return what the request thread threw, or {@code null}
	 */
	static Throwable run(Sampler sampler, Sampler.Registration registration) throws InterruptedException {
		CountDownLatch inRequest = new CountDownLatch(1);
		CountDownLatch closed = new CountDownLatch(1);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread request = new Thread(() -> {
			try {
				sampler.requestStarted();
				inRequest.countDown();
				closed.await();
				sampler.requestEnded();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		request.start();
		inRequest.await();
		registration.close();
		closed.countDown();
		request.join();
		return failure.get();
	}

}

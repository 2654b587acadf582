package dev.hotpath.export.push;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import dev.hotpath.export.ExportedProfile;
import org.jspecify.annotations.Nullable;

/**
 * The profiles on their way to one backend: a bounded queue, one request in flight at a
 * time, and retries with backoff. Every method runs on the push thread; the HTTP client
 * answers on its own threads and hands the outcome back to the push thread, so a slow
 * backend holds up nothing but its own queue.
 */
final class Outbox {

	private static final int MAX_REASON_LENGTH = 200;

	private final PushBackend backend;

	private final HttpClient client;

	private final PushSettings settings;

	private final Executor pushThread;

	private final Scheduling scheduling;

	private final Warnings warnings;

	private final PushStatus status;

	private final ArrayDeque<Delivery> waiting = new ArrayDeque<>();

	private @Nullable Delivery sending;

	Outbox(PushBackend backend, HttpClient client, PushSettings settings, Executor pushThread, Scheduling scheduling,
			Warnings warnings) {
		this.backend = backend;
		this.client = client;
		this.settings = settings;
		this.pushThread = pushThread;
		this.scheduling = scheduling;
		this.warnings = warnings;
		this.status = new PushStatus(backend.name());
	}

	PushStatus status() {
		return this.status;
	}

	/**
	 * Queues a profile, dropping the oldest waiting one when the buffer is full, and
	 * sends it when nothing is in flight.
	 */
	void offer(ExportedProfile profile) {
		List<PushRequest> requests;
		try {
			requests = this.backend.requests(profile);
		}
		catch (RuntimeException ex) {
			giveUp("could not be encoded: " + ex);
			return;
		}
		if (requests.isEmpty()) {
			return;
		}
		this.waiting.addLast(new Delivery(requests));
		while (this.waiting.size() > this.settings.buffer()) {
			this.waiting.removeFirst();
			this.status.recordDropped();
		}
		this.status.recordPending(this.waiting.size());
		sendNext();
	}

	private void sendNext() {
		if (this.sending != null) {
			return;
		}
		this.sending = this.waiting.pollFirst();
		this.status.recordPending(this.waiting.size());
		if (this.sending != null) {
			send(this.sending);
		}
	}

	private void send(Delivery delivery) {
		try {
			PushRequest request = delivery.current();
			HttpRequest.Builder http = HttpRequest.newBuilder(request.uri())
				.timeout(this.settings.timeout())
				.header("User-Agent", "hotpath")
				.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
			request.headers().forEach(http::header);
			this.client.sendAsync(http.build(), BodyHandlers.ofString())
				.whenCompleteAsync((response, error) -> completed(delivery, response, error), this.pushThread);
		}
		catch (RuntimeException ex) {
			// a request the client refuses fails like any other, without a retry
			completed(delivery, null, ex);
		}
	}

	private void completed(Delivery delivery, @Nullable HttpResponse<String> response, @Nullable Throwable error) {
		if (delivery != this.sending) {
			return;
		}
		if (response != null && response.statusCode() / 100 == 2) {
			delivery.next();
			if (delivery.done()) {
				this.sending = null;
				this.status.recordPushed();
				sendNext();
			}
			else {
				send(delivery);
			}
			return;
		}
		String reason = (response != null) ? reason(response) : reason(error);
		if (retryable(response, error) && delivery.retries < this.settings.maxRetries()) {
			delivery.retries++;
			this.status.recordRetry();
			this.scheduling.schedule(() -> {
				if (delivery == this.sending) {
					send(delivery);
				}
			}, this.settings.backoff(delivery.retries).toMillis(), TimeUnit.MILLISECONDS);
			return;
		}
		this.sending = null;
		giveUp(reason);
		sendNext();
	}

	private void giveUp(String reason) {
		this.status.recordFailure(reason);
		this.warnings.warn("Hotpath could not push a profile to " + this.backend.name() + ": " + reason);
	}

	/** 429 and 5xx may pass, and so may I/O errors (timeouts, refused connections). */
	private static boolean retryable(@Nullable HttpResponse<String> response, @Nullable Throwable error) {
		if (response != null) {
			return response.statusCode() == 429 || response.statusCode() / 100 == 5;
		}
		return unwrap(error) instanceof IOException;
	}

	private static String reason(HttpResponse<String> response) {
		String body = response.body().strip().replaceAll("\\s+", " ");
		if (body.length() > MAX_REASON_LENGTH) {
			body = body.substring(0, MAX_REASON_LENGTH) + "...";
		}
		return "HTTP " + response.statusCode() + " from " + response.uri().getHost()
				+ (body.isEmpty() ? "" : ": " + body);
	}

	private static String reason(@Nullable Throwable error) {
		Throwable cause = unwrap(error);
		if (cause == null) {
			return "unknown error";
		}
		return cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
	}

	private static @Nullable Throwable unwrap(@Nullable Throwable error) {
		Throwable cause = error;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/** Runs a task on the push thread later. */
	@FunctionalInterface
	interface Scheduling {

		void schedule(Runnable task, long delay, TimeUnit unit);

	}

	/** The requests of one profile, and how far its sending got. */
	private static final class Delivery {

		private final List<PushRequest> requests;

		private int next;

		private int retries;

		Delivery(List<PushRequest> requests) {
			this.requests = requests;
		}

		PushRequest current() {
			return this.requests.get(this.next);
		}

		void next() {
			this.next++;
			this.retries = 0;
		}

		boolean done() {
			return this.next == this.requests.size();
		}

	}

}

package dev.hotpath.demo;

import org.springframework.http.HttpStatus;

/**
 * A request the demo refuses, turned into a small JSON error body by
 * {@link ApiErrorHandler}. The message is sent to the client, so it must never contain
 * request input.
 *
 * @author Hotpath contributors
 */
final class ClientErrorException extends RuntimeException {

	private final HttpStatus status;

	private ClientErrorException(HttpStatus status, String message) {
		// no stack trace: this is an expected outcome, not a bug, and filling it in on
		// every rejected request would only add noise to the CPU profile
		super(message, null, false, false);
		this.status = status;
	}

	static ClientErrorException badRequest(String message) {
		return new ClientErrorException(HttpStatus.BAD_REQUEST, message);
	}

	static ClientErrorException notFound(String message) {
		return new ClientErrorException(HttpStatus.NOT_FOUND, message);
	}

	HttpStatus getStatus() {
		return this.status;
	}

}

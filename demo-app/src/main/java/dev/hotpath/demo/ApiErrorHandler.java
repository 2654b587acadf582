package dev.hotpath.demo;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns a {@link ClientErrorException} into {@code {"error": ..., "path": ...}} with the
 * exception's status, instead of Spring's default error page. Only the request path is
 * echoed back, never the query string or other request input.
 *
 * @author Hotpath contributors
 */
@RestControllerAdvice
final class ApiErrorHandler {

	@ExceptionHandler
	ResponseEntity<ApiError> clientError(ClientErrorException ex, HttpServletRequest request) {
		ApiError body = new ApiError(ex.getMessage(), request.getRequestURI());
		return ResponseEntity.status(ex.getStatus()).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	/**
	 * The JSON error body.
	 *
	 * @param error what was wrong, safe to show to the client
	 * @param path the request path
	 */
	record ApiError(String error, String path) {

	}

}

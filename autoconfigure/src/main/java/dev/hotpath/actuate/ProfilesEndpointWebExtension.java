package dev.hotpath.actuate;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The web side of {@link ProfilesEndpoint}: answers a browser with the page and every
 * other client with JSON from the same URLs, and turns bad input into a 400 and unknown
 * endpoints or traces into a 404, each with a JSON message.
 */
@EndpointWebExtension(endpoint = ProfilesEndpoint.class)
public class ProfilesEndpointWebExtension {

	private final ProfilesEndpoint delegate;

	private final ProfilesPage page;

	/**
	 * Creates the extension.
	 * @param delegate the endpoint
	 * @param page the page
	 */
	public ProfilesEndpointWebExtension(ProfilesEndpoint delegate, ProfilesPage page) {
		this.delegate = delegate;
		this.page = page;
	}

	/**
	 * The overview.
	 * @param format JSON or the page
	 * @param from start of the time range
	 * @param to end of the time range
	 * @param sort the ranking key
	 * @return the answer
	 */
	@ReadOperation(producesFrom = ProfilesFormat.class)
	public WebEndpointResponse<Object> overview(ProfilesFormat format, @Nullable String from, @Nullable String to,
			@Nullable String sort) {
		return answer(format, () -> this.delegate.overview(from, to, sort), "");
	}

	/**
	 * One endpoint or one request.
	 * @param format JSON or the page
	 * @param kind {@code endpoints} or {@code traces}
	 * @param id the endpoint's id or the trace id
	 * @param type the profile type
	 * @param scope the frames shown
	 * @param from start of the time range
	 * @param to end of the time range
	 * @param function for endpoints, list only the slowest requests that ran this
	 * function
	 * @param span for traces, show only this span and its descendants
	 * @return the answer
	 */
	@ReadOperation(producesFrom = ProfilesFormat.class)
	public WebEndpointResponse<Object> detail(ProfilesFormat format, @Selector String kind, @Selector String id,
			@Nullable String type, @Nullable String scope, @Nullable String from, @Nullable String to,
			@Nullable String function, @Nullable String span) {
		String notFound = ProfilesEndpoint.TRACES.equals(kind)
				? "No sample of trace id " + ProfilesRequest.abbreviate(id)
						+ " is kept: every request's samples are kept for the trace retention, the slowest "
						+ "requests' for the whole profile retention"
				: "No endpoint with id " + ProfilesRequest.abbreviate(id) + " has data; the overview lists them";
		return answer(format, () -> this.delegate.detail(kind, id, type, scope, from, to, function, span), notFound);
	}

	private WebEndpointResponse<Object> answer(ProfilesFormat format, Supplier<@Nullable Object> query,
			String notFound) {
		if (format == ProfilesFormat.HTML) {
			return new WebEndpointResponse<>(this.page.html(), WebEndpointResponse.STATUS_OK,
					format.getProducedMimeType());
		}
		try {
			Object body = query.get();
			if (body == null) {
				return error(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", notFound);
			}
			return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK, format.getProducedMimeType());
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getReason());
		}
	}

	private static WebEndpointResponse<Object> error(int status, String error, String message) {
		return new WebEndpointResponse<>(new ErrorMessage(status, error, message), status,
				ProfilesFormat.JSON.getProducedMimeType());
	}

}

package dev.hotpath.actuate;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeType;

/**
 * The web side of {@link ProfilesEndpoint}: answers a browser with the page and every
 * other client with JSON from the same URLs, and turns bad input into a 400 and unknown
 * endpoints or traces into a 404, each with a JSON message. Large downloads (every
 * download but one trace's profile) are built one at a time: while one is being built,
 * another answers 429, as Spring Boot's heap dump endpoint does, so that a script or
 * impatient clicks cannot stack up copies of the whole profile in the heap.
 */
@EndpointWebExtension(endpoint = ProfilesEndpoint.class)
public class ProfilesEndpointWebExtension {

	private final ProfilesEndpoint delegate;

	private final ProfilesPage page;

	private final @Nullable ProfilesDownloads downloads;

	private final Lock largeDownload = new ReentrantLock();

	/**
	 * Creates the extension.
	 * @param delegate the endpoint
	 * @param page the page
	 */
	public ProfilesEndpointWebExtension(ProfilesEndpoint delegate, ProfilesPage page) {
		this(delegate, page, null);
	}

	/**
	 * Creates the extension.
	 * @param delegate the endpoint
	 * @param page the page
	 * @param downloads the downloads ({@code format=pprof}...), or {@code null} for none
	 */
	public ProfilesEndpointWebExtension(ProfilesEndpoint delegate, ProfilesPage page,
			@Nullable ProfilesDownloads downloads) {
		this.delegate = delegate;
		this.page = page;
		this.downloads = downloads;
	}

	/**
	 * The overview.
	 * @param accept JSON or the page, as the request accepts
	 * @param from start of the time range
	 * @param to end of the time range
	 * @param sort the ranking key
	 * @param format a download of the whole application's profile: {@code pprof},
	 * {@code otlp}, {@code collapsed}, {@code jfr} or {@code json}
	 * @param type for downloads, the one profile type to export
	 * @return the answer
	 */
	@ReadOperation(producesFrom = ProfilesFormat.class)
	public WebEndpointResponse<Object> overview(ProfilesFormat accept, @Nullable String from, @Nullable String to,
			@Nullable String sort, @Nullable String format, @Nullable String type) {
		if (format != null && !format.isBlank()) {
			return largeDownload(() -> downloads().application(format, from, to, type), "No profile has data");
		}
		return answer(accept, () -> this.delegate.overview(from, to, sort), "");
	}

	/**
	 * The findings ({@code findings}).
	 * @param accept JSON or the page, as the request accepts
	 * @param name {@code findings}
	 * @param from start of the time range
	 * @param to end of the time range
	 * @return the answer
	 */
	@ReadOperation(producesFrom = ProfilesFormat.class)
	public WebEndpointResponse<Object> named(ProfilesFormat accept, @Selector String name, @Nullable String from,
			@Nullable String to) {
		return answer(accept, () -> this.delegate.named(name, from, to),
				"No such view: " + ProfilesRequest.abbreviate(name) + "; the profiles endpoint answers findings");
	}

	/**
	 * One endpoint, one request, or a comparison of two profiles of one endpoint.
	 * @param accept JSON or the page, as the request accepts
	 * @param kind {@code endpoints}, {@code traces} or {@code comparisons}
	 * @param id the endpoint's id or the trace id
	 * @param type the profile type
	 * @param scope the frames shown
	 * @param from start of the time range
	 * @param to end of the time range
	 * @param function for endpoints, list only the slowest requests that ran this
	 * function
	 * @param span for traces, show only this span and its descendants
	 * @param format a download of this profile: {@code pprof}, {@code otlp},
	 * {@code collapsed}, {@code jfr} or {@code json}
	 * @param by for comparisons, {@code slow}, {@code range} or {@code version}
	 * @param slowerThan for {@code by=slow}, the latency in milliseconds from which a
	 * request is slow
	 * @param baselineFrom for {@code by=range}, the start of the range compared against
	 * @param baselineTo for {@code by=range}, its end
	 * @param baselineVersion for {@code by=version}, the version compared against
	 * @return the answer
	 */
	@ReadOperation(producesFrom = ProfilesFormat.class)
	public WebEndpointResponse<Object> detail(ProfilesFormat accept, @Selector String kind, @Selector String id,
			@Nullable String type, @Nullable String scope, @Nullable String from, @Nullable String to,
			@Nullable String function, @Nullable String span, @Nullable String format, @Nullable String by,
			@Nullable String slowerThan, @Nullable String baselineFrom, @Nullable String baselineTo,
			@Nullable String baselineVersion) {
		String notFound = ProfilesEndpoint.TRACES.equals(kind)
				? "No sample of trace id " + ProfilesRequest.abbreviate(id)
						+ " is kept: every request's samples are kept for the trace retention, the slowest "
						+ "requests' for the whole profile retention"
				: "No endpoint with id " + ProfilesRequest.abbreviate(id) + " has data; the overview lists them";
		if (format != null && !format.isBlank()) {
			if (ProfilesEndpoint.TRACES.equals(kind) && !"jfr".equalsIgnoreCase(format.strip())) {
				return download(() -> downloads().trace(format, id, type), notFound);
			}
			if (ProfilesEndpoint.TRACES.equals(kind)) {
				return largeDownload(() -> downloads().trace(format, id, type), notFound);
			}
			if (ProfilesEndpoint.ENDPOINTS.equals(kind)) {
				return largeDownload(() -> downloads().endpoint(format, id, from, to, type), notFound);
			}
		}
		return answer(accept, () -> this.delegate.detail(kind, id, type, scope, from, to, function, span, by,
				slowerThan, baselineFrom, baselineTo, baselineVersion), notFound);
	}

	private ProfilesDownloads downloads() {
		if (this.downloads == null) {
			throw ProfilesRequest.invalid("Downloads are not available: the profile store is not exported");
		}
		return this.downloads;
	}

	private WebEndpointResponse<Object> largeDownload(Supplier<ProfilesDownloads.@Nullable Download> query,
			String notFound) {
		if (!this.largeDownload.tryLock()) {
			return error(WebEndpointResponse.STATUS_TOO_MANY_REQUESTS, "Too Many Requests",
					"Another large download is being prepared; try again once it is done");
		}
		try {
			return download(query, notFound);
		}
		finally {
			this.largeDownload.unlock();
		}
	}

	private WebEndpointResponse<Object> download(Supplier<ProfilesDownloads.@Nullable Download> query,
			String notFound) {
		try {
			this.delegate.refresh();
			ProfilesDownloads.Download body = query.get();
			if (body == null) {
				return error(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", notFound);
			}
			Object content = (body.body() instanceof byte[] bytes) ? new ByteArrayResource(bytes) : body.body();
			return new WebEndpointResponse<>(content, WebEndpointResponse.STATUS_OK,
					MimeType.valueOf(body.mediaType()));
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getReason());
		}
	}

	private WebEndpointResponse<Object> answer(ProfilesFormat accept, Supplier<@Nullable Object> query,
			String notFound) {
		if (accept == ProfilesFormat.HTML) {
			return new WebEndpointResponse<>(this.page.html(), WebEndpointResponse.STATUS_OK,
					accept.getProducedMimeType());
		}
		try {
			Object body = query.get();
			if (body == null) {
				return error(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", notFound);
			}
			return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK, accept.getProducedMimeType());
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

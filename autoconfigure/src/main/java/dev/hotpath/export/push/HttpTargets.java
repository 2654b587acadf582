package dev.hotpath.export.push;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a backend's URL and headers when it is configured, so that a mistake fails the
 * start rather than every push.
 */
final class HttpTargets {

	private HttpTargets() {
	}

	static URI requireHttp(URI uri) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
			throw new IllegalArgumentException("'" + uri + "' is not an http or https URL");
		}
		return uri;
	}

	/**
	 * Checks that the JDK's client accepts each header: it refuses some, such as
	 * {@code Host} and {@code Content-Length}, and names or values with line breaks.
	 */
	static Map<String, String> requireValidHeaders(URI uri, Map<String, String> headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
		headers.forEach((name, value) -> {
			try {
				builder.header(name, value);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Header '" + name + "' cannot be sent: " + ex.getMessage(), ex);
			}
		});
		return Map.copyOf(headers);
	}

}

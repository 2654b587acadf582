package dev.hotpath.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * URL-safe ids for endpoint names, which hold slashes and braces: the name in base64url
 * without padding (RFC 4648, section 5).
 */
public final class EndpointIds {

	private EndpointIds() {
	}

	/**
	 * The id of an endpoint name.
	 * @param name the name
	 * @return the id
	 */
	public static String id(String name) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The endpoint name of an id.
	 * @param id the id
	 * @return the name, or {@code null} when the id is not valid base64url
	 */
	public static @Nullable String name(String id) {
		try {
			return new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}

package dev.hotpath.export.push;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP POST a backend asks for: where, with which headers, and its body.
 *
 * @param uri where to send it
 * @param headers its headers, {@code Content-Type} among them
 * @param body its body, not copied: nobody changes it once built
 */
public record PushRequest(URI uri, Map<String, String> headers, byte[] body) {

	public PushRequest {
		headers = Map.copyOf(headers);
	}

}

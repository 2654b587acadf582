package dev.hotpath.actuate;

import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * What the profiles endpoint answers with. Spring Boot picks the value of highest ordinal
 * that the request accepts, so a browser, which accepts {@code text/html} and
 * {@code *}{@code /*}, gets the page, and any other client gets JSON.
 */
public enum ProfilesFormat implements Producible<ProfilesFormat> {

	/** The JSON API. */
	JSON(MimeTypeUtils.APPLICATION_JSON),

	/** The page. */
	HTML(MimeTypeUtils.TEXT_HTML);

	private final MimeType mimeType;

	ProfilesFormat(MimeType mimeType) {
		this.mimeType = mimeType;
	}

	@Override
	public MimeType getProducedMimeType() {
		return this.mimeType;
	}

	@Override
	public boolean isDefault() {
		return this == JSON;
	}

}

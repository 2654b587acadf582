package dev.hotpath.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The page, one self-contained HTML document: {@code profiles.html} with
 * {@code profiles.css} and {@code profiles.js} inlined, read from the jar once.
 */
public final class ProfilesPage {

	private static final String LOCATION = "/dev/hotpath/actuate/ui/";

	private volatile @Nullable String html;

	/** The page's HTML. */
	public String html() {
		String page = this.html;
		if (page == null) {
			page = read("profiles.html").replace("/*HOTPATH_CSS*/", read("profiles.css"))
				.replace("/*HOTPATH_JS*/", read("profiles.js"));
			this.html = page;
		}
		return page;
	}

	private static String read(String name) {
		try (InputStream in = ProfilesPage.class.getResourceAsStream(LOCATION + name)) {
			if (in == null) {
				throw new IllegalStateException("The page resource " + LOCATION + name + " is missing from the jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

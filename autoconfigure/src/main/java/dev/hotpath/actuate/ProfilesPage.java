package dev.hotpath.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The page, one self-contained HTML document read from the jar once:
 * {@code profiles.html} with {@code profiles.css} inlined and the script's ES modules
 * inlined in an import map, each as a {@code data:} URL under the bare specifier
 * {@code hotpath/<file>}.
 * <p>
 * The modules import each other by those specifiers ({@code import { h } from
 * 'hotpath/dom.js'}), and the page starts with {@code import 'hotpath/main.js'}. So the
 * browser asks the server for nothing but the document: no other URL to secure, expose or
 * resolve against the actuator's base path, and no module of an older deployment mixed
 * into a newer page.
 */
public final class ProfilesPage {

	private static final String LOCATION = "/dev/hotpath/actuate/ui/";

	/** What the modules' import specifiers start with. */
	public static final String SPECIFIER_PREFIX = "hotpath/";

	/**
	 * The page's modules, files next to {@code profiles.html}; {@code main.js} starts the
	 * page.
	 */
	public static final List<String> MODULES = List.of("dom.js", "data.js", "flame.js", "diffflame.js", "timeline.js",
			"tables.js", "export.js", "panel.js", "actions.js", "views.js", "compare.js", "main.js");

	private static final String CSS_MARKER = "/*HOTPATH_CSS*/";

	private static final String MODULES_MARKER = "/*HOTPATH_MODULES*/";

	private volatile @Nullable String html;

	/** The page's HTML. */
	public String html() {
		String page = this.html;
		if (page == null) {
			String template = read("profiles.html");
			page = replace(replace(template, CSS_MARKER, read("profiles.css")), MODULES_MARKER, importMap());
			this.html = page;
		}
		return page;
	}

	/**
	 * The import map: every module as a base64 {@code data:} URL, which needs no escaping
	 * inside a script element. The {@code sourceURL} comment names the module in the
	 * browser's developer tools.
	 */
	private static String importMap() {
		StringBuilder json = new StringBuilder("{\"imports\": {");
		for (int i = 0; i < MODULES.size(); i++) {
			String name = MODULES.get(i);
			String source = read(name) + "\n//# sourceURL=" + SPECIFIER_PREFIX + name + "\n";
			json.append((i > 0) ? ",\n" : "\n")
				.append("\t\"")
				.append(SPECIFIER_PREFIX)
				.append(name)
				.append("\": \"data:text/javascript;base64,")
				.append(Base64.getEncoder().encodeToString(source.getBytes(StandardCharsets.UTF_8)))
				.append('"');
		}
		return json.append("\n}}").toString();
	}

	private static String replace(String template, String marker, String content) {
		if (!template.contains(marker)) {
			throw new IllegalStateException("The page template " + LOCATION + "profiles.html lost its " + marker);
		}
		return template.replace(marker, content);
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

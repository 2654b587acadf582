package dev.hotpath.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's document holds every ES module it imports, so the browser loads nothing but
 * the document: read without a browser, from what {@link ProfilesPage} builds.
 */
class ProfilesPageModulesTests {

	private static final String UI = "/dev/hotpath/actuate/ui/";

	private static final String DATA_URL = "data:text/javascript;base64,";

	// import ... from 'x', import 'x', export ... from 'x' and import('x')
	private static final Pattern SPECIFIER = Pattern.compile("\\b(?:from|import)\\s*\\(?\\s*['\"]([^'\"\\n]+)['\"]");

	private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">\\s*(\\{.*?})\\s*</script>",
			Pattern.DOTALL);

	private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL);

	private final String html = new ProfilesPage().html();

	@Test
	void everyModuleThePageImportsIsInlinedAndEveryInlinedModuleIsImported() {
		Map<String, String> modules = modules();
		Set<String> reached = new LinkedHashSet<>();
		Deque<String> pending = new ArrayDeque<>(specifiers(entryScript()));
		assertThat(pending).containsExactly("hotpath/main.js");
		while (!pending.isEmpty()) {
			String specifier = pending.pop();
			assertThat(modules).as("the import map's entries").containsKey(specifier);
			if (reached.add(specifier)) {
				pending.addAll(specifiers(modules.get(specifier)));
			}
		}
		assertThat(reached).as("the modules main.js leads to").containsExactlyInAnyOrderElementsOf(modules.keySet());
	}

	@Test
	void theImportMapHoldsEachModuleAsItIsInTheJar() {
		Map<String, String> modules = modules();
		assertThat(modules.keySet()).containsExactlyElementsOf(
				ProfilesPage.MODULES.stream().map((name) -> ProfilesPage.SPECIFIER_PREFIX + name).toList());
		modules.forEach((specifier, source) -> assertThat(source).as(specifier)
			.isEqualTo(resource(specifier.substring(ProfilesPage.SPECIFIER_PREFIX.length())) + "\n//# sourceURL="
					+ specifier + "\n"));
	}

	@Test
	void everyScriptNextToThePageIsOneOfItsModules() throws IOException {
		// the sources, not target/classes, which may hold a script deleted since
		Path folder = Path.of("src/main/resources" + UI);
		assertThat(folder.resolve("profiles.html")).isRegularFile();
		try (Stream<Path> files = Files.list(folder)) {
			List<String> scripts = files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".js"))
				.toList();
			assertThat(scripts).containsExactlyInAnyOrderElementsOf(ProfilesPage.MODULES);
		}
	}

	@Test
	void thePageLoadsNothingFromTheNetworkButItsJson() {
		assertThat(this.html).startsWith("<!DOCTYPE html>").doesNotContain("/*HOTPATH_");
		List<String> scripts = new ArrayList<>();
		Matcher script = SCRIPT.matcher(this.html);
		while (script.find()) {
			scripts.add(script.group(1).trim());
		}
		// one import map, before the one module script that starts the page
		assertThat(scripts).containsExactly("type=\"importmap\"", "type=\"module\"");
		assertThat(this.html).doesNotContainPattern("\\b(src|href)=\"(https?:)?//")
			.doesNotContainPattern("<link[^>]+rel=\"(stylesheet|modulepreload)\"");
		assertThat(modules().values()).allSatisfy(
				(source) -> assertThat(source).doesNotContainPattern("\\bimport\\s*\\(?\\s*['\"](https?:|/|\\.)"));
	}

	@Test
	void thePageIsBuiltOnce() {
		ProfilesPage page = new ProfilesPage();
		assertThat(page.html()).isSameAs(page.html()).isEqualTo(this.html);
	}

	private Map<String, String> modules() {
		Matcher map = IMPORT_MAP.matcher(this.html);
		assertThat(map.find()).as("an import map").isTrue();
		Map<String, String> imports = JsonPath.read(map.group(1), "$.imports");
		Map<String, String> sources = new LinkedHashMap<>();
		imports.forEach((specifier, url) -> {
			assertThat(url).as(specifier).startsWith(DATA_URL);
			sources.put(specifier,
					new String(Base64.getDecoder().decode(url.substring(DATA_URL.length())), StandardCharsets.UTF_8));
		});
		return sources;
	}

	private String entryScript() {
		Matcher script = SCRIPT.matcher(this.html);
		while (script.find()) {
			if (script.group(1).contains("type=\"module\"")) {
				return script.group(2);
			}
		}
		throw new AssertionError("No module script in the page");
	}

	private static List<String> specifiers(String source) {
		List<String> specifiers = new ArrayList<>();
		Matcher matcher = SPECIFIER.matcher(source);
		while (matcher.find()) {
			specifiers.add(matcher.group(1));
		}
		return specifiers;
	}

	private static String resource(String name) {
		try (InputStream in = ProfilesPage.class.getResourceAsStream(UI + name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package dev.hotpath.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.hotpath.actuate.ui.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Takes the pictures of {@code docs/ui.md} from a running application, view by view, the
 * way a user clicks through them. Run the demo, let its load generator work for a minute,
 * then
 * {@code ./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=dev.hotpath.benchmarks.UiScreenshots
 * -Dexec.args="http://127.0.0.1:8080/actuator/profiles ../docs/images"}.
 */
public final class UiScreenshots {

	private UiScreenshots() {
	}

	public static void main(String[] args) throws Exception {
		String base = args[0];
		Path target = Path.of(args[1]);
		Files.createDirectories(target);
		Browser.requireInstalled();
		Browser browser = Browser.start();
		try {
			browser.open(base);
			browser.waitUntilReady("overview");
			save(browser.screenshot("ui-overview"), target);
			browser.click(browser.allByTestId("endpoint-row").get(0).findElement(By.tagName("a")));
			browser.waitUntilReady("endpoint");
			save(browser.screenshot("ui-endpoint"), target);
			WebElement top = browser.allByTestId("function-row").get(0);
			browser.click(top);
			browser.waitUntil(
					(driver) -> !((java.util.List<?>) browser.js("return window.hotpath.sandwichState()")).isEmpty());
			save(browser.screenshot("ui-callers-callees"), target);
			browser.click(browser.byTestId("scope-toggle"));
			browser.waitUntilReady("endpoint");
			save(browser.screenshot("ui-endpoint-all-frames"), target);
			WebElement slowest = browser.allByTestId("slowest-row").get(0);
			browser.click(slowest.findElement(By.tagName("a")));
			browser.waitUntilReady("trace");
			save(browser.screenshot("ui-trace"), target);
			// the framework-heavy endpoint: time by component, the frames that entered
			// them
			browser.open(base + "/endpoints/"
					+ java.util.Base64.getUrlEncoder()
						.withoutPadding()
						.encodeToString("GET /owners".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			browser.waitUntilReady("endpoint");
			save(browser.screenshot("ui-components"), target);
			browser.open(base + "/traces/not-a-trace-id");
			browser.waitUntilReady();
			save(browser.screenshotWindow("ui-error"), target);
		}
		finally {
			browser.quit();
		}
	}

	private static void save(Path screenshot, Path target) throws Exception {
		Files.copy(screenshot, target.resolve(screenshot.getFileName().toString().replace("ui-", "")),
				StandardCopyOption.REPLACE_EXISTING);
	}

}

package dev.hotpath.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import dev.hotpath.actuate.ui.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

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
			comparisons(browser, base, target);
			browser.open(base + "/traces/not-a-trace-id");
			browser.waitUntilReady();
			save(browser.screenshotWindow("ui-error"), target);
		}
		finally {
			browser.quit();
		}
	}

	/**
	 * The demo's cache-miss endpoint's slow requests against its typical ones (else the
	 * slowest endpoint's); the slowest endpoint's first third of the timeline against its
	 * last third, picked the way a user drags them; and, when an earlier version is kept,
	 * the slowest endpoint against it.
	 */
	private static void comparisons(Browser browser, String base, Path target) throws Exception {
		browser.open(base);
		browser.waitUntilReady("overview");
		WebElement slowest = browser.allByTestId("endpoint-row").get(0);
		for (WebElement row : browser.allByTestId("endpoint-row")) {
			// the demo's endpoint whose slow requests take another path (a cache miss)
			if ("GET /products/{id}".equals(row.getAttribute("data-endpoint-name"))) {
				slowest = row;
			}
		}
		browser.click(slowest.findElement(By.tagName("a")));
		browser.waitUntilReady("endpoint");
		browser.click(browser.byTestId("compare-slow"));
		browser.waitUntilReady();
		save(browser.screenshot("ui-comparison-slow"), target);
		browser.open(base);
		browser.waitUntilReady("overview");
		browser.click(browser.allByTestId("endpoint-row").get(0).findElement(By.tagName("a")));
		browser.waitUntilReady("endpoint");
		List<WebElement> versions = browser.allByTestId("compare-version");
		if (!versions.isEmpty()) {
			// the first earlier version the select offers
			new Select(versions.get(0)).selectByIndex(1);
			browser.waitUntilReady();
			save(browser.screenshot("ui-comparison-version"), target);
		}
		browser.open(base);
		browser.waitUntilReady("overview");
		browser.click(browser.allByTestId("endpoint-row").get(0).findElement(By.tagName("a")));
		browser.waitUntilReady("endpoint");
		browser.click(browser.byTestId("compare-ranges"));
		WebElement timeline = browser.byTestId("range-picker-timeline");
		browser.js("arguments[0].scrollIntoView({block: 'center'})", timeline);
		int width = timeline.getSize().getWidth();
		drag(browser, timeline, -width / 2 + 2, -width / 6);
		drag(browser, timeline, width / 6, width / 2 - 2);
		browser.click(browser.byTestId("range-compare"));
		browser.waitUntilReady();
		save(browser.screenshot("ui-comparison-range"), target);
	}

	private static void drag(Browser browser, WebElement canvas, int fromX, int toX) {
		new Actions(browser.driver()).moveToElement(canvas, fromX, 0)
			.clickAndHold()
			.moveByOffset((toX - fromX) / 2, 0)
			.moveByOffset(toX - fromX - (toX - fromX) / 2, 0)
			.release()
			.perform();
	}

	private static void save(Path screenshot, Path target) throws Exception {
		Files.copy(screenshot, target.resolve(screenshot.getFileName().toString().replace("ui-", "")),
				StandardCopyOption.REPLACE_EXISTING);
	}

}

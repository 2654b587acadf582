package dev.hotpath.actuate.ui;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every test of the page against JSON fixtures shares: one fixture server and one
 * headless Chromium for the class, a screenshot in {@code target/screenshots} after each
 * test, and the checks every view must pass (no script error, no horizontal scrolling, no
 * {@code null}, {@code undefined} or {@code NaN} in the text).
 */
abstract class PageTests {

	static FixtureServer server;

	static Browser browser;

	String testName;

	@BeforeAll
	static void start() {
		Browser.requireInstalled();
		server = FixtureServer.start();
		browser = Browser.start();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (server != null) {
			server.close();
		}
	}

	@BeforeEach
	void reset(TestInfo info) {
		server.reset();
		this.testName = info.getTestMethod().map((method) -> method.getName()).orElse(info.getDisplayName());
	}

	@AfterEach
	void screenshotAndCheckThePage() {
		browser.screenshot(this.testName);
		assertThat(browser.pageErrors()).as("errors in the page").isEmpty();
		assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
			.as("the page fits the window's width")
			.isEqualTo(true);
		assertThat((String) browser.js("return document.body.innerText")).as("text of the page")
			.doesNotContainPattern("\\b(null|undefined|NaN)");
	}

}

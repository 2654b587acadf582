package dev.hotpath.actuate.ui;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * The page's answers to "why slow": comparisons (slow against typical requests, two time
 * ranges, two versions) with their differential flame graph, the overview's findings and
 * a function's hot lines, in a real headless Chromium against JSON fixtures written to
 * the issue 10 contract (see {@code generate_fixtures.py}). Every test leaves a
 * screenshot in {@code target/screenshots}.
 */
class WhySlowPageTests extends PageTests {

	private static final String CALC2 = "GET /calculate2/{number}";

	private static final String CALC2_ID = FixtureServer.endpointId(CALC2);

	private static final String APPLICATION_ID = FixtureServer.endpointId("application");

	private static final String CALC2_FUNCTION = "dev.hotpath.demo.Calculations.calc2";

	private static final String CALC3 = "dev.hotpath.demo.Calculations.calc3";

	private static final String SLOW_FIXTURE = "comparisons/" + CALC2_ID + "/slow-cpu-app.json";

	private static final Pattern EPOCH = Pattern.compile("\\d{13}");

	@Test
	void aSlowComparisonShowsItsSidesVerdictAndTheFunctionThatGrewMostFirst() {
		openComparison(CALC2_ID, "?by=slow");
		assertThat(browser.js("return performance.getEntriesByName('hotpath-ready:comparison').length")).isEqualTo(1L);
		assertThat(server.jsonRequests()).containsExactly(comparisonPath(CALC2_ID, "by=slow&type=cpu&scope=app"));
		String fixture = FixtureServer.fixture(SLOW_FIXTURE);
		assertThat(browser.byTestId("comparison-title").getText()).isEqualTo("Slow vs typical requests");
		assertThat(browser.byTestId("verdict").getText()).isEqualTo(JsonPath.read(fixture, "$.verdict"));
		assertThat(browser.byTestId("side-baseline").getText()).contains("typical requests (under 1840 ms)");
		assertThat(browser.byTestId("side-target").getText()).contains("slow requests (1840 ms or more)");
		assertThat(browser.byTestId("side-requests").getText()).contains("95").contains("5");
		assertThat(browser.byTestId("diff-legend").getText()).contains("grew in the target")
			.contains("shrank")
			.contains("unchanged")
			.contains("Width: the mean of both sides' CPU per request");
		String topGrowth = JsonPath.read(fixture, "$.functions[0].name");
		assertThat(topGrowth).isEqualTo(CALC3);
		assertThat(browser.allByTestId("diff-row").get(0).getAttribute("data-function-name")).isEqualTo(topGrowth);
		assertThat(browser.allByTestId("diff-row").get(0).getText()).contains("+");
		assertThat(browser.allByTestId("component-delta-row")).isNotEmpty();
		assertThat(browser.byTestId("back-to-endpoint").getAttribute("href"))
			.endsWith(FixtureServer.BASE + "/endpoints/" + CALC2_ID);
	}

	@Test
	void theDifferentialFlameGraphColoursGrowthRedAndShrinkageBlue() {
		openComparison(CALC2_ID, "?by=slow");
		assertThat(((Number) comparisonState().get("frames")).intValue()).isGreaterThan(20);
		Map<String, Object> grew = comparisonNodes(CALC3).get(0);
		assertThat(grew).containsEntry("category", "growth");
		assertThat((String) grew.get("color")).startsWith("hsl(4,");
		assertThat(((Number) grew.get("target")).doubleValue())
			.isGreaterThan(((Number) grew.get("baseline")).doubleValue());
		Map<String, Object> shrank = comparisonNodes(CALC2_FUNCTION).get(0);
		assertThat(shrank).containsEntry("category", "shrinkage");
		assertThat((String) shrank.get("color")).startsWith("hsl(212,");
		// untouched framework frames keep within 5% of their time: grey
		assertThat(comparisonNodes("org.apache.coyote.http11.Http11InputBuffer.parseRequestLine"))
			.allSatisfy((node) -> assertThat(node).containsEntry("category", "neutral"));
		@SuppressWarnings("unchecked")
		List<Number> pixels = (List<Number>) browser.js("""
				const c = document.querySelector('[data-testid=diff-flame-canvas]');
				const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
				let painted = 0, red = 0, blue = 0;
				for (let i = 0; i < d.length; i += 4) {
					if (!d[i + 3]) continue;
					painted++;
					if (d[i] > d[i + 1] + 40 && d[i] > d[i + 2] + 40) red++;
					if (d[i + 2] > d[i] + 40) blue++;
				}
				return [painted, red, blue];""");
		assertThat(pixels.get(0).intValue()).as("painted pixels").isGreaterThan(10_000);
		assertThat(pixels.get(1).intValue()).as("red pixels").isGreaterThan(1_000);
		assertThat(pixels.get(2).intValue()).as("blue pixels").isPositive();
	}

	@Test
	void clickingAFunctionRowHighlightsItInTheFlameGraphAndAFrameZoomsIn() {
		openComparison(CALC2_ID, "?by=slow");
		WebElement row = rowOf(CALC2_FUNCTION);
		browser.click(row);
		assertThat(comparisonState()).containsEntry("selected", CALC2_FUNCTION);
		assertThat(comparisonState().get("highlighted")).asInstanceOf(LIST).containsExactly(CALC2_FUNCTION);
		assertThat(rowOf(CALC2_FUNCTION).getAttribute("aria-selected")).isEqualTo("true");
		assertThat(browser.byTestId("diff-highlight-info").getText())
			.matches("Calculations\\.calc2: −[0-9.]+ ms self per request");
		browser.screenshot(this.testName + "-selected");
		browser.click(rowOf(CALC2_FUNCTION));
		assertThat(comparisonState().get("highlighted")).asInstanceOf(LIST).isEmpty();
		WebElement canvas = browser.byTestId("diff-flame-canvas");
		browser.js("arguments[0].scrollIntoView({block: 'end'})", canvas);
		int rowHeight = ((Number) comparisonState().get("rowHeight")).intValue();
		int depth = ((Number) comparisonNodes(CALC3).get(0).get("depth")).intValue();
		int y = canvas.getSize().getHeight() / 2 - depth * rowHeight - rowHeight / 2;
		new Actions(browser.driver()).moveToElement(canvas, 0, y).perform();
		browser.waitUntil((driver) -> CALC3.equals(comparisonState().get("hovered")));
		assertThat(browser.byTestId("flame-tooltip").getText()).contains("typical requests (under 1840 ms): ")
			.contains("slow requests (1840 ms or more): ")
			.containsPattern("change: \\+[0-9.]+ (ms|s) \\(\\+[0-9.]+%\\)");
		browser.screenshotWindow(this.testName + "-hover");
		new Actions(browser.driver()).click().perform();
		assertThat(comparisonState()).containsEntry("zoomedTo", CALC3);
		browser.click(browser.byTestId("zoom-reset"));
		assertThat(comparisonState().get("zoomedTo")).isNull();
	}

	@Test
	void theTypeAndScopeSwitchesKeepTheComparison() {
		openComparison(CALC2_ID, "?by=slow&slowerThan=1840");
		browser.click(browser.byTestId("type-toggle").findElement(By.cssSelector("button[data-value=wall]")));
		browser.waitUntilReady("comparison");
		assertThat(browser.driver().getCurrentUrl())
			.endsWith("/comparisons/" + CALC2_ID + "?by=slow&slowerThan=1840&type=wall");
		assertThat(server.jsonRequests()).last()
			.isEqualTo(comparisonPath(CALC2_ID, "by=slow&slowerThan=1840&type=wall&scope=app"));
		assertThat(browser.byTestId("diff-legend").getText()).contains("wall-clock per request");
		browser.click(browser.byTestId("scope-toggle"));
		browser.waitUntilReady("comparison");
		assertThat(browser.byTestId("scope-toggle").getAttribute("aria-checked")).isEqualTo("false");
		assertThat(browser.allByTestId("diff-row").get(0).getAttribute("data-function-name")).isEqualTo(JsonPath
			.read(FixtureServer.fixture("comparisons/" + CALC2_ID + "/slow-wall-all.json"), "$.functions[0].name"));
		assertThat(server.jsonRequests()).last()
			.isEqualTo(comparisonPath(CALC2_ID, "by=slow&slowerThan=1840&type=wall&scope=all"));
	}

	@Test
	void downloadJsonSavesTheComparisonAsTheServerAnswered() {
		openComparison(CALC2_ID, "?by=slow");
		assertThat(browser.byTestId("download-json").getText()).isEqualTo("Download JSON");
		String json = (String) browser.js("return window.hotpath.exportJson()");
		String fixture = FixtureServer.fixture(SLOW_FIXTURE);
		for (String path : List.of("$.by", "$.name", "$.verdict", "$.baseline.label", "$.functions[0].name",
				"$.functions[0].deltaSelf", "$.flame.nodes.target[0]")) {
			assertThat((Object) JsonPath.read(json, path)).as(path).isEqualTo(JsonPath.read(fixture, path));
		}
		assertThat(JsonPath.<List<?>>read(json, "$.functions"))
			.hasSameSizeAs(JsonPath.<List<?>>read(fixture, "$.functions"));
	}

	@Test
	void slowVsTypicalOnAnEndpointOpensTheComparisonWithItsThreshold() {
		openEndpoint("");
		browser.byTestId("slow-threshold").sendKeys("250");
		browser.click(browser.byTestId("compare-slow"));
		browser.waitUntilReady("comparison");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/comparisons/" + CALC2_ID + "?by=slow&slowerThan=250");
		assertThat(server.jsonRequests()).last()
			.isEqualTo(comparisonPath(CALC2_ID, "by=slow&slowerThan=250&type=cpu&scope=app"));
		browser.driver().navigate().back();
		browser.waitUntilReady("endpoint");
		browser.click(browser.byTestId("compare-slow"));
		browser.waitUntilReady("comparison");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/comparisons/" + CALC2_ID + "?by=slow");
	}

	@Test
	void twoRangesPickedOnAnEndpointsTimelineOpenABeforeAndAfterComparison() {
		openEndpoint("");
		browser.click(browser.byTestId("compare-ranges"));
		WebElement timeline = browser.byTestId("range-picker-timeline");
		assertThat(browser.byTestId("range-picker-step").getText()).startsWith("1. Drag across the timeline");
		assertThat(browser.byTestId("range-compare").isEnabled()).isFalse();
		Map<String, Object> picked = pickTwoRanges(timeline);
		browser.click(browser.byTestId("range-compare"));
		browser.waitUntilReady("comparison");
		String url = browser.driver().getCurrentUrl();
		assertThat(url).contains("/comparisons/" + CALC2_ID + "?by=range&");
		assertRangeParameters(url, picked);
		assertThat(browser.byTestId("comparison-title").getText()).isEqualTo("Before vs after");
		assertThat(server.jsonRequests()).last()
			.asString()
			.startsWith(comparisonPath(CALC2_ID, "by=range&baselineFrom="));
	}

	@Test
	void theOverviewComparesTwoRangesOfTheWholeApplication() {
		openOverview();
		browser.click(browser.byTestId("compare-ranges"));
		Map<String, Object> picked = pickTwoRanges(browser.byTestId("range-picker-timeline"));
		browser.screenshot(this.testName + "-picked");
		browser.click(browser.byTestId("range-compare"));
		browser.waitUntilReady("comparison");
		String url = browser.driver().getCurrentUrl();
		assertThat(url).contains("/comparisons/" + APPLICATION_ID + "?by=range&");
		assertRangeParameters(url, picked);
		assertThat(browser.byTestId("side-baseline").getText()).contains("before (");
		assertThat(browser.allByTestId("diff-row").get(0).getAttribute("data-function-name"))
			.isEqualTo("dev.hotpath.demo.SearchService.matches");
	}

	@Test
	void theVersionSelectOpensAVersionComparisonAndShowsOnlyWhenVersionsAreListed() {
		openEndpoint("");
		WebElement versions = browser.byTestId("compare-version");
		assertThat(versions.getText()).contains("Compare with version…").contains("1.0.0 · 4,180 requests");
		new Select(versions).selectByValue("1.0.0");
		browser.waitUntilReady("comparison");
		assertThat(browser.driver().getCurrentUrl())
			.endsWith("/comparisons/" + CALC2_ID + "?by=version&baselineVersion=1.0.0");
		assertThat(browser.byTestId("comparison-title").getText()).isEqualTo("Version 1.0.0 vs 1.1.0");
		assertThat(browser.allByTestId("diff-row").get(0).getAttribute("data-function-name")).isEqualTo(CALC2_FUNCTION);
		server.override("overview",
				FixtureServer.fixture("overview.json").replaceAll("(?s)\"versions\": \\[.*?\\]", "\"versions\": []"));
		assertThat(JsonPath.<List<?>>read(FixtureServer.fixture("overview.json"), "$.versions")).isNotEmpty();
		openEndpoint("");
		assertThat(browser.byTestId("compare-ranges").isDisplayed()).isTrue();
		assertThat(browser.allByTestId("compare-version")).isEmpty();
		openOverview();
		assertThat(browser.byTestId("compare-ranges").isDisplayed()).isTrue();
		assertThat(browser.allByTestId("compare-version")).isEmpty();
	}

	@Test
	void findingsListTheirSentencesAndOpenTheirViews() {
		openOverview();
		String fixture = FixtureServer.fixture("findings.json");
		List<WebElement> findings = browser.allByTestId("finding");
		assertThat(findings).extracting(WebElement::getText)
			.containsExactlyElementsOf(JsonPath.<List<String>>read(fixture, "$.findings[*].text"));
		assertThat(findings).extracting((finding) -> finding.getAttribute("data-kind"))
			.containsExactly("slowest", "grew", "slow-differs");
		browser.click(findings.get(1).findElement(By.tagName("a")));
		browser.waitUntilReady("comparison");
		String view = JsonPath.read(fixture, "$.findings[1].view");
		assertThat(browser.driver().getCurrentUrl()).endsWith(FixtureServer.BASE + "/" + view);
		assertThat(server.jsonRequests()).last()
			.asString()
			.startsWith(comparisonPath(APPLICATION_ID, "by=range&baselineFrom="));
		browser.driver().navigate().back();
		browser.waitUntilReady("overview");
		browser.click(browser.allByTestId("finding").get(0).findElement(By.tagName("a")));
		browser.waitUntilReady("endpoint");
		assertThat(browser.driver().getCurrentUrl()).endsWith(FixtureServer.BASE + "/endpoints/" + CALC2_ID);
	}

	@Test
	void noFindingsHideTheirBlockAndAFailedFindingsRequestLeavesTheOverviewWhole() {
		server.override("findings", "{\"range\": {}, \"findings\": []}");
		openOverview();
		assertThat(browser.allByTestId("findings")).isEmpty();
		assertThat(browser.allByTestId("endpoint-row")).hasSize(5);
		server.fail("findings", 500, "The findings broke.");
		openOverview();
		assertThat(browser.allByTestId("findings")).isEmpty();
		assertThat(browser.allByTestId("endpoint-row")).hasSize(5);
		assertThat(browser.byTestId("summary").getText()).startsWith("Slowest: GET /calculate2/{number}");
	}

	@Test
	void theFindingsUrlOpenedInABrowserShowsTheOverviewTheyBelongTo() {
		browser.open(server.url(FixtureServer.BASE + "/findings"));
		browser.waitUntilReady("overview");
		assertThat(browser.allByTestId("finding")).hasSize(3);
		assertThat(server.jsonRequests()).containsExactlyInAnyOrder(FixtureServer.BASE,
				FixtureServer.BASE + "/findings");
		browser.click(browser.allByTestId("endpoint-row").get(0).findElement(By.tagName("a")));
		browser.waitUntilReady("endpoint");
		assertThat(browser.driver().getCurrentUrl()).endsWith(FixtureServer.BASE + "/endpoints/" + CALC2_ID);
	}

	@Test
	void aSelectedFunctionShowsItsHotLines() {
		openEndpoint("");
		browser.click(functionRow(CALC3));
		WebElement lines = browser.byTestId("hot-lines");
		browser.waitUntil((driver) -> !browser.allByTestId("hot-line-row").isEmpty());
		assertThat(lines.getText()).contains("Hot lines of Calculations.calc3");
		List<WebElement> rows = browser.allByTestId("hot-line-row");
		assertThat(rows).extracting((row) -> row.getAttribute("data-line"))
			.containsExactly("57", "61", "58", "64", "55");
		assertThat(rows.get(0).getText()).contains("61.9%");
		assertThat(browser.byTestId("hot-lines-unknown").getText()).startsWith("14 (0.1%) without a line number");
		assertThat(server.jsonRequests()).contains(
				FixtureServer.BASE + "/lines/" + CALC2_ID + "?function=dev.hotpath.demo.Calculations.calc3&type=cpu");
		browser.screenshot(this.testName + "-lines");
		browser.click(functionRow(CALC3));
		assertThat(browser.byTestId("hot-lines").isDisplayed()).isFalse();
	}

	@Test
	void errorsOfTheComparisonAndOfHotLinesShowTheServersMessage() {
		browser.open(server.url(FixtureServer.BASE + "/comparisons/" + APPLICATION_ID + "?by=slow"));
		browser.waitUntilReady("error");
		assertThat(browser.byTestId("error").getText()).contains("Bad request (400)")
			.contains("by=slow compares the requests of one endpoint");
		browser.open(server.url(FixtureServer.BASE + "/comparisons/bm9wZQ?by=range"));
		browser.waitUntilReady("error");
		assertThat(browser.byTestId("error").getText()).contains("Not found (404)")
			.contains("No endpoint with id 'bm9wZQ' has data to compare");
		openEndpoint("");
		browser.click(functionRow(CALC2_FUNCTION));
		assertThat(browser.byTestId("hot-lines-error").getText())
			.isEqualTo("No sample of dev.hotpath.demo.Calculations.calc2 was kept in this profile.");
	}

	private static Map<String, Object> pickTwoRanges(WebElement timeline) {
		browser.js("arguments[0].scrollIntoView({block: 'center'})", timeline);
		int width = timeline.getSize().getWidth();
		drag(timeline, -width / 3, -width / 6);
		assertThat(browser.byTestId("range-before").getText())
			.matches("before: \\d\\d:\\d\\d(:\\d\\d)?–\\d\\d:\\d\\d(:\\d\\d)?");
		assertThat(browser.byTestId("range-picker-step").getText()).startsWith("2. Now drag across the after range");
		drag(timeline, width / 6, width / 3);
		assertThat(browser.byTestId("range-after").getText()).startsWith("after: ");
		assertThat(browser.byTestId("range-compare").isEnabled()).isTrue();
		@SuppressWarnings("unchecked")
		Map<String, Object> picked = (Map<String, Object>) browser.js("return window.hotpath.rangePickerState()");
		return picked;
	}

	private static void drag(WebElement canvas, int fromX, int toX) {
		new Actions(browser.driver()).moveToElement(canvas, fromX, 0)
			.clickAndHold()
			.moveByOffset((toX - fromX) / 2, 0)
			.moveByOffset(toX - fromX - (toX - fromX) / 2, 0)
			.release()
			.perform();
	}

	@SuppressWarnings("unchecked")
	private static void assertRangeParameters(String url, Map<String, Object> picked) {
		Map<String, Object> before = (Map<String, Object>) picked.get("before");
		Map<String, Object> after = (Map<String, Object>) picked.get("after");
		assertThat(parameter(url, "baselineFrom")).isEqualTo(before.get("from").toString());
		assertThat(parameter(url, "baselineTo")).isEqualTo(before.get("to").toString());
		assertThat(parameter(url, "from")).isEqualTo(after.get("from").toString());
		assertThat(parameter(url, "to")).isEqualTo(after.get("to").toString());
		assertThat(List.of(parameter(url, "baselineFrom"), parameter(url, "baselineTo"), parameter(url, "from"),
				parameter(url, "to")))
			.allSatisfy((value) -> assertThat(value).matches(EPOCH));
		assertThat(Long.parseLong(parameter(url, "baselineTo")))
			.isLessThanOrEqualTo(Long.parseLong(parameter(url, "from")));
	}

	private static String parameter(String url, String name) {
		Matcher matcher = Pattern.compile("[?&]" + name + "=([^&]*)").matcher(url);
		assertThat(matcher.find()).as(name + " in " + url).isTrue();
		return matcher.group(1);
	}

	private static void openOverview() {
		browser.open(server.url(FixtureServer.BASE));
		browser.waitUntilReady("overview");
	}

	private static void openEndpoint(String query) {
		browser.open(server.url(FixtureServer.BASE + "/endpoints/" + CALC2_ID + query));
		browser.waitUntilReady("endpoint");
	}

	private static void openComparison(String id, String query) {
		browser.open(server.url(FixtureServer.BASE + "/comparisons/" + id + query));
		browser.waitUntilReady("comparison");
	}

	private static String comparisonPath(String id, String query) {
		return FixtureServer.BASE + "/comparisons/" + id + "?" + query;
	}

	private static WebElement rowOf(String function) {
		return browser.driver()
			.findElement(By.cssSelector("[data-testid='diff-row'][data-function-name='" + function + "']"));
	}

	private static WebElement functionRow(String function) {
		return browser.driver()
			.findElement(By.cssSelector("[data-testid='function-row'][data-function-name='" + function + "']"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> comparisonState() {
		return (Map<String, Object>) browser.js("return window.hotpath.comparisonState()");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> comparisonNodes(String name) {
		return (List<Map<String, Object>>) browser.js("return window.hotpath.comparisonNodes(arguments[0])", name);
	}

}

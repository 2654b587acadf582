package dev.hotpath.actuate.ui;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import dev.hotpath.actuate.ProfilesPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * The profiles page in a real headless Chromium, against JSON fixtures (see
 * {@code generate_fixtures.py}). Every test leaves a screenshot in
 * {@code target/screenshots}.
 */
class ProfilesPageTests extends PageTests {

	private static final String CALC2 = "GET /calculate2/{number}";

	private static final String CALC2_ID = FixtureServer.endpointId(CALC2);

	private static final String CALC3 = "dev.hotpath.demo.Calculations.calc3";

	@Test
	void overviewRanksTheSlowestEndpointFirstAndNamesItsHottestFunction() {
		openOverview();
		List<String> names = endpointNames();
		assertThat(names).first().isEqualTo(CALC2);
		assertThat(names).containsExactly(CALC2, "GET /calculate1/{number}", "GET /products/{id}", "GET /search",
				"NOT_FOUND");
		String summary = browser.byTestId("summary").getText();
		assertThat(summary).startsWith("Slowest: GET /calculate2/{number}, p95 1.8 s;")
			.contains("of its CPU is in Calculations.calc3");
		assertThat(browser.byTestId("sampler").getText()).contains("RUNNING")
			.contains("cpu every 10 ms, wall every 20 ms on request threads");
		assertThat(browser.allByTestId("dropped")).isEmpty();
		assertThat(browser.byTestId("timeline").getSize().getHeight()).isPositive();
	}

	@Test
	void theModulesComeInThePageAndOnlyJsonIsFetched() {
		openOverview();
		assertThat(browser.pageErrors()).as("errors in the page").isEmpty();
		assertThat(browser.js("return document.querySelectorAll('script[src], link[rel=modulepreload]').length"))
			.isEqualTo(0L);
		assertThat(browser.js("return Object.keys(JSON.parse("
				+ "document.querySelector('script[type=importmap]').textContent).imports).length"))
			.isEqualTo((long) ProfilesPage.MODULES.size());
		// the document itself is not a resource entry: every fetch after it went to the
		// API
		@SuppressWarnings("unchecked")
		List<String> fetched = (List<String>) browser
			.js("return performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)");
		assertThat(fetched).isNotEmpty().allSatisfy((path) -> assertThat(path).startsWith(FixtureServer.BASE));
		assertThat(server.jsonRequests()).containsExactlyInAnyOrder(FixtureServer.BASE,
				FixtureServer.BASE + "/findings");
	}

	@Test
	void sortingTheEndpointsByRequestsReordersTheRows() {
		openOverview();
		sortEndpointsBy("requests");
		assertThat(endpointNames()).containsExactly("GET /search", "GET /products/{id}", "GET /calculate1/{number}",
				CALC2, "NOT_FOUND");
		sortEndpointsBy("requests");
		assertThat(endpointNames()).containsExactly("NOT_FOUND", CALC2, "GET /calculate1/{number}",
				"GET /products/{id}", "GET /search");
		sortEndpointsBy("name");
		assertThat(endpointNames()).first().isEqualTo("GET /calculate1/{number}");
	}

	@Test
	void clickingTheSlowestEndpointShowsItsFlameGraph() {
		openOverview();
		browser.click(browser.allByTestId("endpoint-row").get(0).findElement(By.tagName("a")));
		browser.waitUntilReady("endpoint");
		assertThat(browser.driver().getCurrentUrl()).endsWith(FixtureServer.BASE + "/endpoints/" + CALC2_ID);
		// frames narrower than half a pixel are not drawn
		assertThat(frames()).isGreaterThan(20);
		assertThat(browser.byTestId("flame-canvas").getSize().getHeight()).isGreaterThan(200);
		assertThat(server.jsonRequests()).last().isEqualTo(apiPath("type=cpu&scope=app"));
	}

	@Test
	void myCodeOnlyPutsTheApplicationHotspotOnTopOfTheFunctionTable() {
		openEndpoint("");
		WebElement toggle = browser.byTestId("scope-toggle");
		assertThat(toggle.getAttribute("aria-checked")).isEqualTo("true");
		assertThat(topFunction()).isEqualTo(CALC3);
		assertThat(topFunctionRow().getText()).contains("Calculations.calc3");
		browser.click(toggle);
		browser.waitUntilReady("endpoint");
		assertThat(browser.driver().getCurrentUrl()).contains("scope=all");
		assertThat(browser.byTestId("scope-toggle").getAttribute("aria-checked")).isEqualTo("false");
		assertThat(topFunction()).isEqualTo("java.math.BigInteger.multiplyToLen");
		browser.click(browser.byTestId("scope-toggle"));
		browser.waitUntilReady("endpoint");
		assertThat(topFunction()).isEqualTo(CALC3);
		assertThat(server.jsonRequests()).containsSubsequence(apiPath("type=cpu&scope=app"),
				apiPath("type=cpu&scope=all"), apiPath("type=cpu&scope=app"));
	}

	@Test
	void clickingAFunctionRowHighlightsItInTheFlameGraphAndShowsItsCallersAndCallees() {
		openEndpoint("");
		browser.click(topFunctionRow());
		Map<String, Object> state = flameState();
		assertThat(state.get("highlighted")).asInstanceOf(LIST).containsExactly(CALC3);
		assertThat(topFunctionRow().getAttribute("aria-selected")).isEqualTo("true");
		assertThat(browser.byTestId("highlight-info").getText()).matches("Calculations\\.calc3: [0-9.]+% of samples");
		WebElement sandwich = browser.byTestId("sandwich");
		assertThat(sandwich.getText()).contains("Callers & callees of Calculations.calc3").contains("Callees");
		List<Map<String, Object>> graphs = sandwichState();
		assertThat(graphs).hasSize(2);
		assertThat(graphs).allSatisfy((graph) -> {
			assertThat(graph.get("root")).isEqualTo(CALC3);
			assertThat(((Number) graph.get("frames")).intValue()).isPositive();
		});
		// calc3 is only called by the controller; it calls BigInteger code and the lambda
		assertThat(((Number) graphs.get(0).get("nodes")).intValue()).isGreaterThan(20);
		browser.screenshot(this.testName + "-selected");
		assertThat(browser.byTestId("slowest-table").isDisplayed()).isTrue();
		assertThat(browser.driver().findElement(By.cssSelector(".card-head h2 code")).getText())
			.isEqualTo("Calculations.calc3");
		browser.click(topFunctionRow());
		assertThat(flameState().get("highlighted")).asInstanceOf(LIST).isEmpty();
	}

	@Test
	void aSlowRequestOpensItsOwnFlameGraph() {
		openEndpoint("");
		WebElement slowest = browser.allByTestId("slowest-row").get(0);
		String traceId = slowest.getAttribute("data-trace-id");
		assertThat(traceId).matches("[0-9a-f]{32}");
		browser.click(slowest);
		browser.waitUntilReady("trace");
		assertThat(browser.driver().getCurrentUrl()).endsWith(FixtureServer.BASE + "/traces/" + traceId);
		assertThat(browser.byTestId("trace-id").getText()).isEqualTo(traceId);
		assertThat(frames()).isPositive();
		assertThat(browser.allByTestId("function-row")).isNotEmpty();
		assertThat(topFunction()).isEqualTo(CALC3);
		assertThat(browser.byTestId("spans-table").getText()).contains("http-nio-8080-exec");
		browser.screenshot(this.testName + "-trace");
		assertThat(server.jsonRequests()).last()
			.isEqualTo(FixtureServer.BASE + "/traces/" + traceId + "?type=cpu&scope=app");
		browser.driver().navigate().back();
		browser.waitUntilReady("endpoint");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/endpoints/" + CALC2_ID);
	}

	@Test
	void aPastedTraceIdOpensThatRequest() {
		openOverview();
		String traceId = fixtureTraceId();
		String messy = "  " + traceId.substring(0, 8).toUpperCase() + "-" + traceId.substring(8, 20) + "-"
				+ traceId.substring(20).toUpperCase() + " ";
		browser.byTestId("trace-search").sendKeys(messy);
		browser.waitUntilReady("trace");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/traces/" + traceId);
		assertThat(browser.byTestId("trace-id").getText()).isEqualTo(traceId);
	}

	@Test
	void aTraceListsItsSpansWithSamplesAndOneOpensNarrowed() {
		String traceId = fixtureTraceId();
		String trace = FixtureServer.fixture("traces/" + traceId + "/cpu-app.json");
		String withSpans = trace.substring(0, trace.lastIndexOf('}')) + ", \"workingSpans\": ["
				+ "{\"spanId\": \"00f067aa0ba902b7\", \"parentSpanId\": null, \"name\": \"http get\","
				+ " \"threads\": [\"http-nio-8080-exec-1\"], \"samples\": {\"cpu\": 4, \"wall\": 2, \"alloc\": 0, \"lock\": 0}},"
				+ "{\"spanId\": \"1111111111111111\", \"parentSpanId\": \"00f067aa0ba902b7\", \"name\": \"report\","
				+ " \"threads\": [\"task-1\"], \"samples\": {\"cpu\": 9, \"wall\": 3, \"alloc\": 0, \"lock\": 0}}]}";
		server.override("traces/" + traceId, withSpans);
		browser.open(server.url(FixtureServer.BASE + "/traces/" + traceId));
		browser.waitUntilReady("trace");
		List<WebElement> spans = browser.allByTestId("working-span");
		assertThat(spans).hasSize(2);
		assertThat(spans.get(1).getText()).contains("1111111111111111", "report", "task-1");
		browser.click(spans.get(1).findElement(By.tagName("a")));
		browser.waitUntilReady("trace");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/traces/" + traceId + "?span=1111111111111111");
		assertThat(server.jsonRequests()).last().asString().contains("span=1111111111111111");
	}

	@Test
	void anUnknownEndpointIdShowsTheServersMessage() {
		browser.open(server.url(FixtureServer.BASE + "/endpoints/bm9wZQ"));
		browser.waitUntilReady("error");
		WebElement error = browser.byTestId("error");
		assertThat(error.getText()).contains("Not found (404)")
			.contains("No endpoint with id 'bm9wZQ': ids are the base64url endpoint names the overview lists.");
		browser.click(browser.byTestId("back-to-overview"));
		browser.waitUntilReady("overview");
		assertThat(endpointNames()).first().isEqualTo(CALC2);
	}

	@Test
	void aMalformedOrUnknownTraceIdShowsTheServersMessage() {
		browser.open(server.url(FixtureServer.BASE + "/traces/not-a-trace"));
		browser.waitUntilReady("error");
		assertThat(browser.byTestId("error").getText()).contains("Bad request (400)")
			.contains("A trace ID is 32 hexadecimal digits, not 'not-a-trace'.");
		browser.open(server.url(FixtureServer.BASE + "/traces/0123456789abcdef0123456789abcdef"));
		browser.waitUntilReady("error");
		assertThat(browser.byTestId("error").getText()).contains("Not found (404)")
			.contains("Trace 0123456789abcdef0123456789abcdef is unknown or was not kept.");
		assertThat(browser.byTestId("back-to-overview").getAttribute("href")).endsWith(FixtureServer.BASE);
	}

	@Test
	void theFlameSearchReportsTheShareOfMatchesWithoutCountingNestedMatchesTwice() {
		openEndpoint("");
		WebElement search = browser.byTestId("flame-search");
		search.sendKeys("/dev\\.hotpath\\.demo\\./");
		Map<String, Object> state = flameState();
		assertThat(state.get("highlighted")).asInstanceOf(LIST)
			.contains(CALC3, "dev.hotpath.demo.CalculationController.calculate2",
					"dev.hotpath.demo.Calculations.lambda$calc3$0")
			.allSatisfy((name) -> assertThat(name.toString()).startsWith("dev.hotpath.demo."));
		double expected = outermostShare(FixtureServer.fixture("endpoints/" + CALC2_ID + "/cpu-app.json"),
				Pattern.compile("dev\\.hotpath\\.demo\\."));
		assertThat(reportedShare()).isCloseTo(expected * 100, within(0.051));
		assertThat(expected).isLessThan(1.0);
		search.clear();
		search.sendKeys("calc2");
		assertThat(flameState().get("highlighted")).asInstanceOf(LIST)
			.containsExactly("dev.hotpath.demo.Calculations.calc2");
		assertThat(browser.byTestId("highlight-info").getText()).matches("1 frame matches · [0-9.]+% of samples");
		search.sendKeys(Keys.chord(Keys.CONTROL, "a"), "/[unclosed/");
		assertThat(browser.byTestId("highlight-info").getText()).startsWith("Invalid regular expression");
	}

	@Test
	void draggingAcrossTheTimelineSelectsARangeThatEveryViewUses() {
		openOverview();
		WebElement timeline = browser.byTestId("timeline");
		int width = timeline.getSize().getWidth();
		new Actions(browser.driver()).moveToElement(timeline, -width / 5, 0)
			.clickAndHold()
			.moveByOffset(width / 10, 0)
			.moveByOffset(width / 10, 0)
			.release()
			.perform();
		browser.waitUntilReady("overview");
		String url = browser.driver().getCurrentUrl();
		assertThat(url).containsPattern("[?&]from=\\d{13}").containsPattern("[?&]to=\\d{13}");
		assertThat(browser.byTestId("range-chip").getText())
			.matches("range: \\d\\d:\\d\\d(:\\d\\d)?–\\d\\d:\\d\\d(:\\d\\d)?\\s*×");
		assertThat(server.jsonRequests()).anySatisfy((request) -> assertThat(request)
			.matches(Pattern.quote(FixtureServer.BASE) + "\\?from=\\d{13}&to=\\d{13}"));
		browser.screenshot(this.testName + "-range");
		browser.click(browser.allByTestId("endpoint-row").get(0));
		browser.waitUntilReady("endpoint");
		assertThat(browser.driver().getCurrentUrl()).containsPattern("from=\\d{13}&to=\\d{13}");
		assertThat(server.jsonRequests()).last()
			.asString()
			.matches(Pattern.quote(apiPath("type=cpu&scope=app")) + "&from=\\d{13}&to=\\d{13}");
		browser.click(browser.byTestId("range-clear"));
		browser.waitUntilReady("endpoint");
		assertThat(browser.allByTestId("range-chip")).isEmpty();
		assertThat(browser.driver().getCurrentUrl()).doesNotContain("from=");
	}

	@Test
	void theTimelineStartsAtTheFirstWindowWithDataNotAtTheStartOfTheRetention() {
		// half an hour of empty windows before the fixture's half hour of traffic
		Instant retentionStart = Instant.parse("2026-11-21T05:10:00Z");
		Instant firstData = Instant.parse("2026-11-21T05:40:00Z");
		List<String> empty = new ArrayList<>();
		for (Instant start = retentionStart; start.isBefore(firstData); start = start.plusSeconds(10)) {
			empty.add(window(start, 0, 0));
		}
		String overview = FixtureServer.fixture("overview.json")
			.replace("\"timeline\": [\n", "\"timeline\": [\n" + String.join(",\n", empty) + ",\n")
			.replace("\"from\": \"2026-11-21T05:40:00.000Z\"", "\"from\": \"" + retentionStart + "\"");
		assertThat(JsonPath.<List<?>>read(overview, "$.timeline")).hasSize(360);
		server.override("overview", overview);
		openOverview();
		Map<String, Object> timeline = timelineState();
		assertThat(timeline).containsEntry("start", firstData.toEpochMilli())
			.containsEntry("firstWindow", firstData.toEpochMilli())
			.containsEntry("end", Instant.parse("2026-11-21T06:10:00Z").toEpochMilli())
			.containsEntry("windows", 180L);
		List<Map<String, Object>> ticks = ticks(timeline);
		// the left edge is labeled with the first window's time, then ticks every few
		// minutes
		assertThat(ticks.get(0)).containsEntry("time", firstData.toEpochMilli()).containsEntry("x", 0L);
		assertThat(ticks).hasSizeGreaterThan(3)
			.allSatisfy((tick) -> assertThat((String) tick.get("label")).matches("\\d\\d:\\d\\d"));
	}

	@Test
	void aYoungApplicationsTimelineSpansItsFewMinutesUpToNowAndARangeCanBeSelected() {
		// two minutes of traffic, and the server's clock 20 seconds past the last window
		Instant first = Instant.parse("2026-11-21T06:08:00Z");
		Instant lastEnd = Instant.parse("2026-11-21T06:10:00Z");
		Instant now = lastEnd.plusSeconds(20);
		List<String> windows = new ArrayList<>();
		for (Instant start = first; start.isBefore(lastEnd); start = start.plusSeconds(10)) {
			windows.add(window(start, 20, 60));
		}
		String overview = FixtureServer.fixture("overview.json")
			.replaceFirst("(?s)\"timeline\": \\[.*?\\n \\]",
					Matcher.quoteReplacement("\"timeline\": [\n" + String.join(",\n", windows) + "\n ]"))
			.replace("\"range\": {\"from\": \"2026-11-21T05:40:00.000Z\", \"to\": \"2026-11-21T06:10:00.000Z\"",
					"\"range\": {\"from\": \"" + first + "\", \"to\": \"" + now + "\"");
		assertThat(JsonPath.<List<?>>read(overview, "$.timeline")).hasSize(12);
		assertThat(JsonPath.<String>read(overview, "$.range.to")).isEqualTo(now.toString());
		server.override("overview", overview);
		openOverview();
		Map<String, Object> timeline = timelineState();
		assertThat(timeline).containsEntry("start", first.toEpochMilli())
			.containsEntry("end", now.toEpochMilli())
			.containsEntry("windows", 12L);
		assertThat(ticks(timeline).get(0)).containsEntry("time", first.toEpochMilli()).containsEntry("x", 0L);
		WebElement canvas = browser.byTestId("timeline");
		int width = canvas.getSize().getWidth();
		new Actions(browser.driver()).moveToElement(canvas, -width / 4, 0)
			.clickAndHold()
			.moveByOffset(width / 4, 0)
			.moveByOffset(width / 4, 0)
			.release()
			.perform();
		browser.waitUntilReady("overview");
		Matcher range = Pattern.compile("[?&]from=(\\d{13})&to=(\\d{13})").matcher(browser.driver().getCurrentUrl());
		assertThat(range.find()).as(browser.driver().getCurrentUrl()).isTrue();
		long from = Long.parseLong(range.group(1));
		long to = Long.parseLong(range.group(2));
		// whole windows in the middle of the two minutes
		assertThat(from).isGreaterThan(first.toEpochMilli()).isLessThan(to);
		assertThat(to).isLessThan(lastEnd.toEpochMilli());
		assertThat(from % 10_000).isZero();
		assertThat(to % 10_000).isZero();
		assertThat(browser.byTestId("range-chip").isDisplayed()).isTrue();
		// the axis still spans all the data, with the selection drawn on it
		assertThat(timelineState()).containsEntry("start", first.toEpochMilli())
			.containsEntry("end", now.toEpochMilli());
	}

	@Test
	void anUnavailableSamplerShowsItsMessageAndTheEmptyState() {
		server.override("overview", FixtureServer.fixture("overview-unavailable.json"));
		openOverview();
		assertThat(browser.byTestId("sampler-message").getText()).startsWith("Profiling is unavailable.")
			.contains("async-profiler cannot run here");
		assertThat(browser.byTestId("empty").getText()).contains("No profiles: profiling is unavailable.");
		assertThat(browser.allByTestId("sampler-native-memory")).isEmpty();
		assertThat(browser.byTestId("summary").getText()).isEqualTo("No requests have been profiled yet.");
	}

	@Test
	void aRunningSamplerShowsItsLastProblemAndTheUnreadableChunks() {
		String problem = "The chunk closed at 2026-11-21T06:09:50Z could not be read (IOException: corrupt or "
				+ "truncated), 2 unreadable so far; its samples are lost and profiling continues.";
		server.override("overview",
				FixtureServer.fixture("overview-empty.json")
					.replace("\"samplesDropped\": 0,",
							"\"samplesDropped\": 0, \"unreadableChunks\": 2, \"problem\": \"" + problem + "\","));
		openOverview();
		assertThat(browser.byTestId("sampler-state").getText()).isEqualTo("RUNNING");
		assertThat(browser.byTestId("sampler").getText()).contains("2 unreadable chunks");
		assertThat(browser.byTestId("sampler-native-memory").getText()).isEqualTo("27.6 MB native");
		assertThat(browser.byTestId("sampler-problem").getText()).isEqualTo(problem);
		assertThat(browser.allByTestId("sampler-message")).isEmpty();
	}

	@Test
	void aFreshlyStartedApplicationShowsWhenDataWillAppear() {
		server.override("overview", FixtureServer.fixture("overview-empty.json"));
		openOverview();
		assertThat(browser.byTestId("sampler-state").getText()).isEqualTo("RUNNING");
		assertThat(browser.allByTestId("sampler-message")).isEmpty();
		// the overview's sampler says how soon a read sees a request: its read refresh,
		// not its 30 s chunk
		assertThat(browser.byTestId("empty").getText())
			.contains("No samples yet — send some requests; data appears within 5 seconds.");
	}

	@Test
	void anEndpointWithoutSamplesShowsTheEmptyState() {
		String empty = FixtureServer.fixture("endpoints/" + CALC2_ID + "/cpu-app.json")
			.replaceAll("(?s)\"flame\": \\{.*?\\n \\},\\n",
					"\"flame\": {\"frames\": [], \"nodes\": "
							+ "{\"frame\": [], \"depth\": [], \"total\": [], \"self\": []}},\n")
			.replaceAll("(?s)\"functions\": \\[.*?\\n \\],\\n", "\"functions\": [],\n");
		assertThat(JsonPath.<List<?>>read(empty, "$.flame.nodes.frame")).isEmpty();
		server.override("endpoints/" + CALC2_ID, empty);
		openEndpoint("");
		assertThat(browser.byTestId("empty").getText())
			.contains("No samples yet — send some requests; data appears within 10 seconds.");
		assertThat(frames()).isZero();
		assertThat(browser.allByTestId("slowest-row")).hasSize(5);
	}

	@Test
	void aNetworkFailureShowsAMessageAndTryAgainRecovers() {
		openOverview();
		browser.js("window.realFetch = window.fetch;"
				+ "window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));");
		browser.click(browser.allByTestId("endpoint-row").get(0).findElement(By.tagName("a")));
		browser.waitUntilReady("error");
		assertThat(browser.byTestId("error").getText()).contains("Cannot reach the application")
			.contains("Failed to fetch")
			.contains("Is the application running and reachable?");
		browser.js("window.fetch = window.realFetch");
		browser.click(browser.driver().findElement(By.xpath("//button[text()='Try again']")));
		browser.waitUntilReady("endpoint");
		assertThat(frames()).isPositive();
	}

	@Test
	void thePageWorksUnderAnyBasePath() {
		try (FixtureServer manage = FixtureServer.start("/manage/profiles")) {
			browser.open(manage.url("/manage/profiles/"));
			browser.waitUntilReady("overview");
			browser.click(browser.allByTestId("endpoint-row").get(0).findElement(By.tagName("a")));
			browser.waitUntilReady("endpoint");
			assertThat(browser.driver().getCurrentUrl()).endsWith("/manage/profiles/endpoints/" + CALC2_ID);
			// the endpoint reuses the overview the page read with the findings
			assertThat(manage.jsonRequests()).containsExactlyInAnyOrder("/manage/profiles", "/manage/profiles/findings",
					"/manage/profiles/endpoints/" + CALC2_ID + "?type=cpu&scope=app");
			assertThat(manage.jsonRequests()).last().asString().contains("/endpoints/");
			assertThat(topFunction()).isEqualTo(CALC3);
		}
	}

	@Test
	void droppedCountsAreShownWhenNotZero() {
		server.override("overview", FixtureServer.fixture("overview.json").replace("\"stacks\": 0", "\"stacks\": 12"));
		openOverview();
		assertThat(browser.byTestId("dropped").getText()).contains("12 stacks").doesNotContain("0 endpoints");
	}

	@Test
	void theLayoutsAndTheCpuWallToggleRedrawTheFlameGraph() {
		openEndpoint("");
		int flameFrames = frames();
		layout("icicle");
		assertThat(flameState()).containsEntry("layout", "icicle").containsEntry("orientation", "down");
		assertThat(frames()).isEqualTo(flameFrames);
		layout("reversed");
		assertThat(flameState()).containsEntry("layout", "reversed");
		assertThat(frames()).isPositive();
		// bottom-up: the heaviest leaf of calc2's profile is calc3's own code, right
		// under the root
		assertThat(browser.js("return window.hotpath.exportCollapsed().split('\\n')"
				+ ".filter(l => l.startsWith('dev.hotpath.demo.Calculations.calc3;')).length"))
			.isNotEqualTo(0L);
		browser.click(browser.byTestId("type-toggle").findElement(By.cssSelector("button[data-value=wall]")));
		browser.waitUntilReady("endpoint");
		assertThat(browser.driver().getCurrentUrl()).contains("type=wall");
		assertThat(flameState()).containsEntry("layout", "reversed");
		assertThat(server.jsonRequests()).last().isEqualTo(apiPath("type=wall&scope=app"));
		layout("flame");
	}

	@Test
	void anAllocationProfileIsOfferedWhenSampledAndShowsBytes() {
		String alloc = FixtureServer.fixture("endpoints/" + CALC2_ID + "/cpu-app.json")
			.replace("\"type\": \"cpu\"", "\"type\": \"alloc\"")
			.replace("\"wallMsPerRequest\": 1190.0,",
					"\"wallMsPerRequest\": 1190.0, \"allocBytesPerRequest\": 2621440,")
			.replaceFirst("\\}\\s*$", ", \"sampling\": {\"cpuIntervalMs\": 10, \"wallIntervalMs\": 20, "
					+ "\"chunkSeconds\": 10, \"types\": [\"cpu\", \"wall\", \"alloc\"]}}");
		assertThat(JsonPath.<String>read(alloc, "$.type")).isEqualTo("alloc");
		server.override("endpoints/" + CALC2_ID, alloc);
		openEndpoint("?type=alloc");
		WebElement types = browser.byTestId("type-toggle");
		assertThat(types.findElements(By.cssSelector("button[data-value=lock]"))).isEmpty();
		assertThat(types.findElement(By.cssSelector("button[data-value=alloc]")).getAttribute("aria-pressed"))
			.isEqualTo("true");
		assertThat(browser.driver().findElement(By.tagName("body")).getText())
			.containsIgnoringCase("allocation flame graph")
			.contains("2.5 MB");
		assertThat(topFunctionRow().findElements(By.tagName("td")).get(1).getText()).matches("[\\d.]+ (B|KB)");
	}

	@Test
	void theExportsDescribeWhatIsOnScreen() throws Exception {
		openEndpoint("");
		String collapsed = (String) browser.js("return window.hotpath.exportCollapsed()");
		long sum = 0;
		for (String line : collapsed.split("\n")) {
			Matcher matcher = Pattern.compile("^(.+) (\\d+)$").matcher(line);
			assertThat(matcher.matches()).as(line).isTrue();
			assertThat(matcher.group(1)).startsWith("java.lang.Thread.run").doesNotStartWith("all;");
			sum += Long.parseLong(matcher.group(2));
		}
		assertThat(sum)
			.isEqualTo(((Number) JsonPath.read(FixtureServer.fixture("endpoints/" + CALC2_ID + "/cpu-app.json"),
					"$.flame.nodes.total[0]"))
				.longValue());
		String json = (String) browser.js("return window.hotpath.exportJson()");
		assertThat((String) JsonPath.read(json, "$.name")).isEqualTo(CALC2);
		String html = (String) browser.js("return window.hotpath.exportHtml()");
		assertThat(html).startsWith("<!DOCTYPE html>").contains("<canvas id=\"c\">").doesNotContain("https://");
		Path file = Path.of("target", "exports", "calc2-flame.html").toAbsolutePath();
		Files.createDirectories(file.getParent());
		Files.writeString(file, html, StandardCharsets.UTF_8);
		browser.open(file.toUri().toString());
		browser.waitUntil((driver) -> browser.js("return document.getElementById('c').width > 0"));
		assertThat(browser.driver().getTitle()).startsWith("GET /calculate2/{number} · CPU");
		browser.screenshot(this.testName + "-standalone");
		browser.open(server.url(FixtureServer.BASE));
		browser.waitUntilReady("overview");
	}

	@Test
	void aFrameCanBeZoomedAndReset() {
		openEndpoint("");
		WebElement canvas = browser.byTestId("flame-canvas");
		browser.js("arguments[0].scrollIntoView({block: 'end'})", canvas);
		int rowHeight = ((Number) flameState().get("rowHeight")).intValue();
		int height = canvas.getSize().getHeight();
		// flame layout: the root is the bottom row, so row 3 sits three rows above it
		new Actions(browser.driver()).moveToElement(canvas, 0, height / 2 - rowHeight * 3 - rowHeight / 2).perform();
		browser.waitUntil((driver) -> browser.byTestId("flame-tooltip").isDisplayed());
		assertThat(browser.byTestId("flame-tooltip").getText()).contains("of the endpoint").contains("of its parent");
		browser.screenshotWindow(this.testName + "-hover");
		new Actions(browser.driver()).click().perform();
		assertThat(flameState().get("zoomedTo")).isNotNull();
		browser.click(browser.byTestId("zoom-reset"));
		assertThat(flameState().get("zoomedTo")).isNull();
	}

	@Test
	void rightClickingAFrameOffersItsCallersAndCallees() {
		openEndpoint("");
		WebElement canvas = browser.byTestId("flame-canvas");
		browser.js("arguments[0].scrollIntoView({block: 'end'})", canvas);
		int rowHeight = ((Number) flameState().get("rowHeight")).intValue();
		// with my code only, calc3 sits right above the 22 framework frames and the
		// controller
		int calc3Depth = 24;
		int y = canvas.getSize().getHeight() / 2 - calc3Depth * rowHeight - rowHeight / 2;
		new Actions(browser.driver()).moveToElement(canvas, 0, y).perform();
		browser.waitUntil((driver) -> CALC3.equals(flameState().get("hovered")));
		new Actions(browser.driver()).contextClick().perform();
		WebElement menu = browser.byTestId("frame-menu");
		assertThat(menu.getText()).startsWith("Calculations.calc3");
		browser.click(menu.findElement(By.xpath(".//button[text()='Show callers & callees']")));
		assertThat(browser.allByTestId("frame-menu")).isEmpty();
		assertThat(sandwichState()).extracting((graph) -> graph.get("root")).containsExactly(CALC3, CALC3);
		assertThat(flameState().get("highlighted")).asInstanceOf(LIST).containsExactly(CALC3);
		assertThat(topFunctionRow().getAttribute("aria-selected")).isEqualTo("true");
	}

	private static void openOverview() {
		browser.open(server.url(FixtureServer.BASE));
		browser.waitUntilReady("overview");
	}

	private static void openEndpoint(String query) {
		browser.open(server.url(FixtureServer.BASE + "/endpoints/" + CALC2_ID + query));
		browser.waitUntilReady("endpoint");
	}

	private static String apiPath(String query) {
		return FixtureServer.BASE + "/endpoints/" + CALC2_ID + "?" + query;
	}

	private static String fixtureTraceId() {
		return JsonPath.read(FixtureServer.fixture("endpoints/" + CALC2_ID + "/cpu-app.json"), "$.slowest[1].traceId");
	}

	private static List<String> endpointNames() {
		List<String> names = new ArrayList<>();
		for (WebElement row : browser.allByTestId("endpoint-row")) {
			names.add(row.getAttribute("data-endpoint-name"));
		}
		return names;
	}

	private static void sortEndpointsBy(String key) {
		browser.click(
				browser.byTestId("endpoints-table").findElement(By.cssSelector("th[data-sort='" + key + "'] button")));
	}

	private static WebElement topFunctionRow() {
		return browser.allByTestId("function-row").get(0);
	}

	private static String topFunction() {
		return topFunctionRow().getAttribute("data-function-name");
	}

	private static void layout(String layout) {
		browser.click(
				browser.byTestId("layout-toggle").findElement(By.cssSelector("button[data-value='" + layout + "']")));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> flameState() {
		return (Map<String, Object>) browser.js("return window.hotpath.flameState()");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> timelineState() {
		return (Map<String, Object>) browser.js("return window.hotpath.timelineState()");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> ticks(Map<String, Object> timeline) {
		return (List<Map<String, Object>>) timeline.get("ticks");
	}

	private static String window(Instant start, int requests, int cpuSamples) {
		return "  {\"start\": \"" + start + "\", \"end\": \"" + start.plusSeconds(10) + "\", \"requests\": " + requests
				+ ", \"errors\": 0, \"cpuSamples\": " + cpuSamples + ", \"wallSamples\": " + (cpuSamples / 2) + "}";
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> sandwichState() {
		return (List<Map<String, Object>>) browser.js("return window.hotpath.sandwichState()");
	}

	private static int frames() {
		return ((Number) flameState().get("frames")).intValue();
	}

	private static double reportedShare() {
		Matcher matcher = Pattern.compile("([0-9.]+)% of samples")
			.matcher(browser.byTestId("highlight-info").getText());
		assertThat(matcher.find()).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	/**
	 * The share of samples in frames whose name matches, counting a matching frame's
	 * subtree once even when it contains more matches.
	 */
	private static double outermostShare(String endpointJson, Pattern pattern) {
		List<String> names = JsonPath.read(endpointJson, "$.flame.frames[*].name");
		List<Integer> frame = JsonPath.read(endpointJson, "$.flame.nodes.frame");
		List<Integer> depth = JsonPath.read(endpointJson, "$.flame.nodes.depth");
		List<Number> total = JsonPath.read(endpointJson, "$.flame.nodes.total");
		double matched = 0;
		int insideDepth = Integer.MAX_VALUE;
		for (int i = 0; i < frame.size(); i++) {
			if (depth.get(i) <= insideDepth) {
				insideDepth = Integer.MAX_VALUE;
				if (pattern.matcher(names.get(frame.get(i))).find()) {
					matched += total.get(i).doubleValue();
					insideDepth = depth.get(i);
				}
			}
		}
		return matched / total.get(0).doubleValue();
	}

}

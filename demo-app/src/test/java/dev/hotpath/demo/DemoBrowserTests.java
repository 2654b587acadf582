package dev.hotpath.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.hotpath.actuate.ui.Browser;
import dev.hotpath.sampling.Sampler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's path in real headless Chromium against the running demo app, after a short
 * burst of requests: find the slowest endpoint's hot function. Each test saves a
 * screenshot to {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "demo.load.enabled=false", "hotpath.sampling.chunk=1h", "hotpath.sampling.idle-after=1h",
				"hotpath.profile.window=1s" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoBrowserTests {

	private static final String CALCULATE2 = "GET /calculate2/{number}";

	private static final String CALC3 = "dev.hotpath.demo.Calculations.calc3";

	@LocalServerPort
	int port;

	@Autowired
	Sampler sampler;

	private Browser browser;

	private String testName;

	@BeforeAll
	void loadTheAppAndStartABrowser() throws Exception {
		Browser.requireInstalled();
		HttpClient http = HttpClient.newHttpClient();
		// the first request initializes the dispatcher servlet; keep that off the
		// endpoints
		// under test
		send(http, "/search?q=warm-up");
		for (int i = 0; i < 6; i++) {
			for (String path : List.of("/calculate1/1000", "/calculate2/10", "/products/7", "/search?q=oak")) {
				send(http, path);
			}
		}
		send(http, "/calculate2/11");
		send(http, "/calculate2/11");
		// the framework-heavy page: rendered by Thymeleaf after the controller returns,
		// loading visits from the database while it renders
		// (by letter: all owners at once take seconds on a cold JVM, slower than
		// calculate2)
		// (40 of them: on a cold JVM the first renders spend most of their CPU loading
		// classes, and the page's own cost must outweigh that one-time cost)
		for (int i = 0; i < 40; i++) {
			String letter = List.of("A", "B", "C", "D", "G", "H", "M", "S").get(i % 8);
			send(http, "/owners?lastName=" + letter);
		}
		// products no other request asks for: each of the ten misses the price cache on
		// its first request and recomputes the offer, the other nine are hits
		for (int i = 0; i < 100; i++) {
			send(http, "/products/" + (1991 + i % 10));
		}
		// bundles of ten product groups no other request asks for: the first of each
		// group misses the price cache in all four of its lookups, on the task executor
		for (int i = 0; i < 40; i++) {
			send(http, "/bundles/" + (401 + 20 * (i % 10)));
		}
		this.sampler.rotateNow();
		this.browser = Browser.start();
	}

	@AfterAll
	void quitTheBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@BeforeEach
	void name(TestInfo info) {
		this.testName = "demo-" + info.getTestMethod().map((method) -> method.getName()).orElse("test");
	}

	@AfterEach
	void screenshotAndCheckThePage() {
		this.browser.screenshot(this.testName);
		assertThat(this.browser.pageErrors()).as("errors in the page").isEmpty();
	}

	@Test
	void overviewRanksCalculate2First() {
		openOverview();
		assertThat(this.browser.allByTestId("endpoint-row").get(0).getAttribute("data-endpoint-name"))
			.isEqualTo(CALCULATE2);
		// the sentence names the slowest endpoint by p95 and where its time goes
		assertThat(this.browser.byTestId("summary").getText()).startsWith("Slowest: GET /")
			.contains(" of its CPU is in ");
	}

	@Test
	void findsTheSlowestEndpointsHotFunctionInTwoClicks() {
		openOverview();
		this.browser.click(this.browser.allByTestId("endpoint-row").get(0).findElement(By.tagName("a")));
		this.browser.waitUntilReady("endpoint");
		assertThat(flameState().get("frames")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LONG)
			.isPositive();
		assertThat(this.browser.byTestId("scope-toggle").getAttribute("aria-checked")).isEqualTo("true");
		// a few requests' samples split between calc3's loop and the nextPermutation it
		// calls as the JIT compiled them: calc3 is among the top two
		List<WebElement> rows = this.browser.allByTestId("function-row");
		WebElement top = rows.subList(0, 2)
			.stream()
			.filter((row) -> CALC3.equals(row.getAttribute("data-function-name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("calc3 is not among the top two functions"));
		this.browser.click(top);
		this.browser.waitUntil((driver) -> ((List<?>) flameState().get("highlighted")).contains(CALC3));
		assertThat((List<Object>) flameState().get("highlighted")).contains(CALC3);
		// the selected function's source lines, from the server's line tables
		this.browser.waitUntil((driver) -> !this.browser.allByTestId("hot-line-row").isEmpty());
		assertThat(this.browser.byTestId("hot-lines").getText()).contains("Hot lines of Calculations.calc3");
		assertThat(this.browser.allByTestId("hot-line-row"))
			.allSatisfy((row) -> assertThat(Integer.parseInt(row.getAttribute("data-line"))).isPositive());
		this.browser.waitUntil((driver) -> String.valueOf(this.browser
			.js("return document.querySelector('[data-testid=slowest-table]').closest('section').querySelector('h2').textContent"))
			.contains("that ran"));
		assertThat(this.browser.allByTestId("slowest-row")).isNotEmpty();
	}

	@Test
	void aSlowestRequestOpensItsOwnFlameGraph() {
		openOverview();
		this.browser.click(this.browser.allByTestId("endpoint-row").get(0).findElement(By.tagName("a")));
		this.browser.waitUntilReady("endpoint");
		WebElement slowest = this.browser.allByTestId("slowest-row").get(0);
		String traceId = slowest.getAttribute("data-trace-id");
		this.browser.click(slowest.findElement(By.tagName("a")));
		this.browser.waitUntilReady("trace");
		assertThat(this.browser.driver().getCurrentUrl()).endsWith("/actuator/profiles/traces/" + traceId);
		assertThat(flameState().get("frames")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LONG)
			.isPositive();
	}

	@Test
	void theEndpointAndRequestViewsLinkToTheirDownloads() throws Exception {
		openOverview();
		this.browser.click(this.browser.allByTestId("endpoint-row").get(0).findElement(By.tagName("a")));
		this.browser.waitUntilReady("endpoint");
		assertThat(this.browser.allByTestId("download-jfr")).as("the JFR recording holds the whole application")
			.isEmpty();
		assertDownloads("download-pprof", "download-otlp");
		WebElement slowest = this.browser.allByTestId("slowest-row").get(0);
		this.browser.click(slowest.findElement(By.tagName("a")));
		this.browser.waitUntilReady("trace");
		assertDownloads("download-pprof", "download-otlp", "download-jfr");
	}

	private void assertDownloads(String... testIds) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String testId : testIds) {
			String href = this.browser.byTestId(testId).getAttribute("href");
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(href)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).as(href).isEqualTo(200);
			assertThat(response.body()).as(href).isNotEmpty();
		}
	}

	@Test
	void aFrameworkHeavyEndpointNamesItsComponentsAndTheFramesThatEnteredThem() {
		this.browser.open(url("/actuator/profiles/endpoints/" + id("GET /owners")));
		this.browser.waitUntilReady("endpoint");
		List<WebElement> components = this.browser.allByTestId("component-row");
		assertThat(components).isNotEmpty();
		assertThat(components.get(0).getAttribute("data-component")).isIn("templates", "database");
		WebElement top = this.browser.allByTestId("function-row").get(0);
		assertThat(top.getAttribute("data-function-name")).isNotEqualTo("[no application code]");
		assertThat(top.findElement(By.cssSelector("[data-testid=function-component]")).getText())
			.containsAnyOf("template rendering", "ORM, JDBC and database")
			.contains("entered from");
	}

	@Test
	void aBundleRequestShowsTheTaskThreadsItsLookupsRanOn() {
		this.browser.open(url("/actuator/profiles/endpoints/" + id("GET /bundles/{id}")));
		this.browser.waitUntilReady("endpoint");
		// the request thread only waits: the endpoint's CPU is its lookups', on the
		// executor's threads
		assertThat(this.browser.allByTestId("function-row").get(0).getAttribute("data-function-name"))
			.isEqualTo("dev.hotpath.demo.PriceBook.recompute");
		this.browser.click(this.browser.allByTestId("slowest-row").get(0).findElement(By.tagName("a")));
		this.browser.waitUntilReady("trace");
		assertThat(this.browser.byTestId("working-spans-table").getText()).contains("http-nio-").contains("task-");
	}

	private static String id(String name) {
		return java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	@Test
	void aBadEndpointInTheUrlShowsAReadableMessage() {
		this.browser.open(url("/actuator/profiles/endpoints/bm9wZQ"));
		this.browser.waitUntilReady();
		assertThat(this.browser.byTestId("error").getText()).contains("No endpoint");
	}

	@Test
	void aBadTraceInTheUrlShowsAReadableMessage() {
		this.browser.open(url("/actuator/profiles/traces/not-a-trace-id"));
		this.browser.waitUntilReady();
		assertThat(this.browser.byTestId("error").getText()).contains("32 hex digits");
	}

	private void send(HttpClient http, String path) throws Exception {
		HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
	}

	@Test
	void slowVsTypicalShowsTheServersRankingOfTheProductRequests() {
		this.browser.open(url("/actuator/profiles/endpoints/" + java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("GET /products/{id}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
		this.browser.waitUntilReady("endpoint");
		this.browser.click(this.browser.byTestId("compare-slow"));
		this.browser.waitUntilReady("comparison");
		assertThat(this.browser.byTestId("comparison-title").getText()).isEqualTo("Slow vs typical requests");
		// which requests pass the p95 depends on how busy the machine is (the JSON test
		// in
		// DemoProfilingTests checks the ranking): the page shows the server's ranking,
		// and
		// the cache miss is in it
		Object first = this.browser.js("return JSON.parse(window.hotpath.exportJson()).functions[0].name");
		assertThat(this.browser.allByTestId("diff-row").get(0).getAttribute("data-function-name")).isEqualTo(first);
		assertThat(this.browser.allByTestId("diff-row"))
			.anySatisfy((row) -> assertThat(row.getAttribute("data-function-name"))
				.isEqualTo("dev.hotpath.demo.PriceBook.recompute"));
		assertThat(this.browser.byTestId("verdict").getText()).startsWith("Slow requests take ");
	}

	/**
	 * Opens the overview ranked by CPU time per request, a user's click away: a dozen
	 * requests' p95 can flip between calculate1 and calculate2 when a loaded machine
	 * stalls one request, their CPU time cannot.
	 */
	private void openOverview() {
		this.browser.open(url("/actuator/profiles"));
		this.browser.waitUntilReady("overview");
		this.browser.click(this.browser.driver().findElement(By.cssSelector("th[data-sort=cpu] button")));
		this.browser.waitUntil((driver) -> "descending"
			.equals(driver.findElement(By.cssSelector("th[data-sort=cpu]")).getAttribute("aria-sort")));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> flameState() {
		return (Map<String, Object>) this.browser.js("return window.hotpath.flameState()");
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}

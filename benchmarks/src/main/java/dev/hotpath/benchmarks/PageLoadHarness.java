package dev.hotpath.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.hotpath.actuate.ui.Browser;
import dev.hotpath.profile.BusyHour;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.query.EndpointIds;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long the page takes, in real headless Chromium, to show the overview and the
 * slowest endpoint's flame graph over an hour of retained data from a busy application,
 * and how long a frame takes while the pointer moves over a large flame graph. Prints
 * figures; asserts nothing. Run with {@code ./mvnw -q -pl benchmarks exec:java
 * -Dexec.mainClass=dev.hotpath.benchmarks.PageLoadHarness}.
 */
public final class PageLoadHarness {

	private static final int ENDPOINTS = 20;

	private static final int WINDOWS = 360;

	private static final int RUNS = 10;

	private PageLoadHarness() {
	}

	public static void main(String[] args) throws Exception {
		Browser.requireInstalled();
		long now = System.currentTimeMillis();
		ProfileStore store = BusyHour.build(ENDPOINTS, WINDOWS, 20, 5, now);
		SpringApplication application = new SpringApplication(HarnessApplication.class);
		application.setDefaultProperties(Map.of("server.port", "0", "management.endpoints.web.exposure.include",
				"profiles", "hotpath.sampling.chunk", "1h", "hotpath.application-packages",
				BusyHour.APPLICATION_PACKAGE, "spring.main.banner-mode", "off", "logging.level.root", "warn"));
		application.addInitializers((context) -> context.getBeanFactory().registerSingleton("busyHour", store));
		try (ConfigurableApplicationContext context = application.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String base = "http://127.0.0.1:" + port + "/actuator/profiles";
			Browser browser = Browser.start();
			try {
				String slowest = firstEndpoint(browser, base);
				List<Double> overview = new ArrayList<>();
				List<Double> endpoint = new ArrayList<>();
				for (int run = 0; run < RUNS; run++) {
					overview.add(timeToReady(browser, base, "overview"));
					endpoint.add(timeToReady(browser, base + "/endpoints/" + EndpointIds.id(slowest), "endpoint"));
				}
				browser.open(base + "/endpoints/" + EndpointIds.id(slowest) + "?scope=all");
				browser.waitUntilReady("endpoint");
				Map<?, ?> flame = (Map<?, ?>) browser.js("return window.hotpath.flameState()");
				double frame = hoverFrameMillis(browser);
				System.out.printf("data: %d endpoints x %d windows of 10 s (%d samples per endpoint and window)%n",
						ENDPOINTS, WINDOWS, 20 * 5);
				System.out.printf("overview on screen (navigation start to drawn): %s%n", describe(overview));
				System.out.printf("slowest endpoint's flame graph on screen: %s%n", describe(endpoint));
				System.out.printf("flame graph with every frame: %s nodes, %s drawn; %.1f ms per frame while "
						+ "the pointer moves across it%n", flame.get("nodes"), flame.get("frames"), frame);
			}
			finally {
				browser.quit();
			}
		}
	}

	private static String firstEndpoint(Browser browser, String base) {
		browser.open(base);
		browser.waitUntilReady("overview");
		return browser.allByTestId("endpoint-row").get(0).getAttribute("data-endpoint-name");
	}

	private static double timeToReady(Browser browser, String url, String view) {
		browser.open(url);
		browser.waitUntilReady(view);
		Object mark = browser.js(
				"const m = performance.getEntriesByName(arguments[0]); " + "return m.length ? m[0].startTime : -1;",
				"hotpath-ready:" + view);
		return ((Number) mark).doubleValue();
	}

	private static double hoverFrameMillis(Browser browser) {
		Object millis = browser.driver()
			.executeAsyncScript("const done = arguments[arguments.length - 1];"
					+ "const canvas = document.querySelector('[data-testid=flame-canvas]');"
					+ "const box = canvas.getBoundingClientRect(); const frames = 120; let i = 0;"
					+ "const start = performance.now();"
					+ "function step() { if (i === frames) { done((performance.now() - start) / frames); return; }"
					+ "  const x = box.left + (box.width * i) / frames; const y = box.top + box.height - 10 - (i % 20) * 16;"
					+ "  canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));"
					+ "  i++; requestAnimationFrame(step); }" + "requestAnimationFrame(step);");
		return ((Number) millis).doubleValue();
	}

	private static String describe(List<Double> millis) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		return String.format("median %.0f ms, max %.0f ms over %d loads", sorted.get(sorted.size() / 2),
				sorted.get(sorted.size() - 1), sorted.size());
	}

	/**
	 * The application the page is measured in: Hotpath's auto-configuration with the busy
	 * hour as its profile store.
	 */
	@SpringBootApplication
	static class HarnessApplication {

	}

}

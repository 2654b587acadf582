package dev.hotpath.actuate.ui;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through Selenium, for browser tests of the profiles page.
 * Uses the locally installed Chromium and chromedriver only: Selenium Manager never runs,
 * so nothing is downloaded. Paths default to the Debian packages
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}) and can be overridden with
 * the system properties {@code hotpath.chromium} / {@code hotpath.chromedriver} or the
 * environment variables {@code HOTPATH_CHROMIUM} / {@code HOTPATH_CHROMEDRIVER}.
 * <p>
 * Self-contained on purpose: other modules may copy this class as is.
 */
public final class Browser implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	// Selenium warns that it has no DevTools bindings for new Chromium versions; only raw
	// CDP commands are used here, so that does not matter (strong references keep the
	// levels)
	private static final List<Logger> QUIET = Stream
		.of("org.openqa.selenium.devtools.CdpVersionFinder", "org.openqa.selenium.chromium.ChromiumDriver")
		.map(Logger::getLogger)
		.peek((logger) -> logger.setLevel(Level.SEVERE))
		.toList();

	// records uncaught errors, rejected promises and console.error calls of every page
	private static final String ERROR_COLLECTOR = """
			window.__pageErrors = [];
			addEventListener('error', (e) => window.__pageErrors.push(String(e.message)));
			addEventListener('unhandledrejection', (e) => window.__pageErrors.push('unhandled rejection: ' + e.reason));
			const consoleError = console.error;
			console.error = (...args) => {
				window.__pageErrors.push(args.map(String).join(' '));
				consoleError.apply(console, args);
			};
			""";

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
		this.service = service;
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * The Chromium executable to use.
	 * @return the path, which may not exist
	 */
	public static String chromium() {
		return setting("hotpath.chromium", "HOTPATH_CHROMIUM", "/usr/bin/chromium");
	}

	/**
	 * The chromedriver executable to use.
	 * @return the path, which may not exist
	 */
	public static String chromedriver() {
		return setting("hotpath.chromedriver", "HOTPATH_CHROMEDRIVER", "/usr/bin/chromedriver");
	}

	/**
	 * Fails with the command that installs them unless both Chromium and chromedriver are
	 * installed: browser tests are part of the test command, so a missing browser must
	 * not pass as a skipped test.
	 */
	public static void requireInstalled() {
		if (!new File(chromium()).canExecute() || !new File(chromedriver()).canExecute()) {
			throw new AssertionError("Browser tests need Chromium at " + chromium() + " and chromedriver at "
					+ chromedriver() + ": apt-get install chromium chromium-driver, or set HOTPATH_CHROMIUM and "
					+ "HOTPATH_CHROMEDRIVER");
		}
	}

	private static String setting(String property, String variable, String fallback) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			value = System.getenv(variable);
		}
		return (value == null || value.isBlank()) ? fallback : value;
	}

	/**
	 * Starts a headless Chromium with a fresh profile.
	 * @return the browser, to {@link #quit()} when done
	 */
	public static Browser start() {
		try {
			Path profile = Files.createTempDirectory("hotpath-chromium-");
			// an explicit driver executable keeps Selenium Manager out of the way
			System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver());
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(chromedriver()))
				.usingAnyFreePort()
				.withLogOutput(OutputStream.nullOutputStream())
				.build();
			ChromeOptions options = new ChromeOptions();
			options.setBinary(chromium());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().scriptTimeout(TIMEOUT);
			driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_COLLECTOR));
			return new Browser(service, driver, profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The underlying driver.
	 * @return the driver
	 */
	public ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Loads a URL and waits for the document to load.
	 * @param url the URL
	 */
	public void open(String url) {
		this.driver.get(url);
	}

	/**
	 * Scrolls an element to the middle of the window, clear of sticky headers, and clicks
	 * it.
	 * @param element the element
	 */
	public void click(WebElement element) {
		js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element);
		element.click();
	}

	/**
	 * Runs JavaScript in the page.
	 * @param script the script body, which may {@code return} a value
	 * @param args the {@code arguments} of the script
	 * @return what the script returned
	 */
	public Object js(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/**
	 * The uncaught errors, rejected promises and {@code console.error} messages of the
	 * current page.
	 * @return the messages, empty when all went well
	 */
	@SuppressWarnings("unchecked")
	public List<String> pageErrors() {
		Object errors = js("return window.__pageErrors || []");
		return (List<String>) errors;
	}

	/**
	 * Waits until {@code window.hotpath.ready} is {@code true}: the current view finished
	 * rendering.
	 */
	public void waitUntilReady() {
		waitUntil((driver) -> Boolean.TRUE.equals(js("return !!(window.hotpath && window.hotpath.ready)")));
	}

	/**
	 * Waits until the page rendered the given view ({@code overview}, {@code endpoint},
	 * {@code trace} or {@code error}).
	 * @param view the view
	 */
	public void waitUntilReady(String view) {
		waitUntil((driver) -> Boolean.TRUE.equals(
				js("return !!(window.hotpath && window.hotpath.ready && window.hotpath.view === arguments[0])", view)));
	}

	/**
	 * Waits until a condition holds.
	 * @param <T> the type of the condition's value
	 * @param condition the condition, true once it returns neither null nor false
	 * @return the condition's value
	 */
	public <T> T waitUntil(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, TIMEOUT).until(condition);
	}

	/**
	 * The element with the given {@code data-testid}, waiting for it to appear.
	 * @param testId the test id
	 * @return the element
	 */
	public WebElement byTestId(String testId) {
		return waitUntil((driver) -> {
			List<WebElement> found = driver.findElements(testIdSelector(testId));
			return found.isEmpty() ? null : found.get(0);
		});
	}

	/**
	 * All elements with the given {@code data-testid}, without waiting.
	 * @param testId the test id
	 * @return the elements, maybe none
	 */
	public List<WebElement> allByTestId(String testId) {
		return this.driver.findElements(testIdSelector(testId));
	}

	/**
	 * A selector for a {@code data-testid}.
	 * @param testId the test id
	 * @return the selector
	 */
	public static By testIdSelector(String testId) {
		return By.cssSelector("[data-testid='" + testId + "']");
	}

	/**
	 * Scrolls to the top and saves a PNG of the whole page (up to 4000 pixels high) to
	 * {@code target/screenshots/<name>.png}.
	 * @param name the file name without extension, usually the test's name
	 * @return the file
	 */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
			Files.write(file, fullPage());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Saves a PNG of what the window shows, as is (hover states and tooltips included),
	 * to {@code target/screenshots/<name>.png}.
	 * @param name the file name without extension
	 * @return the file
	 */
	public Path screenshotWindow(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private byte[] fullPage() {
		try {
			// with the page scrolled to the top, sticky headers stay at the top of the
			// picture; an instant scroll also ends any smooth scrolling under way
			this.driver.executeAsyncScript("window.scrollTo({top: 0, left: 0, behavior: 'instant'});"
					+ "requestAnimationFrame(() => requestAnimationFrame(arguments[arguments.length - 1]));");
			Map<String, Object> metrics = this.driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
			Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
			double width = ((Number) size.get("width")).doubleValue();
			double height = Math.min(4000, ((Number) size.get("height")).doubleValue());
			Map<String, Object> shot = this.driver.executeCdpCommand("Page.captureScreenshot",
					Map.of("format", "png", "captureBeyondViewport", true, "clip",
							Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
			return Base64.getDecoder().decode((String) shot.get("data"));
		}
		catch (RuntimeException ex) {
			return this.driver.getScreenshotAs(OutputType.BYTES);
		}
	}

	/**
	 * Stops the browser and the driver and deletes the browser profile.
	 */
	public void quit() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			deleteQuietly(this.profile);
		}
	}

	@Override
	public void close() {
		quit();
	}

	private static void deleteQuietly(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary profile is harmless
		}
	}

}

package dev.hotpath.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import dev.hotpath.actuate.ui.Browser;
import dev.hotpath.it.app.WorkApplication;
import dev.hotpath.sampling.Sampler;
import dev.hotpath.tagging.RequestLog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint and its page on a separate management port under a custom base path, while
 * the application's own requests on the main port are what gets profiled.
 */
@SpringBootTest(classes = WorkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiles", "management.server.port=0",
				"management.endpoints.web.base-path=/manage", "hotpath.sampling.chunk=1h",
				"hotpath.sampling.idle-after=1h", "hotpath.sampling.alloc-enabled=true",
				"hotpath.sampling.lock-enabled=true",
				"spring.autoconfigure.exclude=" + ProfilesEndpointIntegrationTests.NO_SECURITY })
class ManagementPortTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	Sampler sampler;

	@Autowired
	RequestLog log;

	@Test
	void servesJsonAndThePageOnTheManagementPort() throws Exception {
		for (int i = 0; i < 5; i++) {
			assertThat(send(this.port, "/spin/30", "*/*").statusCode()).isEqualTo(200);
		}
		// a response can reach the client before its request is logged and its span event
		// written; an event written after this rotation would be in the next chunk, which
		// the next test class's context reads as well (the recording is the JVM's), and
		// its samples would make an endpoint of this application's there
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.log.recorded() >= 5);
		this.sampler.rotateNow();
		HttpResponse<String> json = send(this.managementPort, "/manage/profiles", "application/json");
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json.body()).contains("\"name\":\"GET /spin/{millis}\"").doesNotContain("/manage/profiles\"");
		assertThat(send(this.port, "/manage/profiles", "application/json").statusCode()).isEqualTo(404);
		Browser.requireInstalled();
		Browser browser = Browser.start();
		try {
			browser.open("http://127.0.0.1:" + this.managementPort + "/manage/profiles");
			browser.waitUntilReady("overview");
			assertThat(browser.allByTestId("endpoint-row").get(0).getAttribute("data-endpoint-name"))
				.isEqualTo("GET /spin/{millis}");
			browser.screenshot("management-port-overview");
			assertThat(browser.pageErrors()).isEmpty();
		}
		finally {
			browser.quit();
		}
	}

	private HttpResponse<String> send(int port, String path, String accept) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}

package dev.hotpath.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.hotpath.actuate.ui.Browser;
import dev.hotpath.it.app.WorkApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security on the classpath, the profiles endpoint is protected like every
 * other actuator endpoint, and the application keeps working.
 */
@SpringBootTest(classes = WorkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiles", "hotpath.sampling.chunk=1h",
				"hotpath.sampling.idle-after=1h", "hotpath.sampling.alloc-enabled=true",
				"hotpath.sampling.lock-enabled=true", "spring.security.user.name=ops",
				"spring.security.user.password=secret" })
class SecuredProfilesEndpointTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void refusesAnonymousClientsAndServesAuthenticatedOnes() throws Exception {
		assertThat(send("/actuator/profiles", null).statusCode()).isEqualTo(401);
		HttpResponse<String> authenticated = send("/actuator/profiles", "ops:secret");
		assertThat(authenticated.statusCode()).isEqualTo(200);
		assertThat(authenticated.body()).contains("\"endpoints\"");
		assertThat(send("/quick", "ops:secret").statusCode()).isEqualTo(200);
		// downloads are the same endpoint, behind the same rules
		assertThat(send("/actuator/profiles?format=pprof", null).statusCode()).isEqualTo(401);
		assertThat(send("/actuator/profiles?format=jfr", null).statusCode()).isEqualTo(401);
		assertThat(send("/actuator/profiles?format=pprof", "ops:secret").statusCode()).isEqualTo(200);
	}

	@Test
	void showsThePageWithItsModulesToAnAuthenticatedBrowser() {
		Browser.requireInstalled();
		try (Browser browser = Browser.start()) {
			// every request of the page carries the credentials, as after a sign-in
			browser.driver().executeCdpCommand("Network.enable", Map.of());
			browser.driver()
				.executeCdpCommand("Network.setExtraHTTPHeaders",
						Map.of("headers", Map.of("Authorization", basic("ops:secret"))));
			browser.open("http://127.0.0.1:" + this.port + "/actuator/profiles");
			browser.waitUntilReady("overview");
			browser.screenshot("secured-overview");
			assertThat(browser.pageErrors()).isEmpty();
			assertThat(browser.allByTestId("error")).isEmpty();
		}
	}

	private static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> send(String path, String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", "application/json");
		if (credentials != null) {
			request.header("Authorization", basic(credentials));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}

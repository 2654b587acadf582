package dev.hotpath.actuate.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hotpath.actuate.ProfilesPage;

/**
 * Serves the profiles page and JSON fixtures like the real actuator endpoint does: the
 * page ({@link ProfilesPage}'s document, modules inlined) to {@code text/html} requests
 * for {@code /actuator/profiles}, {@code /actuator/profiles/endpoints/*},
 * {@code /actuator/profiles/traces/*}, {@code /actuator/profiles/comparisons/*} and
 * {@code /actuator/profiles/findings}, and the fixture files under {@code fixtures/} (see
 * {@code generate_fixtures.py}) to JSON requests, among them {@code findings} and
 * {@code lines/*}, with the API's 400 and 404 answers. Loopback only.
 */
final class FixtureServer implements AutoCloseable {

	static final String BASE = "/actuator/profiles";

	private final String base;

	private static final String UI = "dev/hotpath/actuate/ui/";

	private static final Pattern ENDPOINT_ID = Pattern.compile("[A-Za-z0-9_-]+");

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");

	private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d+");

	private static final Pattern MILLISECONDS = Pattern.compile("\\d+(\\.\\d+)?");

	private static final String APPLICATION_ID = endpointId("application");

	private final HttpServer server;

	private final String page;

	private final Map<String, String> overrides = new ConcurrentHashMap<>();

	private final Map<String, Answer> failures = new ConcurrentHashMap<>();

	private final List<String> jsonRequests = new CopyOnWriteArrayList<>();

	private FixtureServer(HttpServer server, String base) {
		this.server = server;
		this.base = base;
		this.page = page();
	}

	static FixtureServer start() {
		return start(BASE);
	}

	/**
	 * Starts a server answering under another base path, such as
	 * {@code /manage/profiles}.
	 * @param base the path of the profiles endpoint
	 * @return the started server
	 */
	static FixtureServer start(String base) {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			FixtureServer fixtures = new FixtureServer(http, base);
			http.createContext("/", fixtures::handle);
			http.start();
			return fixtures;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The page exactly as the actuator endpoint serves it: the stylesheet and every
	 * module inlined by {@link ProfilesPage}.
	 * @return the HTML
	 */
	static String page() {
		return new ProfilesPage().html();
	}

	static String fixture(String path) {
		return resource(UI + "fixtures/" + path);
	}

	static String endpointId(String name) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
	}

	private static String resource(String path) {
		String text = resourceOrNull(path);
		if (text == null) {
			throw new IllegalStateException("No resource " + path);
		}
		return text;
	}

	private static String resourceOrNull(String path) {
		try (InputStream in = FixtureServer.class.getClassLoader().getResourceAsStream(path)) {
			return (in != null) ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url(String pathAndQuery) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + pathAndQuery;
	}

	/**
	 * Answers a JSON path with the given body instead of a fixture file.
	 * @param key {@code overview}, {@code endpoints/<id>}, {@code traces/<traceId>},
	 * {@code comparisons/<id>}, {@code findings} or {@code lines/<id>}
	 * @param json the answer
	 */
	void override(String key, String json) {
		this.overrides.put(key, json);
	}

	/**
	 * Answers a JSON path with an error instead of a fixture file.
	 * @param path the path below the endpoint, such as {@code findings} or
	 * {@code endpoints/<id>}; {@code overview} for the overview
	 * @param status the HTTP status
	 * @param message the error's message
	 */
	void fail(String path, int status, String message) {
		this.failures.put(path, new Answer(status, error(status, "Error", message)));
	}

	void reset() {
		this.failures.clear();
		this.overrides.clear();
		this.jsonRequests.clear();
	}

	/**
	 * The path and query of every JSON request so far, oldest first.
	 * @return the requests
	 */
	List<String> jsonRequests() {
		return new ArrayList<>(this.jsonRequests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
			if (!"GET".equals(exchange.getRequestMethod())) {
				send(exchange, 405, "application/json", error(405, "Method Not Allowed", "Only GET is supported."));
				return;
			}
			if (!path.equals(this.base) && !path.startsWith(this.base + "/")) {
				send(exchange, 404, "text/plain", "Not found");
				return;
			}
			String rest = path.substring(this.base.length()).replaceAll("/+$", "");
			if (accept.contains("text/html")) {
				boolean known = rest.isEmpty() || rest.equals("/findings")
						|| rest.matches("/(endpoints|traces|comparisons)/[^/]+");
				send(exchange, known ? 200 : 404, known ? "text/html;charset=UTF-8" : "text/plain",
						known ? this.page : "Not found");
				return;
			}
			String query = exchange.getRequestURI().getRawQuery();
			this.jsonRequests.add(path + ((query != null) ? "?" + query : ""));
			Answer answer = this.failures.get(rest.isEmpty() ? "overview" : rest.substring(1));
			if (answer == null) {
				answer = answer(rest, parameters(query));
			}
			send(exchange, answer.status(), "application/json", answer.body());
		}
	}

	private Answer answer(String rest, Map<String, String> parameters) {
		String type = parameters.getOrDefault("type", "cpu");
		String scope = parameters.getOrDefault("scope", "all");
		if (!Set.of("cpu", "wall", "alloc", "lock").contains(type)) {
			return badRequest("Unknown profile type '" + type + "': use cpu, wall, alloc or lock.");
		}
		if (!Set.of("all", "app").contains(scope)) {
			return badRequest("Unknown scope '" + scope + "': use all or app.");
		}
		Instant from = instant(parameters.get("from"));
		Instant to = instant(parameters.get("to"));
		if (from == Instant.MIN || to == Instant.MIN) {
			return badRequest("from and to must be ISO-8601 instants or epoch milliseconds.");
		}
		if (from != null && to != null && from.isAfter(to)) {
			return badRequest("from must not be after to.");
		}
		if (rest.isEmpty()) {
			return ok(this.overrides.getOrDefault("overview", fixture("overview.json")));
		}
		if (rest.startsWith("/endpoints/")) {
			String id = rest.substring("/endpoints/".length());
			String body = this.overrides.get("endpoints/" + id);
			if (body == null && ENDPOINT_ID.matcher(id).matches()) {
				body = resourceOrNull(UI + "fixtures/endpoints/" + id + "/" + type + "-" + scope + ".json");
			}
			return (body != null) ? ok(body) : new Answer(404, error(404, "Not Found", "No endpoint with id '"
					+ decode(id) + "': ids are the base64url endpoint names the overview lists."));
		}
		if (rest.equals("/findings")) {
			return ok(this.overrides.getOrDefault("findings", fixture("findings.json")));
		}
		if (rest.startsWith("/comparisons/")) {
			return comparison(rest.substring("/comparisons/".length()), type, scope, parameters);
		}
		if (rest.startsWith("/lines/")) {
			return lines(rest.substring("/lines/".length()), type, parameters.get("function"));
		}
		if (rest.startsWith("/traces/")) {
			String id = rest.substring("/traces/".length());
			if (!TRACE_ID.matcher(id).matches()) {
				return badRequest("A trace ID is 32 hexadecimal digits, not '" + decode(id) + "'.");
			}
			String traceId = id.toLowerCase();
			String body = this.overrides.get("traces/" + traceId);
			if (body == null) {
				body = resourceOrNull(UI + "fixtures/traces/" + traceId + "/" + type + "-" + scope + ".json");
			}
			return (body != null) ? ok(body)
					: new Answer(404, error(404, "Not Found", "Trace " + traceId + " is unknown or was not kept."));
		}
		return new Answer(404, error(404, "Not Found", "No such resource."));
	}

	private Answer comparison(String id, String type, String scope, Map<String, String> parameters) {
		String by = parameters.getOrDefault("by", "slow");
		if (!Set.of("slow", "range", "version").contains(by)) {
			return badRequest("Unknown comparison '" + by + "': use slow, range or version.");
		}
		String slowerThan = parameters.get("slowerThan");
		if (slowerThan != null && !MILLISECONDS.matcher(slowerThan).matches()) {
			return badRequest("slowerThan is a number of milliseconds, not '" + slowerThan + "'.");
		}
		if (instant(parameters.get("baselineFrom")) == Instant.MIN
				|| instant(parameters.get("baselineTo")) == Instant.MIN) {
			return badRequest("baselineFrom and baselineTo must be ISO-8601 instants or epoch milliseconds.");
		}
		if ("slow".equals(by) && APPLICATION_ID.equals(id)) {
			return badRequest("by=slow compares the requests of one endpoint: use by=range or by=version "
					+ "for the whole application.");
		}
		if ("version".equals(by) && parameters.get("baselineVersion") == null) {
			return badRequest("by=version needs a baselineVersion: one of the versions the overview lists.");
		}
		String body = this.overrides.get("comparisons/" + id);
		if (body == null && ENDPOINT_ID.matcher(id).matches()) {
			body = resourceOrNull(UI + "fixtures/comparisons/" + id + "/" + by + "-" + type + "-" + scope + ".json");
		}
		return (body != null) ? ok(body) : new Answer(404, error(404, "Not Found",
				"No endpoint with id '" + decode(id) + "' has data to compare; the overview lists them."));
	}

	private Answer lines(String id, String type, String function) {
		if (function == null || function.isBlank()) {
			return badRequest("function is required: a function's full name, as the functions table lists it.");
		}
		String body = this.overrides.get("lines/" + id);
		if (body == null && ENDPOINT_ID.matcher(id).matches() && function.matches("[\\w.$<>]+")) {
			body = resourceOrNull(UI + "fixtures/lines/" + id + "/" + type + "/" + function + ".json");
		}
		return (body != null) ? ok(body)
				: new Answer(404, error(404, "Not Found", "No sample of " + function + " was kept in this profile."));
	}

	private static Instant instant(String value) {
		if (value == null) {
			return null;
		}
		try {
			return EPOCH_MILLIS.matcher(value).matches() ? Instant.ofEpochMilli(Long.parseLong(value))
					: Instant.parse(value);
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			return Instant.MIN;
		}
	}

	private static Map<String, String> parameters(String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query != null && !query.isEmpty()) {
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				parameters.put(decode((eq < 0) ? pair : pair.substring(0, eq)),
						(eq < 0) ? "" : decode(pair.substring(eq + 1)));
			}
		}
		return parameters;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static Answer ok(String body) {
		return new Answer(200, body);
	}

	private static Answer badRequest(String message) {
		return new Answer(400, error(400, "Bad Request", message));
	}

	private static String error(int status, String error, String message) {
		return "{\"status\": " + status + ", \"error\": " + quote(error) + ", \"message\": " + quote(message) + "}";
	}

	static String quote(String value) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20 || c == '<' || c == '>' || c == '&') {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.getResponseHeaders().set("Vary", "Accept");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private record Answer(int status, String body) {
	}

}

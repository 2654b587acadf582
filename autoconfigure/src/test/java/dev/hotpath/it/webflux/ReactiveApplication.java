package dev.hotpath.it.webflux;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A small WebFlux application for end-to-end tests: an annotated controller whose answer
 * comes from a timer thread, a router function, and an in-memory span exporter that keeps
 * what Spring Boot's OpenTelemetry tracing records.
 */
@SpringBootApplication
@RestController
public class ReactiveApplication {

	/** How long {@code GET /reactive/{id}} waits before it answers. */
	public static final Duration DELAY = Duration.ofMillis(20);

	@GetMapping("/reactive/{id}")
	public Mono<String> reactive(@PathVariable String id) {
		return Mono.delay(DELAY).map((tick) -> "reactive " + id);
	}

	/** Requests to {@code GET /held/{id}} that reached the controller. */
	public static final AtomicInteger held = new AtomicInteger();

	@GetMapping("/held/{id}")
	public Mono<String> held(@PathVariable String id) {
		return Mono.<String>never().doOnSubscribe((subscription) -> held.incrementAndGet());
	}

	@GetMapping("/failing/{id}")
	public Mono<String> failing(@PathVariable String id) {
		return Mono.error(new IllegalStateException("failed " + id));
	}

	@Bean
	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route(RequestPredicates.GET("/routed/{name}"),
				(request) -> ServerResponse.ok().bodyValue("routed " + request.pathVariable("name")));
	}

	@Bean
	InMemorySpanExporter spanExporter() {
		return InMemorySpanExporter.create();
	}

}

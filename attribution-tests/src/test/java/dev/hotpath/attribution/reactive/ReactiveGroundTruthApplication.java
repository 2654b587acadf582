package dev.hotpath.attribution.reactive;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.hotpath.attribution.Spin;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux application whose handlers burn CPU in uniquely named methods: one on the
 * event loop in an annotated controller, one on a bounded-elastic worker after a hop, one
 * in a router function. Reactor's bounded-elastic scheduler is one per JVM: once an
 * application context with {@code spring.threads.virtual.enabled=true} has started in the
 * same JVM ({@code VirtualThreadAttributionTests} on JDK 21 or newer), its workers are
 * virtual threads.
 */
@SpringBootApplication
public class ReactiveGroundTruthApplication {

	static final long BURN_NANOS = 40_000_000;

	@Bean
	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET("/routed/{n}",
					(request) -> ServerResponse.ok()
						.body(Mono.fromSupplier(() -> Long.toString(burnInRouterFunction(BURN_NANOS))), String.class))
			.build();
	}

	@RestController
	static class ReactiveController {

		@GetMapping("/reactive/{n}")
		Mono<String> reactive(@PathVariable int n) {
			return Mono.fromSupplier(() -> Long.toString(burnInWebFluxHandler(BURN_NANOS)));
		}

		@GetMapping("/hop/{n}")
		Mono<String> hop(@PathVariable int n) {
			return Mono.fromSupplier(() -> Long.toString(burnAfterSchedulerHop(BURN_NANOS)))
				.subscribeOn(Schedulers.boundedElastic());
		}

	}

	static long burnInWebFluxHandler(long nanos) {
		return Spin.forNanos(nanos);
	}

	static long burnAfterSchedulerHop(long nanos) {
		return Spin.forNanos(nanos);
	}

	static long burnInRouterFunction(long nanos) {
		return Spin.forNanos(nanos);
	}

}

package dev.hotpath.demo;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * Looks products up in the {@link Catalog} on the application's task executor
 * ({@code @Async}, Spring Boot's {@code applicationTaskExecutor}, threads named
 * {@code task-N}), so that a request can ask the (simulated) inventory service about
 * several products at once. With {@code spring.task.execution.propagate-context=true}
 * each lookup runs in the tracing context of the request that asked for it, which is how
 * Hotpath charges the lookup's samples to that request although they are taken on another
 * thread. Not final: {@code @Async} works through a subclass proxy.
 *
 * @author Hotpath contributors
 */
@Service
class ProductLookups {

	private final Catalog catalog;

	ProductLookups(Catalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * Look a product up on the task executor: 30 to 60 ms of waiting, and about 20 ms of
	 * CPU more when its offer price is not cached (see {@link Catalog#find}).
	 * @param id the product id
	 * @return the product with its offer and stock, or empty if there is no such product
	 */
	@Async
	CompletableFuture<Optional<Catalog.ProductDetails>> find(int id) {
		return CompletableFuture.completedFuture(this.catalog.find(id));
	}

}

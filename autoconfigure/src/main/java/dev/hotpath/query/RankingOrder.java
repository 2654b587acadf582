package dev.hotpath.query;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import dev.hotpath.query.Views.EndpointSummary;
import org.jspecify.annotations.Nullable;

/**
 * What the endpoint ranking sorts by, largest first.
 */
public enum RankingOrder {

	/** 95th percentile latency. */
	P95((endpoint) -> endpoint.latency().p95Ms()),

	/** 99th percentile latency. */
	P99((endpoint) -> endpoint.latency().p99Ms()),

	/** Median latency. */
	P50((endpoint) -> endpoint.latency().p50Ms()),

	/** Mean latency. */
	MEAN((endpoint) -> endpoint.latency().meanMs()),

	/** Maximum latency. */
	MAX((endpoint) -> endpoint.latency().maxMs()),

	/** Completed requests. */
	REQUESTS(EndpointSummary::requests),

	/** 5xx answers. */
	ERRORS(EndpointSummary::errors),

	/** CPU time per request. */
	CPU(EndpointSummary::cpuMsPerRequest),

	/** Wall-clock time per request. */
	WALL(EndpointSummary::wallMsPerRequest),

	/** Heap bytes allocated per request; endpoints without the figure last. */
	ALLOC((endpoint) -> orZero(endpoint.allocBytesPerRequest())),

	/** Contended lock waiting per request; endpoints without the figure last. */
	LOCK((endpoint) -> orZero(endpoint.lockMsPerRequest()));

	private final ToDoubleFunction<EndpointSummary> key;

	RankingOrder(ToDoubleFunction<EndpointSummary> key) {
		this.key = key;
	}

	private static double orZero(@Nullable Double value) {
		return (value != null) ? value : 0;
	}

	/** The order's name as the API spells it. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	Comparator<EndpointSummary> comparator() {
		return Comparator.comparingDouble(this.key).reversed().thenComparing(EndpointSummary::name);
	}

	/**
	 * The order of a label.
	 * @param label such as {@code p95}
	 * @return the order, or {@code null} when the label names none
	 */
	public static @Nullable RankingOrder of(String label) {
		for (RankingOrder order : values()) {
			if (order.label().equals(label)) {
				return order;
			}
		}
		return null;
	}

}

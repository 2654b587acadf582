package dev.hotpath.profile;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A slice of time whose samples and requests are aggregated together, per endpoint.
 */
public final class Window {

	/** The name of the pseudo-endpoint that holds samples taken outside any request. */
	public static final String BACKGROUND = "background";

	private final long startMillis;

	private final long endMillis;

	private final Map<String, EndpointWindow> endpoints = new LinkedHashMap<>();

	private final EndpointWindow background;

	private final int maxNodesPerTree;

	private final int slowestCapacity;

	private long requests;

	private long errors;

	Window(long startMillis, long endMillis, int maxNodesPerTree, int slowestCapacity) {
		this.startMillis = startMillis;
		this.endMillis = endMillis;
		this.maxNodesPerTree = maxNodesPerTree;
		this.slowestCapacity = slowestCapacity;
		this.background = new EndpointWindow(BACKGROUND, maxNodesPerTree, 0);
	}

	public long startMillis() {
		return this.startMillis;
	}

	public long endMillis() {
		return this.endMillis;
	}

	/** The endpoints that had requests or samples in this window. */
	public Collection<EndpointWindow> endpoints() {
		return Collections.unmodifiableCollection(this.endpoints.values());
	}

	/**
	 * One endpoint's data.
	 * @param name the endpoint name
	 * @return the data, or {@code null} when the endpoint had nothing in this window
	 */
	public @Nullable EndpointWindow endpoint(String name) {
		return this.endpoints.get(name);
	}

	/** Samples taken outside any request, with a root frame per thread. */
	public EndpointWindow background() {
		return this.background;
	}

	public long requests() {
		return this.requests;
	}

	public long errors() {
		return this.errors;
	}

	/**
	 * Samples of a type in this window, requests and background together.
	 * @param type the profile type
	 * @return the number of samples
	 */
	public long samples(ProfileType type) {
		long samples = this.background.samples(type);
		for (EndpointWindow endpoint : this.endpoints.values()) {
			samples += endpoint.samples(type);
		}
		return samples;
	}

	EndpointWindow endpointForUpdate(String name) {
		return this.endpoints.computeIfAbsent(name,
				(key) -> new EndpointWindow(key, this.maxNodesPerTree, this.slowestCapacity));
	}

	/**
	 * Adds everything another window holds, for windows merged into a coarser one.
	 * @param other a window inside this one's span
	 */
	void addAll(Window other) {
		this.requests += other.requests;
		this.errors += other.errors;
		this.background.addAll(other.background);
		for (EndpointWindow endpoint : other.endpoints.values()) {
			endpointForUpdate(endpoint.endpoint()).addAll(endpoint);
		}
	}

	/** Compacts every endpoint's trees and line tables, once the window has closed. */
	void compact() {
		this.background.compact();
		for (EndpointWindow endpoint : this.endpoints.values()) {
			endpoint.compact();
		}
	}

	/**
	 * Compacts the trees of every endpoint's slowest requests, while the window may still
	 * take samples.
	 */
	void compactSlowest() {
		for (EndpointWindow endpoint : this.endpoints.values()) {
			endpoint.compactSlowest();
		}
	}

	/**
	 * A window of the same bounds on trees and slowest requests over another span.
	 * @param startMillis its start
	 * @param endMillis its end
	 * @return the empty window
	 */
	Window widened(long startMillis, long endMillis) {
		return new Window(startMillis, endMillis, this.maxNodesPerTree, this.slowestCapacity);
	}

	void countRequest(boolean error) {
		this.requests++;
		if (error) {
			this.errors++;
		}
	}

	long nodes() {
		long nodes = this.background.nodes();
		for (EndpointWindow endpoint : this.endpoints.values()) {
			nodes += endpoint.nodes();
		}
		return nodes;
	}

}

package dev.hotpath.tagging;

/**
 * A named unit of work that requests are grouped by, such as {@code GET
 * /calculate2/{number}}.
 *
 * @param id a small dense number, stable for the life of the {@link Endpoints} that made
 * it
 * @param name the endpoint's name: HTTP method and route template, a job's span name, or
 * a bucket name such as {@code NOT_FOUND}; also the tag written into the recording
 * @param kind what kind of work it names
 */
public record Endpoint(int id, String name, Kind kind) {

	/**
	 * What kind of work an endpoint names.
	 */
	public enum Kind {

		/** HTTP requests of one route, or a bucket of requests without a route. */
		ROUTE,

		/** Requests to the actuator's own endpoints, such as the profiles page. */
		MANAGEMENT,

		/** Work outside HTTP requests that runs in a root span: a scheduled method. */
		JOB;

		/** The kind's name as the API spells it. */
		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}

package dev.hotpath.tagging;

/**
 * Where a request's trace and span ids come from.
 */
public interface TraceIds {

	/**
	 * Writes the current request's ids into {@code ids}: trace id high and low 64 bits,
	 * then the span id. Called on the request thread inside the request; must not
	 * allocate.
	 * @param ids an array of at least three elements
	 */
	void current(long[] ids);

	/**
	 * Ids generated here, for applications without tracing. Allocation-free.
	 */
	static TraceIds generated() {
		return GeneratedTraceIds.INSTANCE;
	}

}

package dev.hotpath.profile;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * What the processor knows of recent spans: each span's parent, the endpoint of each
 * request's server span and of each job's root span, and the endpoint of each trace.
 * Samples wait for their request a few rounds at most, so a span is remembered for a
 * given number of rounds only: entries are kept in one generation per round, and the
 * oldest generation is dropped as a round begins, or early when the current one holds its
 * share of the capacity. Memory follows the spans of the last rounds, about 40 bytes a
 * span and 30 a trace, and never exceeds the capacity.
 */
final class SpanIndex {

	/** The endpoint of a span that belongs to no request or job. */
	static final String NONE = "";

	private static final byte UNKNOWN = 0;

	private static final byte CHILD = 1;

	private static final byte ROOT = 2;

	private static final byte JOB_ROOT = 3;

	/** The generations, by round; null for a round that added nothing. */
	private final @Nullable Generation[] generations;

	private final int maxPerGeneration;

	private int current;

	/**
	 * Creates an empty index.
	 * @param capacity how many spans and traces it holds at most
	 * @param rounds how many rounds it remembers a span or trace for
	 */
	SpanIndex(int capacity, int rounds) {
		this.generations = new Generation[Math.max(rounds, 1)];
		this.maxPerGeneration = Math.max(capacity / this.generations.length, 1);
	}

	/** Begins a round: forgets the spans and traces of the oldest one. */
	void nextRound() {
		this.current = (this.current + 1) % this.generations.length;
		this.generations[this.current] = null;
	}

	void parent(long spanId, long parentSpanId, boolean root, boolean job) {
		if (job || root || parentSpanId != 0) {
			Generation generation = spanGeneration(spanId);
			int row = generation.spanRow(spanId);
			generation.links[row] = job ? JOB_ROOT : root ? ROOT : CHILD;
			generation.parents[row] = parentSpanId;
		}
	}

	void endpoint(long spanId, String endpoint) {
		Generation generation = spanGeneration(spanId);
		// the row first: making it may replace the arrays
		int row = generation.spanRow(spanId);
		generation.endpoints[row] = endpoint;
	}

	void traceEndpoint(long traceIdHigh, long traceIdLow, String endpoint) {
		Generation generation = null;
		for (int age = 0; age < this.generations.length && generation == null; age++) {
			Generation older = generation(age);
			if (older != null && older.traces.find(traceIdHigh, traceIdLow) != KeyTable.MISSING) {
				generation = older;
			}
		}
		if (generation == null) {
			generation = writable();
		}
		int row = generation.traceRow(traceIdHigh, traceIdLow);
		generation.traceEndpoints[row] = endpoint;
	}

	/**
	 * The endpoint a span works for: that of the nearest ancestor that is a request's
	 * server span or a job's root.
	 * @return the endpoint; {@link #NONE} when the span's local root is neither; or
	 * {@code null} when that is not known yet (a request or job still running, or a
	 * parent never seen, in which case the trace's endpoint answers if there is one)
	 */
	@Nullable String endpointOf(long spanId, long traceIdHigh, long traceIdLow, int maxDepth) {
		long span = spanId;
		for (int depth = 0; depth < maxDepth; depth++) {
			Generation generation = find(span);
			if (generation == null) {
				break;
			}
			int row = generation.spans.find(0, span);
			String endpoint = generation.endpoints[row];
			if (endpoint != null) {
				return endpoint;
			}
			byte link = generation.links[row];
			if (link == UNKNOWN || link == JOB_ROOT) {
				break;
			}
			if (link == ROOT) {
				return NONE;
			}
			span = generation.parents[row];
		}
		for (int age = 0; age < this.generations.length; age++) {
			Generation generation = generation(age);
			int row = (generation != null) ? generation.traces.find(traceIdHigh, traceIdLow) : KeyTable.MISSING;
			if (row != KeyTable.MISSING) {
				return generation.traceEndpoints[row];
			}
		}
		return null;
	}

	/**
	 * A span's local root: the nearest ancestor that is a request's server span or a
	 * job's root, or that has no parent in this process.
	 * @return the root's span id, or 0 when the ancestry is not known that far
	 */
	long rootOf(long spanId, int maxDepth) {
		long span = spanId;
		for (int depth = 0; depth < maxDepth; depth++) {
			Generation generation = find(span);
			if (generation == null) {
				return 0;
			}
			int row = generation.spans.find(0, span);
			if (generation.endpoints[row] != null) {
				return span;
			}
			byte link = generation.links[row];
			if (link == UNKNOWN) {
				return 0;
			}
			if (link == ROOT || link == JOB_ROOT) {
				return span;
			}
			span = generation.parents[row];
		}
		return 0;
	}

	/** The generation that holds a span, or the one new spans go to. */
	private Generation spanGeneration(long spanId) {
		Generation generation = find(spanId);
		return (generation != null) ? generation : writable();
	}

	/** The newest generation that holds a span, or {@code null}. */
	private @Nullable Generation find(long spanId) {
		for (int age = 0; age < this.generations.length; age++) {
			Generation generation = generation(age);
			if (generation != null && generation.spans.find(0, spanId) != KeyTable.MISSING) {
				return generation;
			}
		}
		return null;
	}

	private @Nullable Generation generation(int age) {
		int length = this.generations.length;
		return this.generations[(this.current - age + length) % length];
	}

	/** The current generation, made if needed; a full one starts a new round early. */
	private Generation writable() {
		Generation generation = this.generations[this.current];
		if (generation != null && generation.size() >= this.maxPerGeneration) {
			nextRound();
			generation = null;
		}
		if (generation == null) {
			generation = new Generation();
			this.generations[this.current] = generation;
		}
		return generation;
	}

	/** The spans and traces added in one round. */
	private static final class Generation {

		private static final int INITIAL = 64;

		final KeyTable spans = new KeyTable(INITIAL);

		/** What each span's parent is: unknown, a parent or a root. */
		byte[] links = new byte[INITIAL];

		long[] parents = new long[INITIAL];

		@Nullable String[] endpoints = new String[INITIAL];

		final KeyTable traces = new KeyTable(INITIAL);

		@Nullable String[] traceEndpoints = new String[INITIAL];

		int size() {
			return this.spans.size() + this.traces.size();
		}

		int spanRow(long spanId) {
			int row = this.spans.find(0, spanId);
			if (row != KeyTable.MISSING) {
				return row;
			}
			row = this.spans.add(0, spanId);
			if (row == this.links.length) {
				int rows = this.spans.rows();
				this.links = Arrays.copyOf(this.links, rows);
				this.parents = Arrays.copyOf(this.parents, rows);
				this.endpoints = Arrays.copyOf(this.endpoints, rows);
			}
			return row;
		}

		int traceRow(long traceIdHigh, long traceIdLow) {
			int row = this.traces.find(traceIdHigh, traceIdLow);
			if (row != KeyTable.MISSING) {
				return row;
			}
			row = this.traces.add(traceIdHigh, traceIdLow);
			if (row == this.traceEndpoints.length) {
				this.traceEndpoints = Arrays.copyOf(this.traceEndpoints, this.traces.rows());
			}
			return row;
		}

	}

}

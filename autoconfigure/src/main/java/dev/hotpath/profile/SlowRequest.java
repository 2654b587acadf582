package dev.hotpath.profile;

import org.jspecify.annotations.Nullable;

/**
 * One of the slowest requests of an endpoint, kept with its own samples: those of its
 * trace on every thread, read before or after the request was logged.
 */
public final class SlowRequest {

	private final String endpoint;

	private final long traceIdHigh;

	private final long traceIdLow;

	private final long spanId;

	private final long spanStart;

	private final long startEpochMillis;

	private final long durationNanos;

	private final int status;

	private @Nullable String thread;

	/** The request's own trees per profile type, by ordinal, once attached. */
	private @Nullable CallTree @Nullable [] trees;

	/** Whether a slower request took its place: its samples are no longer kept. */
	private boolean dropped;

	SlowRequest(String endpoint, long traceIdHigh, long traceIdLow, long spanId, long spanStart, long startEpochMillis,
			long durationNanos, int status) {
		this.endpoint = endpoint;
		this.traceIdHigh = traceIdHigh;
		this.traceIdLow = traceIdLow;
		this.spanId = spanId;
		this.spanStart = spanStart;
		this.startEpochMillis = startEpochMillis;
		this.durationNanos = durationNanos;
		this.status = status;
	}

	/**
	 * Adds one of the request's own samples, from whatever thread worked for it.
	 */
	void add(ProfileType type, int[] stack, long weight, int maxNodes) {
		if (this.dropped) {
			return;
		}
		@Nullable CallTree[] own = this.trees;
		if (own == null) {
			own = new CallTree[ProfileType.values().length];
			this.trees = own;
		}
		CallTree tree = own[type.ordinal()];
		if (tree == null) {
			tree = new CallTree(maxNodes);
			own[type.ordinal()] = tree;
		}
		tree.add(stack, weight);
	}

	/**
	 * Lets the request's samples go once a slower request took its place, so that the
	 * samples the chunk processor still reads for its trace are not kept either.
	 */
	void drop() {
		this.dropped = true;
		this.trees = null;
	}

	/** Compacts the request's own trees, for a window that has closed. */
	void compact() {
		if (this.trees != null) {
			for (CallTree tree : this.trees) {
				if (tree != null) {
					tree.compact();
				}
			}
		}
	}

	/** The nodes of the request's own trees. */
	long nodes() {
		long nodes = 0;
		if (this.trees != null) {
			for (CallTree tree : this.trees) {
				nodes += (tree != null) ? tree.size() : 0;
			}
		}
		return nodes;
	}

	void thread(String thread) {
		this.thread = thread;
	}

	public String endpoint() {
		return this.endpoint;
	}

	public long traceIdHigh() {
		return this.traceIdHigh;
	}

	public long traceIdLow() {
		return this.traceIdLow;
	}

	public long spanId() {
		return this.spanId;
	}

	long spanStart() {
		return this.spanStart;
	}

	public long startEpochMillis() {
		return this.startEpochMillis;
	}

	public long durationNanos() {
		return this.durationNanos;
	}

	public int status() {
		return this.status;
	}

	/**
	 * The thread that served the request, or {@code null} when no sample fell inside it.
	 */
	public @Nullable String thread() {
		return this.thread;
	}

	/**
	 * The request's own samples of a type.
	 * @param type the profile type
	 * @return the tree, or {@code null} when no sample fell inside the request
	 */
	public @Nullable CallTree tree(ProfileType type) {
		@Nullable CallTree[] trees = this.trees;
		return (trees != null) ? trees[type.ordinal()] : null;
	}

	/**
	 * How many samples of a type fell inside the request.
	 * @param type the profile type
	 * @return the sample count
	 */
	public long samples(ProfileType type) {
		CallTree tree = tree(type);
		if (tree == null) {
			return 0;
		}
		return type.weighed() ? tree.stacks() : tree.total(CallTree.ROOT);
	}

}

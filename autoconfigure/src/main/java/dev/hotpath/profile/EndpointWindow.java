package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One endpoint's data in one window: a call tree and a table of source lines per profile
 * type, its request latencies and errors, its slowest requests, and in how many profiled
 * requests each function was seen.
 */
public final class EndpointWindow {

	/** The line of a function's own row in {@link #forEachLine}. */
	public static final int FUNCTION_LINE = LineTable.FUNCTION;

	private final String endpoint;

	/**
	 * One tree per profile type, by ordinal, made on the type's first sample so that
	 * types that are off or unused cost nothing.
	 */
	private final @Nullable CallTree[] trees = new CallTree[ProfileType.values().length];

	private final int maxNodesPerTree;

	private final LatencyHistogram latency = new LatencyHistogram();

	private final List<SlowRequest> slowest = new ArrayList<>();

	private final RequestsPerFrame requestsPerFrame = new RequestsPerFrame();

	/**
	 * Per profile type, by ordinal, made with its tree: each application function's
	 * folded self weight.
	 */
	private final @Nullable LongLongMap[] applicationSelf = new LongLongMap[ProfileType.values().length];

	/**
	 * Per profile type, by ordinal, made with its tree: each function's lines, bounded
	 * like the tree.
	 */
	private final @Nullable LineTable[] lines = new LineTable[ProfileType.values().length];

	private final int slowestCapacity;

	private long errors;

	private long profiledRequests;

	private String kind = RequestSource.ROUTE;

	EndpointWindow(String endpoint, int maxNodesPerTree, int slowestCapacity) {
		this.endpoint = endpoint;
		this.maxNodesPerTree = maxNodesPerTree;
		this.slowestCapacity = slowestCapacity;
	}

	public String endpoint() {
		return this.endpoint;
	}

	/**
	 * What kind of endpoint this is: {@link RequestSource#ROUTE},
	 * {@link RequestSource#MANAGEMENT} or {@link RequestSource#JOB}.
	 */
	public String kind() {
		return this.kind;
	}

	void kind(String kind) {
		this.kind = kind;
	}

	/**
	 * The call tree of a profile type.
	 * @param type the type
	 * @return the tree, empty when the type had no sample
	 */
	public CallTree tree(ProfileType type) {
		CallTree tree = this.trees[type.ordinal()];
		return (tree != null) ? tree : new CallTree(1);
	}

	/**
	 * How many samples of a type were taken: the tree's weight for types weighed in
	 * samples, its number of stacks for types weighed in bytes or time.
	 * @param type the type
	 * @return the sample count
	 */
	public long samples(ProfileType type) {
		CallTree tree = this.trees[type.ordinal()];
		if (tree == null) {
			return 0;
		}
		return type.weighed() ? tree.stacks() : tree.total(CallTree.ROOT);
	}

	/**
	 * The total weight of a type's samples: samples, bytes or nanoseconds.
	 * @param type the type
	 * @return the weight, without making a tree for a type that had no sample
	 */
	public long weight(ProfileType type) {
		CallTree tree = this.trees[type.ordinal()];
		return (tree != null) ? tree.total(CallTree.ROOT) : 0;
	}

	public LatencyHistogram latency() {
		return this.latency;
	}

	public long errors() {
		return this.errors;
	}

	/** The slowest requests, slowest first. */
	public List<SlowRequest> slowest() {
		return Collections.unmodifiableList(this.slowest);
	}

	/**
	 * In how many profiled requests a function was seen.
	 * @param frame the frame id
	 * @return the number of requests
	 */
	public int requestsWith(int frame) {
		return this.requestsPerFrame.get(frame);
	}

	/** How many requests had at least one sample. */
	public long profiledRequests() {
		return this.profiledRequests;
	}

	/**
	 * Visits the application functions with the weight of the samples whose deepest
	 * application frame they were: each function's self weight once library frames are
	 * folded into the application frame that called them. Kept as samples arrive, so that
	 * ranking endpoints never needs their trees.
	 * @param type the profile type
	 * @param visitor receives each frame id and its weight
	 */
	public void forEachApplicationSelf(ProfileType type, FrameWeights visitor) {
		LongLongMap self = this.applicationSelf[type.ordinal()];
		if (self != null) {
			self.forEach((frame, weight) -> visitor.accept((int) frame, weight));
		}
	}

	/**
	 * Visits one function's source lines in a profile type: each line with the weight of
	 * the samples that ended on it (self) and that passed through it (total, once per
	 * sample), line {@code 0} for samples whose line is unknown, and
	 * {@link #FUNCTION_LINE} for the function itself. Costs a pass over the type's line
	 * table.
	 * @param type the profile type
	 * @param frame the function's frame id
	 * @param visitor receives each line
	 */
	public void forEachLine(ProfileType type, int frame, LineWeights visitor) {
		LineTable table = this.lines[type.ordinal()];
		if (table != null) {
			table.forFrame(frame, visitor);
		}
	}

	/**
	 * The weight of a type's samples that lost a line because the line table was full.
	 * @param type the profile type
	 * @return the weight
	 */
	public long linesTruncated(ProfileType type) {
		LineTable table = this.lines[type.ordinal()];
		return (table != null) ? table.truncated() : 0;
	}

	void addSample(ProfileType type, int[] stack, int[] lines, long weight, int applicationFrame) {
		int index = type.ordinal();
		CallTree tree = this.trees[index];
		LongLongMap self = this.applicationSelf[index];
		LineTable table = this.lines[index];
		if (tree == null || self == null || table == null) {
			tree = new CallTree(this.maxNodesPerTree);
			self = new LongLongMap(16);
			table = new LineTable(this.maxNodesPerTree);
			this.trees[index] = tree;
			this.applicationSelf[index] = self;
			this.lines[index] = table;
		}
		tree.add(stack, weight);
		table.add(stack, lines, weight);
		if (applicationFrame >= 0) {
			self.add(applicationFrame, weight);
		}
	}

	/**
	 * Counts one request that had samples, and each function it was seen in.
	 * @param distinctFrames its frames, each once, in the first {@code count} elements
	 * @param count how many
	 */
	void addProfiledRequest(int[] distinctFrames, int count) {
		this.profiledRequests++;
		for (int i = 0; i < count; i++) {
			this.requestsPerFrame.add(distinctFrames[i], 1);
		}
	}

	/**
	 * Adds everything another endpoint window holds, for windows merged together: trees,
	 * line tables, self weights, latencies, errors and requests add up; of the slowest
	 * requests of both, the slowest are kept. Costs a pass over the other's trees and
	 * tables.
	 * @param other the same endpoint's data in another window
	 */
	void addAll(EndpointWindow other) {
		for (int index = 0; index < this.trees.length; index++) {
			CallTree tree = other.trees[index];
			LongLongMap self = other.applicationSelf[index];
			LineTable table = other.lines[index];
			if (tree == null || self == null || table == null) {
				continue;
			}
			if (this.trees[index] == null) {
				this.trees[index] = new CallTree(this.maxNodesPerTree);
				this.applicationSelf[index] = new LongLongMap(16);
				this.lines[index] = new LineTable(this.maxNodesPerTree);
			}
			this.trees[index].addAll(tree);
			this.lines[index].addAll(table);
			LongLongMap target = this.applicationSelf[index];
			self.forEach(target::add);
		}
		this.requestsPerFrame.addAll(other.requestsPerFrame);
		this.latency.addAll(other.latency);
		this.errors += other.errors;
		this.profiledRequests += other.profiledRequests;
		this.kind = other.kind;
		this.slowest.addAll(other.slowest);
		this.slowest.sort((a, b) -> Long.compare(b.durationNanos(), a.durationNanos()));
		while (this.slowest.size() > this.slowestCapacity) {
			this.slowest.remove(this.slowest.size() - 1).drop();
		}
	}

	/**
	 * Records a completed request and keeps it if it is among the slowest.
	 * @return the kept request, or {@code null} when it is not among the slowest
	 */
	@Nullable SlowRequest recordRequest(SlowRequest request, boolean error) {
		this.latency.record(request.durationNanos());
		if (error) {
			this.errors++;
		}
		int position = this.slowest.size();
		while (position > 0 && this.slowest.get(position - 1).durationNanos() < request.durationNanos()) {
			position--;
		}
		if (position >= this.slowestCapacity) {
			return null;
		}
		this.slowest.add(position, request);
		if (this.slowest.size() > this.slowestCapacity) {
			this.slowest.remove(this.slowest.size() - 1).drop();
		}
		return request;
	}

	/**
	 * Receives a frame and a weight.
	 */
	@FunctionalInterface
	public interface FrameWeights {

		/**
		 * One frame's weight.
		 * @param frame the frame id
		 * @param weight its weight
		 */
		void accept(int frame, long weight);

	}

	/**
	 * Receives one source line of a function.
	 */
	@FunctionalInterface
	public interface LineWeights {

		/**
		 * One line's weights.
		 * @param line the line, {@code 0} when unknown, {@link #FUNCTION_LINE} for the
		 * function itself
		 * @param self the weight of samples that ended on it
		 * @param total the weight of samples that passed through it, once per sample
		 */
		void accept(int line, long self, long total);

	}

	/**
	 * Compacts the trees, line tables and counts of requests per function, its slowest
	 * requests' trees included, for a window that has closed.
	 */
	void compact() {
		this.requestsPerFrame.compact();
		compactSlowest();
		for (CallTree tree : this.trees) {
			if (tree != null) {
				tree.compact();
			}
		}
		for (LineTable table : this.lines) {
			if (table != null) {
				table.compact();
			}
		}
	}

	/** Compacts the trees of the slowest requests. */
	void compactSlowest() {
		for (SlowRequest request : this.slowest) {
			request.compact();
		}
	}

	/**
	 * What this holds for the store's memory bound: call tree nodes and line rows, which
	 * cost about as much as a node each, its slowest requests' trees included.
	 */
	long nodes() {
		long nodes = 0;
		for (SlowRequest request : this.slowest) {
			nodes += request.nodes();
		}
		for (CallTree tree : this.trees) {
			nodes += (tree != null) ? tree.size() : 0;
		}
		for (LineTable table : this.lines) {
			nodes += (table != null) ? table.size() : 0;
		}
		return nodes;
	}

}

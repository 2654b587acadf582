package dev.hotpath.profile;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Stacks merged by path from the root: each node is a frame with the samples that ended
 * in it (self) and that passed through it (total). Nodes live in parallel primitive
 * arrays and children are found through one {@link ChildIndex} by parent and frame, so
 * adding a stack costs one lookup per frame and no allocation once the arrays are large
 * enough. Bounded: beyond {@code maxNodes} a stack's remaining frames are cut and its
 * weight stays on the deepest node that exists; the cut samples are counted in
 * {@link #truncated()}.
 */
public final class CallTree {

	/** The index of the root node. */
	public static final int ROOT = 0;

	private static final int NONE = -1;

	private final int maxNodes;

	private int size;

	private int[] frame;

	private int[] parent;

	private int[] firstChild;

	private int[] nextSibling;

	private long[] self;

	private long[] total;

	private int[] selfSamples;

	/** Null once {@linkplain #compact() compacted}, until a node is added again. */
	private @Nullable ChildIndex children;

	private long truncated;

	private long stacks;

	/**
	 * Creates an empty tree with only its root.
	 * @param maxNodes the most nodes it may hold
	 */
	public CallTree(int maxNodes) {
		this.maxNodes = Math.max(maxNodes, 1);
		int capacity = Math.min(this.maxNodes, 64);
		this.frame = new int[capacity];
		this.parent = new int[capacity];
		this.firstChild = new int[capacity];
		this.nextSibling = new int[capacity];
		this.self = new long[capacity];
		this.total = new long[capacity];
		this.selfSamples = new int[capacity];
		this.children = new ChildIndex(capacity);
		newNode(NONE, Frames.ROOT);
	}

	/**
	 * Adds one stack.
	 * @param stack frame ids, root-most first
	 * @param weight the weight to add
	 */
	public void add(int[] stack, long weight) {
		this.stacks++;
		int node = ROOT;
		this.total[ROOT] += weight;
		for (int frameId : stack) {
			int child = child(node, frameId);
			if (child == NONE) {
				this.truncated += weight;
				break;
			}
			node = child;
			this.total[node] += weight;
		}
		this.self[node] += weight;
		this.selfSamples[node]++;
	}

	/**
	 * Adds every stack of another tree to this one.
	 * @param other the tree to merge in
	 */
	public void addAll(CallTree other) {
		// where each of the other tree's nodes landed here: the node itself, or, for a
		// node cut off because this tree is full, the node its weight was added to
		int[] mapped = new int[other.size];
		boolean[] cut = new boolean[other.size];
		mapped[ROOT] = ROOT;
		this.total[ROOT] += other.total[ROOT];
		this.self[ROOT] += other.self[ROOT];
		this.selfSamples[ROOT] += other.selfSamples[ROOT];
		this.truncated += other.truncated;
		this.stacks += other.stacks;
		// parents always precede their children, so one pass in index order suffices
		for (int node = 1; node < other.size; node++) {
			int target = mapped[other.parent[node]];
			if (cut[other.parent[node]]) {
				// the weight went to target with the cut-off ancestor's total
				mapped[node] = target;
				cut[node] = true;
				this.selfSamples[target] += other.selfSamples[node];
				continue;
			}
			int child = child(target, other.frame[node]);
			if (child == NONE) {
				mapped[node] = target;
				cut[node] = true;
				this.truncated += other.total[node];
				this.self[target] += other.total[node];
				this.selfSamples[target] += other.selfSamples[node];
				continue;
			}
			mapped[node] = child;
			this.total[child] += other.total[node];
			this.self[child] += other.self[node];
			this.selfSamples[child] += other.selfSamples[node];
		}
	}

	/**
	 * The child of a node for a frame, created if absent.
	 * @param node the parent node
	 * @param frameId the child's frame
	 * @return the child, or -1 when the tree is full
	 */
	public int childFor(int node, int frameId) {
		return child(node, frameId);
	}

	/**
	 * Adds weight ending in a node: its self and the total of it and its ancestors.
	 * @param node the node
	 * @param weight the weight
	 */
	public void addSelf(int node, long weight) {
		this.self[node] += weight;
		for (int current = node; current != NONE; current = this.parent[current]) {
			this.total[current] += weight;
		}
	}

	/**
	 * Adds weight and the samples it stands for ending in a node, as if that many stacks
	 * ending there had been {@linkplain #add added}: rebuilds a tree saved node by node.
	 * Costs one step per ancestor.
	 * @param node the node
	 * @param weight the weight
	 * @param samples how many samples the weight stands for
	 */
	public void addSelf(int node, long weight, long samples) {
		addSelf(node, weight);
		this.selfSamples[node] += (int) samples;
		this.stacks += samples;
	}

	public int size() {
		return this.size;
	}

	public int frame(int node) {
		return this.frame[node];
	}

	public int parent(int node) {
		return this.parent[node];
	}

	/** The first child of a node, or -1. */
	public int firstChild(int node) {
		return this.firstChild[node];
	}

	/** The next sibling of a node, or -1. */
	public int nextSibling(int node) {
		return this.nextSibling[node];
	}

	/**
	 * How many samples ended at a node: its self weight's sample count, which differs
	 * from the weight for types weighed in bytes or nanoseconds.
	 * @param node the node
	 * @return the count
	 */
	public long selfSamples(int node) {
		return this.selfSamples[node];
	}

	public long self(int node) {
		return this.self[node];
	}

	public long total(int node) {
		return this.total[node];
	}

	/**
	 * How many stacks were added, merged trees included: the number of samples when each
	 * sample weighs a quantity such as bytes rather than one.
	 */
	public long stacks() {
		return this.stacks;
	}

	/** The weight of samples whose stacks were cut because the tree was full. */
	public long truncated() {
		return this.truncated;
	}

	/**
	 * The child of a node for a frame, without creating it.
	 * @param node the parent node
	 * @param frameId the child's frame
	 * @return the child, or -1 when the node has none for that frame
	 */
	public int find(int node, int frameId) {
		ChildIndex index = this.children;
		if (index != null) {
			return index.find(this.parent, this.frame, node, frameId);
		}
		for (int child = this.firstChild[node]; child != NONE; child = this.nextSibling[child]) {
			if (this.frame[child] == frameId) {
				return child;
			}
		}
		return NONE;
	}

	/**
	 * Trims the tree to its nodes and drops its child index, for a window that has
	 * closed: 36 bytes a node are left. A lookup then walks the node's children, and the
	 * next node added rebuilds the index. Costs a copy of the tree.
	 */
	public void compact() {
		if (this.children == null) {
			return;
		}
		this.children = null;
		if (this.frame.length > this.size) {
			this.frame = Arrays.copyOf(this.frame, this.size);
			this.parent = Arrays.copyOf(this.parent, this.size);
			this.firstChild = Arrays.copyOf(this.firstChild, this.size);
			this.nextSibling = Arrays.copyOf(this.nextSibling, this.size);
			this.self = Arrays.copyOf(this.self, this.size);
			this.total = Arrays.copyOf(this.total, this.size);
			this.selfSamples = Arrays.copyOf(this.selfSamples, this.size);
		}
	}

	private int child(int node, int frameId) {
		ChildIndex index = this.children;
		if (index == null) {
			index = new ChildIndex(this.size);
			for (int existing = 1; existing < this.size; existing++) {
				index.add(this.parent, this.frame, existing);
			}
			this.children = index;
		}
		int child = index.find(this.parent, this.frame, node, frameId);
		if (child >= 0 || this.size >= this.maxNodes) {
			return child;
		}
		child = newNode(node, frameId);
		index.add(this.parent, this.frame, child);
		return child;
	}

	private int newNode(int parentNode, int frameId) {
		if (this.size == this.frame.length) {
			grow();
		}
		int node = this.size++;
		this.frame[node] = frameId;
		this.parent[node] = parentNode;
		this.firstChild[node] = NONE;
		this.nextSibling[node] = NONE;
		if (parentNode != NONE) {
			this.nextSibling[node] = this.firstChild[parentNode];
			this.firstChild[parentNode] = node;
		}
		return node;
	}

	private void grow() {
		int capacity = Math.min(this.frame.length * 2, this.maxNodes);
		this.frame = Arrays.copyOf(this.frame, capacity);
		this.parent = Arrays.copyOf(this.parent, capacity);
		this.firstChild = Arrays.copyOf(this.firstChild, capacity);
		this.nextSibling = Arrays.copyOf(this.nextSibling, capacity);
		this.self = Arrays.copyOf(this.self, capacity);
		this.total = Arrays.copyOf(this.total, capacity);
		this.selfSamples = Arrays.copyOf(this.selfSamples, capacity);
	}

}

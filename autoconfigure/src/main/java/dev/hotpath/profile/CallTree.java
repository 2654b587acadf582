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
 * {@link #truncated()}. A closed window's tree is {@linkplain #compact() compacted} into
 * bit-packed columns.
 */
public final class CallTree {

	/** The index of the root node. */
	public static final int ROOT = 0;

	private static final int NONE = -1;

	private static final int[] NO_INTS = {};

	private static final long[] NO_LONGS = {};

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

	/**
	 * The nodes once {@linkplain #compact() compacted}, while the arrays above are empty;
	 * null while the tree is writable.
	 */
	private @Nullable Packed packed;

	private long truncated;

	private long stacks;

	/**
	 * Creates an empty tree with only its root.
	 * @param maxNodes the most nodes it may hold
	 */
	public CallTree(int maxNodes) {
		this.maxNodes = Math.max(maxNodes, 1);
		int capacity = Math.min(this.maxNodes, 64);
		allocate(capacity);
		this.children = new ChildIndex(capacity);
		newNode(NONE, Frames.ROOT);
	}

	/**
	 * Adds one stack.
	 * @param stack frame ids, root-most first
	 * @param weight the weight to add
	 */
	public void add(int[] stack, long weight) {
		writable();
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
		writable();
		// where each of the other tree's nodes landed here: the node itself, or, for a
		// node cut off because this tree is full, the node its weight was added to
		int[] mapped = new int[other.size];
		boolean[] cut = new boolean[other.size];
		mapped[ROOT] = ROOT;
		this.total[ROOT] += other.total(ROOT);
		this.self[ROOT] += other.self(ROOT);
		this.selfSamples[ROOT] += (int) other.selfSamples(ROOT);
		this.truncated += other.truncated;
		this.stacks += other.stacks;
		// parents always precede their children, so one pass in index order suffices
		for (int node = 1; node < other.size; node++) {
			int otherParent = other.parent(node);
			int target = mapped[otherParent];
			if (cut[otherParent]) {
				// the weight went to target with the cut-off ancestor's total
				mapped[node] = target;
				cut[node] = true;
				this.selfSamples[target] += (int) other.selfSamples(node);
				continue;
			}
			int child = child(target, other.frame(node));
			if (child == NONE) {
				mapped[node] = target;
				cut[node] = true;
				this.truncated += other.total(node);
				this.self[target] += other.total(node);
				this.selfSamples[target] += (int) other.selfSamples(node);
				continue;
			}
			mapped[node] = child;
			this.total[child] += other.total(node);
			this.self[child] += other.self(node);
			this.selfSamples[child] += (int) other.selfSamples(node);
		}
	}

	/**
	 * The child of a node for a frame, created if absent.
	 * @param node the parent node
	 * @param frameId the child's frame
	 * @return the child, or -1 when the tree is full
	 */
	public int childFor(int node, int frameId) {
		writable();
		return child(node, frameId);
	}

	/**
	 * Adds weight ending in a node: its self and the total of it and its ancestors.
	 * @param node the node
	 * @param weight the weight
	 */
	public void addSelf(int node, long weight) {
		writable();
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
		Packed nodes = this.packed;
		return (nodes != null) ? nodes.frame.getInt(node, 0) : this.frame[node];
	}

	public int parent(int node) {
		Packed nodes = this.packed;
		return (nodes != null) ? nodes.parent.getInt(node, 1) : this.parent[node];
	}

	/** The first child of a node, or -1. */
	public int firstChild(int node) {
		Packed nodes = this.packed;
		return (nodes != null) ? nodes.firstChild.getInt(node, 1) : this.firstChild[node];
	}

	/** The next sibling of a node, or -1. */
	public int nextSibling(int node) {
		Packed nodes = this.packed;
		return (nodes != null) ? nodes.nextSibling.getInt(node, 1) : this.nextSibling[node];
	}

	/**
	 * How many samples ended at a node: its self weight's sample count, which differs
	 * from the weight for types weighed in bytes or nanoseconds.
	 * @param node the node
	 * @return the count
	 */
	public long selfSamples(int node) {
		Packed nodes = this.packed;
		return (nodes != null) ? nodes.selfSamples.get(node) : this.selfSamples[node];
	}

	public long self(int node) {
		Packed nodes = this.packed;
		return (nodes != null) ? nodes.self.get(node) : this.self[node];
	}

	public long total(int node) {
		Packed nodes = this.packed;
		return (nodes != null) ? nodes.total.get(node) : this.total[node];
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
		for (int child = firstChild(node); child != NONE; child = nextSibling(child)) {
			if (frame(child) == frameId) {
				return child;
			}
		}
		return NONE;
	}

	/**
	 * Packs the tree's nodes into columns of as many bits as each needs and drops its
	 * child index, for a window that has closed: a node of a framework-heavy
	 * application's tree then takes about 8 bytes rather than 36 (and up to twice that of
	 * slack while it grows). A lookup then walks the node's children, and the next change
	 * unpacks the tree and rebuilds the index. Costs a pass over the tree.
	 */
	public void compact() {
		if (this.packed != null) {
			return;
		}
		this.packed = new Packed(this);
		this.children = null;
		this.frame = NO_INTS;
		this.parent = NO_INTS;
		this.firstChild = NO_INTS;
		this.nextSibling = NO_INTS;
		this.self = NO_LONGS;
		this.total = NO_LONGS;
		this.selfSamples = NO_INTS;
	}

	/** Unpacks a compacted tree into arrays that can take new nodes and weights. */
	private void writable() {
		Packed nodes = this.packed;
		if (nodes == null) {
			return;
		}
		allocate(Math.max(this.size, 1));
		for (int node = 0; node < this.size; node++) {
			this.frame[node] = nodes.frame.getInt(node, 0);
			this.parent[node] = nodes.parent.getInt(node, 1);
			this.firstChild[node] = nodes.firstChild.getInt(node, 1);
			this.nextSibling[node] = nodes.nextSibling.getInt(node, 1);
			this.self[node] = nodes.self.get(node);
			this.total[node] = nodes.total.get(node);
			this.selfSamples[node] = (int) nodes.selfSamples.get(node);
		}
		this.packed = null;
	}

	private void allocate(int capacity) {
		this.frame = new int[capacity];
		this.parent = new int[capacity];
		this.firstChild = new int[capacity];
		this.nextSibling = new int[capacity];
		this.self = new long[capacity];
		this.total = new long[capacity];
		this.selfSamples = new int[capacity];
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

	/**
	 * A compacted tree's nodes: the arrays' columns packed, links to no node (-1) stored
	 * as 0.
	 */
	private static final class Packed {

		private final PackedLongs frame;

		private final PackedLongs parent;

		private final PackedLongs firstChild;

		private final PackedLongs nextSibling;

		private final PackedLongs self;

		private final PackedLongs total;

		private final PackedLongs selfSamples;

		Packed(CallTree tree) {
			int size = tree.size;
			this.frame = PackedLongs.of(tree.frame, size, 0);
			this.parent = PackedLongs.of(tree.parent, size, 1);
			this.firstChild = PackedLongs.of(tree.firstChild, size, 1);
			this.nextSibling = PackedLongs.of(tree.nextSibling, size, 1);
			this.self = PackedLongs.of(tree.self, size);
			this.total = PackedLongs.of(tree.total, size);
			this.selfSamples = PackedLongs.of(tree.selfSamples, size, 0);
		}

	}

}

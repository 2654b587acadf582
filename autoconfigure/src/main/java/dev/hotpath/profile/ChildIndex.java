package dev.hotpath.profile;

/**
 * Finds a tree's child node by its parent and frame: an open-addressing set of node ids
 * whose keys are read from the tree's own parent and frame arrays, so an entry costs 4
 * bytes of table (6 to 12 per node, at most two-thirds full) where a map of keys to ids
 * costs 12 (24 to 48 per node). Node 0, the root, is never a child, so 0 marks a free
 * slot. A lookup allocates nothing; nodes are never removed.
 */
final class ChildIndex {

	private static final int NONE = -1;

	private int[] table;

	private int size;

	ChildIndex(int expected) {
		this.table = new int[tableSize(expected)];
	}

	/**
	 * The child of a node for a frame.
	 * @param parent the tree's parent of each node
	 * @param frame the tree's frame of each node
	 * @return the child, or -1 when there is none
	 */
	int find(int[] parent, int[] frame, int parentNode, int frameId) {
		int mask = this.table.length - 1;
		for (int i = hash(parentNode, frameId) & mask;; i = (i + 1) & mask) {
			int node = this.table[i];
			if (node == 0) {
				return NONE;
			}
			if (frame[node] == frameId && parent[node] == parentNode) {
				return node;
			}
		}
	}

	/**
	 * Adds a node whose parent and frame are set and that is not in the index yet.
	 * @param parent the tree's parent of each node
	 * @param frame the tree's frame of each node
	 * @param node the new node
	 */
	void add(int[] parent, int[] frame, int node) {
		if ((this.size + 1) * 3 > this.table.length * 2) {
			int[] old = this.table;
			this.table = new int[old.length * 2];
			for (int entry : old) {
				if (entry != 0) {
					insert(parent, frame, entry);
				}
			}
		}
		insert(parent, frame, node);
		this.size++;
	}

	private void insert(int[] parent, int[] frame, int node) {
		int mask = this.table.length - 1;
		int i = hash(parent[node], frame[node]) & mask;
		while (this.table[i] != 0) {
			i = (i + 1) & mask;
		}
		this.table[i] = node;
	}

	private static int tableSize(int expected) {
		return Integer.highestOneBit(Math.max(expected * 3 / 2, 16) - 1) << 1;
	}

	private static int hash(int parentNode, int frameId) {
		return LongIntMap.hash(((long) parentNode << 32) | (frameId & 0xFFFFFFFFL));
	}

}

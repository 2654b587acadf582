package dev.hotpath.profile;

import java.util.Arrays;

/**
 * Stacks stored once: a trie of frame ids in which a stack is the id of its deepest node.
 * At most 20 bytes a node; a stack that no longer fits is cut where the trie is full.
 */
final class StackTrie {

	private static final int ROOT = 0;

	private final int maxNodes;

	private int[] parent = new int[1024];

	private int[] frame = new int[1024];

	private final ChildIndex children = new ChildIndex(1024);

	private int size = 1;

	StackTrie(int maxNodes) {
		this.maxNodes = maxNodes;
		this.parent[ROOT] = -1;
	}

	/**
	 * The id of a stack, added if absent.
	 * @param stack frame ids, root first
	 * @return the stack's id
	 */
	int id(int[] stack) {
		int node = ROOT;
		for (int frameId : stack) {
			int child = this.children.find(this.parent, this.frame, node, frameId);
			if (child < 0) {
				if (this.size >= this.maxNodes) {
					return node;
				}
				child = add(node, frameId);
				this.children.add(this.parent, this.frame, child);
			}
			node = child;
		}
		return node;
	}

	/**
	 * The frames of a stack.
	 * @param id a stack id from {@link #id}
	 * @return its frame ids, root first
	 */
	int[] stack(int id) {
		int depth = 0;
		for (int node = id; node != ROOT; node = this.parent[node]) {
			depth++;
		}
		int[] stack = new int[depth];
		for (int node = id; node != ROOT; node = this.parent[node]) {
			stack[--depth] = this.frame[node];
		}
		return stack;
	}

	boolean full() {
		return this.size >= this.maxNodes;
	}

	int size() {
		return this.size;
	}

	private int add(int parentNode, int frameId) {
		if (this.size == this.parent.length) {
			int capacity = Math.min(this.parent.length * 2, this.maxNodes);
			this.parent = Arrays.copyOf(this.parent, capacity);
			this.frame = Arrays.copyOf(this.frame, capacity);
		}
		int node = this.size++;
		this.parent[node] = parentNode;
		this.frame[node] = frameId;
		return node;
	}

}

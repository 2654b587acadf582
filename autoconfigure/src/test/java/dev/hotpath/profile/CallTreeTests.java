package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallTreeTests {

	@Test
	void mergesStacksByPathWithSelfAndTotal() {
		CallTree tree = new CallTree(100);
		tree.add(new int[] { 10, 11 }, 3);
		tree.add(new int[] { 10, 12 }, 2);
		tree.add(new int[] { 10 }, 1);
		int main = tree.firstChild(CallTree.ROOT);
		assertThat(tree.frame(main)).isEqualTo(10);
		assertThat(tree.total(main)).isEqualTo(6);
		assertThat(tree.self(main)).isEqualTo(1);
		assertThat(tree.total(CallTree.ROOT)).isEqualTo(6);
		assertThat(tree.size()).isEqualTo(4);
	}

	@Test
	void cutsStacksBeyondItsNodeCapAndCountsTheirWeight() {
		CallTree tree = new CallTree(3);
		tree.add(new int[] { 10, 11, 12, 13 }, 5);
		assertThat(tree.size()).isEqualTo(3);
		assertThat(tree.truncated()).isEqualTo(5);
		assertThat(tree.total(CallTree.ROOT)).isEqualTo(5);
		int last = tree.firstChild(tree.firstChild(CallTree.ROOT));
		assertThat(tree.self(last)).isEqualTo(5);
	}

	@Test
	void addsAnotherTreeAsIfItsStacksWereAddedOneByOne() {
		CallTree first = new CallTree(100);
		first.add(new int[] { 1, 2 }, 4);
		CallTree second = new CallTree(100);
		second.add(new int[] { 1, 2 }, 1);
		second.add(new int[] { 1, 3 }, 2);
		first.addAll(second);
		CallTree expected = new CallTree(100);
		expected.add(new int[] { 1, 2 }, 5);
		expected.add(new int[] { 1, 3 }, 2);
		assertThat(first.size()).isEqualTo(expected.size());
		assertThat(first.total(CallTree.ROOT)).isEqualTo(7);
		assertThat(first.total(first.firstChild(CallTree.ROOT))).isEqualTo(7);
	}

	@Test
	void answersTheSameOnceCompactedAndTakesNewStacksAfter() {
		Random random = new Random(5);
		CallTree compacted = new CallTree(5000);
		CallTree plain = new CallTree(5000);
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 400; i++) {
				int[] stack = randomStack(random);
				compacted.add(stack, i);
				plain.add(stack, i);
			}
			compacted.compact();
			assertSameNodes(compacted, plain);
			for (int node = 1; node < plain.size(); node++) {
				assertThat(compacted.find(plain.parent(node), plain.frame(node))).isEqualTo(node);
			}
			assertThat(compacted.find(CallTree.ROOT, 99)).isEqualTo(-1);
		}
	}

	@Test
	void compactedTreeAddsToAnotherAndTakesWeightOnItsNodesAsBefore() {
		Random random = new Random(11);
		CallTree compacted = new CallTree(5000);
		CallTree plain = new CallTree(5000);
		for (int i = 0; i < 300; i++) {
			int[] stack = randomStack(random);
			// weights beyond 32 bits, as nanoseconds of wall-clock time add up to
			long weight = (1L << 33) + i;
			compacted.add(stack, weight);
			plain.add(stack, weight);
		}
		compacted.compact();
		CallTree fromCompacted = new CallTree(5000);
		fromCompacted.addAll(compacted);
		CallTree fromPlain = new CallTree(5000);
		fromPlain.addAll(plain);
		assertSameNodes(fromCompacted, fromPlain);
		int deep = plain.size() - 1;
		compacted.addSelf(deep, 5);
		plain.addSelf(deep, 5);
		assertSameNodes(compacted, plain);
	}

	@Test
	void holdsEachPathsTotalAndSelfAsAPlainModelDoesUpToItsNodeCap() {
		// stacks that share prefixes in every way (the same, longer, shorter, forking at
		// any depth, recursion), into a tree that fills up on the way, compacted half
		// way: each path's total and self are those of a plain model
		Random random = new Random(7);
		CallTree tree = new CallTree(120);
		Map<List<Integer>, long[]> model = new HashMap<>();
		long truncated = 0;
		int[] previous = { 1 };
		for (int i = 0; i < 2_000; i++) {
			int shared = random.nextInt(previous.length + 1);
			int[] stack = Arrays.copyOf(previous, shared + random.nextInt(4));
			for (int depth = shared; depth < stack.length; depth++) {
				stack[depth] = 1 + random.nextInt(3);
			}
			if (stack.length == 0) {
				stack = new int[] { 1 };
			}
			long weight = 1 + random.nextInt(5);
			tree.add(stack, weight);
			truncated += addToModel(model, stack, weight, 120);
			previous = stack;
			if (i == 1_000) {
				tree.compact();
			}
		}
		Map<List<Integer>, long[]> held = new HashMap<>();
		for (int node = 1; node < tree.size(); node++) {
			held.put(path(tree, node), new long[] { tree.total(node), tree.self(node) });
		}
		assertThat(held.keySet()).isEqualTo(model.keySet());
		model.forEach((path, weights) -> assertThat(held.get(path)).as("%s", path).containsExactly(weights));
		assertThat(tree.truncated()).isEqualTo(truncated);
	}

	/**
	 * Adds a stack as a tree of at most {@code maxNodes} nodes (the root among them)
	 * holds it: the paths it has, its weight on each, its self on the deepest.
	 * @return the weight cut
	 */
	private static long addToModel(Map<List<Integer>, long[]> model, int[] stack, long weight, int maxNodes) {
		List<Integer> path = new ArrayList<>();
		long[] deepest = null;
		for (int frame : stack) {
			path.add(frame);
			long[] weights = model.get(path);
			if (weights == null) {
				if (model.size() + 1 >= maxNodes) {
					path.remove(path.size() - 1);
					if (deepest != null) {
						deepest[1] += weight;
					}
					return weight;
				}
				weights = new long[2];
				model.put(List.copyOf(path), weights);
			}
			weights[0] += weight;
			deepest = weights;
		}
		deepest[1] += weight;
		return 0;
	}

	private static List<Integer> path(CallTree tree, int node) {
		List<Integer> path = new ArrayList<>();
		for (int at = node; at != CallTree.ROOT; at = tree.parent(at)) {
			path.add(0, tree.frame(at));
		}
		return path;
	}

	private static void assertSameNodes(CallTree actual, CallTree expected) {
		assertThat(actual.size()).isEqualTo(expected.size());
		assertThat(actual.stacks()).isEqualTo(expected.stacks());
		assertThat(actual.truncated()).isEqualTo(expected.truncated());
		for (int node = 0; node < expected.size(); node++) {
			assertThat(actual.frame(node)).isEqualTo(expected.frame(node));
			assertThat(actual.parent(node)).isEqualTo(expected.parent(node));
			assertThat(actual.firstChild(node)).isEqualTo(expected.firstChild(node));
			assertThat(actual.nextSibling(node)).isEqualTo(expected.nextSibling(node));
			assertThat(actual.self(node)).isEqualTo(expected.self(node));
			assertThat(actual.total(node)).isEqualTo(expected.total(node));
			assertThat(actual.selfSamples(node)).isEqualTo(expected.selfSamples(node));
		}
	}

	private static int[] randomStack(Random random) {
		int[] stack = new int[1 + random.nextInt(12)];
		for (int i = 0; i < stack.length; i++) {
			stack[i] = random.nextInt(4);
		}
		return stack;
	}

}

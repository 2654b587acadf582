package dev.hotpath.profile;

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

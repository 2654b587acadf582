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
			assertThat(compacted.size()).isEqualTo(plain.size());
			for (int node = 1; node < plain.size(); node++) {
				assertThat(compacted.find(plain.parent(node), plain.frame(node))).isEqualTo(node);
				assertThat(compacted.total(node)).isEqualTo(plain.total(node));
				assertThat(compacted.self(node)).isEqualTo(plain.self(node));
			}
			assertThat(compacted.find(CallTree.ROOT, 99)).isEqualTo(-1);
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

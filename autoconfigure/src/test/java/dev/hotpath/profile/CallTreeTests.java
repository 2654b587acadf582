package dev.hotpath.profile;

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

}

package dev.hotpath.profile;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineTableTests {

	private static final int MAIN = 10;

	private static final int WORK = 11;

	@Test
	void countsEachLineAsSelfWhereASampleEndsAndAsTotalWhereItPasses() {
		LineTable table = new LineTable(100);
		table.add(new int[] { MAIN, WORK }, new int[] { 5, 20 }, 3);
		table.add(new int[] { MAIN, WORK }, new int[] { 5, 21 }, 2);
		table.add(new int[] { MAIN }, new int[] { 6 }, 1);
		assertThat(lines(table, MAIN)).containsExactly("function:1/6", "5:0/5", "6:1/1");
		assertThat(lines(table, WORK)).containsExactly("function:5/5", "20:3/3", "21:2/2");
	}

	@Test
	void countsARecursiveLineAndFunctionOncePerSampleInTheirTotal() {
		LineTable table = new LineTable(100);
		// WORK calls itself from line 30 twice, then ends on line 31
		table.add(new int[] { MAIN, WORK, WORK, WORK }, new int[] { 5, 30, 30, 31 }, 4);
		assertThat(lines(table, WORK)).containsExactly("function:4/4", "30:0/4", "31:4/4");
		table.add(new int[] { MAIN, WORK, WORK }, new int[] { 5, 30, 30 }, 1);
		assertThat(lines(table, WORK)).containsExactly("function:5/5", "30:1/5", "31:4/4");
	}

	@Test
	void putsUnknownAndNegativeLinesAndStacksWithoutLinesOnLineZero() {
		LineTable table = new LineTable(100);
		table.add(new int[] { MAIN, WORK }, new int[] { 0, -1 }, 1);
		table.add(new int[] { MAIN, WORK }, Sample.NO_LINES, 2);
		assertThat(lines(table, WORK)).containsExactly("function:3/3", "0:3/3");
		assertThat(lines(table, MAIN)).containsExactly("function:0/3", "0:0/3");
	}

	@Test
	void makesNoRowBeyondItsBoundAndCountsTheWeightOfSamplesThatLostOne() {
		LineTable table = new LineTable(4);
		table.add(new int[] { MAIN, WORK }, new int[] { 5, 20 }, 3);
		table.add(new int[] { MAIN, WORK }, new int[] { 5, 21 }, 2);
		table.add(new int[] { MAIN, WORK }, new int[] { 5, 20 }, 1);
		assertThat(table.size()).isEqualTo(4);
		assertThat(table.truncated()).isEqualTo(2);
		assertThat(lines(table, WORK)).containsExactly("function:6/6", "20:4/4");
	}

	@Test
	void growsAndKeepsEveryRow() {
		LineTable table = new LineTable(10_000);
		for (int line = 1; line <= 1000; line++) {
			table.add(new int[] { MAIN, WORK }, new int[] { 5, line }, line);
		}
		Map<Integer, long[]> work = weights(table, WORK);
		assertThat(work).hasSize(1001);
		assertThat(work.get(LineTable.FUNCTION)).containsExactly(500_500, 500_500);
		assertThat(work.get(777)).containsExactly(777, 777);
		assertThat(table.size()).isEqualTo(1003);
		assertThat(table.truncated()).isZero();
	}

	@Test
	void answersTheSameOnceCompactedAndCountsTotalsOncePerSampleAfter() {
		LineTable compacted = new LineTable(10_000);
		LineTable plain = new LineTable(10_000);
		for (int round = 0; round < 3; round++) {
			for (int line = 1; line <= 300; line++) {
				int[] stack = { MAIN, WORK, WORK };
				int[] lines = { 5, line, line % 7 };
				compacted.add(stack, lines, line);
				plain.add(stack, lines, line);
			}
			compacted.compact();
			assertThat(rows(compacted, WORK)).isEqualTo(rows(plain, WORK));
			assertThat(rows(compacted, MAIN)).isEqualTo(rows(plain, MAIN));
			assertThat(compacted.size()).isEqualTo(plain.size());
		}
		assertThat(weights(compacted, WORK).get(LineTable.FUNCTION)).containsExactly(3 * 45_150, 3 * 45_150);
	}

	@Test
	void compactedTableAddsToAnotherAsBefore() {
		LineTable compacted = new LineTable(10_000);
		LineTable plain = new LineTable(10_000);
		for (int line = 1; line <= 300; line++) {
			int[] stack = { MAIN, WORK };
			int[] lines = { 5, line };
			long weight = (1L << 40) + line;
			compacted.add(stack, lines, weight);
			plain.add(stack, lines, weight);
		}
		compacted.compact();
		LineTable fromCompacted = new LineTable(10_000);
		fromCompacted.addAll(compacted);
		LineTable fromPlain = new LineTable(10_000);
		fromPlain.addAll(plain);
		assertThat(rows(fromCompacted, WORK)).isEqualTo(rows(fromPlain, WORK)).hasSize(301);
		assertThat(rows(fromCompacted, MAIN)).isEqualTo(rows(fromPlain, MAIN));
	}

	@Test
	void addsAKnownStackWithoutAllocating() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		LineTable table = new LineTable(1000);
		int[] stack = new int[120];
		int[] lines = new int[120];
		for (int i = 0; i < stack.length; i++) {
			stack[i] = i % 40;
			lines[i] = 100 + i;
		}
		int samples = 100_000;
		for (int i = 0; i < samples; i++) {
			table.add(stack, lines, 1);
		}
		long thread = Thread.currentThread().getId();
		long before = threads.getThreadAllocatedBytes(thread);
		for (int i = 0; i < samples; i++) {
			table.add(stack, lines, 1);
		}
		long allocated = threads.getThreadAllocatedBytes(thread) - before;
		// one object per sample would be at least 16 bytes each
		assertThat(allocated).as("bytes allocated by %d samples", samples).isLessThan(samples);
		assertThat(weights(table, 0).get(LineTable.FUNCTION)).containsExactly(0, 2L * samples);
	}

	/** A function's rows as {@code line:self/total}, its own row first, then by line. */
	private static List<String> lines(LineTable table, int frame) {
		Map<Integer, long[]> lines = weights(table, frame);
		List<String> rows = new ArrayList<>();
		lines.forEach((line, weights) -> rows
			.add(((line != LineTable.FUNCTION) ? line.toString() : "function") + ":" + weights[0] + "/" + weights[1]));
		return rows;
	}

	private static List<String> rows(LineTable table, int frame) {
		List<String> rows = new ArrayList<>();
		weights(table, frame).forEach((line, weights) -> rows.add(line + ":" + weights[0] + "/" + weights[1]));
		return rows;
	}

	private static Map<Integer, long[]> weights(LineTable table, int frame) {
		Map<Integer, long[]> lines = new TreeMap<>();
		table.forFrame(frame, (line, self, total) -> lines.put(line, new long[] { self, total }));
		return lines;
	}

}

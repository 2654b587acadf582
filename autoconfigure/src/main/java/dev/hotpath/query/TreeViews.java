package dev.hotpath.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.FrameKind;
import dev.hotpath.profile.Frames;
import dev.hotpath.query.Views.Flame;
import dev.hotpath.query.Views.FrameInfo;
import dev.hotpath.query.Views.FunctionRow;
import dev.hotpath.query.Views.Nodes;

/**
 * Shapes call trees for answers: folds library frames into the application frame that
 * called them, lays a tree out as pre-order arrays for a flame graph, and ranks its
 * functions.
 */
final class TreeViews {

	private final Frames frames;

	TreeViews(Frames frames) {
		this.frames = frames;
	}

	/**
	 * The tree with only application frames: each sample's weight lands on the deepest
	 * application frame of its stack, under the application frames that called it.
	 * Samples with no application frame land on {@link Frames#NO_APPLICATION_CODE}.
	 */
	CallTree applicationOnly(CallTree tree) {
		CallTree folded = new CallTree(Math.max(tree.size(), 1));
		int[] mapped = new int[tree.size()];
		mapped[CallTree.ROOT] = CallTree.ROOT;
		for (int node = 1; node < tree.size(); node++) {
			int parent = mapped[tree.parent(node)];
			int frame = tree.frame(node);
			mapped[node] = (this.frames.kind(frame) == FrameKind.APPLICATION) ? folded.childFor(parent, frame) : parent;
		}
		for (int node = 1; node < tree.size(); node++) {
			long self = tree.self(node);
			if (self == 0) {
				continue;
			}
			int target = mapped[node];
			if (target == CallTree.ROOT) {
				target = folded.childFor(CallTree.ROOT, Frames.NO_APPLICATION_CODE);
			}
			folded.addSelf(target, self);
		}
		return folded;
	}

	/** The tree as pre-order arrays, children ordered by name. */
	Flame flame(CallTree tree) {
		int size = tree.size();
		int[] frame = new int[size];
		int[] depth = new int[size];
		long[] total = new long[size];
		long[] self = new long[size];
		Map<Integer, Integer> localFrames = new HashMap<>();
		List<FrameInfo> frameInfos = new ArrayList<>();
		ArrayDeque<int[]> stack = new ArrayDeque<>();
		stack.push(new int[] { CallTree.ROOT, 0 });
		int index = 0;
		while (!stack.isEmpty()) {
			int[] entry = stack.pop();
			int node = entry[0];
			int frameId = tree.frame(node);
			Integer local = localFrames.get(frameId);
			if (local == null) {
				local = frameInfos.size();
				localFrames.put(frameId, local);
				frameInfos.add(new FrameInfo(this.frames.name(frameId), this.frames.kind(frameId).label()));
			}
			frame[index] = local;
			depth[index] = entry[1];
			total[index] = tree.total(node);
			self[index] = tree.self(node);
			index++;
			List<Integer> children = children(tree, node);
			children.sort(Comparator.comparing((Integer child) -> this.frames.name(tree.frame(child))).reversed());
			for (int child : children) {
				stack.push(new int[] { child, entry[1] + 1 });
			}
		}
		return new Flame(frameInfos, new Nodes(frame, depth, total, self));
	}

	/**
	 * The tree's functions ranked by self weight. A function's total counts each sample
	 * once even when the function recurses.
	 * @param requestsWith how many requests contained a frame
	 */
	List<FunctionRow> functions(CallTree tree, IntToLongFunction requestsWith) {
		Map<Integer, long[]> weights = new HashMap<>();
		Map<Integer, Integer> onPath = new HashMap<>();
		ArrayDeque<int[]> stack = new ArrayDeque<>();
		// entries are {node, 0} on the way down and {node, 1} on the way back up
		for (int child : children(tree, CallTree.ROOT)) {
			stack.push(new int[] { child, 0 });
		}
		while (!stack.isEmpty()) {
			int[] entry = stack.pop();
			int node = entry[0];
			int frame = tree.frame(node);
			if (entry[1] == 1) {
				onPath.merge(frame, -1, Integer::sum);
				continue;
			}
			long[] weight = weights.computeIfAbsent(frame, (key) -> new long[2]);
			weight[0] += tree.self(node);
			if (onPath.getOrDefault(frame, 0) == 0) {
				weight[1] += tree.total(node);
			}
			onPath.merge(frame, 1, Integer::sum);
			stack.push(new int[] { node, 1 });
			for (int child : children(tree, node)) {
				stack.push(new int[] { child, 0 });
			}
		}
		double all = Math.max(tree.total(CallTree.ROOT), 1);
		List<FunctionRow> rows = new ArrayList<>();
		weights.forEach(
				(frame, weight) -> rows.add(new FunctionRow(this.frames.name(frame), this.frames.kind(frame).label(),
						weight[0], weight[1], weight[0] / all, weight[1] / all, requestsWith.applyAsLong(frame))));
		rows.sort(Comparator.comparingLong(FunctionRow::self)
			.reversed()
			.thenComparing(Comparator.comparingLong(FunctionRow::total).reversed())
			.thenComparing(FunctionRow::name));
		return rows;
	}

	private static List<Integer> children(CallTree tree, int node) {
		List<Integer> children = new ArrayList<>();
		for (int child = tree.firstChild(node); child >= 0; child = tree.nextSibling(child)) {
			children.add(child);
		}
		return children;
	}

}

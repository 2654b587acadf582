package dev.hotpath.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToLongFunction;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.Components;
import dev.hotpath.profile.FrameKind;
import dev.hotpath.profile.Frames;
import dev.hotpath.query.Views.ComponentShare;
import dev.hotpath.query.Views.Flame;
import dev.hotpath.query.Views.FrameInfo;
import dev.hotpath.query.Views.FunctionRow;
import dev.hotpath.query.Views.Nodes;

/**
 * Shapes call trees for answers: folds library frames into the application frame that
 * called them, lays a tree out as pre-order arrays for a flame graph, and ranks its
 * functions. Made for one query: it remembers what it worked out about the trees it was
 * given, which must not change meanwhile (the store's read lock holds them still).
 */
final class TreeViews {

	/** A library frame with a twentieth of a tree's weight as its own is kept. */
	private static final long HOT_SHARE_DIVISOR = 20;

	private final Frames frames;

	private final Components components;

	/**
	 * Each tree's node components, worked out once per query: folding, the component
	 * split and the function table's callers all read them.
	 */
	private final Map<CallTree, byte[]> effective = new IdentityHashMap<>();

	TreeViews(Frames frames, Components components) {
		this.frames = frames;
		this.components = components;
	}

	/**
	 * The tree as "my code only" shows it: application frames, and of the frames outside
	 * the application only those a user can act on. A library frame is kept where a
	 * component is entered (the view's render call, the repository's query, the JSON
	 * writer: the first frame whose component differs from its caller's), where it holds
	 * a large self share (5% of the tree), and at the bottom of every stack; the others
	 * are folded into the nearest kept frame above them, so each sample's weight lands on
	 * the deepest kept frame of its stack. JDK and native frames work for their caller
	 * and are folded into it.
	 */
	CallTree applicationOnly(CallTree tree) {
		return applicationOnly(tree, hotLibraryFrames(tree));
	}

	/**
	 * The tree as "my code only" shows it, keeping the given hot library frames: two
	 * trees to be compared are folded alike.
	 */
	CallTree applicationOnly(CallTree tree, Set<Integer> hot) {
		CallTree folded = new CallTree(Math.max(tree.size(), 1));
		byte[] effective = effectiveComponents(tree);
		int[] mapped = new int[tree.size()];
		mapped[CallTree.ROOT] = CallTree.ROOT;
		for (int node = 1; node < tree.size(); node++) {
			int parentNode = tree.parent(node);
			int parent = mapped[parentNode];
			int frame = tree.frame(node);
			boolean keep = this.frames.kind(frame) == FrameKind.APPLICATION || parentNode == CallTree.ROOT
					|| effective[node] != effective[parentNode] || hot.contains(frame);
			mapped[node] = keep ? folded.childFor(parent, frame) : parent;
		}
		for (int node = 1; node < tree.size(); node++) {
			long self = tree.self(node);
			if (self != 0) {
				folded.addSelf(mapped[node], self);
			}
		}
		return folded;
	}

	/**
	 * The tree's weight by component, heaviest first. A sample belongs to the component
	 * of the deepest frame of its stack that has one: JDK and native frames work for
	 * their caller; a stack of JDK and native frames alone is the JDK's.
	 */
	List<ComponentShare> components(CallTree tree) {
		long[] weights = new long[this.components.size()];
		addComponentWeights(tree, weights);
		return shares(weights, tree.total(CallTree.ROOT));
	}

	/**
	 * Adds a tree's weight by component to totals indexed by component id.
	 */
	void addComponentWeights(CallTree tree, long[] weights) {
		byte[] effective = effectiveComponents(tree);
		for (int node = 1; node < tree.size(); node++) {
			long self = tree.self(node);
			if (self != 0) {
				byte component = effective[node];
				weights[(component == Components.INHERIT) ? Components.JDK : component] += self;
			}
		}
	}

	/**
	 * Component weights as shares of a total, heaviest first, without the empty ones.
	 */
	List<ComponentShare> shares(long[] weights, long total) {
		List<ComponentShare> shares = new ArrayList<>();
		for (int component = 0; component < weights.length; component++) {
			if (weights[component] > 0) {
				shares.add(new ComponentShare(this.components.name((byte) component),
						this.components.label((byte) component), weights[component],
						(double) weights[component] / Math.max(total, 1)));
			}
		}
		shares.sort(Comparator.comparingLong(ComponentShare::weight).reversed().thenComparing(ComponentShare::name));
		return shares;
	}

	/**
	 * Each node's component: its frame's; its caller's for JDK and native frames; and its
	 * caller's for plumbing under a caller of a component that is not plumbing.
	 */
	private byte[] effectiveComponents(CallTree tree) {
		return this.effective.computeIfAbsent(tree, this::computeEffectiveComponents);
	}

	private byte[] computeEffectiveComponents(CallTree tree) {
		byte[] effective = new byte[tree.size()];
		effective[CallTree.ROOT] = Components.INHERIT;
		// parents come before their children in node order
		for (int node = 1; node < tree.size(); node++) {
			byte own = this.frames.component(tree.frame(node));
			byte caller = effective[tree.parent(node)];
			boolean inherits = own == Components.INHERIT || (this.components.plumbing(own)
					&& caller != Components.INHERIT && !this.components.plumbing(caller));
			effective[node] = inherits ? caller : own;
		}
		return effective;
	}

	/** The library frames that hold a twentieth of a tree's weight as their own. */
	Set<Integer> hotLibraryFrames(CallTree tree) {
		Map<Integer, Long> self = new HashMap<>();
		for (int node = 1; node < tree.size(); node++) {
			int frame = tree.frame(node);
			if (tree.self(node) != 0 && this.frames.kind(frame) == FrameKind.LIBRARY) {
				self.merge(frame, tree.self(node), Long::sum);
			}
		}
		long all = tree.total(CallTree.ROOT);
		Set<Integer> hot = new HashSet<>();
		self.forEach((frame, weight) -> {
			if (weight * HOT_SHARE_DIVISOR >= all && all > 0) {
				hot.add(frame);
			}
		});
		return hot;
	}

	/** The tree as pre-order arrays, children ordered by name. */
	Flame flame(CallTree tree) {
		int[][] order = preOrder(tree);
		int[] nodes = order[0];
		int[] frame = new int[nodes.length];
		long[] total = new long[nodes.length];
		long[] self = new long[nodes.length];
		List<FrameInfo> frameInfos = new ArrayList<>();
		Map<Integer, Integer> localFrames = new HashMap<>();
		for (int index = 0; index < nodes.length; index++) {
			frame[index] = localFrame(tree.frame(nodes[index]), localFrames, frameInfos);
			total[index] = tree.total(nodes[index]);
			self[index] = tree.self(nodes[index]);
		}
		return new Flame(frameInfos, new Nodes(frame, order[1], total, self));
	}

	/**
	 * A frame's index into the frames of one answer, added on first use.
	 */
	int localFrame(int frameId, Map<Integer, Integer> localFrames, List<FrameInfo> frameInfos) {
		Integer local = localFrames.get(frameId);
		if (local == null) {
			local = frameInfos.size();
			localFrames.put(frameId, local);
			frameInfos.add(new FrameInfo(this.frames.name(frameId), this.frames.kind(frameId).label()));
		}
		return local;
	}

	/**
	 * The tree's nodes in pre-order, children ordered by name, and their depths.
	 * @return the nodes and the depths, the root first at depth 0
	 */
	int[][] preOrder(CallTree tree) {
		int size = tree.size();
		int[] nodes = new int[size];
		int[] depth = new int[size];
		ArrayDeque<int[]> stack = new ArrayDeque<>();
		stack.push(new int[] { CallTree.ROOT, 0 });
		int index = 0;
		while (!stack.isEmpty()) {
			int[] entry = stack.pop();
			nodes[index] = entry[0];
			depth[index] = entry[1];
			index++;
			List<Integer> children = children(tree, entry[0]);
			children.sort(Comparator.comparing((Integer child) -> this.frames.name(tree.frame(child))).reversed());
			for (int child : children) {
				stack.push(new int[] { child, entry[1] + 1 });
			}
		}
		return new int[][] { nodes, depth };
	}

	/**
	 * The tree's functions ranked by self weight. A function's total counts each sample
	 * once even when the function recurses.
	 * @param tree the tree shown
	 * @param original the tree before folding, for the callers of library frames
	 * @param requestsWith how many requests contained a frame
	 */
	List<FunctionRow> functions(CallTree tree, CallTree original, IntToLongFunction requestsWith) {
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
		Map<Integer, Integer> callers = callers(original, weights.keySet());
		List<FunctionRow> rows = new ArrayList<>();
		weights.forEach((frame, weight) -> {
			byte component = this.frames.component(frame);
			boolean named = component != Components.INHERIT;
			Integer caller = callers.get(frame);
			rows.add(new FunctionRow(this.frames.name(frame), this.frames.kind(frame).label(), weight[0], weight[1],
					weight[0] / all, weight[1] / all, requestsWith.applyAsLong(frame),
					named ? this.components.name(component) : null, named ? this.components.label(component) : null,
					(caller != null) ? this.frames.name(caller) : null));
		});
		rows.sort(Comparator.comparingLong(FunctionRow::self)
			.reversed()
			.thenComparing(Comparator.comparingLong(FunctionRow::total).reversed())
			.thenComparing(FunctionRow::name));
		return rows;
	}

	/**
	 * For each frame outside the application, the frame that called it with the most
	 * weight: the nearest application frame above it, or, when the stack has none, the
	 * frame that called into its component (the view render call for a template engine's
	 * frames).
	 */
	private Map<Integer, Integer> callers(CallTree tree, Set<Integer> wanted) {
		byte[] effective = effectiveComponents(tree);
		int[] nearestApplication = new int[tree.size()];
		int[] componentCaller = new int[tree.size()];
		nearestApplication[CallTree.ROOT] = -1;
		componentCaller[CallTree.ROOT] = -1;
		Map<Integer, Map<Integer, Long>> weights = new HashMap<>();
		// parents come before their children in node order
		for (int node = 1; node < tree.size(); node++) {
			int frame = tree.frame(node);
			int parent = tree.parent(node);
			boolean application = this.frames.kind(frame) == FrameKind.APPLICATION;
			nearestApplication[node] = application ? node : nearestApplication[parent];
			componentCaller[node] = (parent != CallTree.ROOT && effective[parent] != effective[node]) ? parent
					: componentCaller[parent];
			if (application || parent == CallTree.ROOT || !wanted.contains(frame)) {
				continue;
			}
			int callerNode = (nearestApplication[parent] >= 0) ? nearestApplication[parent]
					: (componentCaller[node] >= 0) ? componentCaller[node] : parent;
			weights.computeIfAbsent(frame, (key) -> new HashMap<>())
				.merge(tree.frame(callerNode), tree.total(node), Long::sum);
		}
		Map<Integer, Integer> callers = new HashMap<>();
		weights.forEach((frame, byCaller) -> byCaller.entrySet()
			.stream()
			.max(Map.Entry.<Integer, Long>comparingByValue()
				.thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
			.ifPresent((top) -> callers.put(frame, top.getKey())));
		return callers;
	}

	private static List<Integer> children(CallTree tree, int node) {
		List<Integer> children = new ArrayList<>();
		for (int child = tree.firstChild(node); child >= 0; child = tree.nextSibling(child)) {
			children.add(child);
		}
		return children;
	}

}

package dev.hotpath.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.EndpointWindow;
import dev.hotpath.profile.FrameKind;
import dev.hotpath.profile.Frames;
import dev.hotpath.profile.LatencyHistogram;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.RequestSource;
import dev.hotpath.profile.VersionProfile;
import dev.hotpath.profile.Window;
import org.jspecify.annotations.Nullable;

/**
 * Copies the running version's profile out of the store, under its read lock: every
 * retained window merged per endpoint and profile type, plus what earlier runs of the
 * same version saved. Bounded: when the merged trees hold more than {@code maxNodes}
 * nodes (roots not counted), each tree keeps a share of them in proportion to its size,
 * and keeps its heaviest nodes; the weight of the nodes left out stays on their nearest
 * kept ancestor as self weight, so every total is still right.
 */
final class Snapshot {

	private final ProfileStore.View view;

	private final @Nullable VersionProfile earlier;

	private final int maxNodesPerTree;

	private final Frames frames;

	private final int[] localIds;

	private final List<String> names = new ArrayList<>();

	private final List<FrameKind> kinds = new ArrayList<>();

	private Snapshot(ProfileStore.View view, @Nullable VersionProfile earlier) {
		this.view = view;
		this.earlier = earlier;
		this.maxNodesPerTree = view.limits().maxNodesPerTree();
		this.frames = view.frames();
		this.localIds = new int[this.frames.size()];
		Arrays.fill(this.localIds, -1);
	}

	/**
	 * The running version's profile.
	 * @param view the store, under its read lock
	 * @param earlier what earlier runs of the version saved, with the store's frame ids
	 * @param service the application's name
	 * @param version its version
	 * @param maxNodes call tree nodes kept, roots not counted
	 * @param nowMillis the current time
	 * @return the profile, or {@code null} when there is nothing to save yet
	 */
	static @Nullable SavedProfile of(ProfileStore.View view, @Nullable VersionProfile earlier, String service,
			String version, int maxNodes, long nowMillis) {
		List<Window> windows = view.windows();
		if (windows.isEmpty() && earlier == null) {
			return null;
		}
		Snapshot snapshot = new Snapshot(view, earlier);
		List<SavedProfile.Endpoint> endpoints = snapshot.endpoints(windows, maxNodes);
		long from = windows.isEmpty() ? Long.MAX_VALUE : windows.get(0).startMillis();
		long to = windows.isEmpty() ? Long.MIN_VALUE : Math.min(windows.get(windows.size() - 1).endMillis(), nowMillis);
		if (earlier != null) {
			from = Math.min(from, earlier.from().toEpochMilli());
			to = Math.max(to, earlier.to().toEpochMilli());
		}
		return new SavedProfile(service, version, from, Math.max(from, to), snapshot.names, snapshot.kinds, endpoints);
	}

	private List<SavedProfile.Endpoint> endpoints(List<Window> windows, int maxNodes) {
		Map<String, Parts> parts = new LinkedHashMap<>();
		if (this.earlier != null) {
			for (String name : this.earlier.endpoints()) {
				parts.computeIfAbsent(name, (key) -> new Parts()).earlier = true;
			}
		}
		for (Window window : windows) {
			parts.computeIfAbsent(Window.BACKGROUND, (key) -> new Parts()).windows.add(window.background());
			for (EndpointWindow endpoint : window.endpoints()) {
				parts.computeIfAbsent(endpoint.endpoint(), (key) -> new Parts()).windows.add(endpoint);
			}
		}
		long estimated = 0;
		for (Map.Entry<String, Parts> entry : parts.entrySet()) {
			estimated += entry.getValue().estimate(entry.getKey());
		}
		List<SavedProfile.Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<String, Parts> entry : parts.entrySet()) {
			endpoints.add(endpoint(entry.getKey(), entry.getValue(), maxNodes, estimated));
		}
		return endpoints;
	}

	private SavedProfile.Endpoint endpoint(String name, Parts parts, int maxNodes, long estimated) {
		LatencyHistogram latency = new LatencyHistogram();
		long errors = 0;
		String kind = RequestSource.ROUTE;
		VersionProfile earlier = this.earlier;
		if (parts.earlier && earlier != null) {
			latency.addAll(earlier.latency(name));
			errors += earlier.errors(name);
			kind = earlier.kind(name);
		}
		for (EndpointWindow window : parts.windows) {
			latency.addAll(window.latency());
			errors += window.errors();
			kind = window.kind();
		}
		Map<ProfileType, SavedProfile.Tree> trees = new EnumMap<>(ProfileType.class);
		for (ProfileType type : ProfileType.values()) {
			CallTree merged = merge(name, parts, type);
			if (merged.total(CallTree.ROOT) == 0 && merged.stacks() == 0) {
				continue;
			}
			int share = (estimated <= maxNodes) ? Integer.MAX_VALUE
					: (int) ((double) maxNodes * parts.estimates[type.ordinal()] / estimated);
			trees.put(type, save(merged, share));
		}
		return new SavedProfile.Endpoint(name, kind, latency.count(), errors, latency, trees);
	}

	private CallTree merge(String name, Parts parts, ProfileType type) {
		CallTree merged = new CallTree(this.maxNodesPerTree);
		VersionProfile earlier = this.earlier;
		if (parts.earlier && earlier != null) {
			merged.addAll(earlier.tree(name, type));
		}
		for (EndpointWindow window : parts.windows) {
			if (window.weight(type) != 0 || window.samples(type) != 0) {
				merged.addAll(window.tree(type));
			}
		}
		return merged;
	}

	/**
	 * A tree in pre-order, with at most {@code budget} nodes besides its root: the
	 * heaviest by total. A parent is never lighter than its child and comes before it, so
	 * the nodes kept always hang together.
	 */
	private SavedProfile.Tree save(CallTree tree, int budget) {
		int size = tree.size();
		boolean[] kept = new boolean[size];
		if (size - 1 <= budget) {
			Arrays.fill(kept, true);
		}
		else {
			Integer[] order = new Integer[size - 1];
			for (int node = 1; node < size; node++) {
				order[node - 1] = node;
			}
			Arrays.sort(order, (a, b) -> {
				int heavier = Long.compare(tree.total(b), tree.total(a));
				return (heavier != 0) ? heavier : Integer.compare(a, b);
			});
			kept[CallTree.ROOT] = true;
			for (int i = 0; i < budget; i++) {
				kept[order[i]] = true;
			}
		}
		long[] subtreeSamples = new long[size];
		for (int node = 0; node < size; node++) {
			subtreeSamples[node] = tree.selfSamples(node);
		}
		// children come after their parents
		for (int node = size - 1; node > 0; node--) {
			subtreeSamples[tree.parent(node)] += subtreeSamples[node];
		}
		int count = 0;
		for (boolean keep : kept) {
			count += keep ? 1 : 0;
		}
		int[] frameIds = new int[count];
		int[] children = new int[count];
		long[] self = new long[count];
		int[] samples = new int[count];
		int[] pending = new int[count];
		int stacked = 0;
		pending[stacked++] = CallTree.ROOT;
		for (int index = 0; stacked > 0; index++) {
			int node = pending[--stacked];
			long weight = tree.self(node);
			long nodeSamples = tree.selfSamples(node);
			for (int child = tree.firstChild(node); child >= 0; child = tree.nextSibling(child)) {
				if (kept[child]) {
					children[index]++;
					pending[stacked++] = child;
				}
				else {
					weight += tree.total(child);
					nodeSamples += subtreeSamples[child];
				}
			}
			frameIds[index] = (node == CallTree.ROOT) ? -1 : localId(tree.frame(node));
			self[index] = weight;
			samples[index] = (int) Math.min(nodeSamples, Integer.MAX_VALUE);
		}
		return new SavedProfile.Tree(frameIds, children, self, samples);
	}

	private int localId(int frame) {
		int id = this.localIds[frame];
		if (id < 0) {
			id = this.names.size();
			this.names.add(this.frames.name(frame));
			this.kinds.add(this.frames.kind(frame));
			this.localIds[frame] = id;
		}
		return id;
	}

	/** Where one endpoint's data comes from. */
	private final class Parts {

		private final List<EndpointWindow> windows = new ArrayList<>();

		private final long[] estimates = new long[ProfileType.values().length];

		private boolean earlier;

		/** The nodes its merged trees will have at most, roots not counted. */
		long estimate(String name) {
			long sum = 0;
			for (ProfileType type : ProfileType.values()) {
				long nodes = 0;
				VersionProfile earlier = Snapshot.this.earlier;
				if (this.earlier && earlier != null) {
					nodes += earlier.tree(name, type).size() - 1;
				}
				for (EndpointWindow window : this.windows) {
					nodes += window.tree(type).size() - 1;
				}
				this.estimates[type.ordinal()] = Math.min(nodes, Snapshot.this.maxNodesPerTree - 1);
				sum += this.estimates[type.ordinal()];
			}
			return sum;
		}

	}

}

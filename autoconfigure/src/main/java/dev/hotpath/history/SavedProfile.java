package dev.hotpath.history;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.FrameClassifier;
import dev.hotpath.profile.FrameKind;
import dev.hotpath.profile.Frames;
import dev.hotpath.profile.LatencyHistogram;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.VersionProfile;

/**
 * A version's profile as its file holds it: frames by name and kind in a table of its
 * own, call trees in pre-order with each node's child count. It is made from the store
 * under its read lock, then written without any lock; read from a file without any lock,
 * then {@linkplain #intern interned} into the store's frames under its write lock.
 *
 * @param service the application's name
 * @param version the application's version
 * @param fromMillis when the oldest data began
 * @param toMillis when the newest data ended
 * @param frameNames the frames the trees name, by the trees' frame ids
 * @param frameKinds each frame's kind
 * @param endpoints each endpoint's data
 */
record SavedProfile(String service, String version, long fromMillis, long toMillis, List<String> frameNames,
		List<FrameKind> frameKinds, List<Endpoint> endpoints) {

	/**
	 * Call tree nodes, roots not counted: what {@link HistorySettings#maxNodes()} bounds.
	 */
	long nodes() {
		long nodes = 0;
		for (Endpoint endpoint : this.endpoints) {
			for (Tree tree : endpoint.trees().values()) {
				nodes += tree.size() - 1;
			}
		}
		return nodes;
	}

	/**
	 * The profile with the store's frame ids. Runs under the store's write lock: frames
	 * are interned with their kind and component from the running application's
	 * classifier, as the chunk processor interns them, so that a frame means the same in
	 * both versions.
	 * @param frames the store's frames
	 * @param classifier the application's classifier
	 * @return the profile
	 */
	VersionProfile intern(Frames frames, FrameClassifier classifier) {
		int[] ids = new int[this.frameNames.size()];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = intern(frames, classifier, this.frameNames.get(i), this.frameKinds.get(i));
		}
		Map<String, VersionProfile.Endpoint> endpoints = new LinkedHashMap<>();
		for (Endpoint endpoint : this.endpoints) {
			Map<ProfileType, CallTree> trees = new EnumMap<>(ProfileType.class);
			endpoint.trees().forEach((type, tree) -> trees.put(type, tree.toCallTree(ids)));
			endpoints.put(endpoint.name(), new VersionProfile.Endpoint(endpoint.kind(), endpoint.requests(),
					endpoint.errors(), endpoint.latency(), trees));
		}
		return new VersionProfile(this.version, Instant.ofEpochMilli(this.fromMillis),
				Instant.ofEpochMilli(this.toMillis), endpoints);
	}

	private static int intern(Frames frames, FrameClassifier classifier, String name, FrameKind kind) {
		if (kind == FrameKind.APPLICATION || kind == FrameKind.LIBRARY || kind == FrameKind.JDK) {
			int dot = name.lastIndexOf('.');
			if (dot > 0) {
				// the application's packages may differ between versions: classify again
				String className = name.substring(0, dot);
				FrameKind current = classifier.classify(className);
				return frames.intern(name, current, classifier.components().ofJava(className, current));
			}
		}
		else if ((kind == FrameKind.NATIVE || kind == FrameKind.JVM) && !name.startsWith("[")) {
			return frames.intern(name, kind, classifier.components().ofNative(name, kind));
		}
		// synthetic frames: [thread] groups, [unknown], the overflow frame
		return frames.intern(name, kind);
	}

	/**
	 * One endpoint's data.
	 *
	 * @param name the endpoint's name
	 * @param kind its kind
	 * @param requests its requests
	 * @param errors its 5xx answers
	 * @param latency its request latencies
	 * @param trees its call tree per profile type
	 */
	record Endpoint(String name, String kind, long requests, long errors, LatencyHistogram latency,
			Map<ProfileType, Tree> trees) {

	}

	/**
	 * A call tree in pre-order: node 0 is the root, each node is followed by its
	 * subtrees, one after the other.
	 *
	 * @param frames each node's frame id in the profile's table, -1 for the root
	 * @param children each node's number of children
	 * @param self each node's self weight
	 * @param samples the samples each node's self weight stands for
	 */
	record Tree(int[] frames, int[] children, long[] self, int[] samples) {

		int size() {
			return this.frames.length;
		}

		/**
		 * The tree with the store's frame ids. Frames that became one (two names beyond
		 * the store's frame cap) merge their nodes.
		 * @param ids the store's id of each frame of the profile's table
		 * @return the tree
		 */
		CallTree toCallTree(int[] ids) {
			int size = size();
			CallTree tree = new CallTree(size);
			tree.addSelf(CallTree.ROOT, this.self[0], this.samples[0]);
			int[] path = new int[size];
			int[] left = new int[size];
			path[0] = CallTree.ROOT;
			left[0] = this.children[0];
			int depth = 1;
			for (int i = 1; i < size; i++) {
				while (left[depth - 1] == 0) {
					depth--;
				}
				left[depth - 1]--;
				int parent = path[depth - 1];
				int node = tree.childFor(parent, ids[this.frames[i]]);
				tree.addSelf((node >= 0) ? node : parent, this.self[i], this.samples[i]);
				path[depth] = (node >= 0) ? node : parent;
				left[depth] = this.children[i];
				depth++;
			}
			return tree;
		}

	}

}

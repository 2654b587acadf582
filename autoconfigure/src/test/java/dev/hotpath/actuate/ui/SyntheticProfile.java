package dev.hotpath.actuate.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A large, deterministic endpoint profile in the JSON shape of {@code GET
 * /actuator/profiles/endpoints/{id}}: random stacks merged into a call tree until it has
 * the requested number of nodes.
 */
final class SyntheticProfile {

	private final Node root = new Node("all", "root");

	private int nodes = 1;

	private SyntheticProfile() {
	}

	static SyntheticProfile generate(int minimumNodes, long seed) {
		SyntheticProfile profile = new SyntheticProfile();
		Random random = new Random(seed);
		while (profile.nodes < minimumNodes) {
			profile.addStack(random);
		}
		return profile;
	}

	int nodes() {
		return this.nodes;
	}

	long totalSamples() {
		return this.root.total;
	}

	private void addStack(Random random) {
		int depth = 6 + random.nextInt(34);
		long weight = 1 + random.nextInt(20);
		Node current = this.root;
		current.total += weight;
		for (int level = 1; level <= depth; level++) {
			boolean reuse = !current.children.isEmpty() && random.nextDouble() < ((level < 4) ? 0.97 : 0.8);
			Node next;
			if (reuse) {
				next = current.childList.get(random.nextInt(current.childList.size()));
			}
			else {
				String[] frame = frame(random, level);
				next = current.children.get(frame[0]);
				if (next == null) {
					next = new Node(frame[0], frame[1]);
					current.children.put(frame[0], next);
					current.childList.add(next);
					this.nodes++;
				}
			}
			next.total += weight;
			current = next;
		}
		current.self += weight;
	}

	private static String[] frame(Random random, int level) {
		if (level == 1) {
			return new String[] { "[worker-" + random.nextInt(8) + "]", "thread" };
		}
		if (level < 5) {
			return new String[] { "org.example.framework.Layer" + level + ".handle" + random.nextInt(4), "library" };
		}
		int pick = random.nextInt(100);
		if (pick < 40) {
			return new String[] { "dev.hotpath.demo.big.Service" + random.nextInt(150) + ".op" + random.nextInt(12),
					"application" };
		}
		if (pick < 70) {
			return new String[] { "org.example.lib" + random.nextInt(20) + ".Helper" + random.nextInt(40) + ".call"
					+ random.nextInt(6), "library" };
		}
		if (pick < 90) {
			return new String[] { "java.util.Jdk" + random.nextInt(60) + ".run" + random.nextInt(5), "jdk" };
		}
		if (pick < 95) {
			return new String[] { "native_fn_" + random.nextInt(80), "native" };
		}
		return new String[] { "JvmRuntime::stub_" + random.nextInt(40), "jvm" };
	}

	/**
	 * The endpoint answer, with frames, pre-order nodes and the function table.
	 * @param name the endpoint name
	 * @return the JSON
	 */
	String endpointJson(String name) {
		Map<String, Integer> frameIndex = new LinkedHashMap<>();
		List<String> frames = new ArrayList<>();
		StringBuilder frame = new StringBuilder();
		StringBuilder depth = new StringBuilder();
		StringBuilder total = new StringBuilder();
		StringBuilder self = new StringBuilder();
		Map<String, long[]> functions = new HashMap<>();
		Map<String, String> kinds = new HashMap<>();
		Deque<Object[]> stack = new ArrayDeque<>();
		stack.push(new Object[] { this.root, 0, Set.<String>of() });
		while (!stack.isEmpty()) {
			Object[] entry = stack.pop();
			Node node = (Node) entry[0];
			int level = (int) entry[1];
			@SuppressWarnings("unchecked")
			Set<String> above = (Set<String>) entry[2];
			Integer index = frameIndex.get(node.name + "\u0000" + node.kind);
			if (index == null) {
				index = frames.size();
				frameIndex.put(node.name + "\u0000" + node.kind, index);
				frames.add("{\"name\": " + FixtureServer.quote(node.name) + ", \"kind\": \"" + node.kind + "\"}");
			}
			separate(frame).append(index);
			separate(depth).append(level);
			separate(total).append(node.total);
			separate(self).append(node.self);
			Set<String> path = above;
			if (level > 0) {
				long[] weights = functions.computeIfAbsent(node.name, (key) -> new long[2]);
				weights[0] += node.self;
				if (!above.contains(node.name)) {
					weights[1] += node.total;
				}
				kinds.put(node.name, node.kind);
				path = new HashSet<>(above);
				path.add(node.name);
			}
			List<Node> children = new ArrayList<>(node.children.values());
			for (int i = children.size() - 1; i >= 0; i--) {
				stack.push(new Object[] { children.get(i), level + 1, path });
			}
		}
		double all = this.root.total;
		List<Map.Entry<String, long[]>> ranked = new ArrayList<>(functions.entrySet());
		ranked.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
			.thenComparing(Map.Entry::getKey));
		StringBuilder table = new StringBuilder();
		for (Map.Entry<String, long[]> function : ranked) {
			long[] weights = function.getValue();
			separate(table).append("\n  {\"name\": ")
				.append(FixtureServer.quote(function.getKey()))
				.append(", \"kind\": \"")
				.append(kinds.get(function.getKey()))
				.append("\", \"self\": ")
				.append(weights[0])
				.append(", \"total\": ")
				.append(weights[1])
				.append(", \"selfShare\": ")
				.append(weights[0] / all)
				.append(", \"totalShare\": ")
				.append(weights[1] / all)
				.append(", \"requests\": ")
				.append(Math.max(1, Math.round(500 * weights[1] / all)))
				.append('}');
		}
		String range = "{\"from\": \"2026-11-21T05:40:00Z\", \"to\": \"2026-11-21T06:10:00Z\", \"retentionSeconds\": 3600}";
		return "{\"id\": \"" + FixtureServer.endpointId(name) + "\", \"name\": " + FixtureServer.quote(name)
				+ ", \"type\": \"cpu\", \"scope\": \"all\", \"range\": " + range
				+ ", \"stats\": {\"requests\": 500, \"errors\": 2, \"latency\": {\"meanMs\": 420.0, \"p50Ms\": 380.0,"
				+ " \"p95Ms\": 910.0, \"p99Ms\": 1300.0, \"maxMs\": 2100.0}, \"cpuMsPerRequest\": "
				+ (this.root.total * 10.0 / 500) + ", \"wallMsPerRequest\": 400.0, \"samples\": {\"cpu\": "
				+ this.root.total + ", \"wall\": 0}},\n \"flame\": {\"frames\": [" + String.join(", ", frames)
				+ "],\n  \"nodes\": {\"frame\": [" + frame + "],\n   \"depth\": [" + depth + "],\n   \"total\": ["
				+ total + "],\n   \"self\": [" + self + "]}},\n \"functions\": [" + table + "],\n \"slowest\": []}\n";
	}

	private static StringBuilder separate(StringBuilder json) {
		if (!json.isEmpty()) {
			json.append(", ");
		}
		return json;
	}

	private static final class Node {

		private final String name;

		private final String kind;

		private final Map<String, Node> children = new TreeMap<>();

		private final List<Node> childList = new ArrayList<>();

		private long total;

		private long self;

		Node(String name, String kind) {
			this.name = name;
			this.kind = kind;
		}

	}

}

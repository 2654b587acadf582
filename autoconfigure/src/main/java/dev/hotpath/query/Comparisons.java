package dev.hotpath.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.Components;
import dev.hotpath.profile.EndpointWindow;
import dev.hotpath.profile.LatencyHistogram;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.RequestSource;
import dev.hotpath.profile.VersionProfile;
import dev.hotpath.profile.Window;
import dev.hotpath.query.ComparisonViews.Comparison;
import dev.hotpath.query.ComparisonViews.ComponentDelta;
import dev.hotpath.query.ComparisonViews.DiffFlame;
import dev.hotpath.query.ComparisonViews.DiffNodes;
import dev.hotpath.query.ComparisonViews.FunctionDelta;
import dev.hotpath.query.ComparisonViews.Side;
import dev.hotpath.query.Views.ComponentShare;
import dev.hotpath.query.Views.FrameInfo;
import dev.hotpath.query.Views.FunctionRow;
import dev.hotpath.query.Views.Sampling;
import org.jspecify.annotations.Nullable;

/**
 * Compares two profiles of one endpoint or of the whole application, per request: the
 * slow requests against the typical ones, one time range against another. Both sides'
 * trees are folded alike, merged into one differential flame graph, and their functions
 * and components ranked by how much their weight per request changed.
 * <p>
 * Slow against typical needs each sample's request latency: it reads the recent labeled
 * samples, whose rows carry their request's span as local root, and the recent requests'
 * latencies, so it covers the trace retention only. Ranges read the windows, so they
 * cover the whole retention; a window belongs to the range that holds its middle.
 */
public final class Comparisons {

	/** Function rows answered at most: the most growth and the most shrinkage. */
	static final int MAX_FUNCTIONS = 200;

	private static final int SHRINKING_FUNCTIONS = 50;

	/** Standard deviations a change in sample counts must stand out by. */
	private static final double SIGNIFICANCE = 3;

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final ProfileStore store;

	private final Sampling sampling;

	private final LongSupplier clock;

	private final boolean includeActuator;

	private final Components components;

	Comparisons(ProfileStore store, Sampling sampling, LongSupplier clock, boolean includeActuator,
			Components components) {
		this.store = store;
		this.sampling = sampling;
		this.clock = clock;
		this.includeActuator = includeActuator;
		this.components = components;
	}

	/**
	 * An endpoint's slow requests against its typical ones over a range.
	 * @param name the endpoint's name
	 * @param type the profile type compared
	 * @param scope the frames shown
	 * @param range the range; only its part within the trace retention counts
	 * @param slowerThanMs the latency from which a request is slow, or {@code null} for
	 * the endpoint's 95th percentile over the range
	 * @return the comparison, or empty when the endpoint has no data
	 */
	public Optional<Comparison> slowVsTypical(String name, ProfileType type, Scope scope, TimeRange range,
			@Nullable Double slowerThanMs) {
		long now = this.clock.getAsLong();
		return this.store.read((view) -> {
			if (unknown(view, name)) {
				return Optional.empty();
			}
			long from = Math.max(range.fromMillis(),
					Math.max(view.recentSamplesSince(now), view.recentRequestsSince(now)));
			long to = Math.min(range.toMillis(), now);
			Split split = split(view, name, Math.min(from, to), to, now, slowerThanMs, EnumSet.of(type)).get(name);
			if (split == null) {
				split = new Split(Math.min(from, to), to, (slowerThanMs != null) ? (long) (slowerThanMs * 1e6) : 0,
						slowerThanMs == null, EnumSet.of(type));
			}
			return Optional
				.of(compare(view, "slow", name, type, scope, split.typical, split.slow, split.thresholdNanos / 1e6));
		});
	}

	/**
	 * One time range against another, for an endpoint or the whole application.
	 * @param name the endpoint's name, or {@link ProfileQueries#APPLICATION}
	 * @param type the profile type compared
	 * @param scope the frames shown
	 * @param after the range in question
	 * @param before the range compared against, or {@code null} for the range of the same
	 * length that ends where {@code after} begins
	 * @return the comparison, or empty when the endpoint has no data
	 */
	public Optional<Comparison> ranges(String name, ProfileType type, Scope scope, TimeRange after,
			@Nullable TimeRange before) {
		long now = this.clock.getAsLong();
		return this.store.read((view) -> {
			if (unknown(view, name)) {
				return Optional.empty();
			}
			long afterTo = Math.min(after.toMillis(), now);
			long afterFrom = after.fromMillis();
			TimeRange baseline = (before != null) ? before
					: new TimeRange(afterFrom - Math.max(afterTo - afterFrom, 0), afterFrom);
			Set<ProfileType> types = EnumSet.of(type);
			SideData base = windowSide(view, name, baseline.fromMillis(), Math.min(baseline.toMillis(), now), now,
					types, "before");
			SideData target = windowSide(view, name, afterFrom, afterTo, now, types, "after");
			return Optional.of(compare(view, "range", name, type, scope, base, target, null));
		});
	}

	/**
	 * The running version over a range against an earlier version's kept profile, for an
	 * endpoint or the whole application.
	 * @param name the endpoint's name, or {@link ProfileQueries#APPLICATION}
	 * @param type the profile type compared
	 * @param scope the frames shown
	 * @param range the running version's range
	 * @param baselineVersion the earlier version
	 * @param runningVersion the running version, for the label, or {@code null}
	 * @return the comparison, or empty when neither version has data of the endpoint
	 * @throws IllegalArgumentException when no profile of that version is kept
	 */
	public Optional<Comparison> versions(String name, ProfileType type, Scope scope, TimeRange range,
			String baselineVersion, @Nullable String runningVersion) {
		long now = this.clock.getAsLong();
		return this.store.read((view) -> {
			VersionProfile earlier = view.version(baselineVersion);
			if (earlier == null) {
				throw new IllegalArgumentException("No profile of version " + baselineVersion + " is kept");
			}
			boolean application = ProfileQueries.APPLICATION.equals(name);
			if (unknown(view, name) && !application && !earlier.endpoints().contains(name)) {
				return Optional.empty();
			}
			Set<ProfileType> types = EnumSet.of(type);
			SideData base = new SideData("version " + baselineVersion, earlier.from().toEpochMilli(),
					earlier.to().toEpochMilli(), types);
			base.version = baselineVersion;
			int maxNodes = view.limits().maxNodesPerTree() * 2;
			double latencyMillis = 0;
			for (String endpoint : earlier.endpoints()) {
				boolean wanted = application
						? (this.includeActuator || !RequestSource.MANAGEMENT.equals(earlier.kind(endpoint)))
						: name.equals(endpoint);
				if (!wanted) {
					continue;
				}
				base.requests += earlier.requests(endpoint);
				LatencyHistogram latency = earlier.latency(endpoint);
				latencyMillis += latency.meanMillis() * latency.count();
				for (ProfileType sampled : ProfileType.values()) {
					CallTree tree = earlier.tree(endpoint, sampled);
					base.samples[sampled.ordinal()] += sampled.weighed() ? tree.stacks() : tree.total(CallTree.ROOT);
				}
				base.tree(type, maxNodes).addAll(earlier.tree(endpoint, type));
			}
			base.latencyNanos = (long) (latencyMillis * 1e6);
			SideData target = windowSide(view, name, range.fromMillis(), Math.min(range.toMillis(), now), now, types,
					"version");
			target.label = "version " + ((runningVersion != null) ? runningVersion : "running now");
			target.version = runningVersion;
			return Optional.of(compare(view, "version", name, type, scope, base, target, null));
		});
	}

	/**
	 * The slow requests against the typical ones of every endpoint at once, from one pass
	 * over the recent samples: what findings need.
	 * @param view the store
	 * @param fromMillis the start of the requests' end times, inclusive
	 * @param toMillis their end, exclusive
	 * @param nowMillis the current time
	 * @param types the types to make trees of
	 * @return each endpoint's split
	 */
	Map<String, Split> splitAll(ProfileStore.View view, long fromMillis, long toMillis, long nowMillis,
			Set<ProfileType> types) {
		return split(view, null, fromMillis, toMillis, nowMillis, null, types);
	}

	private Map<String, Split> split(ProfileStore.View view, @Nullable String only, long fromMillis, long toMillis,
			long nowMillis, @Nullable Double slowerThanMs, Set<ProfileType> types) {
		Map<String, Requests> requests = new LinkedHashMap<>();
		view.recentRequests(fromMillis, toMillis, nowMillis, (end, duration, span, endpoint) -> {
			if (span != 0 && !endpoint.isEmpty() && (only == null || only.equals(endpoint))) {
				requests.computeIfAbsent(endpoint, (key) -> new Requests()).add(span, duration);
			}
		});
		Map<String, Split> splits = new LinkedHashMap<>();
		Map<Long, SideData> sides = new HashMap<>();
		requests.forEach((endpoint, kept) -> {
			long threshold = (slowerThanMs != null) ? (long) (slowerThanMs * 1e6) : kept.percentile(0.95);
			Split split = new Split(fromMillis, toMillis, threshold, slowerThanMs == null, types);
			for (int i = 0; i < kept.size; i++) {
				SideData side = (kept.durations[i] > threshold) ? split.slow : split.typical;
				side.requests++;
				side.latencyNanos += kept.durations[i];
				sides.put(kept.spans[i], side);
			}
			splits.put(endpoint, split);
		});
		if (!sides.isEmpty()) {
			int maxNodes = view.limits().maxNodesPerTree() * 2;
			view.recentSamples(Long.MIN_VALUE, Long.MAX_VALUE, nowMillis,
					(time, traceIdHigh, traceIdLow, span, root, spanName, thread, endpoint, type, stack, weight) -> {
						SideData side = sides.get(root);
						if (side != null) {
							side.add(type, stack, weight, maxNodes);
						}
					});
		}
		return splits;
	}

	/**
	 * One side made of the windows whose middle falls in a range.
	 */
	SideData windowSide(ProfileStore.View view, String name, long fromMillis, long toMillis, long nowMillis,
			Set<ProfileType> types, String label) {
		SideData side = new SideData(label, fromMillis, toMillis, types);
		LatencyHistogram latency = new LatencyHistogram();
		long first = Long.MAX_VALUE;
		long last = Long.MIN_VALUE;
		int maxNodes = view.limits().maxNodesPerTree() * 2;
		// a range that reaches now takes the window in progress, whose middle may be
		// ahead
		long end = (toMillis >= nowMillis) ? Long.MAX_VALUE : toMillis;
		for (Window window : view.windows()) {
			// the window in progress holds data up to now only: its middle is that part's
			long filled = Math.min(window.endMillis(), Math.max(nowMillis, window.startMillis()));
			long middle = window.startMillis() + (filled - window.startMillis()) / 2;
			if (middle < fromMillis || middle >= end) {
				continue;
			}
			first = Math.min(first, window.startMillis());
			last = Math.max(last, window.endMillis());
			for (EndpointWindow part : ProfileQueries.parts(window, name)) {
				if (ProfileQueries.APPLICATION.equals(name) && !this.includeActuator
						&& RequestSource.MANAGEMENT.equals(part.kind())) {
					continue;
				}
				side.requests += part.latency().count();
				latency.addAll(part.latency());
				for (ProfileType type : ProfileType.values()) {
					side.samples[type.ordinal()] += part.samples(type);
				}
				for (ProfileType type : types) {
					side.tree(type, maxNodes).addAll(part.tree(type));
				}
			}
		}
		if (first != Long.MAX_VALUE) {
			side.fromMillis = first;
			side.toMillis = last;
		}
		side.latencyNanos = (long) (latency.meanMillis() * 1e6 * latency.count());
		side.label = label + " (" + CLOCK.format(Instant.ofEpochMilli(side.fromMillis)) + "–"
				+ CLOCK.format(Instant.ofEpochMilli(side.toMillis)) + " UTC)";
		return side;
	}

	Comparison compare(ProfileStore.View view, String by, String name, ProfileType type, Scope scope, SideData base,
			SideData target, @Nullable Double slowerThanMs) {
		TreeViews trees = new TreeViews(view.frames(), this.components);
		int maxNodes = view.limits().maxNodesPerTree() * 2;
		CallTree baseTree = base.tree(type, maxNodes);
		CallTree targetTree = target.tree(type, maxNodes);
		CallTree baseShown = baseTree;
		CallTree targetShown = targetTree;
		if (scope == Scope.APP) {
			Set<Integer> hot = new HashSet<>(trees.hotLibraryFrames(baseTree));
			hot.addAll(trees.hotLibraryFrames(targetTree));
			baseShown = trees.applicationOnly(baseTree, hot);
			targetShown = trees.applicationOnly(targetTree, hot);
		}
		double unit = unitPerWeight(type);
		double baseScale = unit / Math.max(base.requests, 1);
		double targetScale = unit / Math.max(target.requests, 1);
		List<FunctionDelta> functions = functionDeltas(trees, baseShown, baseTree, baseScale, targetShown, targetTree,
				targetScale);
		Side baseSide = side(base, baseTree, baseScale);
		Side targetSide = side(target, targetTree, targetScale);
		String unitName = (type == ProfileType.ALLOC) ? "bytes" : "ms";
		return new Comparison(by, EndpointIds.id(name), name, type.label(), scope.label(), unitName,
				(slowerThanMs != null) ? round(slowerThanMs) : null, baseSide, targetSide,
				verdict(by, type, baseSide, targetSide, functions),
				componentDeltas(trees, baseTree, baseScale, targetTree, targetScale), functions,
				diffFlame(trees, baseShown, baseScale, targetShown, targetScale), this.sampling);
	}

	/**
	 * Both sides' functions with their weights per request, the most growth first and the
	 * most shrinkage last.
	 */
	List<FunctionDelta> functionDeltas(TreeViews trees, CallTree baseShown, CallTree baseTree, double baseScale,
			CallTree targetShown, CallTree targetTree, double targetScale) {
		Map<String, FunctionRow> baseRows = new HashMap<>();
		for (FunctionRow row : trees.functions(baseShown, baseTree, (frame) -> 0)) {
			baseRows.put(row.name(), row);
		}
		Map<String, FunctionRow> targetRows = new HashMap<>();
		for (FunctionRow row : trees.functions(targetShown, targetTree, (frame) -> 0)) {
			targetRows.put(row.name(), row);
		}
		Set<String> names = new HashSet<>(baseRows.keySet());
		names.addAll(targetRows.keySet());
		List<FunctionDelta> deltas = new ArrayList<>();
		for (String function : names) {
			FunctionRow before = baseRows.get(function);
			FunctionRow after = targetRows.get(function);
			FunctionRow any = (after != null) ? after : before;
			double baseSelf = (before != null) ? before.self() * baseScale : 0;
			double baseTotal = (before != null) ? before.total() * baseScale : 0;
			double targetSelf = (after != null) ? after.self() * targetScale : 0;
			double targetTotal = (after != null) ? after.total() * targetScale : 0;
			deltas.add(new FunctionDelta(function, any.kind(), any.component(), any.componentLabel(), round(baseSelf),
					round(targetSelf), round(targetSelf - baseSelf), round(baseTotal), round(targetTotal),
					round(targetTotal - baseTotal)));
		}
		deltas.sort(Comparator.comparingDouble(FunctionDelta::deltaSelf)
			.reversed()
			.thenComparing(Comparator.comparingDouble(FunctionDelta::deltaTotal).reversed())
			.thenComparing(FunctionDelta::name));
		if (deltas.size() <= MAX_FUNCTIONS) {
			return deltas;
		}
		List<FunctionDelta> kept = new ArrayList<>(deltas.subList(0, MAX_FUNCTIONS - SHRINKING_FUNCTIONS));
		kept.addAll(deltas.subList(deltas.size() - SHRINKING_FUNCTIONS, deltas.size()));
		return kept;
	}

	private List<ComponentDelta> componentDeltas(TreeViews trees, CallTree baseTree, double baseScale,
			CallTree targetTree, double targetScale) {
		Map<String, double[]> weights = new LinkedHashMap<>();
		Map<String, String> labels = new HashMap<>();
		for (ComponentShare share : trees.components(baseTree)) {
			weights.computeIfAbsent(share.name(), (key) -> new double[2])[0] = share.weight() * baseScale;
			labels.put(share.name(), share.label());
		}
		for (ComponentShare share : trees.components(targetTree)) {
			weights.computeIfAbsent(share.name(), (key) -> new double[2])[1] = share.weight() * targetScale;
			labels.put(share.name(), share.label());
		}
		List<ComponentDelta> deltas = new ArrayList<>();
		weights.forEach((component, sides) -> deltas.add(new ComponentDelta(component, labels.get(component),
				round(sides[0]), round(sides[1]), round(sides[1] - sides[0]))));
		deltas.sort(Comparator.comparingDouble((ComponentDelta delta) -> Math.abs(delta.delta()))
			.reversed()
			.thenComparing(ComponentDelta::name));
		return deltas;
	}

	/**
	 * Both trees merged into one, each node with its total per request on each side.
	 */
	private DiffFlame diffFlame(TreeViews trees, CallTree base, double baseScale, CallTree target, double targetScale) {
		CallTree merged = new CallTree(base.size() + target.size() + 1);
		merged.addAll(base);
		merged.addAll(target);
		int[][] order = trees.preOrder(merged);
		int[] nodes = order[0];
		int[] baseNode = new int[merged.size()];
		int[] targetNode = new int[merged.size()];
		int[] frame = new int[nodes.length];
		double[] baseline = new double[nodes.length];
		double[] after = new double[nodes.length];
		List<FrameInfo> frames = new ArrayList<>();
		Map<Integer, Integer> localFrames = new HashMap<>();
		for (int index = 0; index < nodes.length; index++) {
			int node = nodes[index];
			int frameId = merged.frame(node);
			if (node == CallTree.ROOT) {
				baseNode[node] = CallTree.ROOT;
				targetNode[node] = CallTree.ROOT;
			}
			else {
				// pre-order: a node's parent was mapped before it
				int parent = merged.parent(node);
				baseNode[node] = (baseNode[parent] >= 0) ? base.find(baseNode[parent], frameId) : -1;
				targetNode[node] = (targetNode[parent] >= 0) ? target.find(targetNode[parent], frameId) : -1;
			}
			frame[index] = trees.localFrame(frameId, localFrames, frames);
			baseline[index] = (baseNode[node] >= 0) ? round(base.total(baseNode[node]) * baseScale) : 0;
			after[index] = (targetNode[node] >= 0) ? round(target.total(targetNode[node]) * targetScale) : 0;
		}
		return new DiffFlame(frames, new DiffNodes(frame, order[1], baseline, after));
	}

	private Side side(SideData data, CallTree tree, double scale) {
		double requests = Math.max(data.requests, 1);
		return new Side(data.label, Instant.ofEpochMilli(data.fromMillis), Instant.ofEpochMilli(data.toMillis),
				data.version, data.requests,
				(data.requests > 0) ? round(data.latencyNanos / 1e6 / data.requests) : null,
				round(data.samples[ProfileType.CPU.ordinal()] * this.sampling.cpuIntervalMs() / requests),
				round(data.samples[ProfileType.WALL.ordinal()] * this.sampling.wallIntervalMs() / requests),
				round(tree.total(CallTree.ROOT) * scale));
	}

	private @Nullable String verdict(String by, ProfileType type, Side base, Side target,
			List<FunctionDelta> functions) {
		String unit = (type == ProfileType.ALLOC) ? "bytes" : "ms";
		StringBuilder verdict = new StringBuilder();
		if ("slow".equals(by)) {
			if (target.requests() == 0 || base.requests() == 0) {
				return (target.requests() == 0) ? "No request was slow in the kept range."
						: "Every request in the kept range was slow: there is nothing typical to compare with.";
			}
			double latency = ((target.latencyMs() != null) ? target.latencyMs() : 0)
					- ((base.latencyMs() != null) ? base.latencyMs() : 0);
			double cpu = target.cpuMsPerRequest() - base.cpuMsPerRequest();
			if (cpu < latency / 2) {
				verdict.append("Slow requests take ")
					.append(format(latency, "ms"))
					.append(" longer than typical ones but only ")
					.append(format(Math.max(cpu, 0), "ms"))
					.append(" more CPU time: most of the difference is waiting (I/O, locks, pools, "
							+ "downstream calls), not computing; the wall-clock profile shows where.");
			}
			else {
				verdict.append("Slow requests take ")
					.append(format(latency, "ms"))
					.append(" longer than typical ones and ")
					.append(format(cpu, "ms"))
					.append(" more CPU time: they compute more.");
			}
		}
		else {
			if (base.requests() == 0 && base.valuePerRequest() == 0) {
				return "The " + base.label() + " side has no data.";
			}
			double before = base.valuePerRequest();
			double after = target.valuePerRequest();
			verdict.append("Per request, ")
				.append(typeName(type))
				.append(" went from ")
				.append(format(before, unit))
				.append(" to ")
				.append(format(after, unit));
			if (before > 0) {
				verdict.append(String.format(Locale.ROOT, " (%+.0f%%)", (after - before) / before * 100));
			}
			verdict.append('.');
		}
		FunctionDelta grew = outstanding(functions, base.requests(), target.requests(), type, true);
		if (grew != null) {
			verdict.append(" The most growth is in ")
				.append(grew.name())
				.append(": +")
				.append(format(grew.deltaSelf(), unit))
				.append(" of ")
				.append(typeName(type))
				.append(" per request.");
		}
		// the most shrinkage matters where the whole fell, as after a fix
		FunctionDelta shrank = (target.valuePerRequest() < base.valuePerRequest())
				? outstanding(functions, base.requests(), target.requests(), type, false) : null;
		if (shrank != null && (grew == null || -shrank.deltaSelf() > grew.deltaSelf())) {
			verdict.append(" The most shrinkage is in ")
				.append(shrank.name())
				.append(": ")
				.append(format(shrank.deltaSelf(), unit))
				.append(" per request.");
		}
		return verdict.toString();
	}

	/**
	 * The function that grew (or shrank) most, if its change stands out of the sampling
	 * noise; for alloc and lock, whose samples carry weights, if it is at least a
	 * twentieth of the larger side's weight per request.
	 */
	private @Nullable FunctionDelta outstanding(List<FunctionDelta> functions, long baseRequests, long targetRequests,
			ProfileType type, boolean growth) {
		if (functions.isEmpty()) {
			return null;
		}
		if (type == ProfileType.CPU || type == ProfileType.WALL) {
			double msPerSample = unitPerWeight(type);
			if (growth) {
				return significant(functions, baseRequests, targetRequests, msPerSample);
			}
			List<FunctionDelta> reversed = new ArrayList<>();
			for (int i = functions.size() - 1; i >= 0; i--) {
				FunctionDelta function = functions.get(i);
				reversed.add(new FunctionDelta(function.name(), function.kind(), function.component(),
						function.componentLabel(), function.targetSelf(), function.baselineSelf(),
						-function.deltaSelf(), function.targetTotal(), function.baselineTotal(),
						-function.deltaTotal()));
			}
			FunctionDelta shrank = significant(reversed, targetRequests, baseRequests, msPerSample);
			return (shrank != null) ? functions.get(functions.size() - 1 - reversed.indexOf(shrank)) : null;
		}
		FunctionDelta candidate = growth ? functions.get(0) : functions.get(functions.size() - 1);
		double largest = 0;
		for (FunctionDelta function : functions) {
			largest = Math.max(largest, Math.max(function.baselineSelf(), function.targetSelf()));
		}
		boolean changed = growth ? candidate.deltaSelf() > 0 : candidate.deltaSelf() < 0;
		return (changed && Math.abs(candidate.deltaSelf()) * 20 >= largest) ? candidate : null;
	}

	/**
	 * The first function, in order of growth, whose growth stands out of the sampling
	 * noise: its self samples on the target side exceed what the baseline's rate predicts
	 * by three standard deviations of the difference (counts taken as Poisson).
	 * @param functions the functions, the most growth first
	 * @param baseRequests the baseline's requests
	 * @param targetRequests the target's requests
	 * @param msPerSample what one sample weighs in the functions' unit
	 * @return the function, or {@code null} when no growth stands out
	 */
	static @Nullable FunctionDelta significant(List<FunctionDelta> functions, long baseRequests, long targetRequests,
			double msPerSample) {
		if (baseRequests == 0 || targetRequests == 0) {
			return null;
		}
		double ratio = (double) targetRequests / baseRequests;
		for (FunctionDelta function : functions) {
			if (function.deltaSelf() <= 0) {
				return null;
			}
			double target = function.targetSelf() * targetRequests / msPerSample;
			double base = function.baselineSelf() * baseRequests / msPerSample;
			double expected = base * ratio;
			double deviation = Math.sqrt(target + base * ratio * ratio);
			if (target - expected >= SIGNIFICANCE * Math.max(deviation, 1)) {
				return function;
			}
		}
		return null;
	}

	private boolean unknown(ProfileStore.View view, String name) {
		if (ProfileQueries.APPLICATION.equals(name)) {
			return view.windows().isEmpty();
		}
		return view.windows().stream().allMatch((window) -> ProfileQueries.parts(window, name).isEmpty());
	}

	private double unitPerWeight(ProfileType type) {
		return switch (type) {
			case CPU -> this.sampling.cpuIntervalMs();
			case WALL -> this.sampling.wallIntervalMs();
			case LOCK -> 1e-6;
			default -> 1;
		};
	}

	static String typeName(ProfileType type) {
		return switch (type) {
			case CPU -> "CPU time";
			case WALL -> "wall-clock time";
			case LOCK -> "lock waiting";
			case ALLOC -> "allocation";
			default -> type.label();
		};
	}

	/** A weight for people: milliseconds with sensible digits, bytes in KB or MB. */
	static String format(double value, String unit) {
		double magnitude = Math.abs(value);
		if ("bytes".equals(unit)) {
			if (magnitude >= 1 << 20) {
				return String.format(Locale.ROOT, "%.1f MB", value / (1 << 20));
			}
			if (magnitude >= 1 << 10) {
				return String.format(Locale.ROOT, "%.1f KB", value / (1 << 10));
			}
			return String.format(Locale.ROOT, "%.0f bytes", value);
		}
		String pattern = (magnitude >= 100) ? "%.0f ms" : (magnitude >= 1) ? "%.1f ms" : "%.2f ms";
		return String.format(Locale.ROOT, pattern, value);
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	/**
	 * One side of a comparison while it is being made.
	 */
	static final class SideData {

		String label;

		long fromMillis;

		long toMillis;

		@Nullable String version;

		long requests;

		long latencyNanos;

		final long[] samples = new long[ProfileType.values().length];

		private final @Nullable CallTree[] trees = new CallTree[ProfileType.values().length];

		private final Set<ProfileType> types;

		SideData(String label, long fromMillis, long toMillis, Set<ProfileType> types) {
			this.label = label;
			this.fromMillis = fromMillis;
			this.toMillis = toMillis;
			this.types = types;
		}

		CallTree tree(ProfileType type, int maxNodes) {
			CallTree tree = this.trees[type.ordinal()];
			if (tree == null) {
				tree = new CallTree(maxNodes);
				this.trees[type.ordinal()] = tree;
			}
			return tree;
		}

		void add(ProfileType type, int[] stack, long weight, int maxNodes) {
			this.samples[type.ordinal()] += type.weighed() ? 1 : weight;
			if (this.types.contains(type)) {
				tree(type, maxNodes).add(stack, weight);
			}
		}

	}

	/**
	 * One endpoint's recent requests split at a latency.
	 */
	static final class Split {

		final long thresholdNanos;

		final SideData typical;

		final SideData slow;

		Split(long fromMillis, long toMillis, long thresholdNanos, boolean percentile, Set<ProfileType> types) {
			this.thresholdNanos = thresholdNanos;
			String threshold = format(thresholdNanos / 1e6, "ms");
			this.typical = new SideData("typical requests (" + threshold + " or less)", fromMillis, toMillis, types);
			this.slow = new SideData("slow requests (over " + threshold + (percentile ? ", the p95)" : ")"), fromMillis,
					toMillis, types);
		}

	}

	/**
	 * The span ids and latencies of one endpoint's recent requests.
	 */
	private static final class Requests {

		long[] spans = new long[64];

		long[] durations = new long[64];

		int size;

		void add(long span, long duration) {
			if (this.size == this.spans.length) {
				this.spans = Arrays.copyOf(this.spans, this.size * 2);
				this.durations = Arrays.copyOf(this.durations, this.size * 2);
			}
			this.spans[this.size] = span;
			this.durations[this.size] = duration;
			this.size++;
		}

		/** The latency at a quantile, nearest rank. */
		long percentile(double quantile) {
			long[] sorted = Arrays.copyOf(this.durations, this.size);
			Arrays.sort(sorted);
			int rank = (int) Math.ceil(quantile * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
		}

	}

}

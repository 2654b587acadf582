package dev.hotpath.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.Components;
import dev.hotpath.profile.EndpointWindow;
import dev.hotpath.profile.Frames;
import dev.hotpath.profile.LatencyHistogram;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.profile.RequestSource;
import dev.hotpath.profile.SlowRequest;
import dev.hotpath.profile.Window;
import dev.hotpath.query.Views.Background;
import dev.hotpath.query.Views.ComponentShare;
import dev.hotpath.query.Views.EndpointProfile;
import dev.hotpath.query.Views.EndpointRef;
import dev.hotpath.query.Views.EndpointSummary;
import dev.hotpath.query.Views.FunctionRow;
import dev.hotpath.query.Views.HotFunction;
import dev.hotpath.query.Views.Latency;
import dev.hotpath.query.Views.Range;
import dev.hotpath.query.Views.Ranking;
import dev.hotpath.query.Views.Sampling;
import dev.hotpath.query.Views.SampleCounts;
import dev.hotpath.query.Views.SlowRequestSummary;
import dev.hotpath.query.Views.Stats;
import dev.hotpath.query.Views.TimelinePoint;
import dev.hotpath.query.Views.TraceProfile;
import org.jspecify.annotations.Nullable;

/**
 * Answers the questions of the profiles endpoint from the {@link ProfileStore}. Each
 * answer merges the windows of its time range under the store's read lock; nothing is
 * cached.
 */
public final class ProfileQueries {

	/**
	 * The name that selects the whole application: every endpoint and the background.
	 */
	public static final String APPLICATION = "application";

	private static final int SLOWEST_LISTED = 10;

	private final ProfileStore store;

	private final double cpuMillisPerSample;

	private final double wallMillisPerSample;

	private final LongSupplier clock;

	private final Sampling sampling;

	private final boolean includeActuator;

	private final Set<ProfileType> types;

	private final Components components;

	private final Comparisons comparisons;

	private final Findings findings;

	/**
	 * Creates the queries for CPU and wall-clock samples only, leaving the actuator's own
	 * requests out of the ranking.
	 * @param store the profile
	 * @param cpuInterval the time one CPU sample stands for
	 * @param wallInterval the time one wall-clock sample stands for
	 * @param chunk how often new data arrives
	 * @param clock the current time in epoch milliseconds
	 */
	public ProfileQueries(ProfileStore store, Duration cpuInterval, Duration wallInterval, Duration chunk,
			LongSupplier clock) {
		this(store, cpuInterval, wallInterval, EnumSet.of(ProfileType.CPU, ProfileType.WALL), chunk, clock, false);
	}

	/**
	 * Creates the queries.
	 * @param store the profile
	 * @param cpuInterval the time one CPU sample stands for
	 * @param wallInterval the time one wall-clock sample stands for
	 * @param types the profile types being sampled; per-request allocation and lock
	 * figures are given only for these
	 * @param chunk how often new data arrives
	 * @param clock the current time in epoch milliseconds
	 * @param includeActuator whether the actuator's own requests are ranked
	 */
	public ProfileQueries(ProfileStore store, Duration cpuInterval, Duration wallInterval, Set<ProfileType> types,
			Duration chunk, LongSupplier clock, boolean includeActuator) {
		this(store, cpuInterval, wallInterval, types, chunk, clock, includeActuator, new Components());
	}

	/**
	 * Creates the queries.
	 * @param store the profile
	 * @param cpuInterval the time one CPU sample stands for
	 * @param wallInterval the time one wall-clock sample stands for
	 * @param types the profile types being sampled; per-request allocation and lock
	 * figures are given only for these
	 * @param chunk how often new data arrives
	 * @param clock the current time in epoch milliseconds
	 * @param includeActuator whether the actuator's own requests are ranked
	 * @param components the components frames were classified into
	 */
	public ProfileQueries(ProfileStore store, Duration cpuInterval, Duration wallInterval, Set<ProfileType> types,
			Duration chunk, LongSupplier clock, boolean includeActuator, Components components) {
		this.components = components;
		this.includeActuator = includeActuator;
		this.store = store;
		this.types = Collections.unmodifiableSet(EnumSet.copyOf(types));
		this.sampling = new Sampling(cpuInterval.toMillis(), wallInterval.toMillis(), chunk.toSeconds(),
				this.types.stream().map(ProfileType::label).toList());
		this.cpuMillisPerSample = cpuInterval.toNanos() / 1e6;
		this.wallMillisPerSample = wallInterval.toNanos() / 1e6;
		this.clock = clock;
		this.comparisons = new Comparisons(store, this.sampling, clock, includeActuator, components);
		this.findings = new Findings(this, this.comparisons, store, clock, components);
	}

	/**
	 * Comparisons of two profiles: slow against typical requests, one range against
	 * another.
	 * @return the comparisons over the same store
	 */
	public Comparisons comparisons() {
		return this.comparisons;
	}

	/**
	 * The few facts that matter most in a range.
	 * @param range the range
	 * @return the findings, most important first
	 */
	public ComparisonViews.Findings findings(TimeRange range) {
		return this.findings.findings(range);
	}

	Sampling sampling() {
		return this.sampling;
	}

	/**
	 * Ranks the endpoints of a time range.
	 * @param range the time range
	 * @param order what to rank by
	 * @return the ranking
	 */
	public Ranking ranking(TimeRange range, RankingOrder order) {
		return this.store.read((view) -> {
			List<Window> windows = view.windows(range.fromMillis(), range.toMillis());
			TreeViews trees = new TreeViews(view.frames(), this.components);
			Map<String, Totals> endpoints = new LinkedHashMap<>();
			long actuatorRequests = 0;
			for (Window window : windows) {
				for (EndpointWindow endpoint : window.endpoints()) {
					if (!this.includeActuator && RequestSource.MANAGEMENT.equals(endpoint.kind())) {
						actuatorRequests += endpoint.latency().count();
						continue;
					}
					Totals totals = endpoints.computeIfAbsent(endpoint.endpoint(), (key) -> new Totals());
					totals.add(endpoint);
					totals.addComponents(endpoint, trees, this.components.size());
				}
			}
			List<EndpointSummary> summaries = new ArrayList<>();
			endpoints.forEach((name, totals) -> summaries.add(summary(name, totals, view.frames(), trees)));
			summaries.sort(order.comparator());
			long[] background = new long[ProfileType.values().length];
			List<TimelinePoint> timeline = new ArrayList<>();
			for (Window window : windows) {
				for (ProfileType type : ProfileType.values()) {
					background[type.ordinal()] += window.background().samples(type);
				}
				timeline.add(new TimelinePoint(Instant.ofEpochMilli(window.startMillis()),
						Instant.ofEpochMilli(window.endMillis()), window.requests(), window.errors(),
						window.samples(ProfileType.CPU), window.samples(ProfileType.WALL)));
			}
			ProfileStore.Dropped dropped = view.dropped();
			return new Ranking(range(range, windows), order.label(), summaries,
					new Background(EndpointIds.id(Window.BACKGROUND), sampleCounts(background)),
					EndpointIds.id(APPLICATION), actuatorRequests, timeline,
					new Views.Dropped(dropped.endpoints(), dropped.requests(), dropped.stacks(), dropped.traces(),
							dropped.samples(), dropped.windows(), dropped.scopes(), dropped.traceSamples()),
					view.samplesRead());
		});
	}

	/**
	 * One endpoint's profile over a time range.
	 * @param name the endpoint's name
	 * @param type the profile type of the flame graph and functions
	 * @param scope which frames to show
	 * @param range the time range
	 * @param function when not {@code null}, list only the slowest requests whose own
	 * samples contain this function
	 * @return the profile, or empty when the endpoint has no data in the retention
	 */
	public Optional<EndpointProfile> endpoint(String name, ProfileType type, Scope scope, TimeRange range,
			@Nullable String function) {
		return this.store.read((view) -> {
			if (view.windows().stream().allMatch((window) -> parts(window, name).isEmpty())) {
				return Optional.empty();
			}
			List<Window> windows = view.windows(range.fromMillis(), range.toMillis());
			TreeViews trees = new TreeViews(view.frames(), this.components);
			Merged merged = new Merged(type, view.limits().maxNodesPerTree() * 2);
			for (Window window : windows) {
				for (EndpointWindow endpoint : parts(window, name)) {
					merged.add(endpoint);
				}
			}
			CallTree tree = merged.tree();
			CallTree shown = (scope == Scope.APP) ? trees.applicationOnly(tree) : tree;
			int frame = (function != null) ? view.frames().find(function) : -1;
			List<SlowRequestSummary> slowest = merged.slowest.stream()
				.filter((request) -> function == null || (frame >= 0 && sawFrame(request, frame)))
				.sorted(Comparator.comparingLong(SlowRequest::durationNanos).reversed())
				.limit(SLOWEST_LISTED)
				.map(this::slowRequest)
				.toList();
			return Optional.of(new EndpointProfile(EndpointIds.id(name), name, type.label(), scope.label(),
					range(range, windows), stats(merged), trees.components(tree), trees.flame(shown),
					trees.functions(shown, tree, merged::requestsWith), slowest, this.sampling));
		});
	}

	/**
	 * One request's profile: every sample of its trace on every thread while the trace
	 * retention keeps them, or the samples kept with it when it is among the slowest.
	 * @param traceIdHigh the trace id's high 64 bits
	 * @param traceIdLow the trace id's low 64 bits
	 * @param type the profile type
	 * @param scope which frames to show
	 * @param span when not {@code null}, show only the samples of this span and its
	 * descendants
	 * @return the profile, or empty when no sample or kept request has that trace id
	 */
	public Optional<TraceProfile> trace(long traceIdHigh, long traceIdLow, ProfileType type, Scope scope,
			@Nullable Long span) {
		long now = this.clock.getAsLong();
		return this.store.read((view) -> {
			List<SlowRequest> requests = new ArrayList<>();
			for (Window window : view.windows()) {
				for (EndpointWindow endpoint : window.endpoints()) {
					for (SlowRequest request : endpoint.slowest()) {
						if (request.traceIdHigh() == traceIdHigh && request.traceIdLow() == traceIdLow) {
							requests.add(request);
						}
					}
				}
			}
			TraceSpans spans = new TraceSpans();
			view.traceSamples(traceIdHigh, traceIdLow, now, spans);
			if (requests.isEmpty() && spans.isEmpty()) {
				return Optional.empty();
			}
			requests.sort(Comparator.comparingLong(SlowRequest::startEpochMillis));
			TreeViews trees = new TreeViews(view.frames(), this.components);
			CallTree tree = new CallTree(view.limits().maxNodesPerTree());
			if (!spans.isEmpty()) {
				spans.addTo(tree, type, span);
			}
			else {
				for (SlowRequest request : requests) {
					CallTree own = request.tree(type);
					if (own != null) {
						tree.addAll(own);
					}
				}
			}
			CallTree shown = (scope == Scope.APP) ? trees.applicationOnly(tree) : tree;
			String endpoint = !requests.isEmpty() ? requests.get(0).endpoint() : spans.endpoint();
			return Optional.of(new TraceProfile(HexIds.traceId(traceIdHigh, traceIdLow),
					(endpoint != null) ? new EndpointRef(EndpointIds.id(endpoint), endpoint) : null,
					requests.stream().map(this::slowRequest).toList(), spans.summaries(),
					(span != null) ? HexIds.spanId(span) : null, type.label(), scope.label(), trees.components(tree),
					trees.flame(shown), trees.functions(shown, tree, (frame) -> 1), this.sampling));
		});
	}

	/**
	 * One function's source lines over a time range, merged from the line tables of the
	 * windows of an endpoint, the background or the whole application.
	 * @param name the endpoint's name, {@link Window#BACKGROUND} or {@link #APPLICATION}
	 * @param function the function's full name, as the functions table lists it
	 * @param type the profile type
	 * @param range the time range
	 * @return the lines, with no line and zero weights when the function was never
	 * sampled there; empty when the endpoint has no data in the retention
	 */
	public Optional<HotLines> lines(String name, String function, ProfileType type, TimeRange range) {
		return this.store.read((view) -> {
			if (view.windows().stream().allMatch((window) -> parts(window, name).isEmpty())) {
				return Optional.empty();
			}
			int frame = view.frames().find(function);
			Map<Integer, long[]> weights = new HashMap<>();
			long truncated = 0;
			for (Window window : view.windows(range.fromMillis(), range.toMillis())) {
				for (EndpointWindow endpoint : parts(window, name)) {
					truncated += endpoint.linesTruncated(type);
					if (frame >= 0) {
						endpoint.forEachLine(type, frame, (line, self, total) -> {
							long[] sums = weights.computeIfAbsent(line, (key) -> new long[2]);
							sums[0] += self;
							sums[1] += total;
						});
					}
				}
			}
			return Optional.of(HotLines.rank(name, function, type, weights, truncated));
		});
	}

	/**
	 * The data of a window that a name selects: one endpoint, the background, or the
	 * whole application.
	 */
	/**
	 * The parts of a window that a name stands for: one endpoint, the background, or
	 * every endpoint and the background for {@link #APPLICATION}.
	 * @param window the window
	 * @param name an endpoint's name, {@link Window#BACKGROUND} or {@link #APPLICATION}
	 * @return the parts, empty when the window has none of that name
	 */
	public static List<EndpointWindow> parts(Window window, String name) {
		if (Window.BACKGROUND.equals(name)) {
			return List.of(window.background());
		}
		if (APPLICATION.equals(name)) {
			List<EndpointWindow> all = new ArrayList<>(window.endpoints());
			all.add(window.background());
			return all;
		}
		EndpointWindow endpoint = window.endpoint(name);
		return (endpoint != null) ? List.of(endpoint) : List.of();
	}

	private EndpointSummary summary(String name, Totals totals, Frames frames, TreeViews trees) {
		Stats stats = stats(totals);
		return new EndpointSummary(EndpointIds.id(name), name, totals.kind, stats.requests(), stats.errors(),
				stats.latency(), stats.cpuMsPerRequest(), stats.wallMsPerRequest(), stats.allocBytesPerRequest(),
				stats.lockMsPerRequest(), stats.samples(), hottest(totals, frames), topComponent(totals, trees));
	}

	/**
	 * The component other than the application's own code with the most CPU time, or
	 * wall-clock time when the endpoint has no CPU sample.
	 */
	private @Nullable ComponentShare topComponent(Totals totals, TreeViews trees) {
		boolean cpu = totals.samples(ProfileType.CPU) > 0;
		long[] weights = cpu ? totals.cpuComponents : totals.wallComponents;
		if (weights == null) {
			return null;
		}
		return trees.shares(weights, totals.samples(cpu ? ProfileType.CPU : ProfileType.WALL))
			.stream()
			.filter((share) -> !"application".equals(share.name()))
			.findFirst()
			.orElse(null);
	}

	private Stats stats(Totals totals) {
		LatencyHistogram latency = totals.latency;
		long requests = latency.count();
		long cpu = totals.samples(ProfileType.CPU);
		long wall = totals.samples(ProfileType.WALL);
		Double alloc = this.types.contains(ProfileType.ALLOC)
				? perRequest(totals.weight[ProfileType.ALLOC.ordinal()], requests) : null;
		Double lock = this.types.contains(ProfileType.LOCK)
				? perRequest(totals.weight[ProfileType.LOCK.ordinal()] / 1e6, requests) : null;
		return new Stats(requests, totals.errors,
				new Latency(latency.meanMillis(), latency.percentileMillis(0.50), latency.percentileMillis(0.95),
						latency.percentileMillis(0.99), latency.maxMillis()),
				perRequest(cpu * this.cpuMillisPerSample, requests),
				perRequest(wall * this.wallMillisPerSample, requests), alloc, lock, sampleCounts(totals.samples));
	}

	private static SampleCounts sampleCounts(long[] samples) {
		return new SampleCounts(samples[ProfileType.CPU.ordinal()], samples[ProfileType.WALL.ordinal()],
				samples[ProfileType.ALLOC.ordinal()], samples[ProfileType.LOCK.ordinal()]);
	}

	private static double perRequest(double millis, long requests) {
		return (requests != 0) ? millis / requests : 0;
	}

	/**
	 * The application function with the most self weight once libraries are folded: CPU
	 * time when the endpoint has CPU samples, wall-clock time otherwise.
	 */
	private @Nullable HotFunction hottest(Totals totals, Frames frames) {
		boolean cpu = totals.samples(ProfileType.CPU) > 0;
		Map<Integer, Long> self = cpu ? totals.cpuApplicationSelf : totals.wallApplicationSelf;
		long all = totals.samples(cpu ? ProfileType.CPU : ProfileType.WALL);
		Map.Entry<Integer, Long> top = null;
		for (Map.Entry<Integer, Long> entry : self.entrySet()) {
			if (top == null || entry.getValue() > top.getValue() || (entry.getValue().equals(top.getValue())
					&& frames.name(entry.getKey()).compareTo(frames.name(top.getKey())) < 0)) {
				top = entry;
			}
		}
		if (top == null || all == 0) {
			return null;
		}
		return new HotFunction(frames.name(top.getKey()), frames.kind(top.getKey()).label(),
				(double) top.getValue() / all);
	}

	private static boolean sawFrame(SlowRequest request, int frame) {
		for (ProfileType type : ProfileType.values()) {
			CallTree tree = request.tree(type);
			for (int node = 1; tree != null && node < tree.size(); node++) {
				if (tree.frame(node) == frame) {
					return true;
				}
			}
		}
		return false;
	}

	private SlowRequestSummary slowRequest(SlowRequest request) {
		return new SlowRequestSummary(HexIds.traceId(request.traceIdHigh(), request.traceIdLow()),
				HexIds.spanId(request.spanId()), Instant.ofEpochMilli(request.startEpochMillis()),
				request.durationNanos() / 1e6, request.status(), sampleCounts(requestSamples(request)),
				request.thread());
	}

	private static long[] requestSamples(SlowRequest request) {
		long[] samples = new long[ProfileType.values().length];
		for (ProfileType type : ProfileType.values()) {
			samples[type.ordinal()] = request.samples(type);
		}
		return samples;
	}

	private Range range(TimeRange range, List<Window> windows) {
		long now = this.clock.getAsLong();
		long first = windows.isEmpty() ? now : windows.get(0).startMillis();
		return new Range(range.from(first), range.to(now), this.store.limits().retention().toSeconds());
	}

	/**
	 * One endpoint's request statistics and sample counts over some windows: what ranking
	 * needs, without call trees.
	 */
	private static class Totals {

		final LatencyHistogram latency = new LatencyHistogram();

		final Map<Integer, Long> cpuApplicationSelf = new HashMap<>();

		final Map<Integer, Long> wallApplicationSelf = new HashMap<>();

		/** Samples per profile type, by ordinal. */
		final long[] samples = new long[ProfileType.values().length];

		/** Weight per profile type, by ordinal: samples, bytes or nanoseconds. */
		final long[] weight = new long[ProfileType.values().length];

		long errors;

		String kind = RequestSource.ROUTE;

		long @Nullable [] cpuComponents;

		long @Nullable [] wallComponents;

		void add(EndpointWindow endpoint) {
			if (!RequestSource.ROUTE.equals(endpoint.kind())) {
				this.kind = endpoint.kind();
			}
			this.latency.addAll(endpoint.latency());
			this.errors += endpoint.errors();
			for (ProfileType type : ProfileType.values()) {
				this.samples[type.ordinal()] += endpoint.samples(type);
				this.weight[type.ordinal()] += endpoint.weight(type);
			}
			endpoint.forEachApplicationSelf(ProfileType.CPU,
					(frame, weight) -> this.cpuApplicationSelf.merge(frame, weight, Long::sum));
			endpoint.forEachApplicationSelf(ProfileType.WALL,
					(frame, weight) -> this.wallApplicationSelf.merge(frame, weight, Long::sum));
		}

		long samples(ProfileType type) {
			return this.samples[type.ordinal()];
		}

		void addComponents(EndpointWindow endpoint, TreeViews trees, int components) {
			if (this.cpuComponents == null) {
				this.cpuComponents = new long[components];
				this.wallComponents = new long[components];
			}
			trees.addComponentWeights(endpoint.tree(ProfileType.CPU), this.cpuComponents);
			trees.addComponentWeights(endpoint.tree(ProfileType.WALL), this.wallComponents);
		}

	}

	/**
	 * One endpoint's windows added together, with the call tree of one profile type.
	 */
	private static final class Merged extends Totals {

		private final ProfileType type;

		private final CallTree tree;

		private final List<SlowRequest> slowest = new ArrayList<>();

		private final List<EndpointWindow> windows = new ArrayList<>();

		Merged(ProfileType type, int maxNodes) {
			this.type = type;
			this.tree = new CallTree(maxNodes);
		}

		@Override
		void add(EndpointWindow endpoint) {
			super.add(endpoint);
			this.tree.addAll(endpoint.tree(this.type));
			this.slowest.addAll(endpoint.slowest());
			this.windows.add(endpoint);
		}

		CallTree tree() {
			return this.tree;
		}

		long requestsWith(int frame) {
			long requests = 0;
			for (EndpointWindow window : this.windows) {
				requests += window.requestsWith(frame);
			}
			return requests;
		}

	}

}

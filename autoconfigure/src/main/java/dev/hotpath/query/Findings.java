package dev.hotpath.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.Components;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.query.ComparisonViews.Comparison;
import dev.hotpath.query.ComparisonViews.Finding;
import dev.hotpath.query.ComparisonViews.FunctionDelta;
import dev.hotpath.query.Comparisons.SideData;
import dev.hotpath.query.Comparisons.Split;
import dev.hotpath.query.Views.EndpointSummary;
import dev.hotpath.query.Views.Ranking;
import org.jspecify.annotations.Nullable;

/**
 * The few facts that matter most in a range, in plain sentences, each with the view that
 * shows it: the slowest endpoint and its hot spot, the function that grew most since the
 * previous range, and the endpoint whose slow requests differ most from its typical ones.
 * Deterministic: a growth is a finding only when it stands out of the sampling noise,
 * three standard deviations of the sample counts' difference.
 */
public final class Findings {

	/** Requests a side needs before it is compared. */
	static final int MIN_REQUESTS = 20;

	/** Slow requests an endpoint needs before its slow and typical ones are compared. */
	static final int MIN_SLOW_REQUESTS = 5;

	/** The longest period compared when the range is open: the last five minutes. */
	static final Duration PERIOD = Duration.ofMinutes(5);

	private final ProfileQueries queries;

	private final Comparisons comparisons;

	private final ProfileStore store;

	private final LongSupplier clock;

	private final Components components;

	Findings(ProfileQueries queries, Comparisons comparisons, ProfileStore store, LongSupplier clock,
			Components components) {
		this.queries = queries;
		this.comparisons = comparisons;
		this.store = store;
		this.clock = clock;
		this.components = components;
	}

	/**
	 * The findings of a range.
	 * @param range the range
	 * @return the findings, most important first
	 */
	public ComparisonViews.Findings findings(TimeRange range) {
		Ranking ranking = this.queries.ranking(range, RankingOrder.P95);
		List<Finding> findings = new ArrayList<>();
		slowest(ranking).ifPresent(findings::add);
		grew(range, ranking).ifPresent(findings::add);
		slowDiffers(range).ifPresent(findings::add);
		return new ComparisonViews.Findings(ranking.range(), findings);
	}

	private Optional<Finding> slowest(Ranking ranking) {
		for (EndpointSummary endpoint : ranking.endpoints()) {
			if (endpoint.requests() < MIN_SLOW_REQUESTS) {
				continue;
			}
			StringBuilder text = new StringBuilder(endpoint.name()).append(" is the slowest endpoint (p95 ")
				.append(Comparisons.format(endpoint.latency().p95Ms(), "ms"))
				.append(')');
			String time = (endpoint.samples().cpu() > 0) ? "CPU time" : "wall-clock time";
			if (endpoint.topComponent() != null && (endpoint.hottestFunction() == null
					|| endpoint.topComponent().share() > endpoint.hottestFunction().share())) {
				text.append("; ")
					.append(percent(endpoint.topComponent().share()))
					.append(" of its ")
					.append(time)
					.append(" is in ")
					.append(endpoint.topComponent().label());
			}
			else if (endpoint.hottestFunction() != null) {
				text.append("; its hot spot is ")
					.append(endpoint.hottestFunction().name())
					.append(" (")
					.append(percent(endpoint.hottestFunction().share()))
					.append(" of its ")
					.append(time)
					.append(')');
			}
			return Optional.of(new Finding("slowest", text.append('.').toString(), "endpoints/" + endpoint.id()));
		}
		return Optional.empty();
	}

	/**
	 * The application or library function whose CPU time per request grew most, folded as
	 * "my code only" shows it: against the range before the chosen one, or, for an open
	 * range, the last five minutes (at most half the data) against the five before.
	 */
	private Optional<Finding> grew(TimeRange range, Ranking ranking) {
		long now = this.clock.getAsLong();
		TimeRange after;
		String period;
		if (range.fromMillis() != Long.MIN_VALUE) {
			after = new TimeRange(range.fromMillis(), Math.min(range.toMillis(), now));
			period = "since the range before";
		}
		else {
			long first = ranking.range().from().toEpochMilli();
			long length = Math.min(PERIOD.toMillis(), (now - first) / 2);
			long window = this.store.limits().window().toMillis();
			if (length < 2 * window) {
				return Optional.empty();
			}
			after = new TimeRange(now - length, now);
			period = "in the last " + minutes(length) + " against the " + minutes(length) + " before";
		}
		Optional<Comparison> compared = this.comparisons.ranges(ProfileQueries.APPLICATION, ProfileType.CPU, Scope.APP,
				after, null);
		if (compared.isEmpty()) {
			return Optional.empty();
		}
		Comparison comparison = compared.get();
		if (comparison.baseline().requests() < MIN_REQUESTS || comparison.target().requests() < MIN_REQUESTS) {
			return Optional.empty();
		}
		double msPerSample = comparison.sampling().cpuIntervalMs();
		// the application's and its libraries' functions: the JVM's own threads
		// (compiler, GC) do not grow with requests
		List<FunctionDelta> functions = comparison.functions()
			.stream()
			.filter((function) -> "application".equals(function.kind()) || "library".equals(function.kind()))
			.toList();
		FunctionDelta grown = Comparisons.significant(functions, comparison.baseline().requests(),
				comparison.target().requests(), msPerSample);
		if (grown == null) {
			return Optional.empty();
		}
		String text = grown.name() + " grew most " + period + ": +" + Comparisons.format(grown.deltaSelf(), "ms")
				+ " of CPU time per request (" + Comparisons.format(grown.baselineSelf(), "ms") + " → "
				+ Comparisons.format(grown.targetSelf(), "ms") + ").";
		String view = "comparisons/" + comparison.id() + "?by=range&from=" + Instant.ofEpochMilli(after.fromMillis())
				+ "&to=" + Instant.ofEpochMilli(after.toMillis()) + "&baselineFrom=" + comparison.baseline().from()
				+ "&baselineTo=" + comparison.baseline().to();
		return Optional.of(new Finding("grew", text, view));
	}

	/**
	 * The endpoint whose slow requests spend the most more time per request in one
	 * function than its typical ones, in wall-clock time where it is sampled.
	 */
	private Optional<Finding> slowDiffers(TimeRange range) {
		long now = this.clock.getAsLong();
		return this.store.read((view) -> {
			long from = Math.max(range.fromMillis(),
					Math.max(view.recentSamplesSince(now), view.recentRequestsSince(now)));
			long to = Math.min(range.toMillis(), now);
			if (from >= to) {
				return Optional.<Finding>empty();
			}
			Map<String, Split> splits = this.comparisons.splitAll(view, from, to, now,
					EnumSet.of(ProfileType.CPU, ProfileType.WALL));
			TreeViews trees = new TreeViews(view.frames(), this.components);
			int maxNodes = view.limits().maxNodesPerTree() * 2;
			Finding best = null;
			double bestDelta = 0;
			for (Map.Entry<String, Split> entry : splits.entrySet()) {
				Split split = entry.getValue();
				SideData typical = split.typical;
				SideData slow = split.slow;
				if (typical.requests < MIN_REQUESTS || slow.requests < MIN_SLOW_REQUESTS) {
					continue;
				}
				boolean wall = typical.samples[ProfileType.WALL.ordinal()] > 0
						&& slow.samples[ProfileType.WALL.ordinal()] > 0;
				ProfileType type = wall ? ProfileType.WALL : ProfileType.CPU;
				double msPerSample = wall ? this.queries.sampling().wallIntervalMs()
						: this.queries.sampling().cpuIntervalMs();
				CallTree typicalTree = typical.tree(type, maxNodes);
				CallTree slowTree = slow.tree(type, maxNodes);
				Set<Integer> hot = new HashSet<>(trees.hotLibraryFrames(typicalTree));
				hot.addAll(trees.hotLibraryFrames(slowTree));
				List<FunctionDelta> functions = this.comparisons.functionDeltas(trees,
						trees.applicationOnly(typicalTree, hot), typicalTree, msPerSample / typical.requests,
						trees.applicationOnly(slowTree, hot), slowTree, msPerSample / slow.requests);
				FunctionDelta top = Comparisons.significant(functions, typical.requests, slow.requests, msPerSample);
				if (top == null || top.deltaSelf() <= bestDelta) {
					continue;
				}
				bestDelta = top.deltaSelf();
				String name = entry.getKey();
				best = new Finding("slow-differs",
						"Slow requests of " + name + " ("
								+ slow.label.substring(slow.label.indexOf('(') + 1, slow.label.length() - 1)
								+ ") spend " + Comparisons.format(top.deltaSelf(), "ms") + " more "
								+ Comparisons.typeName(type) + " per request in " + top.name() + " than typical ones.",
						"comparisons/" + EndpointIds.id(name) + "?by=slow" + (wall ? "&type=wall" : ""));
			}
			return Optional.ofNullable(best);
		});
	}

	private static String percent(double share) {
		return Math.round(share * 100) + "%";
	}

	private static String minutes(long millis) {
		long seconds = millis / 1000;
		if (seconds % 60 == 0) {
			long minutes = seconds / 60;
			return (minutes == 1) ? "minute" : minutes + " minutes";
		}
		return seconds + " seconds";
	}

}

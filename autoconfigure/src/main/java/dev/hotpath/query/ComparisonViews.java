package dev.hotpath.query;

import java.time.Instant;
import java.util.List;

import dev.hotpath.query.Views.FrameInfo;
import dev.hotpath.query.Views.Range;
import dev.hotpath.query.Views.Sampling;
import org.jspecify.annotations.Nullable;

/**
 * The shapes of comparisons and findings, as {@code docs/api.md} documents them. Every
 * weight in a comparison is per request of its side, in the comparison's unit, so that a
 * change of traffic alone shows no difference.
 */
public final class ComparisonViews {

	private ComparisonViews() {
	}

	/**
	 * Two profiles of one endpoint (or the whole application) side by side.
	 *
	 * @param by {@code slow} (slow against typical requests), {@code range} (before
	 * against after) or {@code version}
	 * @param id the endpoint's id
	 * @param name the endpoint's name
	 * @param type the profile type compared
	 * @param scope the frames shown
	 * @param unit {@code ms} for cpu, wall and lock, {@code bytes} for alloc
	 * @param slowerThanMs for {@code slow}, the latency from which a request is slow
	 * @param baseline the side compared against: typical requests, before, the earlier
	 * version
	 * @param target the side in question: slow requests, after, the later version
	 * @param verdict what the difference comes to, in one or two sentences, or
	 * {@code null}
	 * @param components each component's weight per request on both sides, the largest
	 * change first
	 * @param functions each function's self and total weight per request on both sides,
	 * the most growth first and the most shrinkage last
	 * @param flame both sides' trees merged into one differential flame graph
	 * @param sampling how the samples were taken
	 */
	public record Comparison(String by, String id, String name, String type, String scope, String unit,
			@Nullable Double slowerThanMs, Side baseline, Side target, @Nullable String verdict,
			List<ComponentDelta> components, List<FunctionDelta> functions, DiffFlame flame, Sampling sampling) {

	}

	/**
	 * One side of a comparison.
	 *
	 * @param label what the side holds, for people
	 * @param from the start of the time it covers
	 * @param to the end of the time it covers
	 * @param version the application version it holds, or {@code null} for the running
	 * one
	 * @param requests its requests
	 * @param latencyMs their mean latency, or {@code null} when there is none
	 * @param cpuMsPerRequest CPU time sampled per request
	 * @param wallMsPerRequest wall-clock time sampled per request
	 * @param valuePerRequest the compared type's weight per request, in the unit
	 */
	public record Side(String label, Instant from, Instant to, @Nullable String version, long requests,
			@Nullable Double latencyMs, double cpuMsPerRequest, double wallMsPerRequest, double valuePerRequest) {

	}

	/**
	 * A component on both sides.
	 *
	 * @param name the component
	 * @param label its name for people
	 * @param baseline its weight per request on the baseline side
	 * @param target its weight per request on the target side
	 * @param delta target minus baseline
	 */
	public record ComponentDelta(String name, String label, double baseline, double target, double delta) {

	}

	/**
	 * A function on both sides.
	 *
	 * @param name the function
	 * @param kind its kind
	 * @param component its component, or {@code null} for JDK and native frames
	 * @param componentLabel the component's name for people
	 * @param baselineSelf its self weight per request on the baseline side
	 * @param targetSelf its self weight per request on the target side
	 * @param deltaSelf target minus baseline self weight
	 * @param baselineTotal its total weight per request on the baseline side
	 * @param targetTotal its total weight per request on the target side
	 * @param deltaTotal target minus baseline total weight
	 */
	public record FunctionDelta(String name, String kind, @Nullable String component, @Nullable String componentLabel,
			double baselineSelf, double targetSelf, double deltaSelf, double baselineTotal, double targetTotal,
			double deltaTotal) {

	}

	/**
	 * A differential flame graph: one tree holding the paths of both sides.
	 *
	 * @param frames the frames the nodes use
	 * @param nodes the nodes
	 */
	public record DiffFlame(List<FrameInfo> frames, DiffNodes nodes) {

	}

	/**
	 * The nodes of a differential flame graph as parallel arrays in pre-order, children
	 * ordered by name.
	 *
	 * @param frame each node's index into the frames
	 * @param depth each node's depth, the root at 0
	 * @param baseline each node's total weight per request on the baseline side
	 * @param target each node's total weight per request on the target side
	 */
	public record DiffNodes(int[] frame, int[] depth, double[] baseline, double[] target) {

	}

	/**
	 * The few facts that matter most in a range.
	 *
	 * @param range the time covered
	 * @param findings the facts, most important first
	 */
	public record Findings(Range range, List<Finding> findings) {

	}

	/**
	 * One fact, in a plain sentence.
	 *
	 * @param kind {@code slowest}, {@code grew} or {@code slow-differs}
	 * @param text the sentence
	 * @param view the page's view that shows it, relative to the profiles endpoint
	 */
	public record Finding(String kind, String text, String view) {

	}

}

package dev.hotpath.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.hotpath.profile.EndpointWindow;
import dev.hotpath.profile.ProfileType;

/**
 * One function's source lines over a time range, like a line profiler's report: how much
 * of the function's weight ended on each line (self) and passed through it into callees
 * (total).
 *
 * @param id the id the lines were asked for: an endpoint's, the background's or the whole
 * application's
 * @param name the endpoint's name, {@code background} or {@code application}
 * @param function the function's full name
 * @param type the profile type
 * @param unit the unit of every weight: {@code samples} for cpu and wall, {@code bytes}
 * for alloc, {@code ns} for lock
 * @param self the weight of samples that ended in the function
 * @param total the weight of samples that passed through the function, once per sample
 * however often recursion repeats it
 * @param lines the lines with a known number, by total descending
 * @param unknownLine the weight of the function's samples whose line is not known (native
 * frames, code without line numbers)
 * @param truncated the weight of the range's samples that lost a line because a line
 * table was full; when not zero, the figures are too low
 */
public record HotLines(String id, String name, String function, String type, String unit, long self, long total,
		List<Line> lines, long unknownLine, long truncated) {

	private static final Comparator<Line> RANKING = Comparator.comparingLong(Line::total)
		.reversed()
		.thenComparing(Comparator.comparingLong(Line::self).reversed())
		.thenComparingInt(Line::line);

	/**
	 * Ranks merged line weights.
	 * @param name the endpoint's name
	 * @param function the function's name
	 * @param type the profile type
	 * @param weights self and total by line, {@code 0} for unknown lines and
	 * {@link EndpointWindow#FUNCTION_LINE} for the function itself
	 * @param truncated the weight lost to full line tables
	 * @return the report
	 */
	static HotLines rank(String name, String function, ProfileType type, Map<Integer, long[]> weights, long truncated) {
		long[] own = weights.getOrDefault(EndpointWindow.FUNCTION_LINE, new long[2]);
		long total = own[1];
		List<Line> lines = new ArrayList<>();
		weights.forEach((line, weight) -> {
			if (line > 0) {
				lines.add(new Line(line, weight[0], weight[1], share(weight[0], total), share(weight[1], total)));
			}
		});
		lines.sort(RANKING);
		long unknown = weights.getOrDefault(0, new long[2])[1];
		return new HotLines(EndpointIds.id(name), name, function, type.label(), unit(type), own[0], total, lines,
				unknown, truncated);
	}

	private static double share(long weight, long total) {
		return (total != 0) ? (double) weight / total : 0;
	}

	private static String unit(ProfileType type) {
		return switch (type) {
			case CPU, WALL -> "samples";
			case ALLOC -> "bytes";
			case LOCK -> "ns";
		};
	}

	/**
	 * One source line of the function.
	 *
	 * @param line the line number
	 * @param self the weight of samples that ended on this line
	 * @param total the weight of samples that passed through this line, once per sample
	 * @param selfShare {@code self} over the function's total
	 * @param totalShare {@code total} over the function's total
	 */
	public record Line(int line, long self, long total, double selfShare, double totalShare) {

	}

}

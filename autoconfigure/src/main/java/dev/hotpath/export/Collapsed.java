package dev.hotpath.export;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hotpath.profile.ProfileType;

/**
 * Writes a profile as collapsed stacks, one line per distinct stack: frames root first
 * joined by {@code ;}, a space, and the weight, as flamegraph.pl, speedscope and
 * async-profiler's converter read them. Weights are sample counts for cpu and wall, bytes
 * for alloc and nanoseconds for lock.
 */
public final class Collapsed {

	/** The media type of the download. */
	public static final String MEDIA_TYPE = "text/plain";

	private Collapsed() {
	}

	/**
	 * The profile's samples of one type as collapsed stacks.
	 * @param profile the profile
	 * @param type the profile type
	 * @return the text, one stack per line
	 */
	public static String encode(ExportedProfile profile, ProfileType type) {
		Map<String, Long> stacks = new LinkedHashMap<>();
		for (ExportedProfile.Sample sample : profile.samples()) {
			if (sample.type() != type || sample.stack().length == 0) {
				continue;
			}
			StringBuilder line = new StringBuilder();
			for (int frame : sample.stack()) {
				if (!line.isEmpty()) {
					line.append(';');
				}
				line.append(profile.frames().get(frame).replace(';', ':'));
			}
			long weight = (type == ProfileType.CPU || type == ProfileType.WALL) ? sample.count() : sample.value();
			stacks.merge(line.toString(), weight, Long::sum);
		}
		StringBuilder text = new StringBuilder();
		stacks.forEach((stack, weight) -> text.append(stack).append(' ').append(weight).append('\n'));
		return text.toString();
	}

}

package dev.hotpath.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much of an application's CPU samples Hotpath's own code takes, from a collapsed CPU
 * profile of the application that Hotpath itself recorded
 * ({@code /actuator/profiles?format=collapsed&type=cpu&from=…&to=…}). A sample is
 * Hotpath's when its leaf-most Hotpath frame ({@code dev.hotpath.}, less the application
 * package given) runs its own work: every frame leafward of it is the JDK's,
 * async-profiler's, OpenTelemetry's or Micrometer's API, or native. Where that frame
 * calls back into the application (the servlet filter calling the rest of the chain, a
 * task wrapper running the task), the sample is the application's. Prints the share and
 * the Hotpath methods it falls in.
 *
 * <pre>
 * java benchmarks/src/main/java/dev/hotpath/benchmarks/OwnShare.java cpu.collapsed [application-package]
 * </pre>
 */
public final class OwnShare {

	private static final List<String> SUPPORT = List.of("java.", "jdk.", "sun.", "com.sun.", "one.profiler.",
			"io.opentelemetry.", "io.micrometer.");

	private OwnShare() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 1) {
			throw new IllegalArgumentException("Usage: OwnShare.java <collapsed file> [application package]");
		}
		String application = (args.length > 1) ? args[1] : "dev.hotpath.demo.";
		long total = 0;
		long own = 0;
		Map<String, Long> places = new HashMap<>();
		for (String line : Files.readAllLines(Path.of(args[0]))) {
			int space = line.lastIndexOf(' ');
			if (space < 0) {
				continue;
			}
			long weight = Long.parseLong(line.substring(space + 1).strip());
			String[] frames = line.substring(0, space).split(";");
			total += weight;
			int hotpath = -1;
			for (int i = 0; i < frames.length; i++) {
				if (frames[i].startsWith("dev.hotpath.") && !frames[i].startsWith(application)) {
					hotpath = i;
				}
			}
			if (hotpath >= 0 && supportOnly(frames, hotpath + 1)) {
				own += weight;
				places.merge(frames[hotpath], weight, Long::sum);
			}
		}
		System.out.printf(Locale.ROOT, "%,d CPU samples, of which Hotpath's own code %,d (%.2f %%)%n", total, own,
				(total > 0) ? own * 100.0 / total : 0);
		places.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(40)
			.forEach((place) -> System.out.printf(Locale.ROOT, "%8d  %s%n", place.getValue(), place.getKey()));
	}

	/**
	 * Whether every frame from an index on is the JDK's, a supporting API's or native.
	 */
	private static boolean supportOnly(String[] frames, int from) {
		for (int i = from; i < frames.length; i++) {
			String frame = frames[i];
			boolean java = frame.indexOf('.') > 0 && !frame.contains("::");
			if (java && SUPPORT.stream().noneMatch(frame::startsWith)) {
				return false;
			}
		}
		return true;
	}

}

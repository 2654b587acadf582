package dev.hotpath.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What async-profiler costs a JVM that does nothing, by the options Hotpath starts it
 * with: each configuration runs in a fresh JVM with a number of parked threads (a web
 * application's pools), and the JVM's own accounting ({@code /proc/self/task/*}
 * {@code /schedstat}) gives the CPU every thread used while idle. Rounds alternate the
 * order of the configurations; the report is the median of the rounds, per configuration
 * and for the threads async-profiler started.
 * <p>
 * Run with the JDK alone, async-profiler's jar on the class path, on one core;
 * {@code configurations} replaces the compared configurations (each against no profiler)
 * by async-profiler start options of one's own:
 *
 * <pre>
 * taskset -c 0 java -cp ~/.m2/repository/tools/profiler/async-profiler/4.6/async-profiler-4.6.jar \
 *     benchmarks/src/main/java/dev/hotpath/benchmarks/IdleCostHarness.java [threads=60,200] [seconds=15] [rounds=3] \
 *     ["configurations=name:options;…"]
 * </pre>
 */
public final class IdleCostHarness {

	private static final String SOURCE = "benchmarks/src/main/java/dev/hotpath/benchmarks/IdleCostHarness.java";

	/** The configurations compared: a name and async-profiler's start options. */
	private static final Map<String, String> CONFIGURATIONS = new LinkedHashMap<>();

	static {
		CONFIGURATIONS.put("no profiler", "");
		CONFIGURATIONS.put("cpu 10 ms", "event=cpu,interval=10ms");
		CONFIGURATIONS.put("cpu 10 ms, wall 20 ms", "event=cpu,interval=10ms,wall=20ms,filter");
		CONFIGURATIONS.put("cpu 10 ms, wall 50 ms", "event=cpu,interval=10ms,wall=50ms,filter");
		CONFIGURATIONS.put("cpu 10 ms, wall 20 ms, lock 10 ms", "event=cpu,interval=10ms,wall=20ms,filter,lock=10ms");
	}

	private IdleCostHarness() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("child")) {
			child(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]));
			return;
		}
		Map<String, String> options = new HashMap<>(
				Map.of("threads", "60,200", "seconds", "15", "rounds", "3", "configurations", ""));
		for (String arg : args) {
			String[] pair = arg.split("=", 2);
			if (pair.length != 2 || !options.containsKey(pair[0])) {
				throw new IllegalArgumentException("Unknown option " + arg + "; known: " + options.keySet());
			}
			options.put(pair[0], pair[1]);
		}
		if (!options.get("configurations").isEmpty()) {
			CONFIGURATIONS.clear();
			CONFIGURATIONS.put("no profiler", "");
			for (String configuration : options.get("configurations").split(";")) {
				String[] pair = configuration.split(":", 2);
				CONFIGURATIONS.put(pair[0].strip(), pair[1].strip());
			}
		}
		int seconds = Integer.parseInt(options.get("seconds"));
		int rounds = Integer.parseInt(options.get("rounds"));
		System.out.printf("idle cost harness, options %s, java %s, load average %s%n", options,
				System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).strip());
		for (String threadCount : options.get("threads").split(",")) {
			int threads = Integer.parseInt(threadCount.strip());
			Map<String, List<double[]>> results = new LinkedHashMap<>();
			CONFIGURATIONS.keySet().forEach((name) -> results.put(name, new ArrayList<>()));
			for (int round = 0; round < rounds; round++) {
				List<String> order = new ArrayList<>(CONFIGURATIONS.keySet());
				if (round % 2 == 1) {
					java.util.Collections.reverse(order);
				}
				for (String name : order) {
					double[] result = runChild(threads, CONFIGURATIONS.get(name), seconds);
					results.get(name).add(result);
					System.out.printf(Locale.ROOT,
							"  round %d, %d threads, %-36s process %.3f %%, profiler's threads %.3f %%%n", round + 1,
							threads, name, result[0], result[1]);
				}
			}
			System.out.printf("%d parked threads, median of %d rounds of %d s (%% of one core):%n", threads, rounds,
					seconds);
			for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
				System.out.printf(Locale.ROOT, "  %-36s process %.3f %% (%.3f to %.3f), profiler's threads %.3f %%%n",
						entry.getKey(), median(entry.getValue(), 0), min(entry.getValue(), 0), max(entry.getValue(), 0),
						median(entry.getValue(), 1));
			}
		}
	}

	/** Runs one configuration in a fresh JVM; answers its process and profiler shares. */
	private static double[] runChild(int threads, String options, int seconds) throws Exception {
		// launched from this source file, so that only the JDK and async-profiler are
		// needed
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), SOURCE, "child", Integer.toString(threads),
				options.isEmpty() ? "-" : options, Integer.toString(seconds));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException("The idle JVM failed: " + output);
		}
		String last = output.strip().lines().reduce((first, second) -> second).orElse("");
		String[] fields = last.split(" ");
		return new double[] { Double.parseDouble(fields[0]), Double.parseDouble(fields[1]) };
	}

	/**
	 * The idle JVM: parks threads, starts async-profiler, measures, prints two shares.
	 */
	private static void child(int threads, String options, int seconds) throws Exception {
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(() -> {
				try {
					Thread.sleep(Long.MAX_VALUE);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "parked-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		Map<String, Long> before = threadTimes();
		Path file = Files.createTempFile("idle-cost", ".jfr");
		one.profiler.AsyncProfiler profiler = options.equals("-") ? null : one.profiler.AsyncProfiler.getInstance();
		if (profiler != null) {
			profiler.execute("start," + options + ",jfr,file=" + file);
		}
		// let start-up settle before measuring
		Thread.sleep(3000);
		Map<String, Long> started = threadTimes();
		long from = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		Map<String, Long> ended = threadTimes();
		double elapsed = System.nanoTime() - from;
		if (profiler != null) {
			profiler.execute("stop");
		}
		Files.deleteIfExists(file);
		long total = 0;
		long profilers = 0;
		for (Map.Entry<String, Long> entry : ended.entrySet()) {
			long used = entry.getValue() - started.getOrDefault(entry.getKey(), 0L);
			total += used;
			// threads that did not exist before the profiler started are the profiler's
			// (the
			// JVM seldom starts one of its own while idle)
			if (!before.containsKey(entry.getKey())) {
				profilers += used;
			}
		}
		System.out.printf(Locale.ROOT, "%.4f %.4f%n", total * 100 / elapsed, profilers * 100 / elapsed);
	}

	/** CPU nanoseconds of each thread of this process, by thread id. */
	private static Map<String, Long> threadTimes() {
		Map<String, Long> times = new HashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			tasks.forEach((task) -> {
				try {
					String schedstat = Files.readString(task.resolve("schedstat")).strip();
					times.put(task.getFileName().toString(), Long.parseLong(schedstat.split(" ")[0]));
				}
				catch (IOException ex) {
					// the thread ended meanwhile
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return times;
	}

	private static double median(List<double[]> results, int index) {
		double[] values = results.stream().mapToDouble((result) -> result[index]).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	private static double min(List<double[]> results, int index) {
		return results.stream().mapToDouble((result) -> result[index]).min().orElse(Double.NaN);
	}

	private static double max(List<double[]> results, int index) {
		return results.stream().mapToDouble((result) -> result[index]).max().orElse(Double.NaN);
	}

}

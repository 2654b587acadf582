package dev.hotpath.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * What async-profiler's wall-clock thread costs a JVM with many threads of which a few
 * work for requests, by the native library it runs: each library runs in a fresh JVM with
 * {@code threads} parked threads (a web application's pools) and {@code working} threads
 * in async-profiler's thread filter that alternate 1 ms of CPU with 3 ms of sleep, as
 * request threads do, under the options Hotpath starts async-profiler with
 * ({@code event=cpu,interval=10ms,wall=20ms,filter,jfr}). The JVM's own accounting
 * ({@code /proc/self/task/*}{@code /schedstat}) gives the CPU of the threads
 * async-profiler started over {@code seconds}. Rounds alternate the order of the
 * libraries; the report is each library's median with the range of its rounds.
 * <p>
 * Run with the JDK alone, async-profiler's jar on the class path, on one core;
 * {@code libs} names each library {@code name:path}, {@code jar} for the one bundled in
 * the jar:
 *
 * <pre>
 * taskset -c 0 java -cp ~/.m2/repository/tools/profiler/async-profiler/4.6/async-profiler-4.6.jar \
 *     benchmarks/src/main/java/dev/hotpath/benchmarks/WallClockThreadHarness.java \
 *     libs=bundled:jar,other:/path/to/libasyncProfiler.so [threads=60] [working=2] [seconds=15] [rounds=5]
 * </pre>
 */
public final class WallClockThreadHarness {

	private static final String SOURCE = "benchmarks/src/main/java/dev/hotpath/benchmarks/WallClockThreadHarness.java";

	private static final String OPTIONS = "event=cpu,interval=10ms,wall=20ms,filter";

	private WallClockThreadHarness() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("child")) {
			child(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			return;
		}
		Map<String, String> options = new HashMap<>(
				Map.of("libs", "bundled:jar", "threads", "60", "working", "2", "seconds", "15", "rounds", "5"));
		for (String arg : args) {
			String[] pair = arg.split("=", 2);
			if (pair.length != 2 || !options.containsKey(pair[0])) {
				throw new IllegalArgumentException("Unknown option " + arg + "; known: " + options.keySet());
			}
			options.put(pair[0], pair[1]);
		}
		Map<String, String> libraries = new LinkedHashMap<>();
		for (String library : options.get("libs").split(",")) {
			String[] pair = library.split(":", 2);
			libraries.put(pair[0], pair[1]);
		}
		int threads = Integer.parseInt(options.get("threads"));
		int working = Integer.parseInt(options.get("working"));
		int seconds = Integer.parseInt(options.get("seconds"));
		int rounds = Integer.parseInt(options.get("rounds"));
		System.out.printf("wall-clock thread harness, options %s, async-profiler %s, java %s, load average %s%n",
				options, OPTIONS, System.getProperty("java.version"),
				Files.readString(Path.of("/proc/loadavg")).strip());
		Map<String, List<Double>> results = new LinkedHashMap<>();
		libraries.keySet().forEach((name) -> results.put(name, new ArrayList<>()));
		for (int round = 0; round < rounds; round++) {
			List<String> order = new ArrayList<>(libraries.keySet());
			if (round % 2 == 1) {
				Collections.reverse(order);
			}
			for (String name : order) {
				double share = runChild(libraries.get(name), threads, working, seconds);
				results.get(name).add(share);
				System.out.printf(Locale.ROOT, "  round %d, %-12s async-profiler's threads %.3f %% of a core%n",
						round + 1, name, share);
			}
		}
		System.out.printf("%d parked and %d working threads, median of %d rounds of %d s (%% of one core):%n", threads,
				working, rounds, seconds);
		for (Map.Entry<String, List<Double>> entry : results.entrySet()) {
			List<Double> shares = new ArrayList<>(entry.getValue());
			Collections.sort(shares);
			int middle = shares.size() / 2;
			double median = (shares.size() % 2 == 1) ? shares.get(middle)
					: (shares.get(middle - 1) + shares.get(middle)) / 2;
			System.out.printf(Locale.ROOT, "  %-12s async-profiler's threads %.3f %% (%.3f to %.3f)%n", entry.getKey(),
					median, shares.get(0), shares.get(shares.size() - 1));
		}
	}

	/** Runs one library in a fresh JVM; answers its profiler threads' share of a core. */
	private static double runChild(String library, int threads, int working, int seconds) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (!library.equals("jar")) {
			// async-profiler's Java API loads this library instead of the bundled one
			command.add("-Done.profiler.libraryPath=" + library);
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), SOURCE, "child", Integer.toString(threads),
				Integer.toString(working), Integer.toString(seconds)));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException("The measured JVM failed: " + output);
		}
		String last = output.strip().lines().reduce((first, second) -> second).orElse("");
		return Double.parseDouble(last);
	}

	/**
	 * The measured JVM: parks threads, starts working threads and async-profiler, puts
	 * the working threads in its filter, measures, prints the profiler threads' share.
	 */
	private static void child(int threads, int working, int seconds) throws Exception {
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(() -> LockSupport.parkNanos(Long.MAX_VALUE), "parked-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < working; i++) {
			Thread thread = new Thread(WallClockThreadHarness::work, "working-" + i);
			thread.setDaemon(true);
			thread.start();
			workers.add(thread);
		}
		Map<String, Long> before = threadTimes();
		Path file = Files.createTempFile("wall-clock-thread", ".jfr");
		one.profiler.AsyncProfiler profiler = one.profiler.AsyncProfiler.getInstance();
		profiler.execute("start," + OPTIONS + ",jfr,file=" + file);
		for (Thread worker : workers) {
			profiler.addThread(worker);
		}
		// let start-up settle before measuring
		Thread.sleep(3000);
		Map<String, Long> started = threadTimes();
		long from = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		Map<String, Long> ended = threadTimes();
		double elapsed = System.nanoTime() - from;
		profiler.execute("stop");
		Files.deleteIfExists(file);
		long profilers = 0;
		for (Map.Entry<String, Long> entry : ended.entrySet()) {
			// threads that did not exist before the profiler started are the profiler's
			if (!before.containsKey(entry.getKey())) {
				profilers += entry.getValue() - started.getOrDefault(entry.getKey(), 0L);
			}
		}
		System.out.printf(Locale.ROOT, "%.4f%n", profilers * 100 / elapsed);
	}

	/** A request thread's rhythm: 1 ms of CPU, 3 ms of waiting, forever. */
	private static void work() {
		long sink = 0;
		while (true) {
			long until = System.nanoTime() + 1_000_000;
			while (System.nanoTime() < until) {
				sink += until % 7;
			}
			LockSupport.parkNanos(3_000_000 + (sink & 1));
		}
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

}

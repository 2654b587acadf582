package dev.hotpath.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import one.jfr.JfrReader;
import one.jfr.StackTrace;
import one.jfr.event.ExecutionSample;
import one.profiler.AsyncProfiler;

/**
 * What stack samples cost the thread they interrupt, by the way async-profiler is
 * started: one thread runs a fixed unit of work (about 35 us of arithmetic) at the bottom
 * of a stack {@code depth} frames deep (a framework-heavy request's depth) over and over,
 * and measures its own CPU time per unit ({@code ThreadMXBean.getCurrentThreadCpuTime}:
 * the signal handler and the kernel's delivery of the signal run on that thread, so they
 * are in it) with async-profiler off and sampling it with a mode's options, the thread in
 * its filter, writing JFR as Hotpath does. Each mode is measured in slices of
 * {@code seconds / 2} in the order off, sampled, sampled, off, so that a drift of the
 * machine's speed falls on both sides alike; rounds repeat that for every mode, the order
 * of the modes alternating. All of it runs in one JVM, whose compiled code is then the
 * same with and without sampling. Per mode it reports the median ratio of CPU per unit to
 * off, with the range of the rounds, the samples taken (read back from the recording) and
 * what one sample cost: the extra CPU divided by the samples.
 * <p>
 * Run with the JDK alone on one core, async-profiler's jar and its JFR reader on the
 * class path; {@code modes} is a list of {@code name:options} separated by {@code ;}:
 *
 * <pre>
 * taskset -c 0 java -cp ~/.m2/repository/tools/profiler/async-profiler/4.6/async-profiler-4.6.jar:\
 * ~/.m2/repository/tools/profiler/jfr-converter/4.5/jfr-converter-4.5.jar \
 *     benchmarks/src/main/java/dev/hotpath/benchmarks/SamplingCostHarness.java \
 *     [depth=120] [seconds=10] [rounds=6] [warmup=30] ["modes=ctimer:event=ctimer,interval=10ms;…"]
 * </pre>
 */
public final class SamplingCostHarness {

	private static final String OFF = "off";

	/**
	 * Hotpath's CPU sampling, with wall-clock sampling as on a request thread, and two
	 * higher rates at which one sample's cost stands out of the noise (the kernel fires a
	 * thread's CPU timer at most once a tick, every 4 ms here, so ctimer cannot go
	 * faster).
	 */
	private static final String DEFAULT_MODES = "ctimer 10ms:event=ctimer,interval=10ms"
			+ ";ctimer 10ms + wall 20ms:event=ctimer,interval=10ms,wall=20ms;ctimer 4ms:event=ctimer,interval=4ms"
			+ ";perf 1ms:event=cpu,interval=1ms";

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static volatile long sink;

	private SamplingCostHarness() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>(
				Map.of("depth", "120", "seconds", "10", "rounds", "6", "warmup", "30", "modes", DEFAULT_MODES));
		for (String arg : args) {
			String[] pair = arg.split("=", 2);
			if (pair.length != 2 || !options.containsKey(pair[0])) {
				throw new IllegalArgumentException("Unknown option " + arg + "; known: " + options.keySet());
			}
			options.put(pair[0], pair[1]);
		}
		Map<String, String> modes = new LinkedHashMap<>();
		modes.put(OFF, "");
		for (String mode : options.get("modes").split(";")) {
			String[] pair = mode.split(":", 2);
			modes.put(pair[0].strip(), pair[1].strip());
		}
		int depth = Integer.parseInt(options.get("depth"));
		long roundNanos = Long.parseLong(options.get("seconds")) * 1_000_000_000L;
		int rounds = Integer.parseInt(options.get("rounds"));
		System.out.printf("sampling cost harness, options %s, java %s, load average %s%n", options,
				System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).strip());
		AsyncProfiler profiler = AsyncProfiler.getInstance();
		System.out.printf("async-profiler %s%n", profiler.execute("version").strip());
		// the library is loaded (and the JIT told to keep debug information) before any
		// measured code compiles, as in an application that starts Hotpath
		Measurement warm = measure(profiler, "", depth, Long.parseLong(options.get("warmup")) * 1_000_000_000L);
		System.out.printf(Locale.ROOT, "warm-up: %.2f us of CPU a unit%n", warm.cpuPerUnit() / 1000);
		List<String> names = new ArrayList<>(modes.keySet());
		names.remove(OFF);
		Map<String, List<Double>> ratios = new LinkedHashMap<>();
		Map<String, List<Double>> costs = new LinkedHashMap<>();
		Map<String, List<Double>> rates = new LinkedHashMap<>();
		for (String name : names) {
			ratios.put(name, new ArrayList<>());
			costs.put(name, new ArrayList<>());
			rates.put(name, new ArrayList<>());
		}
		for (int round = 0; round < rounds; round++) {
			List<String> order = new ArrayList<>(names);
			if (round % 2 == 1) {
				Collections.reverse(order);
			}
			for (String name : order) {
				// off, sampled, sampled, off: a drift of the machine's speed during the
				// four slices falls on both sides alike
				Measurement off = measure(profiler, "", depth, roundNanos / 2);
				Measurement sampled = measure(profiler, modes.get(name), depth, roundNanos / 2)
					.plus(measure(profiler, modes.get(name), depth, roundNanos / 2));
				off = off.plus(measure(profiler, "", depth, roundNanos / 2));
				double ratio = sampled.cpuPerUnit() / off.cpuPerUnit();
				double extra = (sampled.cpuPerUnit() - off.cpuPerUnit()) * sampled.units();
				double cost = extra / sampled.samples() / 1000;
				double rate = sampled.samples() * 1e9 / sampled.cpuNanos();
				ratios.get(name).add(ratio);
				costs.get(name).add(cost);
				rates.get(name).add(rate);
				System.out.printf(Locale.ROOT,
						"  round %d, %-26s off %.3f us a unit, sampled %.3f (x%.4f), %,d samples of %.1f frames, %.1f us each%n",
						round + 1, name, off.cpuPerUnit() / 1000, sampled.cpuPerUnit() / 1000, ratio, sampled.samples(),
						sampled.meanDepth(), cost);
			}
		}
		System.out.printf("median of %d rounds (off, sampled, sampled, off; %s s each), a stack %d frames deep:%n",
				rounds, Double.parseDouble(options.get("seconds")) / 2, depth);
		for (String name : names) {
			System.out.printf(Locale.ROOT,
					"  %-26s CPU a unit x%.4f (%.4f to %.4f), %.0f samples a CPU second, %.1f us a sample (%.1f to %.1f)%n",
					name, median(ratios.get(name)), Collections.min(ratios.get(name)),
					Collections.max(ratios.get(name)), median(rates.get(name)), median(costs.get(name)),
					Collections.min(costs.get(name)), Collections.max(costs.get(name)));
		}
	}

	/** Runs units on this thread for a while, sampled with the options unless empty. */
	private static Measurement measure(AsyncProfiler profiler, String modeOptions, int depth, long nanos)
			throws Exception {
		boolean sampled = !modeOptions.isEmpty();
		Path file = sampled ? Files.createTempFile("sampling-cost", ".jfr") : null;
		if (sampled) {
			profiler.execute("start," + modeOptions + ",filter,jfr,file=" + file);
			profiler.addThread(Thread.currentThread());
		}
		long units = 0;
		long cpuFrom = THREADS.getCurrentThreadCpuTime();
		long until = System.nanoTime() + nanos;
		while (System.nanoTime() < until) {
			sink += descend(depth, units);
			units++;
		}
		long cpu = THREADS.getCurrentThreadCpuTime() - cpuFrom;
		long samples = 0;
		long frames = 0;
		if (sampled) {
			profiler.execute("stop");
			try (JfrReader reader = new JfrReader(file.toString())) {
				for (ExecutionSample sample : reader.readAllEvents(ExecutionSample.class)) {
					StackTrace stack = reader.stackTraces.get(sample.stackTraceId);
					samples++;
					frames += (stack != null) ? stack.methods.length : 0;
				}
			}
			Files.delete(file);
		}
		return new Measurement(units, cpu, samples, (samples > 0) ? (double) frames / samples : 0);
	}

	/** Three methods calling each other down to the depth, then the unit of work. */
	private static long descend(int depth, long seed) {
		return (depth <= 0) ? work(seed) : middle(depth - 1, seed) + 1;
	}

	private static long middle(int depth, long seed) {
		return (depth <= 0) ? work(seed) : lower(depth - 1, seed) + 1;
	}

	private static long lower(int depth, long seed) {
		return (depth <= 0) ? work(seed) : descend(depth - 1, seed) + 1;
	}

	/** Arithmetic the JIT cannot fold away: about 35 us with the descent, here. */
	private static long work(long seed) {
		long x = seed | 1;
		for (int i = 0; i < 20_000; i++) {
			x ^= x << 13;
			x ^= x >>> 7;
			x ^= x << 17;
		}
		return x;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private record Measurement(long units, long cpuNanos, long samples, double meanDepth) {

		double cpuPerUnit() {
			return (double) this.cpuNanos / this.units;
		}

		Measurement plus(Measurement other) {
			long samples = this.samples + other.samples;
			double frames = this.meanDepth * this.samples + other.meanDepth * other.samples;
			return new Measurement(this.units + other.units, this.cpuNanos + other.cpuNanos, samples,
					(samples > 0) ? frames / samples : 0);
		}

	}

}

package dev.hotpath.benchmarks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What Hotpath costs a real application: the demo jar started twice on one core, once
 * with Hotpath off and once on, loaded in turn by {@code hey} at a fixed request rate
 * from the other core. Both servers warm up together until their JIT compilers have
 * settled (a cold server timing out requests in the first intervals is no error then),
 * then alternate: each pair measures off and on for the same time, in an order that
 * alternates between pairs. CPU time comes from the servers' own accounting
 * ({@code /proc/PID/stat}, and per thread {@code /proc/PID/task/TID/stat} grouped by what
 * the thread does); latency from {@code hey}. Then both idle side by side.
 * <p>
 * Run with the JDK alone, on the other core than the servers (Linux, {@code taskset} and
 * {@code hey} on the path, the demo built with
 * {@code ./mvnw -pl demo-app -am package -DskipTests}):
 *
 * <pre>
 * taskset -c 1 java benchmarks/src/main/java/dev/hotpath/benchmarks/OverheadHarness.java [name=value…]
 * </pre>
 *
 * Options (defaults in brackets): {@code paths} [a mix of the demo's endpoints],
 * {@code rate} requests/s over all paths [100], {@code pairs} [6; 0 to measure idle
 * only], {@code seconds} measured per run [60], {@code warmup-min} [180] and
 * {@code warmup-max} [900] seconds, {@code settled} the compiler threads' largest share
 * of a warm-up interval's CPU [0.005], {@code idle} seconds [120], {@code idle-repeats}
 * how many such idle measurements, one after the other [1], {@code idle-probes} requests
 * that a platform sends an idle application, each a path and a period in seconds, such as
 * {@code /actuator/health@10,/actuator/prometheus@15} for a Kubernetes probe and a
 * Prometheus scrape [none], sent to both servers from 30 s before the first idle interval
 * to the end of the last, {@code on-args} more arguments for the server with Hotpath on
 * [{@code --hotpath.history.directory=}: the demo keeps a version history, Hotpath's
 * defaults do not], {@code off-args} the arguments of the other server
 * [{@code --hotpath.enabled=false}; give it Hotpath with other settings to compare two
 * settings side by side], {@code jar} [demo-app/target/hotpath-demo.jar], {@code off-jar}
 * the other server's jar [the same; give it an earlier build with {@code off-args} that
 * turn Hotpath on to compare two builds side by side], {@code cores} the servers' cores
 * [0], {@code load-cores} [1].
 */
public final class OverheadHarness {

	private static final long TICKS_PER_SECOND = 100;

	private static final Duration WARMUP_INTERVAL = Duration.ofSeconds(30);

	private final Map<String, String> options;

	private OverheadHarness(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("paths", "/calculate1/500,/owners?lastName=Davis,/api/owners?lastName=Davis,/products/3");
		options.put("rate", "100");
		options.put("pairs", "6");
		options.put("seconds", "60");
		options.put("warmup-min", "180");
		options.put("warmup-max", "900");
		options.put("settled", "0.005");
		options.put("idle", "120");
		options.put("idle-repeats", "1");
		options.put("idle-probes", "");
		// the demo keeps a version history, which Hotpath does not by default
		options.put("on-args", "--hotpath.history.directory=");
		options.put("off-args", "--hotpath.enabled=false");
		options.put("jar", "demo-app/target/hotpath-demo.jar");
		options.put("off-jar", "");
		options.put("cores", "0");
		options.put("load-cores", "1");
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (equals < 0 || !options.containsKey(arg.substring(0, equals))) {
				throw new IllegalArgumentException("Unknown option " + arg + "; known: " + options.keySet());
			}
			options.put(arg.substring(0, equals), arg.substring(equals + 1));
		}
		new OverheadHarness(options).run();
	}

	private void run() throws Exception {
		System.out.printf("%s overhead harness, options %s%n", Instant.now(), this.options);
		List<String> cpus = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((line) -> line.startsWith("model name"))
			.toList();
		System.out.printf("machine: %d cores (%s), load average %s, java %s%n", cpus.size(),
				cpus.isEmpty() ? "?" : cpus.get(0).substring(cpus.get(0).indexOf(':') + 2),
				Files.readString(Path.of("/proc/loadavg")).strip(), System.getProperty("java.version"));
		try (Server off = Server.start(this, "off", 18181, arguments("off-args"));
				Server on = Server.start(this, "on", 18182, onArguments())) {
			off.awaitReady();
			on.awaitReady();
			on.checkProfiling();
			warmUp(off, on);
			off.mapThreads();
			on.mapThreads();
			List<Run> offRuns = new ArrayList<>();
			List<Run> onRuns = new ArrayList<>();
			int pairs = integer("pairs");
			for (int pair = 1; pair <= pairs; pair++) {
				boolean offFirst = pair % 2 == 1;
				Run first = measure(offFirst ? off : on);
				Run second = measure(offFirst ? on : off);
				Run offRun = offFirst ? first : second;
				Run onRun = offFirst ? second : first;
				offRuns.add(offRun);
				onRuns.add(onRun);
				System.out.printf(
						"pair %d (%s first): CPU/request off %.4f ms, on %.4f ms, on/off %.4f; "
								+ "p50 %s; p99 %s; requests off %d, on %d%n",
						pair, offFirst ? "off" : "on", offRun.cpuMillisPerRequest(), onRun.cpuMillisPerRequest(),
						onRun.cpuMillisPerRequest() / offRun.cpuMillisPerRequest(), ratios(offRun, onRun, 50),
						ratios(offRun, onRun, 99), offRun.requests, onRun.requests);
			}
			if (pairs > 0) {
				report(offRuns, onRuns);
			}
			idle(off, on);
			System.out.printf("%s status of the server with Hotpath on: %s%n", Instant.now(), on.status());
		}
	}

	private List<String> onArguments() {
		List<String> arguments = new ArrayList<>(List.of("--hotpath.enabled=true"));
		arguments.addAll(arguments("on-args"));
		return arguments;
	}

	private List<String> arguments(String option) {
		List<String> arguments = new ArrayList<>();
		String extra = this.options.get(option).strip();
		if (!extra.isEmpty()) {
			arguments.addAll(Arrays.asList(extra.split("\\s+")));
		}
		return arguments;
	}

	/**
	 * Loads both servers at once in intervals until, in two intervals in a row, each
	 * server's JIT compiler threads used no more than the settled share of its CPU.
	 */
	private void warmUp(Server off, Server on) throws Exception {
		long started = System.nanoTime();
		double settled = Double.parseDouble(this.options.get("settled"));
		Duration minimum = Duration.ofSeconds(integer("warmup-min"));
		Duration maximum = Duration.ofSeconds(integer("warmup-max"));
		int calm = 0;
		while (true) {
			Snapshot offBefore = off.snapshot();
			Snapshot onBefore = on.snapshot();
			List<Load> loads = new ArrayList<>();
			loads.addAll(Load.start(this, off, WARMUP_INTERVAL));
			loads.addAll(Load.start(this, on, WARMUP_INTERVAL));
			for (Load load : loads) {
				// a cold server may time out some requests: warming up, that is no error
				load.process.waitFor();
				Files.deleteIfExists(load.output);
			}
			double offShare = compilerShare(offBefore, off.snapshot());
			double onShare = compilerShare(onBefore, on.snapshot());
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			calm = (offShare <= settled && onShare <= settled) ? calm + 1 : 0;
			System.out.printf("warm-up %4d s: JIT compiler threads' share of CPU off %.4f, on %.4f%n",
					elapsed.toSeconds(), offShare, onShare);
			if (elapsed.compareTo(maximum) >= 0) {
				System.out.printf("warm-up stopped at its maximum; the JIT %s settled%n",
						(calm > 0) ? "had" : "had NOT");
				return;
			}
			if (calm >= 2 && elapsed.compareTo(minimum) >= 0) {
				System.out.printf("warm-up done after %d s: the JIT has settled%n", elapsed.toSeconds());
				return;
			}
		}
	}

	private static double compilerShare(Snapshot before, Snapshot after) {
		Map<String, Long> groups = after.groupsSince(before);
		long total = after.processTicks - before.processTicks;
		return (total > 0) ? groups.getOrDefault(Group.JIT.label, 0L) / (double) total : 0;
	}

	private Run measure(Server server) throws Exception {
		Snapshot before = server.snapshot();
		long started = System.nanoTime();
		List<Load> loads = Load.start(this, server, Duration.ofSeconds(integer("seconds")));
		List<Load.Result> results = new ArrayList<>();
		for (Load load : loads) {
			results.add(load.finish());
		}
		Snapshot after = server.snapshot();
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Run(server.name, after.processTicks - before.processTicks, after.groupsSince(before), results,
				results.stream().mapToLong(Load.Result::requests).sum(), seconds);
	}

	private void report(List<Run> offRuns, List<Run> onRuns) {
		System.out.println();
		System.out.println("medians over the pairs (spread: the pairs' smallest and largest on/off ratio)");
		printRatio("CPU time per request (ms)", offRuns, onRuns, Run::cpuMillisPerRequest);
		List<String> paths = offRuns.get(0).results.stream().map(Load.Result::path).toList();
		for (int i = 0; i < paths.size(); i++) {
			int index = i;
			printRatio("p50 latency (ms) " + paths.get(i), offRuns, onRuns, (run) -> run.results.get(index).p50);
			printRatio("p99 latency (ms) " + paths.get(i), offRuns, onRuns, (run) -> run.results.get(index).p99);
		}
		printRatio("requests per second", offRuns, onRuns, (run) -> run.requests / run.seconds);
		System.out.println();
		System.out.println("CPU time per request by thread group (ms), medians over the runs");
		for (Group group : Group.values()) {
			printMedians(group.label, offRuns, onRuns, (run) -> run.groupMillisPerRequest(group.label));
		}
		printMedians("exited threads", offRuns, onRuns, (run) -> run.groupMillisPerRequest(Snapshot.EXITED));
	}

	private static void printRatio(String what, List<Run> offRuns, List<Run> onRuns,
			java.util.function.ToDoubleFunction<Run> value) {
		double[] ratios = new double[offRuns.size()];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = value.applyAsDouble(onRuns.get(i)) / value.applyAsDouble(offRuns.get(i));
		}
		System.out.printf(Locale.ROOT, "%-50s off %9.4f  on %9.4f  on/off %.4f (pairs %.4f to %.4f)%n", what,
				median(offRuns, value), median(onRuns, value), median(ratios), min(ratios), max(ratios));
	}

	private static void printMedians(String what, List<Run> offRuns, List<Run> onRuns,
			java.util.function.ToDoubleFunction<Run> value) {
		System.out.printf(Locale.ROOT, "%-50s off %9.4f  on %9.4f%n", what, median(offRuns, value),
				median(onRuns, value));
	}

	private void idle(Server off, Server on) throws Exception {
		int seconds = integer("idle");
		int repeats = integer("idle-repeats");
		ScheduledExecutorService probes = probe(off, on);
		try {
			idle(off, on, seconds, repeats);
		}
		finally {
			probes.shutdownNow();
		}
	}

	/**
	 * Sends each of the {@code idle-probes} to both servers at its period, from now until
	 * the executor is shut down.
	 */
	private ScheduledExecutorService probe(Server off, Server on) {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
		HttpClient client = HttpClient.newHttpClient();
		for (String probe : this.options.get("idle-probes").split(",")) {
			if (probe.isBlank()) {
				continue;
			}
			int at = probe.lastIndexOf('@');
			if (at < 0) {
				throw new IllegalArgumentException("An idle probe is path@seconds, not " + probe);
			}
			String path = probe.substring(0, at).strip();
			long period = Long.parseLong(probe.substring(at + 1).strip());
			System.out.printf("idle probe: GET %s every %d s on both servers%n", path, period);
			executor.scheduleAtFixedRate(() -> {
				for (Server server : List.of(off, on)) {
					try {
						HttpResponse<Void> response = client.send(
								HttpRequest.newBuilder(URI.create(server.url(path))).build(),
								HttpResponse.BodyHandlers.discarding());
						if (response.statusCode() != 200) {
							System.out.printf("idle probe %s on server %s answered %d%n", path, server.name,
									response.statusCode());
						}
					}
					catch (Exception ex) {
						System.out.printf("idle probe %s on server %s failed: %s%n", path, server.name, ex);
					}
				}
			}, 0, period, TimeUnit.SECONDS);
		}
		return executor;
	}

	private void idle(Server off, Server on, int seconds, int repeats) throws Exception {
		// three chunks: the last requests' chunk is read, the next one finds no request
		// and pauses wall-clock sampling, then idling is measured
		Thread.sleep(30_000);
		double[] ticks = new double[repeats];
		double[] scheduled = new double[repeats];
		for (int repeat = 0; repeat < repeats; repeat++) {
			Snapshot offBefore = off.snapshot();
			Snapshot onBefore = on.snapshot();
			Map<String, Long> offNanos = off.scheduledNanos();
			Map<String, Long> onNanos = on.scheduledNanos();
			Thread.sleep(seconds * 1000L);
			Snapshot offAfter = off.snapshot();
			Snapshot onAfter = on.snapshot();
			double offSched = scheduledSince(offNanos, off.scheduledNanos()) / 1e9 / seconds;
			double onSched = scheduledSince(onNanos, on.scheduledNanos()) / 1e9 / seconds;
			ticks[repeat] = idleShare(onBefore, onAfter, seconds) - idleShare(offBefore, offAfter, seconds);
			scheduled[repeat] = onSched - offSched;
			System.out.println();
			System.out.printf("idle %d of %d, both servers side by side for %d s with no requests, share of a core:%n",
					repeat + 1, repeats, seconds);
			System.out.printf(Locale.ROOT, "%-50s off %.5f  on %.5f  on-off %.5f%n", "process (stat ticks)",
					idleShare(offBefore, offAfter, seconds), idleShare(onBefore, onAfter, seconds), ticks[repeat]);
			System.out.printf(Locale.ROOT, "%-50s off %.5f  on %.5f  on-off %.5f%n", "live threads (schedstat ns)",
					offSched, onSched, scheduled[repeat]);
			Map<String, Long> offGroups = offAfter.groupsSince(offBefore);
			Map<String, Long> onGroups = onAfter.groupsSince(onBefore);
			for (Group group : Group.values()) {
				System.out.printf(Locale.ROOT, "  %-48s off %.5f  on %.5f%n", group.label,
						offGroups.getOrDefault(group.label, 0L) / (double) TICKS_PER_SECOND / seconds,
						onGroups.getOrDefault(group.label, 0L) / (double) TICKS_PER_SECOND / seconds);
			}
		}
		if (repeats > 1) {
			System.out.println();
			System.out.printf(Locale.ROOT,
					"idle on-off, median of %d (smallest, largest): stat ticks %.5f (%.5f, %.5f), "
							+ "schedstat %.5f (%.5f, %.5f)%n",
					repeats, median(ticks), min(ticks), max(ticks), median(scheduled), min(scheduled), max(scheduled));
		}
	}

	/**
	 * The run time threads added between two readings: what each thread alive at the end
	 * ran since the first reading (all of it for a thread started since). A thread that
	 * exited in between is left out rather than taking its whole past run time with it:
	 * an executor's idle threads time out while the servers idle.
	 */
	private static long scheduledSince(Map<String, Long> before, Map<String, Long> after) {
		long total = 0;
		for (Map.Entry<String, Long> thread : after.entrySet()) {
			total += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
		}
		return total;
	}

	private static double min(double[] values) {
		return Arrays.stream(values).min().orElse(Double.NaN);
	}

	private static double max(double[] values) {
		return Arrays.stream(values).max().orElse(Double.NaN);
	}

	private static double idleShare(Snapshot before, Snapshot after, int seconds) {
		return (after.processTicks - before.processTicks) / (double) TICKS_PER_SECOND / seconds;
	}

	private static String ratios(Run off, Run on, int percentile) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < off.results.size(); i++) {
			Load.Result offResult = off.results.get(i);
			Load.Result onResult = on.results.get(i);
			double offValue = (percentile == 50) ? offResult.p50 : offResult.p99;
			double onValue = (percentile == 50) ? onResult.p50 : onResult.p99;
			text.append((i > 0) ? ", " : "")
				.append(String.format(Locale.ROOT, "%s %.2f/%.2f ms", offResult.path, offValue, onValue));
		}
		return text.toString();
	}

	private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
		return median(runs.stream().mapToDouble(value).toArray());
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private int integer(String option) {
		return Integer.parseInt(this.options.get(option));
	}

	/** What a thread does, from its Java name (or, for native threads, its origin). */
	enum Group {

		REQUEST("request threads (Tomcat)"), TASKS("task executor threads (@Async)"), JIT("JIT compiler"),
		GC("GC and VM operations"), HOTPATH("Hotpath's threads"), ASYNC_PROFILER("async-profiler's threads"),
		OTHER("other threads");

		final String label;

		Group(String label) {
			this.label = label;
		}

		static Group of(String name, boolean javaKnown) {
			if (name.startsWith("http-nio")) {
				return REQUEST;
			}
			if (name.startsWith("task-")) {
				// Spring Boot's applicationTaskExecutor: the demo's @Async lookups
				return TASKS;
			}
			if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
				return JIT;
			}
			if (name.startsWith("VM Thread") || name.startsWith("GC ") || name.startsWith("G1 ")
					|| name.startsWith("VM Periodic") || name.startsWith("Service Thread")
					|| name.startsWith("Monitor Deflation") || name.startsWith("Sweeper")) {
				return GC;
			}
			if (name.startsWith("Async-profiler")) {
				return ASYNC_PROFILER;
			}
			if (name.startsWith("hotpath-")) {
				// async-profiler's native threads inherit the name of the thread that
				// started
				// them, Hotpath's sampler; the JVM does not know them
				return javaKnown ? HOTPATH : ASYNC_PROFILER;
			}
			return OTHER;
		}

	}

	/** The CPU ticks of a process and of each of its threads at one moment. */
	record Snapshot(long processTicks, Map<Integer, Long> threadTicks, Map<Integer, Group> groups) {

		static final String EXITED = "exited threads";

		/**
		 * CPU ticks per group since an earlier snapshot; threads gone since are "exited".
		 */
		Map<String, Long> groupsSince(Snapshot before) {
			Map<String, Long> result = new LinkedHashMap<>();
			long counted = 0;
			for (Map.Entry<Integer, Long> thread : this.threadTicks.entrySet()) {
				long ticks = thread.getValue() - before.threadTicks.getOrDefault(thread.getKey(), 0L);
				Group group = this.groups.getOrDefault(thread.getKey(), Group.OTHER);
				result.merge(group.label, ticks, Long::sum);
				counted += ticks;
			}
			result.put(EXITED, (this.processTicks - before.processTicks) - counted);
			return result;
		}

	}

	record Run(String server, long ticks, Map<String, Long> groups, List<Load.Result> results, long requests,
			double seconds) {

		double cpuMillisPerRequest() {
			return ticks * 1000.0 / TICKS_PER_SECOND / requests;
		}

		double groupMillisPerRequest(String group) {
			return groups.getOrDefault(group, 0L) * 1000.0 / TICKS_PER_SECOND / requests;
		}

	}

	/** One server: the demo jar on the servers' cores. */
	static final class Server implements AutoCloseable {

		private final OverheadHarness harness;

		private final String name;

		private final int port;

		private final Process process;

		private final Path log;

		private final Map<Integer, String> javaNames = new HashMap<>();

		private Server(OverheadHarness harness, String name, int port, Process process, Path log) {
			this.harness = harness;
			this.name = name;
			this.port = port;
			this.process = process;
			this.log = log;
		}

		static Server start(OverheadHarness harness, String name, int port, List<String> arguments) throws IOException {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				throw new IllegalStateException(
						"Port " + port + " is in use: the harness would measure another server");
			}
			catch (ConnectException ex) {
				// free
			}
			String offJar = harness.options.get("off-jar");
			String jar = (name.equals("off") && !offJar.isEmpty()) ? offJar : harness.options.get("jar");
			List<String> command = new ArrayList<>(List.of("taskset", "-c", harness.options.get("cores"),
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
					"--server.port=" + port, "--server.address=127.0.0.1", "--demo.load.enabled=false",
					"--logging.level.root=warn"));
			command.addAll(arguments);
			Path log = Files.createTempFile("hotpath-overhead-" + name + "-", ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			System.out.printf("server %s: pid %d, log %s, %s%n", name, process.pid(), log, command);
			return new Server(harness, name, port, process, log);
		}

		String url(String path) {
			return "http://127.0.0.1:" + this.port + path;
		}

		void awaitReady() throws Exception {
			HttpClient client = HttpClient.newHttpClient();
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("Server " + this.name + " exited; see " + this.log);
				}
				try {
					HttpResponse<Void> response = client.send(
							HttpRequest.newBuilder(URI.create(url("/actuator/health"))).build(),
							HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(500);
			}
			throw new IllegalStateException("Server " + this.name + " did not start; see " + this.log);
		}

		/**
		 * Fails unless Hotpath says it samples: an "on" that does not profile measures
		 * nothing.
		 */
		void checkProfiling() throws Exception {
			String status = status();
			if (!status.contains("\"state\":\"RUNNING\"")) {
				throw new IllegalStateException("Hotpath is not sampling in server " + this.name + ": " + status);
			}
		}

		String status() throws Exception {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url("/actuator/profiles")))
					.header("Accept", "application/json")
					.build(), HttpResponse.BodyHandlers.ofString());
			Matcher sampler = Pattern.compile("\"sampler\":\\{[^}]*\\}").matcher(response.body());
			return response.statusCode() + " " + (sampler.find() ? sampler.group() : response.body());
		}

		/** Learns the Java names of the threads from a thread dump. */
		void mapThreads() throws Exception {
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					Long.toString(this.process.pid()), "Thread.print")
				.redirectErrorStream(true)
				.start();
			String dump = new String(jcmd.getInputStream().readAllBytes());
			jcmd.waitFor();
			Matcher matcher = Pattern.compile("(?m)^\"([^\"]+)\".*? nid=(0x[0-9a-f]+|\\d+)").matcher(dump);
			while (matcher.find()) {
				String nid = matcher.group(2);
				int tid = nid.startsWith("0x") ? Integer.parseInt(nid.substring(2), 16) : Integer.parseInt(nid);
				this.javaNames.put(tid, matcher.group(1));
			}
		}

		Snapshot snapshot() throws IOException {
			long pid = this.process.pid();
			long process = ticks(Path.of("/proc/" + pid + "/stat"));
			Map<Integer, Long> threads = new HashMap<>();
			Map<Integer, Group> groups = new HashMap<>();
			try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
				for (Path task : tasks.toList()) {
					int tid = Integer.parseInt(task.getFileName().toString());
					try {
						threads.put(tid, ticks(task.resolve("stat")));
						String javaName = this.javaNames.get(tid);
						String name = (javaName != null) ? javaName : Files.readString(task.resolve("comm")).strip();
						groups.put(tid, Group.of(name, javaName != null || this.javaNames.isEmpty()));
					}
					catch (IOException ex) {
						// the thread exited while being read: its time shows as exited
					}
				}
			}
			return new Snapshot(process, threads, groups);
		}

		/**
		 * Run time in nanoseconds of each live thread, by thread id, from the scheduler's
		 * accounting.
		 */
		Map<String, Long> scheduledNanos() throws IOException {
			Map<String, Long> nanos = new HashMap<>();
			try (Stream<Path> tasks = Files.list(Path.of("/proc/" + this.process.pid() + "/task"))) {
				for (Path task : tasks.toList()) {
					try {
						nanos.put(task.getFileName().toString(),
								Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]));
					}
					catch (IOException ex) {
						// exited
					}
				}
			}
			return nanos;
		}

		private static long ticks(Path stat) throws IOException {
			String text = Files.readString(stat);
			// the fields after the command name, which is in parentheses and may hold
			// spaces
			String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}

		@Override
		public void close() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}

	}

	/** {@code hey} driving one path of one server at a fixed rate. */
	static final class Load {

		private static final Pattern RESPONSES = Pattern.compile("\\[(\\d{3})\\]\\s+(\\d+) responses");

		private final String path;

		private final Process process;

		private final Path output;

		private Load(String path, Process process, Path output) {
			this.path = path;
			this.process = process;
			this.output = output;
		}

		/**
		 * One {@code hey} per path, sharing the rate: two workers, each at half its
		 * share.
		 */
		static List<Load> start(OverheadHarness harness, Server server, Duration duration) throws IOException {
			String[] paths = harness.options.get("paths").split(",");
			double perWorker = Double.parseDouble(harness.options.get("rate")) / paths.length / 2;
			List<Load> loads = new ArrayList<>();
			for (String path : paths) {
				Path output = Files.createTempFile("hotpath-overhead-hey-", ".txt");
				Process process = new ProcessBuilder("taskset", "-c", harness.options.get("load-cores"), "hey", "-z",
						duration.toSeconds() + "s", "-c", "2", "-q", String.format(Locale.ROOT, "%.3f", perWorker),
						server.url(path))
					.redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				loads.add(new Load(path, process, output));
			}
			return loads;
		}

		Result finish() throws Exception {
			this.process.waitFor();
			String text = Files.readString(this.output);
			Files.delete(this.output);
			long ok = 0;
			long failed = 0;
			Matcher responses = RESPONSES.matcher(text);
			while (responses.find()) {
				long count = Long.parseLong(responses.group(2));
				if (responses.group(1).startsWith("2")) {
					ok += count;
				}
				else {
					failed += count;
				}
			}
			if (ok == 0 || failed > 0 || text.contains("Error distribution")) {
				throw new IllegalStateException("hey on " + this.path + " had errors or no responses:\n" + text);
			}
			return new Result(this.path, ok, percentile(text, 50), percentile(text, 99));
		}

		/**
		 * A latency percentile in milliseconds, or NaN where {@code hey} had too few
		 * responses to print it (fewer than about a hundred, as a cold server's first
		 * warm-up interval can have).
		 */
		private static double percentile(String text, int percentile) {
			Matcher matcher = Pattern.compile(percentile + "%+ in ([\\d.]+) secs").matcher(text);
			return matcher.find() ? Double.parseDouble(matcher.group(1)) * 1000 : Double.NaN;
		}

		record Result(String path, long requests, double p50, double p99) {
		}

	}

}

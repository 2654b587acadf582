package dev.hotpath.sampling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How the sampler runs: CPU and wall-clock intervals, chunk length and where chunks go.
 *
 * @param cpuInterval time between CPU samples of a running thread
 * @param cpuEngine how CPU samples are taken
 * @param wallInterval time between wall-clock samples of a thread serving a request
 * @param chunkDuration how long one JFR chunk records before it is closed and read
 * @param directory where chunks are written, or {@code null} for a fresh temporary
 * directory
 */
public record SamplerSettings(Duration cpuInterval, CpuEngine cpuEngine, Duration wallInterval, Duration chunkDuration,
		@Nullable Path directory) {

	/** Settings with Hotpath's defaults: 100 Hz CPU, 50 Hz wall, 10 s chunks. */
	public static final SamplerSettings DEFAULTS = new SamplerSettings(Duration.ofMillis(10), CpuEngine.PERF,
			Duration.ofMillis(20), Duration.ofSeconds(10), null);

	public SamplerSettings {
		Objects.requireNonNull(cpuInterval, "cpuInterval");
		Objects.requireNonNull(cpuEngine, "cpuEngine");
		Objects.requireNonNull(wallInterval, "wallInterval");
		Objects.requireNonNull(chunkDuration, "chunkDuration");
		requirePositive(cpuInterval, "cpuInterval");
		requirePositive(wallInterval, "wallInterval");
		requirePositive(chunkDuration, "chunkDuration");
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
	}

	/** The async-profiler command that starts one chunk written to {@code file}. */
	String startCommand(Path file) {
		return "start,event=" + this.cpuEngine.event() + ",interval=" + this.cpuInterval.toNanos() + ",wall="
				+ this.wallInterval.toNanos() + ",filter,jfr,file=" + file;
	}

	/** A one-line description of the sampling mode, for the status. */
	String mode() {
		String engine = (this.cpuEngine != CpuEngine.PERF) ? " (" + this.cpuEngine.event() + ")" : "";
		return "cpu every " + this.cpuInterval.toMillis() + " ms" + engine + ", wall every "
				+ this.wallInterval.toMillis() + " ms on request threads";
	}

}

package dev.hotpath.sampling;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;

/**
 * The JDK Flight Recorder's own method sampling, for where async-profiler cannot load.
 * Each chunk is one {@link Recording} of {@code jdk.ExecutionSample} events only, written
 * to the chunk's file when it stops, so the chunk pipeline, the stack decoder and the JFR
 * download stay as they are.
 * <p>
 * A {@code RecordingStream} would hand events over as they come, but the chunk pipeline
 * reads files with async-profiler's reader; a recording per chunk keeps one reader, one
 * stack decoder and the download of kept chunks for both engines. Between two chunks the
 * recorder stops for the time it takes to write the file and start the next recording, a
 * few milliseconds every chunk, as async-profiler's rotation does.
 * <p>
 * The JDK samples only threads that run Java code, with Java frames only (no native, JVM
 * or kernel frames), at most every 10 ms; it has no wall-clock sampling of waiting
 * threads and no thread filter, so {@link #addThread} and its kin do nothing.
 */
final class JdkFlightRecorderEngine implements ProfilerEngine {

	/** The shortest period the JDK samples Java threads at. */
	private static final Duration MIN_PERIOD = Duration.ofMillis(10);

	private @Nullable Recording recording;

	private JdkFlightRecorderEngine() {
	}

	/**
	 * Loads the engine.
	 * @return the engine
	 * @throws IllegalStateException when the JDK Flight Recorder is not available in this
	 * JVM
	 */
	static ProfilerEngine load() {
		if (!FlightRecorder.isAvailable()) {
			throw new IllegalStateException("the JDK Flight Recorder is not available in this JVM");
		}
		return new JdkFlightRecorderEngine();
	}

	@Override
	public String name() {
		return SamplerStatus.JDK_FLIGHT_RECORDER;
	}

	@Override
	public String version() {
		return Runtime.version().toString();
	}

	@Override
	public String execute(String command) {
		throw new UnsupportedOperationException("The JDK Flight Recorder takes no async-profiler commands");
	}

	@Override
	public void startChunk(SamplerSettings settings, Path file, boolean wall) throws IOException {
		Recording recording = new Recording();
		recording.setName("hotpath");
		recording.enable("jdk.ExecutionSample").withPeriod(period(settings));
		recording.setToDisk(true);
		recording.setDestination(file);
		recording.start();
		this.recording = recording;
	}

	@Override
	public void stopChunk() {
		Recording recording = this.recording;
		this.recording = null;
		if (recording != null) {
			// stopping writes the recording to its destination
			recording.stop();
			recording.close();
		}
	}

	@Override
	public boolean jdkRecording() {
		return true;
	}

	@Override
	public String mode(SamplerSettings settings) {
		return "JDK Flight Recorder method sampling every " + period(settings).toMillis()
				+ " ms, Java frames only (no native frames, no wall-clock, lock or allocation samples)";
	}

	@Override
	public long samples() {
		// the JDK counts no samples; the chunk processor counts those it reads
		return 0;
	}

	@Override
	public void addCurrentThread() {
	}

	@Override
	public void addThread(Thread thread) {
	}

	@Override
	public void removeCurrentThread() {
	}

	private static Duration period(SamplerSettings settings) {
		return (settings.cpuInterval().compareTo(MIN_PERIOD) < 0) ? MIN_PERIOD : settings.cpuInterval();
	}

}

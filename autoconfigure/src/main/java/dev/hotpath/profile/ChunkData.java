package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one chunk holds once decoded: its samples, its span intervals and its thread
 * names.
 */
final class ChunkData {

	final List<Sample> samples = new ArrayList<>();

	final List<SpanInterval> spans = new ArrayList<>();

	final Map<Integer, String> threadNames = new HashMap<>();

	long endNanos;

	/**
	 * The recording's thread id of each Java thread it names, for span intervals rebuilt
	 * from the logs, which name threads by their Java thread id.
	 */
	final Map<Long, Integer> tidOfJavaThread = new HashMap<>();

	/** The recording timestamp at the chunk's start, with {@link #startNanos}. */
	long startTicks;

	/** The chunk's start in epoch nanoseconds. */
	long startNanos;

	/** Nanoseconds per recording tick; 0 when unknown (a hand-made chunk). */
	double nanosPerTick;

	/**
	 * Whether the JDK Flight Recorder wrote the chunk: its thread ids are Java thread ids
	 * and its intervals come from the logs.
	 */
	boolean jdkRecording;

	/**
	 * Converts a recording timestamp to epoch nanoseconds, as the recording's reader
	 * does.
	 * @param ticks a recording timestamp
	 * @return epoch nanoseconds
	 */
	long nanos(long ticks) {
		return this.startNanos + (long) ((ticks - this.startTicks) * this.nanosPerTick);
	}

	String threadName(int tid) {
		String name = this.threadNames.get(tid);
		return (name != null) ? name : "thread " + tid;
	}

}

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
	 * Whether the JDK Flight Recorder wrote the chunk: its thread ids are Java thread ids
	 * and its intervals come from the logs.
	 */
	boolean jdkRecording;

	String threadName(int tid) {
		String name = this.threadNames.get(tid);
		return (name != null) ? name : "thread " + tid;
	}

}

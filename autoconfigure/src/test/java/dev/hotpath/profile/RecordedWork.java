package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills a store as the chunk processor would from a recording, for tests outside this
 * package: requests with their latency and the samples their thread took, and samples of
 * threads that worked for no request. Each request runs on a thread of its own.
 */
public final class RecordedWork {

	private final ProfileStore store;

	private final FrameClassifier classifier;

	private final List<Logged> logged = new ArrayList<>();

	private final ChunkProcessor processor;

	private ChunkData chunk = new ChunkData();

	private int threads;

	/**
	 * Work to be read into a store.
	 * @param store the store
	 * @param nowMillis the time at which the store reads it
	 * @param applicationPackages the application's packages
	 */
	public RecordedWork(ProfileStore store, long nowMillis, List<String> applicationPackages) {
		this.store = store;
		this.classifier = new FrameClassifier(applicationPackages);
		this.processor = new ChunkProcessor(store, this.classifier, (sink) -> {
			for (Logged request : this.logged) {
				sink.request(request.endpoint, RequestSource.ROUTE, request.spanStart, request.startMillis,
						request.latencyNanos, request.status, 1, request.spanStart, request.spanStart);
			}
			this.logged.clear();
		}, () -> nowMillis);
	}

	/**
	 * A request that started at a moment, with one sample in its middle.
	 * @param endpoint its endpoint
	 * @param startMillis when it started
	 * @param latencyNanos how long it took
	 * @param type the sample's type
	 * @param weight the sample's weight
	 * @param stack the sample's frames, root first, as {@code class.method} or native
	 * names
	 * @return this
	 */
	public RecordedWork request(String endpoint, long startMillis, long latencyNanos, ProfileType type, long weight,
			String... stack) {
		return request(endpoint, startMillis, latencyNanos, 200, type, weight, stack);
	}

	/**
	 * A request that started at a moment and answered a status, with one sample in its
	 * middle.
	 * @return this
	 */
	public RecordedWork request(String endpoint, long startMillis, long latencyNanos, int status, ProfileType type,
			long weight, String... stack) {
		int tid = ++this.threads;
		long start = startMillis * 1_000_000;
		this.chunk.spans.add(new SpanInterval(start, start, start + latencyNanos, tid, endpoint));
		this.chunk.samples.add(new Sample(start + latencyNanos / 2, tid, frames(stack), type, weight));
		this.logged.add(new Logged(endpoint, start, startMillis, latencyNanos, status));
		return this;
	}

	/**
	 * A sample of a thread that worked for no request.
	 * @return this
	 */
	public RecordedWork background(String thread, long atMillis, ProfileType type, long weight, String... stack) {
		int tid = ++this.threads;
		this.chunk.threadNames.put(tid, thread);
		this.chunk.samples.add(new Sample(atMillis * 1_000_000, tid, frames(stack), type, weight));
		return this;
	}

	/** Reads everything recorded so far into the store, as one chunk. */
	public void read() {
		ChunkData read = this.chunk;
		this.chunk = new ChunkData();
		this.store.write((store) -> {
			this.processor.ingest(read);
			return null;
		});
	}

	private int[] frames(String... names) {
		return this.store.write((store) -> {
			int[] ids = new int[names.length];
			for (int i = 0; i < names.length; i++) {
				String name = names[i];
				int dot = name.lastIndexOf('.');
				if (dot < 0) {
					ids[i] = store.frames()
						.intern(name, FrameKind.NATIVE, this.classifier.components().ofNative(name, FrameKind.NATIVE));
					continue;
				}
				String className = name.substring(0, dot);
				FrameKind kind = this.classifier.classify(className);
				ids[i] = store.frames().intern(name, kind, this.classifier.components().ofJava(className, kind));
			}
			return ids;
		});
	}

	private record Logged(String endpoint, long spanStart, long startMillis, long latencyNanos, int status) {

	}

}

package dev.hotpath.profile;

/**
 * Reads hand-made chunks into a store and tells where their CPU samples went.
 */
final class HandMadeChunks {

	private final ProfileStore store;

	HandMadeChunks(ProfileStore store) {
		this.store = store;
	}

	/** One round of the processor over the chunk, under the store's write lock. */
	void ingest(ChunkProcessor processor, ChunkData chunk) {
		this.store.write((store) -> {
			processor.ingest(chunk);
			return null;
		});
	}

	/** CPU samples of an endpoint in the first window, 0 when it has none. */
	long cpuSamples(String endpoint) {
		return this.store.read((view) -> {
			if (view.windows().isEmpty()) {
				return 0L;
			}
			EndpointWindow window = view.windows().get(0).endpoint(endpoint);
			return (window != null) ? window.tree(ProfileType.CPU).total(CallTree.ROOT) : 0L;
		});
	}

	/** CPU samples in the first window's background. */
	long backgroundSamples() {
		return this.store.read((view) -> view.windows().isEmpty() ? 0L
				: view.windows().get(0).background().tree(ProfileType.CPU).total(CallTree.ROOT));
	}

	/** A CPU sample in {@code leaf}, called from {@code Thread.run}. */
	Sample sample(int tid, long timeNanos, String leaf) {
		int root = this.store.write((store) -> store.frames().intern("java.lang.Thread.run", FrameKind.JDK));
		int frame = this.store.write((store) -> store.frames().intern(leaf, FrameKind.APPLICATION));
		return new Sample(timeNanos, tid, new int[] { root, frame }, ProfileType.CPU, 1);
	}

}

package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * Requests made by hand, each on a thread of its own with its samples inside its request
 * interval, read into a store by a real {@link ChunkProcessor} as one chunk: profiles
 * whose every figure a test knows. Frames in {@code com.example} are application code.
 */
final class HandMadeRequests {

	private final ProfileStore store;

	private final long nowMillis;

	private final List<Request> requests = new ArrayList<>();

	private final ChunkProcessor processor;

	private List<Request> draining = List.of();

	private int nextThread = 1;

	HandMadeRequests(ProfileStore store, long nowMillis) {
		this.store = store;
		this.nowMillis = nowMillis;
		this.processor = new ChunkProcessor(store, new FrameClassifier(List.of("com.example")), new RequestSource() {

			@Override
			public void drain(Sink sink) {
				for (Request request : HandMadeRequests.this.draining) {
					sink.request(request.endpoint, RequestSource.ROUTE, request.startNanos,
							request.startNanos / 1_000_000, request.latencyNanos, 200, 1, request.span, request.span);
				}
			}

			@Override
			public void drainScopes(ScopeSink sink) {
			}

		}, () -> nowMillis);
	}

	/**
	 * Adds a request that ended some time before now.
	 * @param endpoint its endpoint
	 * @param endedMillisAgo how long before now it ended
	 * @param latencyMillis its latency
	 * @param stacks one CPU sample per stack, frames root first, spread over the request
	 * @return this
	 */
	HandMadeRequests request(String endpoint, long endedMillisAgo, long latencyMillis, String... stacks) {
		long endNanos = (this.nowMillis - endedMillisAgo) * 1_000_000;
		long startNanos = endNanos - latencyMillis * 1_000_000;
		this.requests.add(new Request(endpoint, startNanos, latencyMillis * 1_000_000, this.requests.size() + 1L,
				this.nextThread++, stacks));
		return this;
	}

	/**
	 * Reads the requests added since the last call into the store, as one chunk.
	 */
	void ingest() {
		ChunkData chunk = new ChunkData();
		for (Request request : this.requests) {
			chunk.threadNames.put(request.thread, "http-nio-8080-exec-" + request.thread);
			chunk.spans.add(new SpanInterval(request.startNanos, request.startNanos,
					request.startNanos + request.latencyNanos, request.thread, request.endpoint));
			for (int i = 0; i < request.stacks.length; i++) {
				long time = request.startNanos + request.latencyNanos * (i + 1) / (request.stacks.length + 1);
				chunk.samples.add(new Sample(time, request.thread, stack(request.stacks[i]), ProfileType.CPU, 1));
			}
		}
		this.draining = List.copyOf(this.requests);
		this.requests.clear();
		this.store.write((store) -> {
			this.processor.ingest(chunk);
			return null;
		});
		this.draining = List.of();
	}

	private int[] stack(String frames) {
		String[] names = frames.split(";");
		int[] stack = new int[names.length];
		for (int i = 0; i < names.length; i++) {
			String name = names[i];
			FrameKind kind = name.startsWith("com.example.") ? FrameKind.APPLICATION
					: name.startsWith("java.") ? FrameKind.JDK : FrameKind.LIBRARY;
			stack[i] = this.store.write((store) -> store.frames().intern(name, kind));
		}
		return stack;
	}

	private record Request(String endpoint, long startNanos, long latencyNanos, long span, int thread,
			String[] stacks) {

	}

}

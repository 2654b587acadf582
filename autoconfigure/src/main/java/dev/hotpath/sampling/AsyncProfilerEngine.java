package dev.hotpath.sampling;

import one.profiler.AsyncProfiler;
import org.jspecify.annotations.Nullable;

/**
 * async-profiler loaded from the library bundled in its jar.
 */
final class AsyncProfilerEngine implements ProfilerEngine {

	private final AsyncProfiler profiler;

	private AsyncProfilerEngine(AsyncProfiler profiler) {
		this.profiler = profiler;
	}

	static ProfilerEngine load() {
		return new AsyncProfilerEngine(AsyncProfiler.getInstance());
	}

	@Override
	public String name() {
		return "async-profiler";
	}

	@Override
	public String version() {
		return this.profiler.getVersion();
	}

	@Override
	public String execute(String command) throws Exception {
		return this.profiler.execute(command);
	}

	@Override
	public boolean dumpChunk() throws Exception {
		this.profiler.execute("dump,jfr");
		return true;
	}

	@Override
	public @Nullable NativeMemory nativeMemory() throws Exception {
		return NativeMemory.parse(this.profiler.execute("metrics"));
	}

	@Override
	public long samples() {
		return this.profiler.getSamples();
	}

	@Override
	public void addCurrentThread() {
		this.profiler.addThread(Thread.currentThread());
	}

	@Override
	public void addThread(Thread thread) {
		this.profiler.addThread(thread);
	}

	@Override
	public void removeCurrentThread() {
		this.profiler.removeThread(Thread.currentThread());
	}

}

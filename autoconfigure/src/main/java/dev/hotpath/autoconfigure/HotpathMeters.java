package dev.hotpath.autoconfigure;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import dev.hotpath.export.push.ProfilePusher;
import dev.hotpath.export.push.PushStatus;
import dev.hotpath.profile.ChunkProcessor;
import dev.hotpath.profile.ProfileStore;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.sampling.Sampler;
import dev.hotpath.sampling.SamplerState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Hotpath's own meters: samples read and dropped per profile type, the time spent
 * processing the recording, the sampler's state, and the CPU time of each endpoint (route
 * templates and job names only, at most 512).
 */
final class HotpathMeters implements MeterBinder {

	private final ProfileStore store;

	private final Sampler sampler;

	private final ChunkProcessor processor;

	private final double cpuSecondsPerSample;

	private final Set<String> endpoints = ConcurrentHashMap.newKeySet();

	private final @Nullable ProfilePusher pusher;

	HotpathMeters(ProfileStore store, Sampler sampler, ChunkProcessor processor, Duration cpuInterval,
			@Nullable ProfilePusher pusher) {
		this.store = store;
		this.sampler = sampler;
		this.processor = processor;
		this.cpuSecondsPerSample = cpuInterval.toNanos() / 1e9;
		this.pusher = pusher;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ProfileType type : ProfileType.values()) {
			FunctionCounter.builder("hotpath.samples", this, (meters) -> meters.counts().samples(type))
				.tag("type", type.label())
				.description("Samples read from the recording")
				.register(registry);
			FunctionCounter.builder("hotpath.samples.dropped", this, (meters) -> meters.counts().dropped(type))
				.tag("type", type.label())
				.description("Samples that could not be stored because they were older than the profile retention")
				.register(registry);
		}
		FunctionTimer
			.builder("hotpath.chunk.processing", this, (meters) -> meters.counts().chunks(),
					(meters) -> meters.counts().processingNanos(), TimeUnit.NANOSECONDS)
			.description("Time spent reading a chunk of the recording into the profile")
			.register(registry);
		FunctionTimer
			.builder("hotpath.chunk.dump", this.sampler, Sampler::chunksDumped, Sampler::dumpNanos,
					TimeUnit.NANOSECONDS)
			.description("Time async-profiler spent writing a chunk while its session went on; it drops the samples "
					+ "and span events that come meanwhile")
			.register(registry);
		FunctionCounter.builder("hotpath.profiler.sessions", this.sampler, Sampler::sessionsStarted)
			.description("Profiler sessions started: the first, then one at each rotation that stops the session "
					+ "rather than dumping a chunk (wall-clock sampling paused or resumed, a full session renewed)")
			.register(registry);
		FunctionCounter.builder("hotpath.intervals.rebuilt", this, (meters) -> meters.counts().intervalsRebuilt())
			.description("Request and scope intervals rebuilt from Hotpath's logs because the chunk read lacked "
					+ "their span event: async-profiler drops one that comes while a rotation writes the chunk")
			.register(registry);
		for (SamplerState state : SamplerState.values()) {
			Gauge
				.builder("hotpath.sampler.state", this.sampler,
						(sampler) -> (sampler.status().state() == state) ? 1 : 0)
				.tag("state", state.name().toLowerCase(Locale.ROOT))
				.description("1 for the sampler's current state, 0 for the others")
				.register(registry);
		}
		Gauge.builder("hotpath.profiler.native.memory", this.sampler, (sampler) -> {
			Long bytes = sampler.status().nativeMemoryBytes();
			return (bytes != null) ? bytes : Double.NaN;
		})
			.baseUnit("bytes")
			.description("What async-profiler holds outside the Java heap for its samples: its stack storage, "
					+ "recording tables, class table and thread filter")
			.register(registry);
		registerEndpoints(registry);
		this.processor.afterEachChunk(() -> registerEndpoints(registry));
		if (this.pusher != null) {
			bindPushes(registry, this.pusher);
		}
	}

	private static void bindPushes(MeterRegistry registry, ProfilePusher pusher) {
		for (String backend : pusher.statuses().keySet()) {
			pushes(registry, pusher, backend, "success", PushStatus::pushed);
			pushes(registry, pusher, backend, "failure", PushStatus::failed);
			pushes(registry, pusher, backend, "dropped", PushStatus::dropped);
			FunctionCounter.builder("hotpath.pushes.retries", pusher, (meters) -> meters.status(backend).retried())
				.tag("backend", backend)
				.description("Requests to the backend sent again after a failure")
				.register(registry);
			Gauge.builder("hotpath.pushes.pending", pusher, (meters) -> meters.status(backend).pending())
				.tag("backend", backend)
				.description("Profiles waiting to be sent to the backend")
				.register(registry);
		}
	}

	private static void pushes(MeterRegistry registry, ProfilePusher pusher, String backend, String outcome,
			ToLongFunction<PushStatus> count) {
		FunctionCounter.builder("hotpath.pushes", pusher, (meters) -> count.applyAsLong(meters.status(backend)))
			.tag("backend", backend)
			.tag("outcome", outcome)
			.description("Profiles pushed to a backend, by outcome: delivered, failed after retries, or dropped "
					+ "from the full buffer")
			.register(registry);
	}

	private void registerEndpoints(MeterRegistry registry) {
		for (String endpoint : counts().cpuSamplesByEndpoint().keySet()) {
			if (this.endpoints.add(endpoint)) {
				FunctionCounter
					.builder("hotpath.endpoint.cpu", this,
							(meters) -> meters.counts().cpuSamplesByEndpoint().getOrDefault(endpoint, 0L)
									* meters.cpuSecondsPerSample)
					.tag("endpoint", endpoint)
					.baseUnit("seconds")
					.description("CPU time sampled while working for the endpoint, on any thread")
					.register(registry);
			}
		}
	}

	private ProfileStore.Counts counts() {
		return this.store.read(ProfileStore.View::counts);
	}

}

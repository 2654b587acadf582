package dev.hotpath.sampling;

import java.time.Duration;

/**
 * Sampler settings for tests that rotate the chunks themselves.
 */
final class TestSettings {

	private TestSettings() {
	}

	/**
	 * CPU samples every 10 ms, wall-clock ones every 20 ms, no allocation or lock
	 * samples, and chunks and looks an hour apart, so that only the test rotates.
	 * @param engine how CPU samples are taken
	 * @return a builder of such settings
	 */
	static SamplerSettings.Builder rotatedByTheTest(CpuEngine engine) {
		return SamplerSettings.builder()
			.cpu(Duration.ofMillis(10), engine)
			.wallInterval(Duration.ofMillis(20))
			.lockInterval(Duration.ZERO)
			.chunkDuration(Duration.ofHours(1))
			.idleAfter(Duration.ofHours(1));
	}

}

package dev.hotpath.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the built-in {@link LoadGenerator}, bound from {@code demo.load.*}.
 *
 * @param enabled whether to send requests to the demo's own endpoints
 * @param concurrency the number of worker threads, each sending one request at a time
 * @param pause how long each worker waits between two requests
 * @author Hotpath contributors
 */
@ConfigurationProperties("demo.load")
record LoadProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2") int concurrency,
		@DefaultValue("100ms") Duration pause) {

	LoadProperties {
		if (concurrency < 1) {
			throw new IllegalArgumentException("demo.load.concurrency must be at least 1 but was " + concurrency);
		}
		if (pause.isNegative()) {
			throw new IllegalArgumentException("demo.load.pause must not be negative but was " + pause);
		}
	}

}

package dev.hotpath.export.push;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarningsTests {

	@Test
	void warnsAtMostOncePerInterval() {
		AtomicLong nanos = new AtomicLong(123);
		Warnings warnings = new Warnings(Duration.ofMinutes(1), nanos::get);
		assertThat(warnings.warn("backend down")).isTrue();
		nanos.addAndGet(Duration.ofSeconds(59).toNanos());
		assertThat(warnings.warn("backend down")).isFalse();
		nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(warnings.warn("backend down")).isTrue();
		assertThat(warnings.warn("backend down")).isFalse();
	}

}

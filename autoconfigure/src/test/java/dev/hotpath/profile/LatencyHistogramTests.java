package dev.hotpath.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTests {

	@Test
	void reportsPercentilesWithinOneSixteenthOfTheirValue() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int millis = 1; millis <= 1000; millis++) {
			histogram.record(millis * 1_000_000L);
		}
		assertThat(histogram.count()).isEqualTo(1000);
		assertThat(histogram.percentileMillis(0.50)).isCloseTo(500, within(500 / 16.0));
		assertThat(histogram.percentileMillis(0.95)).isCloseTo(950, within(950 / 16.0));
		assertThat(histogram.percentileMillis(0.99)).isCloseTo(990, within(990 / 16.0));
		assertThat(histogram.maxMillis()).isEqualTo(1000);
		assertThat(histogram.meanMillis()).isCloseTo(500.5, within(0.001));
	}

	@Test
	void neverReportsAPercentileAboveTheMaximum() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(1_234_567);
		assertThat(histogram.percentileMillis(0.99)).isEqualTo(histogram.maxMillis());
	}

	@Test
	void addsAnotherHistogram() {
		LatencyHistogram first = new LatencyHistogram();
		first.record(1_000_000);
		LatencyHistogram second = new LatencyHistogram();
		second.record(3_000_000_000L);
		first.addAll(second);
		assertThat(first.count()).isEqualTo(2);
		assertThat(first.maxMillis()).isEqualTo(3000);
		assertThat(first.percentileMillis(0.5)).isCloseTo(1, within(1 / 16.0));
	}

	@Test
	void bucketsAreContiguousAndGrowWithTheValue() {
		int previous = -1;
		for (long micros = 0; micros < 1_000_000; micros += 7) {
			int bucket = LatencyHistogram.bucket(micros);
			assertThat(bucket).isGreaterThanOrEqualTo(previous);
			assertThat(LatencyHistogram.upperMicros(bucket)).isGreaterThan(micros);
			previous = bucket;
		}
	}

}

package dev.hotpath.tagging;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTests {

	@Test
	void drainsEveryRecordedRequestOnceInOrder() {
		RequestLog log = new RequestLog(8);
		for (int i = 1; i <= 5; i++) {
			log.record(i, 100 + i, 1000 + i, i * 1_000_000L, 200 + i, 11, 12, 13);
		}
		List<long[]> drained = drain(log);
		assertThat(drained).hasSize(5);
		assertThat(drained.get(0)).containsExactly(1, 101, 1001, 1_000_000, 201, 11, 12, 13);
		assertThat(drained.get(4)[0]).isEqualTo(5);
		assertThat(drain(log)).isEmpty();
	}

	@Test
	void keepsTheNewestRequestsAndCountsTheOverwrittenOnes() {
		RequestLog log = new RequestLog(4);
		for (int i = 0; i < 10; i++) {
			log.record(i, 0, 0, 0, 200, 0, 0, 0);
		}
		List<long[]> drained = drain(log);
		assertThat(drained).extracting((row) -> row[0]).containsExactly(6L, 7L, 8L, 9L);
		assertThat(log.dropped()).isEqualTo(6);
		assertThat(log.recorded()).isEqualTo(10);
	}

	@Test
	void neverLosesARequestWrittenConcurrentlyWithADrain() throws Exception {
		RequestLog log = new RequestLog(1 << 16);
		Thread[] writers = new Thread[4];
		for (int w = 0; w < writers.length; w++) {
			int writer = w;
			writers[w] = new Thread(() -> {
				for (int i = 0; i < 10_000; i++) {
					log.record(writer, i, 0, 0, 200, 0, 0, 0);
				}
			});
			writers[w].start();
		}
		long seen = 0;
		while (anyAlive(writers)) {
			seen += drain(log).size();
		}
		for (Thread writer : writers) {
			writer.join();
		}
		seen += drain(log).size();
		assertThat(seen + log.dropped()).isEqualTo(40_000);
		assertThat(log.dropped()).isZero();
	}

	private static boolean anyAlive(Thread[] threads) {
		for (Thread thread : threads) {
			if (thread.isAlive()) {
				return true;
			}
		}
		return false;
	}

	private static List<long[]> drain(RequestLog log) {
		List<long[]> rows = new ArrayList<>();
		log.drain((endpointId, spanStart, startEpochMillis, durationNanos, status, traceIdHigh, traceIdLow,
				spanId) -> rows.add(new long[] { endpointId, spanStart, startEpochMillis, durationNanos, status,
						traceIdHigh, traceIdLow, spanId }));
		return rows;
	}

}

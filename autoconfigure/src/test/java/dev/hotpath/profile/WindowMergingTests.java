package dev.hotpath.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for how the store keeps its retention within its node bound by merging old
 * windows into coarser ones.
 */
class WindowMergingTests {

	private static final long START = 1_700_000_000_000L;

	/** A node bound far below what the hour's 10 s windows need. */
	private static final int HOUR_NODES = 100_000;

	@Test
	void keepsAnHourOfAFrameworkHeavyApplicationWithinTheNodeBound() {
		ProfileStore store = new ProfileStore(limits(HOUR_NODES, ProfileLimits.DEFAULT_COARSER_WINDOWS));
		FrameworkTraffic traffic = new FrameworkTraffic(store, 4, 1, START, 7);
		long maxNodes = 0;
		for (int chunk = 0; chunk < 360; chunk++) {
			traffic.nextChunk();
			maxNodes = Math.max(maxNodes, nodes(store));
		}
		long now = traffic.nowMillis();
		List<Window> windows = store.read(ProfileStore.View::windows);
		assertThat(windows.get(0).startMillis()).isLessThanOrEqualTo(START);
		long dropped = store.read((view) -> view.dropped().windows());
		assertThat(dropped).isZero();
		assertThat(maxNodes).isLessThanOrEqualTo(HOUR_NODES);
		assertThat(windows.get(windows.size() - 1).endMillis()).isEqualTo(now);
		assertThat(windows).anySatisfy((window) -> assertThat(window.endMillis() - window.startMillis())
			.isEqualTo(Duration.ofMinutes(15).toMillis()));
		Window recent = windows.get(windows.size() - 1);
		assertThat(recent.endMillis() - recent.startMillis()).isEqualTo(Duration.ofSeconds(10).toMillis());
		assertThat(recent.nodes() * 360).isGreaterThan(HOUR_NODES);
	}

	@Test
	void mergingKeepsEveryWeightRequestAndErrorOfEachEndpoint() {
		ProfileStore fine = new ProfileStore(limits(10_000_000, List.of()));
		ProfileStore merged = new ProfileStore(limits(60_000, ProfileLimits.DEFAULT_COARSER_WINDOWS));
		FrameworkTraffic fineTraffic = new FrameworkTraffic(fine, 4, 1, START, 11);
		FrameworkTraffic mergedTraffic = new FrameworkTraffic(merged, 4, 1, START, 11);
		for (int chunk = 0; chunk < 90; chunk++) {
			fineTraffic.nextChunk();
			mergedTraffic.nextChunk();
		}
		int mergedWindows = merged.read((view) -> view.windows().size());
		int fineWindows = fine.read((view) -> view.windows().size());
		long dropped = merged.read((view) -> view.dropped().windows());
		assertThat(mergedWindows).isLessThan(fineWindows);
		assertThat(dropped).isZero();
		assertThat(totals(merged)).isEqualTo(totals(fine));
	}

	@Test
	void samplesOfAMomentAlreadyMergedGoToTheCoarserWindow() {
		ProfileStore store = new ProfileStore(limits(60_000, ProfileLimits.DEFAULT_COARSER_WINDOWS));
		FrameworkTraffic traffic = new FrameworkTraffic(store, 4, 1, START, 3);
		for (int chunk = 0; chunk < 30; chunk++) {
			traffic.nextChunk();
		}
		Window first = store.read((view) -> view.windows().get(0));
		assertThat(first.endMillis() - first.startMillis()).isGreaterThan(10_000);
		Window late = store.write((writable) -> writable.windowAt(first.startMillis() + 15_000, traffic.nowMillis()));
		assertThat(late).isSameAs(first);
	}

	@Test
	void coarserWindowsMustEachBeALargerMultipleOfTheOneBefore() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> limits(1000, List.of(Duration.ofMinutes(1), Duration.ofSeconds(90))));
		assertThatIllegalArgumentException().isThrownBy(() -> limits(1000, List.of(Duration.ofSeconds(15))));
		assertThat(new ProfileLimits(Duration.ofHours(1), Duration.ofSeconds(7), 1, 1, 1, 1, 1).coarserWindows())
			.isEmpty();
	}

	private static ProfileLimits limits(int maxTreeNodes, List<Duration> coarserWindows) {
		return new ProfileLimits(Duration.ofHours(1), Duration.ofSeconds(10), 100_000, maxTreeNodes, 50_000, 5, 200_000,
				Duration.ofMinutes(10), 262_144, 262_144, coarserWindows);
	}

	private static long nodes(ProfileStore store) {
		return store.read((view) -> view.windows().stream().mapToLong(Window::nodes).sum());
	}

	/**
	 * Per endpoint: requests, errors, latencies, profiled requests and, per frame, the
	 * self and total weight of its tree, its application self weight and its function's
	 * line row.
	 */
	private static Map<String, Map<String, Long>> totals(ProfileStore store) {
		return store.read((view) -> {
			Map<String, Map<String, Long>> totals = new TreeMap<>();
			for (Window window : view.windows()) {
				totals.computeIfAbsent("window", (key) -> new TreeMap<>())
					.merge("requests", window.requests(), Long::sum);
				totals.get("window").merge("errors", window.errors(), Long::sum);
				for (EndpointWindow endpoint : window.endpoints()) {
					Map<String, Long> sums = totals.computeIfAbsent(endpoint.endpoint(), (key) -> new TreeMap<>());
					sums.merge("errors", endpoint.errors(), Long::sum);
					sums.merge("latencies", endpoint.latency().count(), Long::sum);
					sums.merge("latency sum", endpoint.latency().sumNanos(), Long::sum);
					sums.merge("profiled", endpoint.profiledRequests(), Long::sum);
					CallTree tree = endpoint.tree(ProfileType.CPU);
					for (int node = 0; node < tree.size(); node++) {
						int frame = tree.frame(node);
						sums.merge("self " + frame, tree.self(node), Long::sum);
						sums.merge("total " + frame, tree.total(node), Long::sum);
						sums.merge("requests with " + frame, (long) endpoint.requestsWith(frame), Long::sum);
						endpoint.forEachLine(ProfileType.CPU, frame, (line, self, total) -> {
							sums.merge("line " + frame + ":" + line + " self", self, Long::sum);
							sums.merge("line " + frame + ":" + line + " total", total, Long::sum);
						});
					}
					endpoint.forEachApplicationSelf(ProfileType.CPU,
							(frame, weight) -> sums.merge("application " + frame, weight, Long::sum));
				}
			}
			return totals;
		});
	}

}

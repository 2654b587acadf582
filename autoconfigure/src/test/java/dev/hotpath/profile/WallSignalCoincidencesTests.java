package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CPU sample stranded at the entry of async-profiler's wall-clock handler gets the
 * stack that handler recorded for the same thread at the same moment; nothing else
 * changes.
 */
class WallSignalCoincidencesTests {

	private static final long T = 5_000_000_000L;

	private final Frames frames = new Frames(100);

	private final int trampoline = this.frames.intern("__restore_rt", FrameKind.NATIVE);

	private final int handler = this.frames.intern(WallSignalCoincidences.WALL_CLOCK_HANDLER, FrameKind.JVM);

	private final int recordSample = this.frames.intern("Profiler::recordSample", FrameKind.JVM);

	private final int run = this.frames.intern("java.lang.Thread.run", FrameKind.JDK);

	private final int recompute = this.frames.intern("com.example.PriceBook.recompute", FrameKind.APPLICATION);

	private final int sleep = this.frames.intern("java.lang.Thread.sleep", FrameKind.JDK);

	@Test
	void givesAStrandedCpuSampleTheStackOfItsThreadsWallClockSampleOfTheSameMoment() {
		List<Sample> samples = new ArrayList<>();
		samples.add(cpu(T, 7, this.trampoline, this.handler));
		samples.add(wall(T + 40_000, 7, new int[] { this.run, this.recompute }, new int[] { 0, 42 }));
		samples.add(wall(T - 20_000_000, 7, new int[] { this.run, this.sleep }, new int[] { 0, 0 }));

		assertThat(WallSignalCoincidences.restore(samples, 0, this.frames)).isOne();

		Sample restored = samples.get(0);
		assertThat(restored.stack()).containsExactly(this.run, this.recompute);
		assertThat(restored.lines()).containsExactly(0, 42);
		assertThat(restored.type()).isEqualTo(ProfileType.CPU);
		assertThat(restored.weight()).isEqualTo(10_000_000L);
		assertThat(restored.timeNanos()).isEqualTo(T);
		assertThat(restored.tid()).isEqualTo(7);
	}

	@Test
	void keepsTheHandlerWhenNoWallClockSampleOfTheThreadIsCloseEnough() {
		List<Sample> samples = new ArrayList<>();
		samples.add(cpu(T, 7, this.trampoline, this.handler));
		// another thread's at the same moment; this thread's just before (the handler
		// that took it ran earlier) and too long after (another moment)
		samples.add(wall(T + 10_000, 8, new int[] { this.run, this.recompute }, Sample.NO_LINES));
		samples.add(wall(T - 30_000, 7, new int[] { this.run, this.recompute }, Sample.NO_LINES));
		samples.add(wall(T + WallSignalCoincidences.WINDOW_NANOS + 1, 7, new int[] { this.run, this.recompute },
				Sample.NO_LINES));

		assertThat(WallSignalCoincidences.restore(samples, 0, this.frames)).isZero();
		assertThat(samples.get(0).stack()).containsExactly(this.trampoline, this.handler);
	}

	@Test
	void leavesTheHandlersOwnWorkAndOtherStacksAlone() {
		List<Sample> samples = new ArrayList<>();
		// the CPU timer fired inside the handler's work: that is the profiler's cost
		samples.add(cpu(T, 7, this.trampoline, this.handler, this.recordSample));
		// the handler called from Java frames is not the signal frame's coincidence
		samples.add(cpu(T, 7, this.run, this.handler));
		samples.add(cpu(T, 7, this.run, this.recompute));
		samples.add(wall(T + 10_000, 7, new int[] { this.run, this.sleep }, Sample.NO_LINES));

		assertThat(WallSignalCoincidences.restore(samples, 0, this.frames)).isZero();
		assertThat(samples.get(0).stack()).containsExactly(this.trampoline, this.handler, this.recordSample);
		assertThat(samples.get(1).stack()).containsExactly(this.run, this.handler);
	}

	@Test
	void looksOnlyAtTheSamplesOfTheChunkBeingRead() {
		List<Sample> samples = new ArrayList<>();
		samples.add(cpu(T, 7, this.trampoline, this.handler));
		samples.add(wall(T + 10_000, 7, new int[] { this.run, this.recompute }, Sample.NO_LINES));
		samples.add(cpu(T + 1_000_000_000, 7, this.trampoline, this.handler));
		samples.add(wall(T + 1_000_010_000, 7, new int[] { this.run, this.sleep }, Sample.NO_LINES));

		assertThat(WallSignalCoincidences.restore(samples, 2, this.frames)).isOne();
		assertThat(samples.get(0).stack()).containsExactly(this.trampoline, this.handler);
		assertThat(samples.get(2).stack()).containsExactly(this.run, this.sleep);
	}

	@Test
	void doesNothingForARecordingWithoutTheHandler() {
		Frames others = new Frames(10);
		int frame = others.intern("__restore_rt", FrameKind.NATIVE);
		List<Sample> samples = new ArrayList<>(List.of(cpu(T, 7, frame)));

		assertThat(WallSignalCoincidences.restore(samples, 0, others)).isZero();
	}

	private static Sample cpu(long time, int tid, int... stack) {
		return new Sample(time, tid, stack, ProfileType.CPU, 10_000_000L);
	}

	private static Sample wall(long time, int tid, int[] stack, int[] lines) {
		return new Sample(time, tid, stack, ProfileType.WALL, 1, lines);
	}

}

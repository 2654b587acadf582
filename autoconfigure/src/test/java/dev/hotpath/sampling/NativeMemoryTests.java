package dev.hotpath.sampling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NativeMemoryTests {

	@Test
	void addsUpWhatAsyncProfilerHoldsForItsSamplesAndTellsTheSessionsShare() {
		// async-profiler 4.6's metrics during a session, as a demo application's said
		String metrics = """
				mem_calltracestorage_kb 10244
				mem_flightrecorder_kb 64
				mem_classmap_kb 4
				mem_threadfilter_kb 64
				mem_runtimestubs_kb 37
				mem_nativelibs_kb 137003530365
				samples_total 199
				samples_skipped_total 0
				calltracestorage_overflows_total 3
				stackwalk_ns_total 1200000
				""";
		NativeMemory memory = NativeMemory.parse(metrics);
		// the symbols of native libraries and stubs are left out: async-profiler once
		// said this of them
		assertThat(memory).isEqualTo(new NativeMemory((10244L + 64 + 4 + 64) * 1024, (10244L + 64) * 1024, 3));
	}

	@Test
	void isUnknownWhenTheOutputNamesNoMemory() {
		assertThat(NativeMemory.parse("")).isNull();
		assertThat(NativeMemory.parse("samples_total 12\nmem_calltracestorage_kb many\n")).isNull();
	}

}

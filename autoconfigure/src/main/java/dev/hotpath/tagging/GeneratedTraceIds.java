package dev.hotpath.tagging;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Random trace and span ids for requests of applications without tracing, so that each
 * request can still be found by id.
 */
enum GeneratedTraceIds implements TraceIds {

	INSTANCE;

	@Override
	public void current(long[] ids) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		ids[0] = random.nextLong();
		ids[1] = random.nextLong() | 1;
		ids[2] = random.nextLong() | 1;
	}

}

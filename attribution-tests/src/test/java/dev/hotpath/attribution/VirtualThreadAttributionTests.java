package dev.hotpath.attribution;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The ground-truth scenario on virtual threads: requests, {@code @Async} methods and the
 * task executor all run on virtual threads. async-profiler sees a virtual thread as the
 * carrier it runs on, and an interval is written for the carrier that ends it: work done
 * before a virtual thread blocked and moved to another carrier loses its interval, and
 * another virtual thread that runs on the carrier meanwhile gains it. So this scenario
 * runs one request at a time without the job, and leaves out the request-thread half of
 * {@code /half}, which blocks on the executor's half (see docs/correlation.md).
 */
@DirtiesContext
@SpringBootTest(classes = { GroundTruthApplication.class, AttributionScenario.Exporter.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.threads.virtual.enabled=true")
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadAttributionTests extends AttributionScenario {

	@Override
	Map<String, String> exactMethods() {
		Map<String, String> methods = new HashMap<>(super.exactMethods());
		methods.remove("burnHalfOnRequestThread");
		return methods;
	}

}

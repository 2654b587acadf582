package dev.hotpath.attribution;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The ground-truth scenario on platform threads: Tomcat's request threads and the
 * application's task executor pool.
 */
@DirtiesContext
@SpringBootTest(classes = { GroundTruthApplication.class, AttributionScenario.Exporter.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformThreadAttributionTests extends AttributionScenario {

}

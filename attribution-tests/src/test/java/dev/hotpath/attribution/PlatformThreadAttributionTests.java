package dev.hotpath.attribution;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The ground-truth scenario on platform threads: Tomcat's request threads and the
 * application's task executor pool.
 */
@SpringBootTest(classes = { GroundTruthApplication.class, AttributionScenario.Exporter.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformThreadAttributionTests extends AttributionScenario {

}

package dev.hotpath;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the engine plain Java and its layers pointing one way.
 */
class ArchitectureTests {

	private static final String SAMPLING = "dev.hotpath.sampling..";

	private static final String TAGGING = "dev.hotpath.tagging..";

	private static final String PROFILE = "dev.hotpath.profile..";

	private static final String QUERY = "dev.hotpath.query..";

	private static final String HISTORY = "dev.hotpath.history..";

	private static final String ACTUATE = "dev.hotpath.actuate..";

	private static final String AUTOCONFIGURE = "dev.hotpath.autoconfigure..";

	private static final String JFR = "dev.hotpath.jfr..";

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.hotpath");

	@Test
	void engineDoesNotDependOnSpring() {
		for (String engine : new String[] { SAMPLING, TAGGING, PROFILE, QUERY, HISTORY, JFR, "dev.hotpath.export.." }) {
			noClasses().that()
				.resideInAPackage(engine)
				.should()
				.dependOnClassesThat()
				.resideInAPackage("org.springframework..")
				.allowEmptyShould(true)
				.check(this.classes);
		}
	}

	@Test
	void samplingAndTaggingAndProfileDoNotKnowEachOther() {
		// history reads and fills the profile; queries read earlier versions from the
		// profile, never from history
		mustNotUse(SAMPLING, TAGGING, PROFILE, QUERY, HISTORY, ACTUATE, AUTOCONFIGURE);
		mustNotUse(TAGGING, SAMPLING, PROFILE, QUERY, HISTORY, ACTUATE, AUTOCONFIGURE);
		mustNotUse(PROFILE, SAMPLING, TAGGING, QUERY, HISTORY, ACTUATE, AUTOCONFIGURE);
		mustNotUse(QUERY, SAMPLING, TAGGING, HISTORY, ACTUATE, AUTOCONFIGURE);
		mustNotUse(HISTORY, SAMPLING, TAGGING, QUERY, ACTUATE, AUTOCONFIGURE);
		// how a JFR file is opened, for the sampler and the chunk processor alike
		mustNotUse(JFR, SAMPLING, TAGGING, PROFILE, QUERY, HISTORY, ACTUATE, AUTOCONFIGURE);
	}

	private void mustNotUse(String layer, String... others) {
		noClasses().that()
			.resideInAPackage(layer)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.allowEmptyShould(true)
			.check(this.classes);
	}

}

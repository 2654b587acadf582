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

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.hotpath");

	@Test
	void engineDoesNotDependOnSpring() {
		noClasses().that()
			.resideInAnyPackage("dev.hotpath.sampling..", "dev.hotpath.tagging..", "dev.hotpath.profile..",
					"dev.hotpath.query..", "dev.hotpath.export..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..")
			.check(this.classes);
	}

	@Test
	void samplingAndTaggingAndProfileDoNotKnowEachOther() {
		noClasses().that()
			.resideInAPackage("dev.hotpath.sampling..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.hotpath.tagging..", "dev.hotpath.profile..", "dev.hotpath.query..",
					"dev.hotpath.actuate..", "dev.hotpath.autoconfigure..")
			.check(this.classes);
		noClasses().that()
			.resideInAPackage("dev.hotpath.tagging..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.hotpath.sampling..", "dev.hotpath.profile..", "dev.hotpath.query..",
					"dev.hotpath.actuate..", "dev.hotpath.autoconfigure..")
			.check(this.classes);
		noClasses().that()
			.resideInAPackage("dev.hotpath.profile..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.hotpath.sampling..", "dev.hotpath.tagging..", "dev.hotpath.query..",
					"dev.hotpath.actuate..", "dev.hotpath.autoconfigure..")
			.check(this.classes);
		noClasses().that()
			.resideInAPackage("dev.hotpath.query..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.hotpath.sampling..", "dev.hotpath.tagging..", "dev.hotpath.actuate..",
					"dev.hotpath.autoconfigure..")
			.check(this.classes);
	}

}

package dev.hotpath.demo;

import java.util.List;
import java.util.Locale;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OwnerController}, with the real H2 database, Hibernate, Thymeleaf and
 * Jackson (profiling off: these tests are about the answers).
 *
 * @author Hotpath contributors
 */
@SpringBootTest(properties = { "demo.load.enabled=false", "hotpath.enabled=false",
		"spring.jpa.properties.hibernate.generate_statistics=true" })
@AutoConfigureMockMvc
class OwnerControllerTests {

	private static final List<Owner> GENERATED = ClinicData.generateOwners();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Test
	void pageListsAllOwnersWithTheirPetsAndVisitCounts() throws Exception {
		MvcTestResult result = this.mvc.get().uri("/owners").accept(MediaType.TEXT_HTML).exchange();
		assertThat(result).hasStatusOk().hasViewName("owners").hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
		String page = result.getResponse().getContentAsString();
		assertThat(page).contains(ClinicData.OWNERS + " owner(s)");
		assertThat(occurrences(page, "data-owner-id=")).isEqualTo(ClinicData.OWNERS);
		assertThat(occurrences(page, "class=\"pet\"")).isEqualTo(pets(GENERATED).size());
		assertThat(occurrences(page, "class=\"visits\"")).isEqualTo(pets(GENERATED).size());
		// the visits are read while the page renders, after the controller has returned
		long visits = pets(GENERATED).stream().mapToLong((pet) -> pet.getVisits().size()).sum();
		long shown = page.lines()
			.filter((line) -> line.contains("class=\"visits\""))
			.mapToLong((line) -> Long.parseLong(line.replaceAll(".*>(\\d+) visit\\(s\\)<.*", "$1")))
			.sum();
		assertThat(shown).isEqualTo(visits);
	}

	@Test
	void pageLoadsEachPetsVisitsWhileItRendersButTheJsonApiLoadsThemAtOnce() {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		assertThat(this.mvc.get().uri("/owners")).hasStatusOk();
		// the owners with their pets, then the visits of each pet: the classic N+1
		assertThat(statistics.getPrepareStatementCount()).isEqualTo(1 + pets(GENERATED).size());
		assertThat(statistics.getCollectionFetchCount()).isEqualTo(pets(GENERATED).size());
		statistics.clear();
		assertThat(this.mvc.get().uri("/api/owners")).hasStatusOk();
		assertThat(statistics.getPrepareStatementCount()).isEqualTo(2);
		assertThat(statistics.getCollectionFetchCount()).isZero();
	}

	@Test
	void pageFindsOwnersByTheStartOfTheirLastNameIgnoringCase() throws Exception {
		MvcTestResult result = this.mvc.get().uri("/owners").param("lastName", "mo").exchange();
		assertThat(result).hasStatusOk();
		String page = result.getResponse().getContentAsString();
		List<Owner> expected = lastNameStartsWith("Mo");
		assertThat(expected).isNotEmpty();
		assertThat(page).contains(expected.size() + " owner(s)").contains("Moore").contains("Morgan");
		assertThat(occurrences(page, "data-owner-id=")).isEqualTo(expected.size());
		assertThat(page).doesNotContain("Murphy").doesNotContain("Miller");
	}

	@Test
	void pageEscapesTheLastNameItEchoes() {
		assertThat(this.mvc.get().uri("/owners").param("lastName", "<b>\"x")).hasStatusOk()
			.bodyText()
			.contains("0 owner(s)")
			.contains("&lt;b&gt;&quot;x")
			.doesNotContain("<b>\"x");
	}

	@Test
	void jsonListsAllOwnersSortedByNameWithPetsAndVisits() {
		List<Owner> sorted = GENERATED.stream()
			.sorted((a, b) -> a.getLastName().equals(b.getLastName()) ? a.getFirstName().compareTo(b.getFirstName())
					: a.getLastName().compareTo(b.getLastName()))
			.toList();
		assertThat(this.mvc.get().uri("/api/owners")).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.hasPathSatisfying("$.count", (count) -> count.assertThat().isEqualTo(ClinicData.OWNERS))
			.hasPathSatisfying("$.lastName", (lastName) -> lastName.assertThat().isEqualTo(""))
			.hasPathSatisfying("$.owners", (owners) -> owners.assertThat().asArray().hasSize(ClinicData.OWNERS))
			.hasPathSatisfying("$.owners[*].pets[*]",
					(pets) -> pets.assertThat().asArray().hasSize(pets(GENERATED).size()))
			.hasPathSatisfying("$.owners[*].pets[*].visits[*]",
					(visits) -> visits.assertThat()
						.asArray()
						.hasSize((int) pets(GENERATED).stream().mapToLong((pet) -> pet.getVisits().size()).sum()))
			.hasPathSatisfying("$.owners[0].lastName",
					(lastName) -> lastName.assertThat().isEqualTo(sorted.get(0).getLastName()))
			.hasPathSatisfying("$.owners[0].firstName",
					(firstName) -> firstName.assertThat().isEqualTo(sorted.get(0).getFirstName()))
			.hasPathSatisfying("$.owners[0].pets[0].birthDate",
					(birthDate) -> birthDate.assertThat().asString().matches("\\d{4}-\\d{2}-\\d{2}"));
	}

	@Test
	void jsonFindsOwnersByTheStartOfTheirLastName() {
		assertThat(this.mvc.get().uri("/api/owners").param("lastName", "Smith")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.count", (count) -> count.assertThat().isEqualTo(lastNameStartsWith("Smith").size()))
			.hasPathSatisfying("$.owners[*].lastName",
					(lastNames) -> lastNames.assertThat().asArray().isNotEmpty().containsOnly("Smith"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "%", "_mith", "Zz" })
	void jsonTreatsTheLastNameAsTextNotAsAPattern(String lastName) {
		assertThat(this.mvc.get().uri("/api/owners").param("lastName", lastName)).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.count", (count) -> count.assertThat().isEqualTo(0));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/owners", "/api/owners" })
	void rejectsLastNamesLongerThan50Characters(String path) {
		assertThat(this.mvc.get().uri(path).param("lastName", "a".repeat(51))).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\":\"lastName must be at most 50 characters\",\"path\":\"" + path + "\"}");
	}

	@Test
	void aBrowserAlsoGetsTheJsonErrorForABadLastName() {
		assertThat(this.mvc.get().uri("/owners").param("lastName", "a".repeat(51)).accept(MediaType.TEXT_HTML))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
	}

	@Test
	void acceptsALastNameOf50Characters() {
		assertThat(this.mvc.get().uri("/api/owners").param("lastName", "a".repeat(50))).hasStatusOk();
	}

	private static List<Pet> pets(List<Owner> owners) {
		return owners.stream().flatMap((owner) -> owner.getPets().stream()).toList();
	}

	private static List<Owner> lastNameStartsWith(String prefix) {
		return GENERATED.stream()
			.filter((owner) -> owner.getLastName().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT)))
			.toList();
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + part.length())) {
			count++;
		}
		return count;
	}

}

package dev.hotpath.demo;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The clinic's "find owners", an endpoint that spends its time in frameworks, as most
 * endpoints of real applications do: {@code /owners?lastName=} queries the database
 * through Spring Data JPA and Hibernate and returns a view name, so the Thymeleaf page is
 * rendered after the controller method has returned, loading each pet's visits on the
 * way; {@code /api/owners?lastName=} answers the same owners with their visits as a large
 * JSON document. An empty or missing last name finds all {@value ClinicData#OWNERS}
 * owners; one longer than {@value #MAX_LAST_NAME_LENGTH} characters gets a 400 JSON
 * error.
 *
 * @author Hotpath contributors
 */
@Controller
final class OwnerController {

	static final int MAX_LAST_NAME_LENGTH = 50;

	private final OwnerDirectory owners;

	OwnerController(OwnerDirectory owners) {
		this.owners = owners;
	}

	@GetMapping("/owners")
	String owners(@RequestParam(defaultValue = "") String lastName, Model model) {
		String prefix = prefix(lastName);
		model.addAttribute("lastName", prefix);
		model.addAttribute("owners", this.owners.findByLastName(prefix));
		return "owners";
	}

	@GetMapping("/api/owners")
	@ResponseBody
	OwnersResult ownersJson(@RequestParam(defaultValue = "") String lastName) {
		String prefix = prefix(lastName);
		List<OwnerDirectory.OwnerDetails> found = this.owners.detailsByLastName(prefix);
		return new OwnersResult(prefix, found.size(), found);
	}

	private static String prefix(String lastName) {
		if (lastName.length() > MAX_LAST_NAME_LENGTH) {
			throw ClientErrorException.badRequest("lastName must be at most " + MAX_LAST_NAME_LENGTH + " characters");
		}
		return lastName.strip();
	}

	/**
	 * The JSON response of a search.
	 *
	 * @param lastName the start of the last name searched for, empty for all owners
	 * @param count the number of owners found
	 * @param owners the owners, sorted by name, with their pets and visits
	 */
	record OwnersResult(String lastName, int count, List<OwnerDirectory.OwnerDetails> owners) {

	}

}

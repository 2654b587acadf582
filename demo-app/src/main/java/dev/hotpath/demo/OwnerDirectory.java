package dev.hotpath.demo;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds owners by last name, for the page (as entities, whose lazy visits the page loads
 * while it renders, one query per pet) and for the JSON API (as records, with all visits
 * loaded in one more query). Thread-safe.
 *
 * @author Hotpath contributors
 */
@Component
@Transactional(readOnly = true)
class OwnerDirectory {

	private final OwnerRepository repository;

	OwnerDirectory(OwnerRepository repository) {
		this.repository = repository;
	}

	/**
	 * Return the owners whose last name starts with {@code prefix}, ignoring case, with
	 * their pets; their visits are loaded when first read.
	 * @param prefix the start of the last name, empty for all owners
	 * @return the owners sorted by name
	 */
	List<Owner> findByLastName(String prefix) {
		return this.repository.findByLastNameStartingWithIgnoreCaseOrderByLastNameAscFirstNameAscIdAsc(prefix);
	}

	/**
	 * Return the owners whose last name starts with {@code prefix}, ignoring case, with
	 * their pets and visits, copied out of the entities. Costs two queries, one for the
	 * owners with their pets and one for the visits, where the page costs one more per
	 * pet.
	 * @param prefix the start of the last name, empty for all owners
	 * @return the owners sorted by name
	 */
	List<OwnerDetails> detailsByLastName(String prefix) {
		List<Owner> owners = findByLastName(prefix);
		if (!owners.isEmpty()) {
			this.repository.fetchPetsWithVisits(owners);
		}
		return owners.stream().map(OwnerDirectory::details).toList();
	}

	private static OwnerDetails details(Owner owner) {
		List<PetDetails> pets = owner.getPets()
			.stream()
			.map((pet) -> new PetDetails(id(pet.getId()), pet.getName(), pet.getSpecies(), pet.getBirthDate(),
					pet.getVisits()
						.stream()
						.map((visit) -> new VisitDetails(visit.getVisitDate(), visit.getDescription()))
						.toList()))
			.toList();
		return new OwnerDetails(id(owner.getId()), owner.getFirstName(), owner.getLastName(), owner.getAddress(),
				owner.getCity(), owner.getTelephone(), pets);
	}

	private static int id(@Nullable Integer id) {
		if (id == null) {
			throw new IllegalStateException("Entity read from the database has no id");
		}
		return id;
	}

	/**
	 * An owner with pets and visits, as the JSON API shows it.
	 *
	 * @param id the id
	 * @param firstName the first name
	 * @param lastName the last name
	 * @param address the street address
	 * @param city the city
	 * @param telephone the telephone number
	 * @param pets the pets, by name
	 */
	record OwnerDetails(int id, String firstName, String lastName, String address, String city, String telephone,
			List<PetDetails> pets) {

	}

	/**
	 * A pet with its visits.
	 *
	 * @param id the id
	 * @param name the name
	 * @param species what kind of animal it is
	 * @param birthDate when it was born
	 * @param visits the visits, latest first
	 */
	record PetDetails(int id, String name, String species, LocalDate birthDate, List<VisitDetails> visits) {

	}

	/**
	 * A visit to the clinic.
	 *
	 * @param date the day of the visit
	 * @param description what was done
	 */
	record VisitDetails(LocalDate date, String description) {

	}

}

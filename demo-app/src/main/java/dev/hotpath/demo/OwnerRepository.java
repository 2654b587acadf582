package dev.hotpath.demo;

import java.util.List;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * The {@link Owner owners}, stored by Spring Data JPA.
 *
 * @author Hotpath contributors
 */
interface OwnerRepository extends JpaRepository<Owner, Integer> {

	/**
	 * Return the owners whose last name starts with {@code prefix}, ignoring case, with
	 * their pets fetched in the same query (but not the pets' visits), sorted by name.
	 * Spring Data escapes {@code %} and {@code _} in the prefix.
	 * @param prefix the start of the last name, empty for all owners
	 * @return the owners
	 */
	@EntityGraph(attributePaths = "pets")
	List<Owner> findByLastNameStartingWithIgnoreCaseOrderByLastNameAscFirstNameAscIdAsc(String prefix);

	/**
	 * Load the visits of all pets of {@code owners} in one query. The pets are the ones
	 * already in the persistence context, so their visit collections are initialized
	 * instead of being loaded one query per pet when read.
	 * @param owners the owners, loaded in the current transaction, not empty
	 * @return the pets of the owners
	 */
	@Query("select distinct p from Pet p left join fetch p.visits where p.owner in :owners")
	List<Pet> fetchPetsWithVisits(List<Owner> owners);

}

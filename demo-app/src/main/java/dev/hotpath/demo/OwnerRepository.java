package dev.hotpath.demo;

import java.util.List;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

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

}

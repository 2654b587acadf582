package dev.hotpath.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A pet of an {@link Owner}, with its {@link Visit visits} to the clinic. Both relations
 * are lazy: reading the visits of a pet loaded earlier costs one more query. Not
 * thread-safe, like every JPA entity.
 *
 * @author Hotpath contributors
 */
@Entity
@Table(name = "pets")
class Pet {

	@Id
	@GeneratedValue
	private @Nullable Integer id;

	@Column(nullable = false, length = 30)
	private String name;

	@Column(nullable = false, length = 20)
	private String species;

	@Column(nullable = false)
	private LocalDate birthDate;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "owner_id")
	private @Nullable Owner owner;

	@OneToMany(mappedBy = "pet", cascade = CascadeType.ALL)
	@OrderBy("visitDate desc")
	private List<Visit> visits = new ArrayList<>();

	/**
	 * For JPA only.
	 */
	protected Pet() {
	}

	Pet(String name, String species, LocalDate birthDate) {
		this.name = name;
		this.species = species;
		this.birthDate = birthDate;
	}

	void setOwner(Owner owner) {
		this.owner = owner;
	}

	void addVisit(Visit visit) {
		visit.setPet(this);
		this.visits.add(visit);
	}

	// public getters, since the page template reads them by reflection

	public @Nullable Integer getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getSpecies() {
		return this.species;
	}

	public LocalDate getBirthDate() {
		return this.birthDate;
	}

	public List<Visit> getVisits() {
		return this.visits;
	}

}

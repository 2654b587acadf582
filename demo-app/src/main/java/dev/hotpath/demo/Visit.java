package dev.hotpath.demo;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A visit of a {@link Pet} to the clinic. Not thread-safe, like every JPA entity.
 *
 * @author Hotpath contributors
 */
@Entity
@Table(name = "visits")
class Visit {

	@Id
	@GeneratedValue
	private @Nullable Integer id;

	@Column(nullable = false)
	private LocalDate visitDate;

	@Column(nullable = false, length = 100)
	private String description;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "pet_id")
	private @Nullable Pet pet;

	/**
	 * For JPA only.
	 */
	protected Visit() {
	}

	Visit(LocalDate visitDate, String description) {
		this.visitDate = visitDate;
		this.description = description;
	}

	void setPet(Pet pet) {
		this.pet = pet;
	}

	// public getters, since the page template reads them by reflection

	public @Nullable Integer getId() {
		return this.id;
	}

	public LocalDate getVisitDate() {
		return this.visitDate;
	}

	public String getDescription() {
		return this.description;
	}

}

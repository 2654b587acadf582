package dev.hotpath.demo;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A pet owner of the demo's veterinary clinic, the root of the {@link Pet} and
 * {@link Visit} entities. The pets are loaded lazily, as JPA relations usually are. Not
 * thread-safe, like every JPA entity.
 *
 * @author Hotpath contributors
 */
@Entity
@Table(name = "owners")
class Owner {

	@Id
	@GeneratedValue
	private @Nullable Integer id;

	@Column(nullable = false, length = 30)
	private String firstName;

	@Column(nullable = false, length = 30)
	private String lastName;

	@Column(nullable = false, length = 60)
	private String address;

	@Column(nullable = false, length = 30)
	private String city;

	@Column(nullable = false, length = 20)
	private String telephone;

	@OneToMany(mappedBy = "owner", cascade = CascadeType.ALL)
	@OrderBy("name")
	private List<Pet> pets = new ArrayList<>();

	/**
	 * For JPA only.
	 */
	protected Owner() {
	}

	Owner(String firstName, String lastName, String address, String city, String telephone) {
		this.firstName = firstName;
		this.lastName = lastName;
		this.address = address;
		this.city = city;
		this.telephone = telephone;
	}

	void addPet(Pet pet) {
		pet.setOwner(this);
		this.pets.add(pet);
	}

	// public getters, since the page template reads them by reflection

	public @Nullable Integer getId() {
		return this.id;
	}

	public String getFirstName() {
		return this.firstName;
	}

	public String getLastName() {
		return this.lastName;
	}

	public String getAddress() {
		return this.address;
	}

	public String getCity() {
		return this.city;
	}

	public String getTelephone() {
		return this.telephone;
	}

	public List<Pet> getPets() {
		return this.pets;
	}

}

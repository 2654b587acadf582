package dev.hotpath.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the (in-memory) database with {@value #OWNERS} generated owners, each with one to
 * three pets that have up to four visits each. Runs once the beans are created, so the
 * data is there before the web server and the load generator start. The data is the same
 * on every run: it comes from a fixed random seed.
 *
 * @author Hotpath contributors
 */
@Component
final class ClinicData implements SmartInitializingSingleton {

	static final int OWNERS = 300;

	static final List<String> LAST_NAMES = List.of("Adams", "Baker", "Barnes", "Bennett", "Black", "Brooks", "Brown",
			"Carter", "Clark", "Davis", "Edwards", "Evans", "Franklin", "Garcia", "Harris", "Hughes", "Jackson",
			"Johnson", "Lopez", "Martin", "Miller", "Moore", "Morgan", "Murphy", "Nelson", "Parker", "Reed", "Scott",
			"Smith", "Taylor", "Turner", "Walker", "Ward", "Wilson", "Young");

	private static final List<String> FIRST_NAMES = List.of("Alice", "Ben", "Carla", "David", "Elena", "Frank", "Grace",
			"Henry", "Iris", "Jack", "Kate", "Liam", "Maria", "Noah", "Olivia", "Peter", "Rosa", "Sam", "Tara",
			"Victor");

	private static final List<String> STREETS = List.of("Oak Street", "Maple Avenue", "Cedar Lane", "Elm Road",
			"Pine Court", "Willow Way", "Lake Drive", "Hill Street", "River Road", "Park Avenue");

	private static final List<String> CITIES = List.of("Madison", "Sun Prairie", "McFarland", "Windsor", "Monona",
			"Waunakee", "Verona", "Middleton");

	private static final List<String> SPECIES = List.of("cat", "dog", "bird", "hamster", "lizard", "snake");

	private static final List<String> PET_NAMES = List.of("Bella", "Charlie", "Luna", "Max", "Milo", "Daisy", "Oscar",
			"Coco", "Rocky", "Ruby", "Simba", "Leo", "Nala", "Toby", "Lola", "Jasper", "Pepper", "Ziggy", "Mango",
			"Biscuit", "Shadow", "Willow", "Ginger", "Rex", "Hazel");

	private static final List<String> DESCRIPTIONS = List.of("annual check-up", "rabies shot", "vaccination booster",
			"dental cleaning", "neutered", "spayed", "limping on the left front leg", "skin allergy follow-up",
			"ear infection", "weight check", "stitches removed", "upset stomach");

	private static final long SEED = 20251121;

	private static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);

	private static final Log logger = LogFactory.getLog(ClinicData.class);

	private final OwnerRepository repository;

	private final TransactionTemplate transactions;

	ClinicData(OwnerRepository repository, PlatformTransactionManager transactionManager) {
		this.repository = repository;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public void afterSingletonsInstantiated() {
		long start = System.nanoTime();
		// one transaction, so Hibernate sends the inserts in a few JDBC batches at its
		// end; no check for existing data, since Spring Boot gives every embedded
		// database a new name
		Integer saved = this.transactions.execute((status) -> this.repository.saveAll(generateOwners()).size());
		logger.info(
				"Demo clinic data: " + saved + " owner(s) saved in " + (System.nanoTime() - start) / 1_000_000 + " ms");
	}

	/**
	 * Generate the owners with their pets and visits, the same on every call.
	 * @return {@value #OWNERS} owners that are not saved yet
	 */
	static List<Owner> generateOwners() {
		SplittableRandom random = new SplittableRandom(SEED);
		List<Owner> owners = new ArrayList<>(OWNERS);
		for (int i = 0; i < OWNERS; i++) {
			String telephone = "608555" + String.format("%04d", random.nextInt(10000));
			Owner owner = new Owner(pick(random, FIRST_NAMES), pick(random, LAST_NAMES),
					(1 + random.nextInt(999)) + " " + pick(random, STREETS), pick(random, CITIES), telephone);
			int pets = 1 + random.nextInt(3);
			for (int p = 0; p < pets; p++) {
				LocalDate born = FIRST_DAY.plusDays(random.nextInt(3650));
				Pet pet = new Pet(pick(random, PET_NAMES), pick(random, SPECIES), born);
				int visits = random.nextInt(5);
				for (int v = 0; v < visits; v++) {
					pet.addVisit(new Visit(born.plusDays(30 + random.nextInt(1500)), pick(random, DESCRIPTIONS)));
				}
				owner.addPet(pet);
			}
			owners.add(owner);
		}
		return owners;
	}

	private static String pick(SplittableRandom random, List<String> choices) {
		return choices.get(random.nextInt(choices.size()));
	}

}

package dev.hotpath.profile;

import java.lang.reflect.Field;

/**
 * What a packed node or row takes after {@code MemoryHourHarness}'s hour: feeds the same
 * hour into a store with the default limits, then adds up the bits of every packed column
 * of the closed windows' call trees, their slowest requests' trees, their CPU line tables
 * and their counts of requests per function, and prints the bytes each node, row or count
 * takes on average. Reads the packed columns' widths by reflection: it measures the
 * store's private layout, which no public method tells.
 */
public final class PackedSizes {

	private PackedSizes() {
	}

	public static void main(String[] args) throws ReflectiveOperationException {
		ProfileStore store = new ProfileStore(ProfileLimits.DEFAULTS);
		FrameworkTraffic traffic = new FrameworkTraffic(store, 20, 5, 1_700_000_000_000L, 42);
		for (int chunk = 0; chunk < 360; chunk++) {
			traffic.nextChunk();
		}
		long[] trees = new long[2];
		long[] slowest = new long[2];
		long[] lines = new long[2];
		long[] requests = new long[2];
		for (Window window : store.read(ProfileStore.View::windows)) {
			for (EndpointWindow endpoint : window.endpoints()) {
				CallTree tree = endpoint.tree(ProfileType.CPU);
				add(trees, field(tree, "packed"), tree.size());
				for (SlowRequest request : endpoint.slowest()) {
					CallTree own = request.tree(ProfileType.CPU);
					if (own != null) {
						add(slowest, field(own, "packed"), own.size());
					}
				}
				LineTable table = (LineTable) ((Object[]) field(endpoint, "lines"))[ProfileType.CPU.ordinal()];
				if (table != null) {
					add(lines, field(table, "packed"), table.size());
				}
				Object counts = field(endpoint, "requestsPerFrame");
				add(requests, counts, (Integer) field(counts, "size"));
			}
		}
		print("call tree nodes", trees);
		print("slowest requests' tree nodes", slowest);
		print("line rows", lines);
		print("counts of requests per function", requests);
	}

	/** Adds the bits of an object's packed columns times their length; skips unpacked. */
	private static void add(long[] sums, Object packed, int size) throws ReflectiveOperationException {
		if (packed == null) {
			return;
		}
		long bits = 0;
		boolean any = false;
		for (Field column : packed.getClass().getDeclaredFields()) {
			if (column.getType() == PackedLongs.class) {
				column.setAccessible(true);
				PackedLongs values = (PackedLongs) column.get(packed);
				bits += (Integer) field(values, "bits");
				any = true;
			}
		}
		if (any && (packed.getClass() != RequestsPerFrame.class || field(packed, "counts") == null)) {
			sums[0] += bits * size;
			sums[1] += size;
		}
	}

	private static void print(String what, long[] sums) {
		System.out.printf("%s packed: %,d, %.1f bytes each%n", what, sums[1], sums[0] / 8.0 / Math.max(sums[1], 1));
	}

	private static Object field(Object owner, String name) throws ReflectiveOperationException {
		Field field = owner.getClass().getDeclaredField(name);
		field.setAccessible(true);
		return field.get(owner);
	}

}

package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Small ids for the names that rows of a ring repeat (endpoints, span and thread names):
 * each distinct name is kept once. Bounded: beyond its capacity, and for {@code null}, a
 * name gets id 0, the empty name.
 */
final class NameTable {

	private final int capacity;

	private final Map<String, Integer> ids = new HashMap<>();

	private final List<String> names = new ArrayList<>();

	NameTable(int capacity) {
		this.capacity = capacity;
		this.names.add("");
	}

	/**
	 * The id of a name, made if new and there is room.
	 * @param name the name, or {@code null}
	 * @return its id, 0 for {@code null} or when the table is full
	 */
	int id(@Nullable String name) {
		if (name == null) {
			return 0;
		}
		Integer id = this.ids.get(name);
		if (id != null) {
			return id;
		}
		if (this.names.size() >= this.capacity) {
			return 0;
		}
		this.names.add(name);
		this.ids.put(name, this.names.size() - 1);
		return this.names.size() - 1;
	}

	String name(int id) {
		return this.names.get(id);
	}

}

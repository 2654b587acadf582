package dev.hotpath.tagging;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * A bounded dictionary of span names, so that scope intervals carry a name as a small
 * number. A known name is found without allocating; once {@code capacity} names exist,
 * further names are not kept (id 0, unnamed), so a tracer that puts ids or URLs into span
 * names cannot grow memory.
 */
public final class SpanNames {

	private final int capacity;

	private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();

	private final List<String> names = new CopyOnWriteArrayList<>(List.of(""));

	/**
	 * Creates a dictionary.
	 * @param capacity how many distinct names it keeps
	 */
	public SpanNames(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * The id of a name, added if there is room.
	 * @param name the span's name
	 * @return its id, or 0 when the dictionary is full
	 */
	public int id(String name) {
		Integer id = this.ids.get(name);
		return (id != null) ? id : add(name);
	}

	/**
	 * The name of an id.
	 * @param id an id from {@link #id}
	 * @return the name, or {@code null} for 0 and unknown ids
	 */
	public @Nullable String name(int id) {
		return (id > 0 && id < this.names.size()) ? this.names.get(id) : null;
	}

	private synchronized int add(String name) {
		Integer id = this.ids.get(name);
		if (id != null) {
			return id;
		}
		if (this.names.size() > this.capacity) {
			return 0;
		}
		this.names.add(name);
		this.ids.put(name, this.names.size() - 1);
		return this.names.size() - 1;
	}

}

package dev.hotpath.profile;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a sample measures.
 */
public enum ProfileType {

	/** On-CPU time, sampled on every thread. */
	CPU,

	/**
	 * Wall-clock time, running or waiting, sampled on threads while they serve a request.
	 */
	WALL;

	/** The type's name as the API spells it. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The type of a label.
	 * @param label {@code cpu} or {@code wall}
	 * @return the type, or {@code null} when the label names none
	 */
	public static @Nullable ProfileType of(String label) {
		for (ProfileType type : values()) {
			if (type.label().equals(label)) {
				return type;
			}
		}
		return null;
	}

}

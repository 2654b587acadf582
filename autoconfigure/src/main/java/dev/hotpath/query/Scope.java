package dev.hotpath.query;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which frames a view shows.
 */
public enum Scope {

	/** Every frame. */
	ALL,

	/**
	 * Application frames only: library frames are folded into the application frame that
	 * called them.
	 */
	APP;

	/** The scope's name as the API spells it. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The scope of a label.
	 * @param label {@code all} or {@code app}
	 * @return the scope, or {@code null} when the label names none
	 */
	public static @Nullable Scope of(String label) {
		for (Scope scope : values()) {
			if (scope.label().equals(label)) {
				return scope;
			}
		}
		return null;
	}

}

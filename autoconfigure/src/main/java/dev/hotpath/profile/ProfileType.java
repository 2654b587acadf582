package dev.hotpath.profile;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a sample measures, and in which unit its weight is.
 */
public enum ProfileType {

	/** On-CPU time, sampled on every thread; weighs one per sample. */
	CPU(false),

	/**
	 * Wall-clock time, running or waiting, sampled on threads while they serve a request;
	 * weighs one per sample.
	 */
	WALL(false),

	/**
	 * Heap allocations, sampled every so many allocated bytes on every thread; weighs the
	 * bytes the sample stands for.
	 */
	ALLOC(true),

	/**
	 * Waits on contended locks, sampled every so much waiting on every thread; weighs the
	 * nanoseconds of waiting the sample stands for.
	 */
	LOCK(true);

	private final boolean weighed;

	ProfileType(boolean weighed) {
		this.weighed = weighed;
	}

	/** The type's name as the API spells it. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether a sample's weight is a quantity (bytes, nanoseconds) rather than a sample
	 * count; the number of samples of such a type is {@link CallTree#stacks()}.
	 */
	public boolean weighed() {
		return this.weighed;
	}

	/**
	 * The type of a label.
	 * @param label {@code cpu}, {@code wall}, {@code alloc} or {@code lock}
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

package dev.hotpath.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dictionary of frame names: each distinct function gets a small id once, and call
 * trees hold ids. Bounded: beyond {@code maxFrames} new functions share one overflow
 * frame and are counted. Not thread-safe; the {@link ProfileStore} guards it.
 */
public final class Frames {

	/** The id of the root frame, {@code all}. */
	public static final int ROOT = 0;

	/** The id of the frame that stands for functions beyond the cap. */
	public static final int OVERFLOW = 1;

	/**
	 * The id of the frame that application-only views give to samples without any
	 * application frame.
	 */
	public static final int NO_APPLICATION_CODE = 2;

	/**
	 * The kinds by ordinal, read once: {@code values()} copies its array on every call.
	 */
	private static final FrameKind[] KINDS = FrameKind.values();

	private final int maxFrames;

	private final List<String> names = new ArrayList<>();

	private final Map<String, Integer> ids = new HashMap<>();

	private byte[] kinds = new byte[1024];

	private byte[] components = new byte[1024];

	private long overflowed;

	/**
	 * Creates a dictionary.
	 * @param maxFrames how many distinct frames it holds at most
	 */
	public Frames(int maxFrames) {
		this.maxFrames = Math.max(maxFrames, 16);
		intern("all", FrameKind.ROOT);
		intern("[more functions than hotpath.profile.max-frames]", FrameKind.JVM);
		intern("[no application code]", FrameKind.LIBRARY);
	}

	/**
	 * The id of a frame, created if new.
	 * @param name the frame's name
	 * @param kind its kind, used when the frame is new
	 * @return the id, or {@link #OVERFLOW} when the dictionary is full
	 */
	public int intern(String name, FrameKind kind) {
		return intern(name, kind, Components.INHERIT);
	}

	/**
	 * The id of a frame, created if new.
	 * @param name the frame's name
	 * @param kind its kind, used when the frame is new
	 * @param component its component ({@link Components}), used when the frame is new
	 * @return the id, or {@link #OVERFLOW} when the dictionary is full
	 */
	public int intern(String name, FrameKind kind, byte component) {
		Integer id = this.ids.get(name);
		if (id != null) {
			return id;
		}
		if (this.names.size() >= this.maxFrames) {
			this.overflowed++;
			return OVERFLOW;
		}
		int created = this.names.size();
		this.names.add(name);
		this.ids.put(name, created);
		if (created >= this.kinds.length) {
			this.kinds = Arrays.copyOf(this.kinds, this.kinds.length * 2);
			this.components = Arrays.copyOf(this.components, this.components.length * 2);
		}
		this.kinds[created] = (byte) kind.ordinal();
		this.components[created] = component;
		return created;
	}

	/**
	 * The id of an existing frame.
	 * @param name the frame's name
	 * @return the id, or -1 when no frame has that name
	 */
	public int find(String name) {
		Integer id = this.ids.get(name);
		return (id != null) ? id : -1;
	}

	public String name(int id) {
		return this.names.get(id);
	}

	public FrameKind kind(int id) {
		return KINDS[this.kinds[id]];
	}

	/**
	 * A frame's component.
	 * @param id the frame
	 * @return the component's id in {@link Components}
	 */
	public byte component(int id) {
		return this.components[id];
	}

	public int size() {
		return this.names.size();
	}

	/** How many lookups found the dictionary full. */
	public long overflowed() {
		return this.overflowed;
	}

}

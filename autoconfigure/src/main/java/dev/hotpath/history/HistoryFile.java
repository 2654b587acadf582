package dev.hotpath.history;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import dev.hotpath.profile.FrameKind;
import dev.hotpath.profile.LatencyHistogram;
import dev.hotpath.profile.ProfileType;

/**
 * The file of one version's profile. A small binary format written with
 * {@link DataOutputStream}, not compressed: the file's size is then what reading it
 * costs, so one bound ({@code max-file-size}) keeps both disk and memory in check, and no
 * small file can inflate into a large one. Frame names are written once, in a table;
 * trees follow in pre-order with each node's child count, the layout a reader checks node
 * by node. A text header names the format for whoever opens the file; a CRC-32 of
 * everything before it ends the file.
 *
 * <pre>
 * "HOTPATH-VERSION-PROFILE\n" (24 bytes ASCII), int format (1)
 * UTF service, UTF version, long from, long to (epoch milliseconds)
 * int frames, per frame: byte kind (FrameKind ordinal), UTF name
 * int endpoints, per endpoint:
 *   UTF name, UTF kind, long requests, long errors,
 *   latency: long sumNanos, long maxNanos, int buckets used, per bucket: int index, int count
 *   byte trees, per tree: byte type (ProfileType ordinal), int nodes (root included),
 *     root: long self, int samples, int children
 *     other nodes in pre-order: int frame, long self, int samples, int children
 * int end marker, long CRC-32 of every byte before it
 * </pre>
 *
 * Reading checks every count against its bounds and the structure of every tree, so that
 * a truncated, corrupt or foreign file is rejected with an {@link IOException} saying
 * why, before anything of it reaches the store.
 */
final class HistoryFile {

	private static final byte[] MAGIC = "HOTPATH-VERSION-PROFILE\n".getBytes(StandardCharsets.US_ASCII);

	private static final int FORMAT = 1;

	private static final int END = 0x454E440A;

	private static final int BUCKETS = new LatencyHistogram().bucketCounts().length;

	/** Endpoints are capped by hotpath.profile.max-endpoints, far below. */
	private static final int MAX_ENDPOINTS = 65_536;

	/** Longer names (none a JVM makes) are cut so that writeUTF takes them. */
	private static final int MAX_NAME = 4096;

	private HistoryFile() {
	}

	/**
	 * Writes a profile, forcing it to the disk before returning.
	 * @param profile the profile
	 * @param file the file, replaced if it exists
	 * @param maxBytes the most bytes the file may take
	 * @throws IOException when writing fails or the profile takes more than
	 * {@code maxBytes}; the file is then incomplete
	 */
	static void write(SavedProfile profile, Path file, long maxBytes) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			CheckedOutputStream checked = new CheckedOutputStream(
					new Limited(new BufferedOutputStream(Channels.newOutputStream(channel), 65_536), maxBytes),
					new CRC32());
			DataOutputStream out = new DataOutputStream(checked);
			writeBody(profile, out);
			out.writeInt(END);
			out.writeLong(checked.getChecksum().getValue());
			out.flush();
			channel.force(true);
		}
	}

	private static void writeBody(SavedProfile profile, DataOutputStream out) throws IOException {
		out.write(MAGIC);
		out.writeInt(FORMAT);
		out.writeUTF(cut(profile.service()));
		out.writeUTF(cut(profile.version()));
		out.writeLong(profile.fromMillis());
		out.writeLong(profile.toMillis());
		out.writeInt(profile.frameNames().size());
		for (int i = 0; i < profile.frameNames().size(); i++) {
			out.writeByte(profile.frameKinds().get(i).ordinal());
			out.writeUTF(cut(profile.frameNames().get(i)));
		}
		out.writeInt(profile.endpoints().size());
		for (SavedProfile.Endpoint endpoint : profile.endpoints()) {
			out.writeUTF(cut(endpoint.name()));
			out.writeUTF(cut(endpoint.kind()));
			out.writeLong(endpoint.requests());
			out.writeLong(endpoint.errors());
			writeLatency(endpoint.latency(), out);
			out.writeByte(endpoint.trees().size());
			for (Map.Entry<ProfileType, SavedProfile.Tree> entry : endpoint.trees().entrySet()) {
				out.writeByte(entry.getKey().ordinal());
				writeTree(entry.getValue(), out);
			}
		}
	}

	private static void writeLatency(LatencyHistogram latency, DataOutputStream out) throws IOException {
		int[] counts = latency.bucketCounts();
		out.writeLong(latency.sumNanos());
		out.writeLong(latency.maxNanos());
		out.writeInt((int) Arrays.stream(counts).filter((count) -> count != 0).count());
		for (int bucket = 0; bucket < counts.length; bucket++) {
			if (counts[bucket] != 0) {
				out.writeInt(bucket);
				out.writeInt(counts[bucket]);
			}
		}
	}

	private static void writeTree(SavedProfile.Tree tree, DataOutputStream out) throws IOException {
		out.writeInt(tree.size());
		for (int node = 0; node < tree.size(); node++) {
			if (node != 0) {
				out.writeInt(tree.frames()[node]);
			}
			out.writeLong(tree.self()[node]);
			out.writeInt(tree.samples()[node]);
			out.writeInt(tree.children()[node]);
		}
	}

	/**
	 * Reads a profile.
	 * @param file the file
	 * @param maxNodes the most call tree nodes it may hold, roots not counted
	 * @param maxBytes the most bytes it may take
	 * @return the profile
	 * @throws IOException when the file cannot be read, is too large, or is not a
	 * complete, intact profile of this format; the message says which in a few words
	 */
	static SavedProfile read(Path file, int maxNodes, long maxBytes) throws IOException {
		long size = Files.size(file);
		if (size > maxBytes) {
			throw new IOException(
					"it takes " + size + " bytes, more than hotpath.history.max-file-size (" + maxBytes + " bytes)");
		}
		try (InputStream stream = Files.newInputStream(file)) {
			CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(stream, 65_536), new CRC32());
			DataInputStream in = new DataInputStream(checked);
			SavedProfile profile = new Reader(in, maxNodes).profile();
			if (in.readInt() != END) {
				throw new IOException("it is corrupt (its end marker is missing)");
			}
			long checksum = checked.getChecksum().getValue();
			if (in.readLong() != checksum) {
				throw new IOException("it is corrupt (its checksum does not match)");
			}
			if (in.read() != -1) {
				throw new IOException("it is corrupt (it goes on after its end)");
			}
			return profile;
		}
		catch (EOFException ex) {
			throw new IOException("it is truncated", ex);
		}
	}

	private static String cut(String text) {
		return (text.length() <= MAX_NAME) ? text : text.substring(0, MAX_NAME);
	}

	/**
	 * Reads one file's body, checking each count and each tree as it goes.
	 */
	private static final class Reader {

		private final DataInputStream in;

		private final int maxNodes;

		private long nodes;

		private int frames;

		Reader(DataInputStream in, int maxNodes) {
			this.in = in;
			this.maxNodes = maxNodes;
		}

		SavedProfile profile() throws IOException {
			byte[] magic = new byte[MAGIC.length];
			int read = this.in.readNBytes(magic, 0, magic.length);
			if (!Arrays.equals(magic, 0, read, MAGIC, 0, read)) {
				throw new IOException("it is not a Hotpath version profile");
			}
			if (read < MAGIC.length) {
				throw new EOFException();
			}
			int format = this.in.readInt();
			if (format != FORMAT) {
				throw new IOException("it has format " + format + ", this Hotpath reads format " + FORMAT);
			}
			String service = this.in.readUTF();
			String version = this.in.readUTF();
			long from = this.in.readLong();
			long to = this.in.readLong();
			check(!version.isEmpty() && from <= to, "its header");
			this.frames = count(this.in.readInt(), Integer.MAX_VALUE, "frames");
			if (this.frames > this.maxNodes) {
				// the trees name each frame at least once
				throw tooManyNodes();
			}
			List<String> names = new ArrayList<>(this.frames);
			List<FrameKind> kinds = new ArrayList<>(this.frames);
			FrameKind[] allKinds = FrameKind.values();
			for (int i = 0; i < this.frames; i++) {
				int kind = this.in.readUnsignedByte();
				check(kind < allKinds.length, "a frame's kind");
				kinds.add(allKinds[kind]);
				names.add(this.in.readUTF());
			}
			int endpointCount = count(this.in.readInt(), MAX_ENDPOINTS, "endpoints");
			List<SavedProfile.Endpoint> endpoints = new ArrayList<>(endpointCount);
			for (int i = 0; i < endpointCount; i++) {
				endpoints.add(endpoint());
			}
			return new SavedProfile(service, version, from, to, names, kinds, endpoints);
		}

		private SavedProfile.Endpoint endpoint() throws IOException {
			String name = this.in.readUTF();
			String kind = this.in.readUTF();
			long requests = this.in.readLong();
			long errors = this.in.readLong();
			LatencyHistogram latency = latency();
			check(requests == latency.count() && errors >= 0 && errors <= requests, "an endpoint's request counts");
			int treeCount = count(this.in.readUnsignedByte(), ProfileType.values().length, "trees");
			Map<ProfileType, SavedProfile.Tree> trees = new EnumMap<>(ProfileType.class);
			for (int i = 0; i < treeCount; i++) {
				int type = this.in.readUnsignedByte();
				check(type < ProfileType.values().length, "a tree's profile type");
				check(trees.put(ProfileType.values()[type], tree()) == null, "an endpoint's trees");
			}
			return new SavedProfile.Endpoint(name, kind, requests, errors, latency, trees);
		}

		private LatencyHistogram latency() throws IOException {
			long sum = this.in.readLong();
			long max = this.in.readLong();
			int used = count(this.in.readInt(), BUCKETS, "latency buckets");
			int[] counts = new int[BUCKETS];
			for (int i = 0; i < used; i++) {
				int bucket = this.in.readInt();
				int count = this.in.readInt();
				check(bucket >= 0 && bucket < BUCKETS && count > 0 && counts[bucket] == 0, "a latency bucket");
				counts[bucket] = count;
			}
			check(sum >= 0 && max >= 0, "a latency histogram");
			return LatencyHistogram.of(counts, sum, max);
		}

		private SavedProfile.Tree tree() throws IOException {
			int size = this.in.readInt();
			check(size >= 1, "a tree's size");
			this.nodes += size - 1;
			if (this.nodes > this.maxNodes) {
				throw tooManyNodes();
			}
			int[] frameIds = new int[size];
			int[] children = new int[size];
			long[] self = new long[size];
			int[] samples = new int[size];
			// nodes announced by their parents and not read yet: a pre-order with child
			// counts is a tree when this stays positive until the last node and ends at 0
			long open = 1;
			for (int node = 0; node < size; node++) {
				check(open > 0, "a tree's structure");
				frameIds[node] = (node == 0) ? -1 : this.in.readInt();
				self[node] = this.in.readLong();
				samples[node] = this.in.readInt();
				children[node] = this.in.readInt();
				check(node == 0 || (frameIds[node] >= 0 && frameIds[node] < this.frames), "a node's frame");
				check(self[node] >= 0 && samples[node] >= 0 && children[node] >= 0 && children[node] < size,
						"a node's weights");
				open += children[node] - 1;
			}
			check(open == 0, "a tree's structure");
			return new SavedProfile.Tree(frameIds, children, self, samples);
		}

		private IOException tooManyNodes() {
			return new IOException("its trees hold more than hotpath.history.max-nodes (" + this.maxNodes + ")");
		}

		private static int count(int value, int max, String what) throws IOException {
			check(value >= 0 && value <= max, "its number of " + what);
			return value;
		}

		private static void check(boolean valid, String what) throws IOException {
			if (!valid) {
				throw new IOException("it is corrupt (" + what + ")");
			}
		}

	}

	/**
	 * Fails a write that goes past the file's bound, before the disk fills with it.
	 */
	private static final class Limited extends FilterOutputStream {

		private final long maxBytes;

		private long written;

		Limited(OutputStream out, long maxBytes) {
			super(out);
			this.maxBytes = maxBytes;
		}

		@Override
		public void write(int b) throws IOException {
			count(1);
			this.out.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			count(length);
			this.out.write(bytes, offset, length);
		}

		private void count(int bytes) throws IOException {
			this.written += bytes;
			if (this.written > this.maxBytes) {
				throw new IOException(
						"the profile takes more than hotpath.history.max-file-size (" + this.maxBytes + " bytes)");
			}
		}

	}

}

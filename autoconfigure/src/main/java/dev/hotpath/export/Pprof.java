package dev.hotpath.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.CodedOutputStream;
import dev.hotpath.profile.ProfileType;

/**
 * Writes a profile in pprof's format ({@code profile.proto} of google/pprof, gzipped),
 * which {@code go tool pprof}, Grafana Pyroscope and speedscope read.
 * <p>
 * Each profile type has its values: cpu and wall in nanoseconds, alloc in bytes and
 * samples, lock in nanoseconds and samples; cpu is the default. Samples carry the labels
 * Grafana Pyroscope keeps per sample: {@code span_id} (16 lowercase hex digits),
 * {@code trace_id} (32), {@code span_name} (the route template for requests), and
 * {@code endpoint} and {@code thread}, and, where the application has build info and git
 * properties, {@code service_version} and {@code service_git_ref}.
 */
public final class Pprof {

	/** The media type of the download. */
	public static final String MEDIA_TYPE = "application/vnd.google.protobuf+gzip";

	// field numbers of profile.proto
	private static final int PROFILE_SAMPLE_TYPE = 1;

	private static final int PROFILE_SAMPLE = 2;

	private static final int PROFILE_LOCATION = 4;

	private static final int PROFILE_FUNCTION = 5;

	private static final int PROFILE_STRING_TABLE = 6;

	private static final int PROFILE_TIME_NANOS = 9;

	private static final int PROFILE_DURATION_NANOS = 10;

	private static final int PROFILE_PERIOD_TYPE = 11;

	private static final int PROFILE_PERIOD = 12;

	private static final int PROFILE_DEFAULT_SAMPLE_TYPE = 14;

	private static final int VALUE_TYPE_TYPE = 1;

	private static final int VALUE_TYPE_UNIT = 2;

	private static final int SAMPLE_LOCATION_ID = 1;

	private static final int SAMPLE_VALUE = 2;

	private static final int SAMPLE_LABEL = 3;

	private static final int LABEL_KEY = 1;

	private static final int LABEL_STR = 2;

	private static final int LOCATION_ID = 1;

	private static final int LOCATION_LINE = 4;

	private static final int LINE_FUNCTION_ID = 1;

	private static final int FUNCTION_ID = 1;

	private static final int FUNCTION_NAME = 2;

	private static final int FUNCTION_SYSTEM_NAME = 3;

	private Pprof() {
	}

	/**
	 * The profile as gzipped pprof.
	 * @param profile the profile
	 * @return the bytes of the download
	 */
	public static byte[] encode(ExportedProfile profile) {
		return encode(profile, false);
	}

	/**
	 * The profile as gzipped pprof.
	 * @param profile the profile
	 * @param localRootSpans whether {@code span_id} holds the local root of each sample's
	 * span (the request's server span) where it is known, as Grafana's span profiles
	 * expect, rather than the span the thread worked for
	 * @return the bytes of the download
	 */
	public static byte[] encode(ExportedProfile profile, boolean localRootSpans) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			write(profile, localRootSpans, gzip);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Writes the profile, not compressed.
	 * @param profile the profile
	 * @param out where to write it
	 * @throws IOException when the stream fails
	 */
	public static void write(ExportedProfile profile, OutputStream out) throws IOException {
		write(profile, false, out);
	}

	private static void write(ExportedProfile profile, boolean localRootSpans, OutputStream out) throws IOException {
		Strings strings = new Strings();
		List<ValueColumn> columns = columns(profile);
		CodedOutputStream output = CodedOutputStream.newInstance(out);
		for (ValueColumn column : columns) {
			output.writeByteArray(PROFILE_SAMPLE_TYPE, valueType(strings.id(column.name), strings.id(column.unit)));
		}
		Map<SampleKey, long[]> merged = merge(profile, columns, localRootSpans);
		List<long[]> versionLabels = versionLabels(profile, strings);
		for (Map.Entry<SampleKey, long[]> sample : merged.entrySet()) {
			output.writeByteArray(PROFILE_SAMPLE, sample(sample.getKey(), sample.getValue(), versionLabels, strings));
		}
		for (int frame = 0; frame < profile.frames().size(); frame++) {
			long id = frame + 1;
			output.writeByteArray(PROFILE_LOCATION, message((location) -> {
				location.writeUInt64(LOCATION_ID, id);
				location.writeByteArray(LOCATION_LINE, message((line) -> line.writeUInt64(LINE_FUNCTION_ID, id)));
			}));
			long name = strings.id(profile.frames().get(frame));
			output.writeByteArray(PROFILE_FUNCTION, message((function) -> {
				function.writeUInt64(FUNCTION_ID, id);
				function.writeInt64(FUNCTION_NAME, name);
				function.writeInt64(FUNCTION_SYSTEM_NAME, name);
			}));
		}
		output.writeInt64(PROFILE_TIME_NANOS, profile.startMillis() * 1_000_000);
		output.writeInt64(PROFILE_DURATION_NANOS, Math.max(0, profile.endMillis() - profile.startMillis()) * 1_000_000);
		ValueColumn period = columns.get(0);
		output.writeByteArray(PROFILE_PERIOD_TYPE, valueType(strings.id(period.name), strings.id(period.unit)));
		output.writeInt64(PROFILE_PERIOD, period.period(profile));
		output.writeInt64(PROFILE_DEFAULT_SAMPLE_TYPE, strings.id(period.name));
		// the table is written last: every string has been given its id by now
		for (String string : strings.all) {
			output.writeString(PROFILE_STRING_TABLE, string);
		}
		output.flush();
	}

	private static List<ValueColumn> columns(ExportedProfile profile) {
		List<ValueColumn> columns = new ArrayList<>();
		for (ProfileType type : ProfileType.values()) {
			if (!profile.types().contains(type)) {
				continue;
			}
			switch (type) {
				case CPU -> columns.add(new ValueColumn(type, false, "cpu", "nanoseconds"));
				case WALL -> columns.add(new ValueColumn(type, false, "wall", "nanoseconds"));
				case ALLOC -> {
					columns.add(new ValueColumn(type, false, "alloc_space", "bytes"));
					columns.add(new ValueColumn(type, true, "alloc_samples", "count"));
				}
				case LOCK -> {
					columns.add(new ValueColumn(type, false, "lock_time", "nanoseconds"));
					columns.add(new ValueColumn(type, true, "lock_samples", "count"));
				}
			}
		}
		if (columns.isEmpty()) {
			columns.add(new ValueColumn(ProfileType.CPU, false, "cpu", "nanoseconds"));
		}
		return columns;
	}

	private static Map<SampleKey, long[]> merge(ExportedProfile profile, List<ValueColumn> columns,
			boolean localRootSpans) {
		Map<SampleKey, long[]> merged = new LinkedHashMap<>();
		for (ExportedProfile.Sample sample : profile.samples()) {
			long span = (localRootSpans && sample.rootSpanId() != 0) ? sample.rootSpanId() : sample.spanId();
			long[] values = merged
				.computeIfAbsent(
						new SampleKey(sample.stack(), sample.traceIdHigh(), sample.traceIdLow(), span,
								sample.spanName(), sample.endpoint(), sample.thread()),
						(key) -> new long[columns.size()]);
			for (int i = 0; i < columns.size(); i++) {
				ValueColumn column = columns.get(i);
				if (column.type == sample.type()) {
					values[i] += column.count ? sample.count() : sample.value();
				}
			}
		}
		return merged;
	}

	/**
	 * The labels that say which build the samples came from, named as Grafana Pyroscope's
	 * source code integration reads them.
	 */
	private static List<long[]> versionLabels(ExportedProfile profile, Strings strings) {
		List<long[]> labels = new ArrayList<>();
		String version = profile.attributes().get("service.version");
		if (version != null) {
			labels.add(new long[] { strings.id("service_version"), strings.id(version) });
		}
		String commit = profile.attributes().get("vcs.ref.head.revision");
		if (commit != null) {
			labels.add(new long[] { strings.id("service_git_ref"), strings.id(commit) });
		}
		return labels;
	}

	private static byte[] sample(SampleKey key, long[] values, List<long[]> versionLabels, Strings strings)
			throws IOException {
		return message((sample) -> {
			// pprof lists locations leaf first
			long[] locations = new long[key.stack.length];
			for (int i = 0; i < locations.length; i++) {
				locations[i] = key.stack[key.stack.length - 1 - i] + 1L;
			}
			sample.writeByteArray(SAMPLE_LOCATION_ID, packed(locations));
			sample.writeByteArray(SAMPLE_VALUE, packed(values));
			if (key.traceIdHigh != 0 || key.traceIdLow != 0) {
				HexFormat hex = HexFormat.of();
				sample.writeByteArray(SAMPLE_LABEL, label(strings.id("trace_id"),
						strings.id(hex.toHexDigits(key.traceIdHigh) + hex.toHexDigits(key.traceIdLow))));
				if (key.spanId != 0) {
					sample.writeByteArray(SAMPLE_LABEL,
							label(strings.id("span_id"), strings.id(hex.toHexDigits(key.spanId))));
				}
			}
			if (!key.spanName.isEmpty()) {
				sample.writeByteArray(SAMPLE_LABEL, label(strings.id("span_name"), strings.id(key.spanName)));
			}
			if (!key.endpoint.isEmpty()) {
				sample.writeByteArray(SAMPLE_LABEL, label(strings.id("endpoint"), strings.id(key.endpoint)));
			}
			if (!key.thread.isEmpty()) {
				sample.writeByteArray(SAMPLE_LABEL, label(strings.id("thread"), strings.id(key.thread)));
			}
			for (long[] version : versionLabels) {
				sample.writeByteArray(SAMPLE_LABEL, label(version[0], version[1]));
			}
		});
	}

	private static byte[] label(long key, long value) throws IOException {
		return message((label) -> {
			label.writeInt64(LABEL_KEY, key);
			label.writeInt64(LABEL_STR, value);
		});
	}

	private static byte[] valueType(long type, long unit) throws IOException {
		return message((valueType) -> {
			valueType.writeInt64(VALUE_TYPE_TYPE, type);
			valueType.writeInt64(VALUE_TYPE_UNIT, unit);
		});
	}

	/**
	 * A packed repeated varint field's payload. int64 and uint64 values encode alike: the
	 * long's bits as a varint.
	 */
	private static byte[] packed(long[] values) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CodedOutputStream output = CodedOutputStream.newInstance(bytes);
		for (long value : values) {
			output.writeUInt64NoTag(value);
		}
		output.flush();
		return bytes.toByteArray();
	}

	private static byte[] message(MessageBody body) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CodedOutputStream output = CodedOutputStream.newInstance(bytes);
		body.write(output);
		output.flush();
		return bytes.toByteArray();
	}

	@FunctionalInterface
	private interface MessageBody {

		void write(CodedOutputStream output) throws IOException;

	}

	/** One column of values: a profile type's quantity or its sample count. */
	private record ValueColumn(ProfileType type, boolean count, String name, String unit) {

		long period(ExportedProfile profile) {
			return switch (this.type) {
				case CPU -> profile.cpuIntervalNanos();
				case WALL -> profile.wallIntervalNanos();
				case ALLOC, LOCK -> 1;
			};
		}

	}

	/** The string table, index 0 empty as pprof requires. */
	private static final class Strings {

		private final List<String> all = new ArrayList<>(List.of(""));

		private final Map<String, Long> ids = new HashMap<>(Map.of("", 0L));

		long id(String string) {
			return this.ids.computeIfAbsent(string, (key) -> {
				this.all.add(key);
				return (long) (this.all.size() - 1);
			});
		}

	}

	/** What makes two samples one: the same stack and the same labels. */
	private static final class SampleKey {

		private final int[] stack;

		private final long traceIdHigh;

		private final long traceIdLow;

		private final long spanId;

		private final String spanName;

		private final String endpoint;

		private final String thread;

		private final int hash;

		SampleKey(int[] stack, long traceIdHigh, long traceIdLow, long spanId, String spanName, String endpoint,
				String thread) {
			this.stack = stack;
			this.traceIdHigh = traceIdHigh;
			this.traceIdLow = traceIdLow;
			this.spanId = spanId;
			this.spanName = spanName;
			this.endpoint = endpoint;
			this.thread = thread;
			this.hash = Objects.hash(Arrays.hashCode(stack), traceIdHigh, traceIdLow, spanId, spanName, endpoint,
					thread);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof SampleKey key && key.traceIdLow == this.traceIdLow
					&& key.traceIdHigh == this.traceIdHigh && key.spanId == this.spanId
					&& Arrays.equals(key.stack, this.stack) && key.spanName.equals(this.spanName)
					&& key.endpoint.equals(this.endpoint) && key.thread.equals(this.thread);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}

package dev.hotpath.export.push;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.hotpath.export.ExportedProfile;
import dev.hotpath.profile.ProfileType;

/**
 * Profiles built by hand, and a reader of pushed pprof that knows nothing of the code
 * that wrote it: the bytes are read as protobuf fields by number, as profile.proto
 * numbers them.
 */
final class Profiles {

	static final long TRACE_HIGH = 0x0af7651916cd43ddL;

	static final long TRACE_LOW = 0x8448eb211c80319cL;

	static final long SPAN = 0xb7ad6b7169203331L;

	static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	static final String SPAN_ID = "b7ad6b7169203331";

	private Profiles() {
	}

	/** A profile of one request's cpu samples and a background wall sample. */
	static ExportedProfile profile(long startMillis, long endMillis) {
		return profile(startMillis, endMillis, ProfileType.CPU, ProfileType.WALL);
	}

	static ExportedProfile profile(long startMillis, long endMillis, ProfileType... types) {
		List<ExportedProfile.Sample> samples = new ArrayList<>();
		for (ProfileType type : types) {
			samples.add(new ExportedProfile.Sample(type, new int[] { 0, 1, 2 }, 30_000_000L, 3, TRACE_HIGH, TRACE_LOW,
					SPAN, "GET /orders/{id}", "GET /orders/{id}", "http-nio-8080-exec-*"));
			samples.add(new ExportedProfile.Sample(type, new int[] { 0, 3 }, 10_000_000L, 1, 0, 0, 0, "", "",
					"scheduling-*"));
		}
		return new ExportedProfile(startMillis, endMillis, 10_000_000L, 20_000_000L, EnumSet.of(types[0], types),
				List.of("main", "OrderController.get", "OrderRepository.find", "Cleanup.run"), samples,
				Map.of("service.name", "orders"));
	}

	static ExportedProfile empty(long startMillis, long endMillis) {
		return new ExportedProfile(startMillis, endMillis, 10_000_000L, 20_000_000L, EnumSet.of(ProfileType.CPU),
				List.of(), List.of(), Map.of("service.name", "orders"));
	}

	/** The pprof's sample types, by name. */
	static List<String> sampleTypes(byte[] gzipped) {
		UnknownFieldSet profile = pprof(gzipped);
		List<String> strings = strings(profile);
		List<String> types = new ArrayList<>();
		for (ByteString valueType : profile.getField(1).getLengthDelimitedList()) {
			types.add(strings.get(Math.toIntExact(parse(valueType).getField(1).getVarintList().get(0))));
		}
		return types;
	}

	/** Each sample's labels, in the pprof's order. */
	static List<Map<String, String>> sampleLabels(byte[] gzipped) {
		UnknownFieldSet profile = pprof(gzipped);
		List<String> strings = strings(profile);
		List<Map<String, String>> samples = new ArrayList<>();
		for (ByteString sample : profile.getField(2).getLengthDelimitedList()) {
			Map<String, String> labels = new LinkedHashMap<>();
			for (ByteString label : parse(sample).getField(3).getLengthDelimitedList()) {
				UnknownFieldSet fields = parse(label);
				labels.put(strings.get(Math.toIntExact(fields.getField(1).getVarintList().get(0))),
						strings.get(Math.toIntExact(fields.getField(2).getVarintList().get(0))));
			}
			samples.add(labels);
		}
		return samples;
	}

	private static List<String> strings(UnknownFieldSet profile) {
		return profile.getField(6).getLengthDelimitedList().stream().map(ByteString::toStringUtf8).toList();
	}

	private static UnknownFieldSet pprof(byte[] gzipped) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			return UnknownFieldSet.parseFrom(in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static UnknownFieldSet parse(ByteString bytes) {
		try {
			return UnknownFieldSet.parseFrom(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

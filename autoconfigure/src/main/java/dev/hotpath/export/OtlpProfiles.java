package dev.hotpath.export;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.profiles.v1development.Function;
import io.opentelemetry.proto.profiles.v1development.KeyValueAndUnit;
import io.opentelemetry.proto.profiles.v1development.Line;
import io.opentelemetry.proto.profiles.v1development.Link;
import io.opentelemetry.proto.profiles.v1development.Location;
import io.opentelemetry.proto.profiles.v1development.Mapping;
import io.opentelemetry.proto.profiles.v1development.Profile;
import io.opentelemetry.proto.profiles.v1development.ProfilesDictionary;
import io.opentelemetry.proto.profiles.v1development.ResourceProfiles;
import io.opentelemetry.proto.profiles.v1development.Sample;
import io.opentelemetry.proto.profiles.v1development.ScopeProfiles;
import io.opentelemetry.proto.profiles.v1development.Stack;
import io.opentelemetry.proto.profiles.v1development.ValueType;
import io.opentelemetry.proto.resource.v1.Resource;

import dev.hotpath.profile.ProfileType;

/**
 * Encodes an {@link ExportedProfile} as an OTLP profiles export request
 * ({@code opentelemetry.proto.collector.profiles.v1development}, as of
 * opentelemetry-proto 1.11.0), ready to be sent with {@code Content-Type:
 * application/x-protobuf} to a collector's {@code /v1development/profiles}.
 * <p>
 * The request holds one resource, described by the profile's attributes, one scope,
 * {@code dev.hotpath}, and one {@link Profile} per profile type. A profile of that
 * version has a single sample type, so each sample carries one value: CPU and wall time
 * and lock waits in nanoseconds, allocations in bytes. Every table of the shared
 * dictionary starts with its zero value, and holds each item once. A sample taken for a
 * trace points at a link with its 16-byte trace id and 8-byte span id; its endpoint, span
 * name and thread are sample attributes.
 */
public final class OtlpProfiles {

	/** The name of the instrumentation scope the profiles come from. */
	public static final String SCOPE_NAME = "dev.hotpath";

	/** The sample attribute holding the endpoint a sample was attributed to. */
	public static final String ENDPOINT = "endpoint";

	/** The sample attribute holding the name of the span a sample was taken for. */
	public static final String SPAN_NAME = "span_name";

	/** The sample attribute holding the thread's name, as OpenTelemetry names it. */
	public static final String THREAD_NAME = "thread.name";

	private static final long NANOS_PER_MILLI = 1_000_000L;

	private OtlpProfiles() {
	}

	/**
	 * Builds the export request for a profile.
	 * @param profile the profile
	 * @return the request, with one profile per type the profile holds, even one without
	 * samples
	 */
	public static ExportProfilesServiceRequest request(ExportedProfile profile) {
		return new Encoder(profile).request();
	}

	/**
	 * Builds the export request for a profile and serializes it.
	 * @param profile the profile
	 * @return the request's protobuf bytes
	 */
	public static byte[] encode(ExportedProfile profile) {
		return request(profile).toByteArray();
	}

	private static String sampleType(ProfileType type) {
		return switch (type) {
			case CPU -> "cpu";
			case WALL -> "wall";
			case ALLOC -> "alloc_space";
			case LOCK -> "lock_time";
		};
	}

	private static String unit(ProfileType type) {
		return (type == ProfileType.ALLOC) ? "bytes" : "nanoseconds";
	}

	/**
	 * Encodes one profile: fills the dictionary as samples need its items, so that it
	 * holds no item no sample refers to.
	 */
	private static final class Encoder {

		private final ExportedProfile profile;

		private final ProfilesDictionary.Builder dictionary = ProfilesDictionary.newBuilder();

		private final Map<String, Integer> strings = new HashMap<>();

		private final Map<String, Integer> locations = new HashMap<>();

		/** The location of each frame of the profile, 0 until a stack uses it. */
		private final int[] frameLocations;

		private final Map<List<Integer>, Integer> stacks = new HashMap<>();

		private final Map<TraceLink, Integer> links = new HashMap<>();

		private final Map<Attribute, Integer> attributes = new HashMap<>();

		Encoder(ExportedProfile profile) {
			this.profile = profile;
			this.frameLocations = new int[profile.frames().size()];
			this.dictionary.addStringTable("");
			this.strings.put("", 0);
			this.dictionary.addMappingTable(Mapping.getDefaultInstance());
			this.dictionary.addLocationTable(Location.getDefaultInstance());
			this.dictionary.addFunctionTable(Function.getDefaultInstance());
			// The spec asks for full-length zero ids here, for codecs that expect them
			this.dictionary.addLinkTable(Link.newBuilder()
				.setTraceId(ByteString.copyFrom(new byte[16]))
				.setSpanId(ByteString.copyFrom(new byte[8])));
			this.dictionary.addAttributeTable(KeyValueAndUnit.getDefaultInstance());
			this.dictionary.addStackTable(Stack.getDefaultInstance());
		}

		ExportProfilesServiceRequest request() {
			ScopeProfiles.Builder scope = ScopeProfiles.newBuilder()
				.setScope(InstrumentationScope.newBuilder().setName(SCOPE_NAME));
			for (ProfileType type : types()) {
				scope.addProfiles(profile(type));
			}
			Resource.Builder resource = Resource.newBuilder();
			this.profile.attributes()
				.forEach((key, value) -> resource.addAttributes(
						KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value))));
			return ExportProfilesServiceRequest.newBuilder()
				.addResourceProfiles(ResourceProfiles.newBuilder().setResource(resource).addScopeProfiles(scope))
				.setDictionary(this.dictionary)
				.build();
		}

		/** The profile's types, with any a sample has that it forgot to list. */
		private Set<ProfileType> types() {
			Set<ProfileType> types = EnumSet.noneOf(ProfileType.class);
			types.addAll(this.profile.types());
			for (ExportedProfile.Sample sample : this.profile.samples()) {
				types.add(sample.type());
			}
			return types;
		}

		private Profile profile(ProfileType type) {
			ValueType valueType = valueType(sampleType(type), unit(type));
			Profile.Builder builder = Profile.newBuilder()
				.setSampleType(valueType)
				.setTimeUnixNano(this.profile.startMillis() * NANOS_PER_MILLI)
				.setDurationNano(Math.max(this.profile.endMillis() - this.profile.startMillis(), 0) * NANOS_PER_MILLI);
			long period = switch (type) {
				case CPU -> this.profile.cpuIntervalNanos();
				case WALL -> this.profile.wallIntervalNanos();
				case ALLOC, LOCK -> 0;
			};
			if (period > 0) {
				builder.setPeriodType(valueType).setPeriod(period);
			}
			// Samples with the same stack, attributes and link are one sample in OTLP
			Map<SampleKey, long[]> samples = new LinkedHashMap<>();
			for (ExportedProfile.Sample sample : this.profile.samples()) {
				if (sample.type() == type) {
					SampleKey key = new SampleKey(stack(sample.stack()), attributes(sample), link(sample));
					samples.computeIfAbsent(key, (k) -> new long[1])[0] += sample.value();
				}
			}
			samples.forEach((key,
					value) -> builder.addSamples(Sample.newBuilder()
						.setStackIndex(key.stack())
						.addAllAttributeIndices(key.attributes())
						.setLinkIndex(key.link())
						.addValues(value[0])));
			return builder.build();
		}

		private ValueType valueType(String type, String unit) {
			return ValueType.newBuilder().setTypeStrindex(string(type)).setUnitStrindex(string(unit)).build();
		}

		private int string(String value) {
			Integer index = this.strings.get(value);
			if (index == null) {
				index = this.dictionary.getStringTableCount();
				this.dictionary.addStringTable(value);
				this.strings.put(value, index);
			}
			return index;
		}

		/**
		 * The stack of frames given root first, as the dictionary holds it: leaf first.
		 */
		private int stack(int[] frames) {
			if (frames.length == 0) {
				return 0;
			}
			List<Integer> locations = new ArrayList<>(frames.length);
			for (int i = frames.length - 1; i >= 0; i--) {
				locations.add(location(frames[i]));
			}
			Integer index = this.stacks.get(locations);
			if (index == null) {
				index = this.dictionary.getStackTableCount();
				this.dictionary.addStackTable(Stack.newBuilder().addAllLocationIndices(locations));
				this.stacks.put(locations, index);
			}
			return index;
		}

		private int location(int frame) {
			int index = this.frameLocations[frame];
			if (index == 0) {
				String name = this.profile.frames().get(frame);
				Integer known = this.locations.get(name);
				if (known == null) {
					int function = this.dictionary.getFunctionTableCount();
					this.dictionary.addFunctionTable(Function.newBuilder().setNameStrindex(string(name)));
					known = this.dictionary.getLocationTableCount();
					this.dictionary
						.addLocationTable(Location.newBuilder().addLines(Line.newBuilder().setFunctionIndex(function)));
					this.locations.put(name, known);
				}
				index = known;
				this.frameLocations[frame] = index;
			}
			return index;
		}

		private List<Integer> attributes(ExportedProfile.Sample sample) {
			List<Integer> indices = new ArrayList<>(3);
			addAttribute(indices, ENDPOINT, sample.endpoint());
			addAttribute(indices, SPAN_NAME, sample.spanName());
			addAttribute(indices, THREAD_NAME, sample.thread());
			return indices;
		}

		private void addAttribute(List<Integer> indices, String key, String value) {
			if (value.isEmpty()) {
				return;
			}
			Attribute attribute = new Attribute(key, value);
			Integer index = this.attributes.get(attribute);
			if (index == null) {
				index = this.dictionary.getAttributeTableCount();
				this.dictionary.addAttributeTable(KeyValueAndUnit.newBuilder()
					.setKeyStrindex(string(key))
					.setValue(AnyValue.newBuilder().setStringValue(value)));
				this.attributes.put(attribute, index);
			}
			indices.add(index);
		}

		private int link(ExportedProfile.Sample sample) {
			if (sample.traceIdHigh() == 0 && sample.traceIdLow() == 0) {
				return 0;
			}
			TraceLink link = new TraceLink(sample.traceIdHigh(), sample.traceIdLow(), sample.spanId());
			Integer index = this.links.get(link);
			if (index == null) {
				index = this.dictionary.getLinkTableCount();
				byte[] traceId = ByteBuffer.allocate(16).putLong(link.high()).putLong(link.low()).array();
				byte[] spanId = ByteBuffer.allocate(8).putLong(link.span()).array();
				this.dictionary.addLinkTable(Link.newBuilder()
					.setTraceId(ByteString.copyFrom(traceId))
					.setSpanId(ByteString.copyFrom(spanId)));
				this.links.put(link, index);
			}
			return index;
		}

	}

	private record SampleKey(int stack, List<Integer> attributes, int link) {

	}

	private record TraceLink(long high, long low, long span) {

	}

	private record Attribute(String key, String value) {

	}

}

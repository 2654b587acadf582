package dev.hotpath.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.profiles.v1development.Function;
import io.opentelemetry.proto.profiles.v1development.KeyValueAndUnit;
import io.opentelemetry.proto.profiles.v1development.Link;
import io.opentelemetry.proto.profiles.v1development.Location;
import io.opentelemetry.proto.profiles.v1development.Mapping;
import io.opentelemetry.proto.profiles.v1development.Profile;
import io.opentelemetry.proto.profiles.v1development.ProfilesDictionary;
import io.opentelemetry.proto.profiles.v1development.Sample;
import io.opentelemetry.proto.profiles.v1development.ScopeProfiles;
import io.opentelemetry.proto.profiles.v1development.Stack;
import io.opentelemetry.proto.profiles.v1development.ValueType;
import org.junit.jupiter.api.Test;

import dev.hotpath.profile.ProfileType;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpProfilesTests {

	private static final long START = 1_700_000_000_000L;

	private static final List<String> FRAMES = List.of("main", "handle", "query", "parse", "lock");

	private static final Map<String, String> RESOURCE = Map.of("service.name", "petclinic", "service.version", "1.2.3",
			"vcs.commit", "abc123");

	@Test
	void encodesOneResourceWithOneScopeAndOneProfilePerType() throws Exception {
		ExportedProfile profile = profile(EnumSet.allOf(ProfileType.class),
				List.of(sample(ProfileType.CPU, 0, 0, 0, "t-cpu", 0, 1),
						sample(ProfileType.WALL, 0, 0, 0, "t-wall", 0, 1),
						sample(ProfileType.ALLOC, 0, 0, 0, "t-alloc", 0, 1),
						sample(ProfileType.LOCK, 0, 0, 0, "t-lock", 0, 4)));
		ExportProfilesServiceRequest request = decode(profile);
		assertThat(request.getResourceProfilesCount()).isOne();
		assertThat(request.getResourceProfiles(0).getScopeProfilesCount()).isOne();
		ScopeProfiles scope = request.getResourceProfiles(0).getScopeProfiles(0);
		assertThat(scope.getScope().getName()).isEqualTo("dev.hotpath");
		assertThat(scope.getProfilesCount()).isEqualTo(4);
		for (Profile otlp : scope.getProfilesList()) {
			assertThat(otlp.getTimeUnixNano()).isEqualTo(START * 1_000_000L);
			assertThat(otlp.getDurationNano()).isEqualTo(60_000L * 1_000_000L);
			assertThat(otlp.getSamplesCount()).isOne();
		}
	}

	@Test
	void givesEachTypeItsSampleTypeAndPeriod() throws Exception {
		ExportedProfile profile = profile(EnumSet.allOf(ProfileType.class), List.of());
		ExportProfilesServiceRequest request = decode(profile);
		ProfilesDictionary dictionary = request.getDictionary();
		assertThat(valueType(dictionary, profileOf(request, "cpu").getSampleType())).containsExactly("cpu",
				"nanoseconds");
		assertThat(valueType(dictionary, profileOf(request, "cpu").getPeriodType())).containsExactly("cpu",
				"nanoseconds");
		assertThat(profileOf(request, "cpu").getPeriod()).isEqualTo(10_000_000L);
		assertThat(valueType(dictionary, profileOf(request, "wall").getSampleType())).containsExactly("wall",
				"nanoseconds");
		assertThat(valueType(dictionary, profileOf(request, "wall").getPeriodType())).containsExactly("wall",
				"nanoseconds");
		assertThat(profileOf(request, "wall").getPeriod()).isEqualTo(20_000_000L);
		assertThat(valueType(dictionary, profileOf(request, "alloc_space").getSampleType()))
			.containsExactly("alloc_space", "bytes");
		assertThat(valueType(dictionary, profileOf(request, "lock_time").getSampleType())).containsExactly("lock_time",
				"nanoseconds");
	}

	@Test
	void carriesEachSampleValueAsItsOnlyValue() throws Exception {
		ExportedProfile profile = profile(EnumSet.allOf(ProfileType.class),
				List.of(weighed(ProfileType.CPU, 0, 0, 0, "t1", 30_000_000L, 3, 0, 1),
						weighed(ProfileType.CPU, 0, 0, 0, "t2", 10_000_000L, 1, 0, 2),
						weighed(ProfileType.WALL, 0, 0, 0, "t1", 40_000_000L, 2, 0, 1),
						weighed(ProfileType.ALLOC, 0, 0, 0, "t1", 524_288L, 2, 0, 3),
						weighed(ProfileType.LOCK, 0, 0, 0, "t1", 1_500_000L, 5, 0, 4)));
		ExportProfilesServiceRequest request = decode(profile);
		assertThat(valuesByThread(request, "cpu")).containsExactly(Map.entry("t1", List.of(30_000_000L)),
				Map.entry("t2", List.of(10_000_000L)));
		assertThat(valuesByThread(request, "wall")).containsExactly(Map.entry("t1", List.of(40_000_000L)));
		assertThat(valuesByThread(request, "alloc_space")).containsExactly(Map.entry("t1", List.of(524_288L)));
		assertThat(valuesByThread(request, "lock_time")).containsExactly(Map.entry("t1", List.of(1_500_000L)));
	}

	@Test
	void startsEveryDictionaryTableWithItsZeroValue() throws Exception {
		ExportedProfile profile = profile(EnumSet.of(ProfileType.CPU), List
			.of(sample(ProfileType.CPU, 0x0123456789abcdefL, 0xfedcba9876543210L, 0x1122334455667788L, "t1", 0, 1, 2)));
		ProfilesDictionary dictionary = decode(profile).getDictionary();
		assertThat(dictionary.getStringTable(0)).isEmpty();
		assertThat(dictionary.getMappingTable(0)).isEqualTo(Mapping.getDefaultInstance());
		assertThat(dictionary.getLocationTable(0)).isEqualTo(Location.getDefaultInstance());
		assertThat(dictionary.getFunctionTable(0)).isEqualTo(Function.getDefaultInstance());
		assertThat(dictionary.getAttributeTable(0)).isEqualTo(KeyValueAndUnit.getDefaultInstance());
		assertThat(dictionary.getStackTable(0)).isEqualTo(Stack.getDefaultInstance());
		Link zero = dictionary.getLinkTable(0);
		assertThat(zero.getTraceId()).isEqualTo(ByteString.copyFrom(new byte[16]));
		assertThat(zero.getSpanId()).isEqualTo(ByteString.copyFrom(new byte[8]));
		assertThat(dictionary.getMappingTableCount()).isOne();
		assertThat(dictionary.getFunctionTableCount()).isGreaterThan(1);
		assertThat(dictionary.getLocationTableCount()).isGreaterThan(1);
		assertThat(dictionary.getStackTableCount()).isGreaterThan(1);
		assertThat(dictionary.getLinkTableCount()).isGreaterThan(1);
		assertThat(dictionary.getAttributeTableCount()).isGreaterThan(1);
	}

	@Test
	void linksEachSampleToTheTraceAndSpanItWasTakenFor() throws Exception {
		List<ExportedProfile.Sample> samples = List.of(
				sample(ProfileType.CPU, 0x0af7651916cd43ddL, 0x8448eb211c80319cL, 0xb7ad6b7169203331L, "t1", 0, 1),
				sample(ProfileType.CPU, 0x8000000000000000L, 0x0000000000000001L, 0x00f067aa0ba902b7L, "t2", 0, 1),
				sample(ProfileType.CPU, 0L, 0xffffffffffffffffL, 0x0000000000000001L, "t3", 0, 1),
				sample(ProfileType.WALL, 0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x7a085853722dc6d2L, "t4", 0, 1),
				sample(ProfileType.ALLOC, 0x5b8efff798038103L, 0xd269b633813fc60cL, 0x0102030405060708L, "t5", 0, 1));
		ExportProfilesServiceRequest request = decode(profile(EnumSet.allOf(ProfileType.class), samples));
		ProfilesDictionary dictionary = request.getDictionary();
		Map<String, String> linked = new LinkedHashMap<>();
		for (Profile otlp : profiles(request)) {
			for (Sample sample : otlp.getSamplesList()) {
				Link link = dictionary.getLinkTable(sample.getLinkIndex());
				assertThat(link.getTraceId().size()).isEqualTo(16);
				assertThat(link.getSpanId().size()).isEqualTo(8);
				linked.put(attributes(dictionary, sample).get("thread.name"),
						hex(link.getTraceId()) + "/" + hex(link.getSpanId()));
			}
		}
		Map<String, String> expected = new LinkedHashMap<>();
		for (ExportedProfile.Sample sample : samples) {
			expected.put(sample.thread(),
					"%016x%016x/%016x".formatted(sample.traceIdHigh(), sample.traceIdLow(), sample.spanId()));
		}
		assertThat(linked).isEqualTo(expected);
		assertThat(linked.get("t2")).isEqualTo("80000000000000000000000000000001/00f067aa0ba902b7");
	}

	@Test
	void givesSamplesWithoutATraceLinkIndexZero() throws Exception {
		ExportedProfile profile = profile(EnumSet.of(ProfileType.CPU),
				List.of(sample(ProfileType.CPU, 0, 0, 0, "background", 0, 1),
						sample(ProfileType.CPU, 0, 0, 0x1234L, "span-without-trace", 0, 1),
						sample(ProfileType.CPU, 1, 2, 3, "traced", 0, 1)));
		ExportProfilesServiceRequest request = decode(profile);
		Map<String, Integer> links = new LinkedHashMap<>();
		for (Sample sample : profileOf(request, "cpu").getSamplesList()) {
			links.put(attributes(request.getDictionary(), sample).get("thread.name"), sample.getLinkIndex());
		}
		assertThat(links).containsEntry("background", 0).containsEntry("span-without-trace", 0);
		assertThat(links.get("traced")).isPositive();
		assertThat(request.getDictionary().getLinkTableCount()).isEqualTo(2);
	}

	@Test
	void deduplicatesLinks() throws Exception {
		ExportedProfile profile = profile(EnumSet.of(ProfileType.CPU, ProfileType.WALL),
				List.of(sample(ProfileType.CPU, 7, 8, 9, "t1", 0, 1), sample(ProfileType.CPU, 7, 8, 9, "t1", 0, 1, 2),
						sample(ProfileType.WALL, 7, 8, 9, "t2", 0, 1),
						sample(ProfileType.WALL, 7, 8, 10, "t2", 0, 1, 2)));
		ExportProfilesServiceRequest request = decode(profile);
		List<Integer> links = profiles(request).stream()
			.flatMap((otlp) -> otlp.getSamplesList().stream())
			.map(Sample::getLinkIndex)
			.toList();
		assertThat(links).hasSize(4);
		assertThat(links.get(0)).isEqualTo(links.get(1)).isEqualTo(links.get(2)).isNotEqualTo(links.get(3));
		assertThat(request.getDictionary().getLinkTableCount()).isEqualTo(3);
	}

	@Test
	void encodesStacksLeafFirstSoTheyDecodeBackToTheFramesRootFirst() throws Exception {
		ExportedProfile profile = profile(EnumSet.of(ProfileType.CPU),
				List.of(sample(ProfileType.CPU, 0, 0, 0, "t1", 0, 1, 2),
						sample(ProfileType.CPU, 0, 0, 0, "t2", 0, 1, 3),
						sample(ProfileType.CPU, 0, 0, 0, "t3", 0, 1, 2), sample(ProfileType.CPU, 0, 0, 0, "t4", 0)));
		ExportProfilesServiceRequest request = decode(profile);
		ProfilesDictionary dictionary = request.getDictionary();
		Map<String, List<String>> stacks = new LinkedHashMap<>();
		for (Sample sample : profileOf(request, "cpu").getSamplesList()) {
			stacks.put(attributes(dictionary, sample).get("thread.name"), rootFirst(dictionary, sample));
		}
		assertThat(stacks).containsExactly(Map.entry("t1", List.of("main", "handle", "query")),
				Map.entry("t2", List.of("main", "handle", "parse")),
				Map.entry("t3", List.of("main", "handle", "query")), Map.entry("t4", List.of("main")));
		Stack first = dictionary.getStackTable(profileOf(request, "cpu").getSamples(0).getStackIndex());
		assertThat(names(dictionary, first.getLocationIndicesList())).containsExactly("query", "handle", "main");
		assertThat(profileOf(request, "cpu").getSamples(0).getStackIndex())
			.isEqualTo(profileOf(request, "cpu").getSamples(2).getStackIndex());
		assertThat(dictionary.getStackTableCount()).isEqualTo(4);
		assertThat(dictionary.getLocationTableCount()).isEqualTo(5);
		assertThat(dictionary.getFunctionTableCount()).isEqualTo(5);
		assertThat(dictionary.getLocationTableList().subList(1, 5)).allSatisfy((location) -> {
			assertThat(location.getLinesCount()).isOne();
			assertThat(location.getMappingIndex()).isZero();
		});
	}

	@Test
	void describesSamplesWithEndpointSpanNameAndThreadButNotTheirIds() throws Exception {
		ExportedProfile profile = profile(EnumSet.of(ProfileType.CPU),
				List.of(new ExportedProfile.Sample(ProfileType.CPU, new int[] { 0, 2 }, 10, 1, 0x0af7651916cd43ddL,
						0x8448eb211c80319cL, 0xb7ad6b7169203331L, "/owners/{id}", "GET /owners/{id}",
						"http-nio-8080-exec-*"),
						new ExportedProfile.Sample(ProfileType.CPU, new int[] { 0, 2 }, 10, 1, 0, 0, 0, "", "",
								"GC Thread#0")));
		ExportProfilesServiceRequest request = decode(profile);
		ProfilesDictionary dictionary = request.getDictionary();
		Profile cpu = profileOf(request, "cpu");
		assertThat(attributes(dictionary, cpu.getSamples(0))).containsExactly(Map.entry("endpoint", "GET /owners/{id}"),
				Map.entry("span_name", "/owners/{id}"), Map.entry("thread.name", "http-nio-8080-exec-*"));
		assertThat(attributes(dictionary, cpu.getSamples(1))).containsExactly(Map.entry("thread.name", "GC Thread#0"));
		assertThat(dictionary.getStringTableList()).noneMatch((string) -> string.contains("0af7651916cd43dd")
				|| string.contains("b7ad6b7169203331") || string.contains("trace") || string.contains("span_id"));
		assertThat(dictionary.getAttributeTableCount()).isEqualTo(5);
	}

	@Test
	void deduplicatesAttributes() throws Exception {
		ExportedProfile profile = profile(EnumSet.of(ProfileType.CPU, ProfileType.WALL),
				List.of(sample(ProfileType.CPU, 0, 0, 0, "t1", 0, 1), sample(ProfileType.CPU, 0, 0, 0, "t1", 0, 2),
						sample(ProfileType.WALL, 0, 0, 0, "t1", 0, 3)));
		ExportProfilesServiceRequest request = decode(profile);
		assertThat(profiles(request)).flatMap(Profile::getSamplesList)
			.extracting(Sample::getAttributeIndicesList)
			.containsOnly(List.of(1));
		assertThat(request.getDictionary().getAttributeTableCount()).isEqualTo(2);
	}

	@Test
	void addsUpSamplesWithTheSameStackAttributesAndLink() throws Exception {
		ExportedProfile profile = profile(EnumSet.of(ProfileType.CPU),
				List.of(weighed(ProfileType.CPU, 1, 2, 3, "t1", 10, 1, 0, 1),
						weighed(ProfileType.CPU, 1, 2, 3, "t1", 20, 2, 0, 1),
						weighed(ProfileType.CPU, 1, 2, 4, "t1", 40, 4, 0, 1)));
		Profile cpu = profileOf(decode(profile), "cpu");
		assertThat(cpu.getSamplesList()).extracting(Sample::getValuesList).containsExactly(List.of(30L), List.of(40L));
	}

	@Test
	void describesTheResourceWithTheProfileAttributes() throws Exception {
		ExportProfilesServiceRequest request = decode(profile(EnumSet.of(ProfileType.CPU), List.of()));
		Map<String, String> attributes = new LinkedHashMap<>();
		for (KeyValue attribute : request.getResourceProfiles(0).getResource().getAttributesList()) {
			attributes.put(attribute.getKey(), attribute.getValue().getStringValue());
		}
		assertThat(attributes).isEqualTo(RESOURCE);
	}

	@Test
	void encodesAProfileWithoutSamples() throws Exception {
		ExportProfilesServiceRequest request = decode(
				profile(EnumSet.of(ProfileType.CPU, ProfileType.ALLOC), List.of()));
		assertThat(profiles(request)).hasSize(2).allSatisfy((otlp) -> assertThat(otlp.getSamplesCount()).isZero());
		ProfilesDictionary dictionary = request.getDictionary();
		assertThat(dictionary.getStringTable(0)).isEmpty();
		assertThat(dictionary.getMappingTableCount()).isOne();
		assertThat(dictionary.getLocationTableCount()).isOne();
		assertThat(dictionary.getFunctionTableCount()).isOne();
		assertThat(dictionary.getLinkTableCount()).isOne();
		assertThat(dictionary.getAttributeTableCount()).isOne();
		assertThat(dictionary.getStackTableCount()).isOne();
		ExportProfilesServiceRequest nothing = decode(new ExportedProfile(START, START, 0, 0,
				EnumSet.noneOf(ProfileType.class), List.of(), List.of(), Map.of()));
		assertThat(nothing.getResourceProfilesCount()).isOne();
		assertThat(profiles(nothing)).isEmpty();
		assertThat(nothing.getDictionary().getStringTableList()).containsExactly("");
	}

	@Test
	void addsAProfileForASampleOfATypeTheProfileDidNotList() throws Exception {
		ExportProfilesServiceRequest request = decode(
				profile(EnumSet.of(ProfileType.CPU), List.of(sample(ProfileType.LOCK, 0, 0, 0, "t1", 0, 1))));
		assertThat(profileOf(request, "cpu").getSamplesCount()).isZero();
		assertThat(profileOf(request, "lock_time").getSamplesCount()).isOne();
	}

	@Test
	void encodesTheRequestItBuilds() {
		ExportedProfile profile = profile(EnumSet.of(ProfileType.CPU),
				List.of(sample(ProfileType.CPU, 1, 2, 3, "t1", 0, 1)));
		assertThat(OtlpProfiles.encode(profile)).isEqualTo(OtlpProfiles.request(profile).toByteArray());
	}

	private static ExportedProfile profile(Set<ProfileType> types, List<ExportedProfile.Sample> samples) {
		return new ExportedProfile(START, START + 60_000L, 10_000_000L, 20_000_000L, types, FRAMES, samples,
				new LinkedHashMap<>(RESOURCE));
	}

	private static ExportedProfile.Sample sample(ProfileType type, long traceIdHigh, long traceIdLow, long spanId,
			String thread, int... stack) {
		return weighed(type, traceIdHigh, traceIdLow, spanId, thread, 1_000_000L, 1, stack);
	}

	private static ExportedProfile.Sample weighed(ProfileType type, long traceIdHigh, long traceIdLow, long spanId,
			String thread, long value, long count, int... stack) {
		return new ExportedProfile.Sample(type, stack, value, count, traceIdHigh, traceIdLow, spanId, "", "", thread);
	}

	private static ExportProfilesServiceRequest decode(ExportedProfile profile) throws InvalidProtocolBufferException {
		return ExportProfilesServiceRequest.parseFrom(OtlpProfiles.encode(profile));
	}

	private static List<Profile> profiles(ExportProfilesServiceRequest request) {
		return request.getResourceProfiles(0).getScopeProfiles(0).getProfilesList();
	}

	private static Profile profileOf(ExportProfilesServiceRequest request, String sampleType) {
		List<Profile> found = profiles(request).stream()
			.filter((otlp) -> request.getDictionary()
				.getStringTable(otlp.getSampleType().getTypeStrindex())
				.equals(sampleType))
			.toList();
		assertThat(found).as("profiles of sample type %s", sampleType).hasSize(1);
		return found.get(0);
	}

	private static List<String> valueType(ProfilesDictionary dictionary, ValueType type) {
		return List.of(dictionary.getStringTable(type.getTypeStrindex()),
				dictionary.getStringTable(type.getUnitStrindex()));
	}

	private static Map<String, List<Long>> valuesByThread(ExportProfilesServiceRequest request, String sampleType) {
		Map<String, List<Long>> values = new LinkedHashMap<>();
		for (Sample sample : profileOf(request, sampleType).getSamplesList()) {
			values.put(attributes(request.getDictionary(), sample).get("thread.name"), sample.getValuesList());
		}
		return values;
	}

	private static Map<String, String> attributes(ProfilesDictionary dictionary, Sample sample) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (int index : sample.getAttributeIndicesList()) {
			KeyValueAndUnit attribute = dictionary.getAttributeTable(index);
			String key = dictionary.getStringTable(attribute.getKeyStrindex());
			assertThat(attributes).as("attribute keys of a sample").doesNotContainKey(key);
			attributes.put(key, attribute.getValue().getStringValue());
		}
		return attributes;
	}

	private static List<String> rootFirst(ProfilesDictionary dictionary, Sample sample) {
		List<String> names = new ArrayList<>(
				names(dictionary, dictionary.getStackTable(sample.getStackIndex()).getLocationIndicesList()));
		Collections.reverse(names);
		return names;
	}

	private static List<String> names(ProfilesDictionary dictionary, List<Integer> locations) {
		List<String> names = new ArrayList<>();
		for (int index : locations) {
			Location location = dictionary.getLocationTable(index);
			Function function = dictionary.getFunctionTable(location.getLines(0).getFunctionIndex());
			names.add(dictionary.getStringTable(function.getNameStrindex()));
		}
		return names;
	}

	private static String hex(ByteString bytes) {
		return HexFormat.of().formatHex(bytes.toByteArray());
	}

}

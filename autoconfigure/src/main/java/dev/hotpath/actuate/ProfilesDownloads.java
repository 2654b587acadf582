package dev.hotpath.actuate;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.hotpath.export.Collapsed;
import dev.hotpath.export.ExportedProfile;
import dev.hotpath.export.OtlpProfiles;
import dev.hotpath.export.Pprof;
import dev.hotpath.export.ProfileExports;
import dev.hotpath.profile.ProfileType;
import dev.hotpath.query.EndpointIds;
import dev.hotpath.query.HexIds;
import dev.hotpath.query.ProfileQueries;
import dev.hotpath.query.TimeRange;
import dev.hotpath.sampling.RecordingArchive;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.InputStreamResource;

/**
 * The downloads of the {@code profiles} endpoint ({@code ?format=pprof}...): the whole
 * application's profile, one endpoint's or one trace's, over a time range, in a format
 * other tools read.
 */
public class ProfilesDownloads {

	private static final String FORMATS = "pprof, otlp, collapsed, json or jfr";

	private final ProfileExports exports;

	private final @Nullable RecordingArchive recordings;

	/**
	 * Creates the downloads.
	 * @param exports copies profiles out of the store
	 * @param recordings the kept chunks of the recording, or {@code null} when none are
	 * kept
	 */
	public ProfilesDownloads(ProfileExports exports, @Nullable RecordingArchive recordings) {
		this.exports = exports;
		this.recordings = recordings;
	}

	/**
	 * The whole application's profile.
	 * @param format the format
	 * @param from start of the time range
	 * @param to end of the time range
	 * @param type the one profile type, or {@code null} for every sampled type
	 * @return the download, or {@code null} when there is no data
	 */
	@Nullable Download application(String format, @Nullable String from, @Nullable String to, @Nullable String type) {
		Format parsed = format(format);
		TimeRange range = ProfilesRequest.range(from, to);
		if (parsed == Format.JFR) {
			return recording(range.fromMillis(), range.toMillis());
		}
		return encode(parsed, this.exports.endpoint(ProfileQueries.APPLICATION, range, type(type)), type);
	}

	/**
	 * One endpoint's profile.
	 * @param format the format
	 * @param id the endpoint's id
	 * @param from start of the time range
	 * @param to end of the time range
	 * @param type the one profile type, or {@code null} for every sampled type
	 * @return the download, or {@code null} when the endpoint has no data
	 */
	@Nullable Download endpoint(String format, String id, @Nullable String from, @Nullable String to, @Nullable String type) {
		Format parsed = format(format);
		TimeRange range = ProfilesRequest.range(from, to);
		String name = EndpointIds.name(id);
		if (name == null) {
			return null;
		}
		if (parsed == Format.JFR && ProfileQueries.APPLICATION.equals(name)) {
			return recording(range.fromMillis(), range.toMillis());
		}
		if (parsed == Format.JFR) {
			throw ProfilesRequest.invalid("A JFR recording holds the whole application, so it is downloaded from "
					+ "/actuator/profiles?format=jfr (with from and to), or around one request from "
					+ "/actuator/profiles/traces/{traceId}?format=jfr");
		}
		return encode(parsed, this.exports.endpoint(name, range, type(type)), type);
	}

	/**
	 * One trace's profile.
	 * @param format the format
	 * @param id the trace id, 32 hex digits
	 * @param type the one profile type, or {@code null} for every sampled type
	 * @return the download, or {@code null} when nothing of the trace is kept
	 */
	@Nullable Download trace(String format, String id, @Nullable String type) {
		Format parsed = format(format);
		long[] traceId = HexIds.parseTraceId(id.strip());
		if (traceId == null) {
			throw ProfilesRequest.invalid("A trace id is 32 hex digits, such as 4bf92f3577b34da6a3ce929d0e0e4736; got '"
					+ ProfilesRequest.abbreviate(id) + "'");
		}
		Optional<ExportedProfile> profile = this.exports.trace(traceId[0], traceId[1], type(type));
		if (parsed == Format.JFR) {
			return profile.map((trace) -> recording(trace.startMillis(), trace.endMillis())).orElse(null);
		}
		return encode(parsed, profile, type);
	}

	/**
	 * The kept chunks of the recording that overlap a time range.
	 */
	private @Nullable Download recording(long fromMillis, long toMillis) {
		if (this.recordings == null || !this.recordings.enabled()) {
			throw ProfilesRequest.invalid("No recording is kept: hotpath.recordings.max-size and "
					+ "hotpath.recordings.max-age turn the JFR download on");
		}
		InputStream recording = this.recordings.recording(Instant.ofEpochMilli(fromMillis),
				Instant.ofEpochMilli(toMillis));
		return (recording != null) ? new Download(new InputStreamResource(recording), "application/octet-stream")
				: null;
	}

	private @Nullable Download encode(Format format, Optional<ExportedProfile> profile, @Nullable String type) {
		if (profile.isEmpty()) {
			return null;
		}
		ExportedProfile exported = profile.get();
		return switch (format) {
			case PPROF -> new Download(Pprof.encode(exported), "application/octet-stream");
			case COLLAPSED ->
				new Download(Collapsed.encode(exported, (type != null) ? ProfilesRequest.type(type) : ProfileType.CPU)
					.getBytes(StandardCharsets.UTF_8), Collapsed.MEDIA_TYPE + ";charset=UTF-8");
			case OTLP -> new Download(OtlpProfiles.encode(exported), "application/x-protobuf");
			case JSON -> new Download(JsonProfile.of(exported), "application/json");
			case JFR -> throw new IllegalStateException("JFR is not encoded from a profile");
		};
	}

	private static @Nullable ProfileType type(@Nullable String type) {
		return (type == null || type.isBlank()) ? null : ProfilesRequest.type(type);
	}

	private static Format format(String format) {
		for (Format candidate : Format.values()) {
			if (candidate.name().equalsIgnoreCase(format.strip())) {
				return candidate;
			}
		}
		throw ProfilesRequest.invalid("Unknown format '" + ProfilesRequest.abbreviate(format) + "'; use " + FORMATS);
	}

	private enum Format {

		PPROF, OTLP, COLLAPSED, JSON, JFR

	}

	/**
	 * A download's content and media type.
	 *
	 * @param body the bytes, or an object for JSON
	 * @param mediaType its media type
	 */
	record Download(Object body, String mediaType) {

	}

	/**
	 * The JSON form of an exported profile.
	 *
	 * @param startMillis the start of the time covered, epoch milliseconds
	 * @param endMillis its end
	 * @param types the profile types
	 * @param frames the frame names; stacks hold indexes into this list
	 * @param samples the samples
	 */
	record JsonProfile(long startMillis, long endMillis, List<String> types, List<String> frames,
			List<JsonSample> samples) {

		static JsonProfile of(ExportedProfile profile) {
			HexFormat hex = HexFormat.of();
			List<JsonSample> samples = new ArrayList<>(profile.samples().size());
			for (ExportedProfile.Sample sample : profile.samples()) {
				boolean traced = sample.traceIdHigh() != 0 || sample.traceIdLow() != 0;
				samples
					.add(new JsonSample(sample.type().label(), sample.stack(), sample.value(), sample.count(),
							traced ? hex.toHexDigits(sample.traceIdHigh()) + hex.toHexDigits(sample.traceIdLow())
									: null,
							(sample.spanId() != 0) ? hex.toHexDigits(sample.spanId()) : null, sample.spanName(),
							sample.endpoint(), sample.thread()));
			}
			return new JsonProfile(profile.startMillis(), profile.endMillis(),
					profile.types().stream().map(ProfileType::label).toList(), profile.frames(), samples);
		}

	}

	/**
	 * One sample in the JSON form.
	 *
	 * @param type its profile type
	 * @param stack indexes into the frames, root first
	 * @param value nanoseconds for cpu, wall and lock, bytes for alloc
	 * @param count how many samples it stands for
	 * @param traceId its trace id, or {@code null}
	 * @param spanId its span id, or {@code null}
	 * @param spanName the route template or span name, or empty
	 * @param endpoint its endpoint, or empty for background work
	 * @param thread its thread or thread pool
	 */
	record JsonSample(String type, int[] stack, long value, long count, @Nullable String traceId,
			@Nullable String spanId, String spanName, String endpoint, String thread) {

	}

}

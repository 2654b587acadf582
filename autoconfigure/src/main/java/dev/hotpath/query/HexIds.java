package dev.hotpath.query;

import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Trace and span ids as OpenTelemetry writes them: lowercase hex, 32 digits for a trace
 * id, 16 for a span id.
 */
public final class HexIds {

	private static final HexFormat HEX = HexFormat.of();

	private HexIds() {
	}

	/**
	 * Formats a trace id.
	 * @param high its high 64 bits
	 * @param low its low 64 bits
	 * @return 32 hex digits
	 */
	public static String traceId(long high, long low) {
		return HEX.toHexDigits(high) + HEX.toHexDigits(low);
	}

	/**
	 * Formats a span id.
	 * @param id the id
	 * @return 16 hex digits
	 */
	public static String spanId(long id) {
		return HEX.toHexDigits(id);
	}

	/**
	 * Parses a trace id.
	 * @param traceId 32 hex digits, either case
	 * @return the high and low 64 bits, or {@code null} when the text is not a trace id
	 */
	public static long @Nullable [] parseTraceId(String traceId) {
		if (traceId.length() != 32 || !traceId.chars().allMatch(HexFormat::isHexDigit)) {
			return null;
		}
		return new long[] { HexFormat.fromHexDigitsToLong(traceId, 0, 16),
				HexFormat.fromHexDigitsToLong(traceId, 16, 32) };
	}

	/**
	 * Parses a span id.
	 * @param spanId 16 hex digits
	 * @return the id, or {@code null} when the text is not a span id
	 */
	public static @Nullable Long parseSpanId(String spanId) {
		if (spanId.length() != 16 || !spanId.chars().allMatch(HexFormat::isHexDigit)) {
			return null;
		}
		return HexFormat.fromHexDigitsToLong(spanId, 0, 16);
	}

}

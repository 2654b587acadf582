package dev.hotpath.actuate;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.hotpath.profile.ProfileType;
import dev.hotpath.query.RankingOrder;
import dev.hotpath.query.Scope;
import dev.hotpath.query.TimeRange;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * Parses the endpoint's query parameters, answering bad input with a sentence that says
 * what is accepted.
 */
final class ProfilesRequest {

	private ProfilesRequest() {
	}

	static TimeRange range(@Nullable String from, @Nullable String to) {
		long fromMillis = (from != null && !from.isBlank()) ? instant("from", from) : Long.MIN_VALUE;
		long toMillis = (to != null && !to.isBlank()) ? instant("to", to) : Long.MAX_VALUE;
		if (fromMillis > toMillis) {
			throw invalid("'from' must not be after 'to'");
		}
		return new TimeRange(fromMillis, toMillis);
	}

	static ProfileType type(@Nullable String type) {
		if (type == null || type.isBlank()) {
			return ProfileType.CPU;
		}
		ProfileType parsed = ProfileType.of(type);
		if (parsed == null) {
			throw invalid("Unknown profile type '" + abbreviate(type) + "'; use cpu, wall, alloc or lock");
		}
		return parsed;
	}

	static Scope scope(@Nullable String scope) {
		if (scope == null || scope.isBlank()) {
			return Scope.ALL;
		}
		Scope parsed = Scope.of(scope);
		if (parsed == null) {
			throw invalid("Unknown scope '" + abbreviate(scope) + "'; use all or app");
		}
		return parsed;
	}

	static RankingOrder sort(@Nullable String sort) {
		if (sort == null || sort.isBlank()) {
			return RankingOrder.P95;
		}
		RankingOrder parsed = RankingOrder.of(sort);
		if (parsed == null) {
			throw invalid("Unknown sort '" + abbreviate(sort)
					+ "'; use p95, p99, p50, mean, max, requests, errors, cpu, wall, alloc or lock");
		}
		return parsed;
	}

	/**
	 * A positive duration in milliseconds, such as {@code 250} or {@code 12.5}.
	 * @return the milliseconds, or {@code null} when absent
	 */
	static @Nullable Double millis(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String number = value.strip();
		if (number.endsWith("ms")) {
			number = number.substring(0, number.length() - 2).strip();
		}
		try {
			double millis = Double.parseDouble(number);
			if (millis > 0 && millis <= 86_400_000 && Double.isFinite(millis)) {
				return millis;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw invalid("'" + name + "' is a latency in milliseconds greater than 0, such as 250 or 12.5; got '"
				+ abbreviate(value) + "'");
	}

	private static long instant(String name, String value) {
		try {
			if (value.chars().allMatch(Character::isDigit) && value.length() <= 15) {
				return Long.parseLong(value);
			}
			return Instant.parse(value).toEpochMilli();
		}
		catch (DateTimeParseException | ArithmeticException | NumberFormatException ex) {
			throw invalid("'" + name + "' must be an ISO-8601 instant such as 2026-11-21T05:00:00Z or epoch "
					+ "milliseconds, was '" + abbreviate(value) + "'");
		}
	}

	static String abbreviate(String value) {
		String printable = value.replaceAll("[^\\p{Print}]", "?");
		return (printable.length() > 40) ? printable.substring(0, 40) + "…" : printable;
	}

	static InvalidEndpointRequestException invalid(String message) {
		return new InvalidEndpointRequestException(message, message);
	}

}

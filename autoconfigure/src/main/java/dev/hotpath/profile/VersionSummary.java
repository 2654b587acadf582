package dev.hotpath.profile;

import java.time.Instant;

/**
 * One earlier version whose profile the store holds, as the overview lists it.
 *
 * @param version the application's version, such as {@code 1.0.0}
 * @param from when the oldest data of the version began
 * @param to when its newest data ended
 * @param requests its requests, the actuator's own left out
 */
public record VersionSummary(String version, Instant from, Instant to, long requests) {

}

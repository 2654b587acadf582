/**
 * Pushes the profile to Grafana Pyroscope or an OpenTelemetry collector at a fixed
 * period, from a background thread that never holds up the application.
 */
@NullMarked
package dev.hotpath.export.push;

import org.jspecify.annotations.NullMarked;

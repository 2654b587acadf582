/**
 * The {@code profiles} actuator endpoint: JSON for clients, the page for browsers.
 */
@NullMarked
package dev.hotpath.actuate;

import org.jspecify.annotations.NullMarked;

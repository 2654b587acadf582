/**
 * Reads closed chunks, joins each sample to the request span that encloses it, and keeps
 * bounded per-window, per-endpoint call trees, request statistics and slowest requests.
 */
@NullMarked
package dev.hotpath.profile;

import org.jspecify.annotations.NullMarked;

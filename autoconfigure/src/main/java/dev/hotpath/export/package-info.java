/**
 * Turns the retained profile into the formats other tools read: pprof, OTLP profiles,
 * collapsed stacks and JFR, with every sample's trace and span ids where they are known.
 */
@NullMarked
package dev.hotpath.export;

import org.jspecify.annotations.NullMarked;

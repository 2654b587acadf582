/**
 * Runs the JVM-wide sampler: async-profiler in JFR mode, rotating chunks every few
 * seconds.
 */
@NullMarked
package dev.hotpath.sampling;

import org.jspecify.annotations.NullMarked;

/**
 * Opening JFR files for async-profiler's reader, shared by the sampler and the chunk
 * processor.
 */
@NullMarked
package dev.hotpath.jfr;

import org.jspecify.annotations.NullMarked;

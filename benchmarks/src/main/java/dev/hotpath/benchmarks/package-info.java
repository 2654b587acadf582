/**
 * JMH benchmarks of Hotpath's hot paths and queries.
 */
@NullMarked
package dev.hotpath.benchmarks;

import org.jspecify.annotations.NullMarked;

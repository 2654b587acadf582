/**
 * Marks when a thread works for a request: span intervals in the recording, and a record
 * of every completed request with its endpoint, latency, status and trace ids.
 */
@NullMarked
package dev.hotpath.tagging;

import org.jspecify.annotations.NullMarked;

/**
 * Keeps each version's profile on disk across restarts and loads earlier versions' into
 * the store, so that a new version can be compared with the one it replaced.
 */
@NullMarked
package dev.hotpath.history;

import org.jspecify.annotations.NullMarked;

/**
 * Auto-configuration of Hotpath and its {@code hotpath.*} properties.
 */
@NullMarked
package dev.hotpath.autoconfigure;

import org.jspecify.annotations.NullMarked;

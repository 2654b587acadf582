/**
 * Answers questions about the retained profile: the endpoint ranking, one endpoint's
 * flame graph and hot functions, one request's samples.
 */
@NullMarked
package dev.hotpath.query;

import org.jspecify.annotations.NullMarked;
